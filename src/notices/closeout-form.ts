import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { FONTS } from './generate/docx.ts';

/**
 * 销号审批表 (issue 14): one A4 page per item for the paper file, signed by the unit leader and the inspection office.
 * Whatever an item holds, its page stays one page: each box has a budget of lines, and what does not fit is counted
 * ("等共 N 项") rather than spilling onto a second sheet that would come apart from the first in the binder.
 */
export interface CloseoutForm {
  unit: string;
  round: string;
  team: string;
  number: string | null;
  title: string;
  description: string | null;
  deadline: string | null;
  leadDepartment: string | null;
  responsibleLeader: string | null;
  measures: { content: string; completedOn: string | null }[];
  evidence: { fileName: string; effectiveOn: string; note: string | null }[];
  /** The latest request's 核查说明 and who made it, then the decisions on that request. */
  request: Signed | null;
  approval: Signed | null;
  confirmation: Signed | null;
  resultLabel: string;
  stateLabel: string;
  closedOn: string | null;
}

export interface Signed {
  by: string | null;
  on: string;
  note: string | null;
}

const A4 = { width: 11906, height: 16838 };
const mm = (v: number) => Math.round((v / 25.4) * 1440);
const MARGIN = { top: mm(25), bottom: mm(22), left: mm(25), right: mm(22) };
const TABLE_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const LABEL_WIDTH = 1700;
const HALF_VALUE = Math.floor((TABLE_WIDTH - 2 * LABEL_WIDTH) / 2);
/** 五号 (10.5 pt) in the boxes, 二号 for the title: the table must hold a long item on one sheet. */
const CELL_SIZE = 21;
const TITLE_SIZE = 44;
const LINE = { line: 300, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
/**
 * Characters of 10.5 pt across a full-width value box, less the cell's margins, counted short by a fifth: punctuation
 * that may not begin a line and fonts wider than the nominal em move words down, and an overestimate costs a page.
 */
const CHARS_PER_LINE = Math.floor(((TABLE_WIDTH - LABEL_WIDTH - 240) / 210) * 0.8);

const run = (text: string, options: { font?: string; size?: number; bold?: boolean } = {}) =>
  new TextRun({
    text,
    font: {
      ascii: options.font ?? FONTS.body,
      hAnsi: options.font ?? FONTS.body,
      eastAsia: options.font ?? FONTS.body,
    },
    size: options.size ?? CELL_SIZE,
    bold: options.bold,
  });

const para = (text: string, options: { font?: string; align?: 'left' | 'center' | 'right' } = {}) =>
  new Paragraph({
    children: [run(text, { font: options.font })],
    alignment:
      options.align === 'center'
        ? AlignmentType.CENTER
        : options.align === 'right'
          ? AlignmentType.RIGHT
          : AlignmentType.LEFT,
    spacing: LINE,
  });

/** Lines a text takes in a full-width box (a CJK character one unit, Latin half). */
function visualLines(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return Math.max(1, Math.ceil(width / CHARS_PER_LINE));
}

function clip(text: string, maxLines: number): string {
  if (visualLines(text) <= maxLines) return text;
  let out = '';
  for (const ch of text) {
    if (visualLines(`${out}${ch}……`) > maxLines) break;
    out += ch;
  }
  return `${out}……`;
}

/** Entries of a list within a budget of lines; the rest counted in the last line. */
export function fitLines(entries: string[], maxLines: number, unit: string): string[] {
  const out: string[] = [];
  let used = 0;
  for (const [i, entry] of entries.entries()) {
    const left = entries.length - i;
    const room = maxLines - used - (left > 1 ? 1 : 0);
    if (room < 1) {
      out.push(`……等共 ${entries.length} ${unit}，其余见系统台账`);
      return out;
    }
    const text = clip(entry, Math.min(room, 2));
    out.push(text);
    used += visualLines(text);
  }
  return out;
}

/** Lines per box: with the title, the fixed rows and the signature lines, about 40 lines of 15 pt on the sheet. */
const BUDGET = { problem: 5, measures: 8, evidence: 5, request: 3, approval: 2, confirmation: 2 } as const;

const cell = (children: Paragraph[], width: number, options: { span?: number; label?: boolean } = {}) =>
  new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.span,
    verticalAlign: options.label ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });

const label = (text: string) =>
  cell([para(text, { font: FONTS.level1, align: 'center' })], LABEL_WIDTH, { label: true });

const row = (cells: TableCell[], minHeight?: number) =>
  new TableRow({
    children: cells,
    cantSplit: true,
    height: minHeight ? { value: minHeight, rule: HeightRule.ATLEAST } : undefined,
  });

const wide = (name: string, lines: string[], minLines = 1) =>
  row(
    [
      label(name),
      cell(
        lines.map((l) => para(l)),
        TABLE_WIDTH - LABEL_WIDTH,
        { span: 3 },
      ),
    ],
    (Math.max(minLines, lines.length) * 300 + 120) | 0,
  );

const pair = (a: [string, string], b: [string, string]) =>
  row([label(a[0]), cell([para(a[1])], HALF_VALUE), label(b[0]), cell([para(b[1])], HALF_VALUE)]);

/** A decision box: what was written, then who and when, with room for the hand signature the paper file needs. */
function decision(name: string, signed: Signed | null, budget: number, signer: string) {
  const note = signed?.note?.trim() ? clip(signed.note.trim(), budget) : signed ? '（未填写意见）' : '';
  const who = signed ? `${signer}：${signed.by ?? '—'}    日期：${signed.on}` : `${signer}（签字）：            日期：`;
  return wide(name, [note, who], budget + 1);
}

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : '—');

function page(form: CloseoutForm): (Paragraph | Table)[] {
  const problem = [form.title, ...(form.description?.trim() ? [form.description.trim()] : [])].join('：');
  const measures = fitLines(
    form.measures.map(
      // The completion first: a long measure is cut at its end, never its date.
      (m, i) => `${i + 1}.〔${m.completedOn ? `${m.completedOn} 完成` : '未填完成日期'}〕${m.content}`,
    ),
    BUDGET.measures,
    '项措施',
  );
  const evidence = fitLines(
    form.evidence.map((e, i) => `${i + 1}. ${e.fileName}（${e.effectiveOn}）${e.note ? ` ${e.note}` : ''}`),
    BUDGET.evidence,
    '份材料',
  );
  const table = new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, HALF_VALUE, LABEL_WIDTH, TABLE_WIDTH - 2 * LABEL_WIDTH - HALF_VALUE],
    layout: TableLayoutType.FIXED,
    borders: {
      top: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
      bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
      left: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
      right: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
    },
    rows: [
      pair(['问题序号', blank(form.number)], ['整改时限', blank(form.deadline)]),
      pair(['牵头部门', blank(form.leadDepartment)], ['责任领导', blank(form.responsibleLeader)]),
      wide('问题描述', [clip(problem, BUDGET.problem)], 3),
      wide('整改措施及完成情况', measures.length ? measures : ['（无整改措施）'], 3),
      wide('佐证材料', evidence.length ? evidence : ['（无佐证材料）'], 2),
      decision('核查说明', form.request, BUDGET.request, '申请人'),
      decision('单位审核意见', form.approval, BUDGET.approval, '单位领导'),
      decision('巡察办确认意见', form.confirmation, BUDGET.confirmation, '巡察办'),
      pair(['整改状态', form.stateLabel], ['整改结果', form.resultLabel]),
      pair(['销号日期', blank(form.closedOn)], ['备注', '']),
    ],
  });
  return [
    new Paragraph({
      children: [run('巡察整改事项销号审批表', { font: FONTS.level1, size: TITLE_SIZE })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 200 },
    }),
    new Paragraph({
      children: [run(`被巡察单位：${form.unit}    ${form.round} · ${form.team}`, { size: 24 })],
      spacing: { before: 0, after: 120 },
    }),
    table,
  ];
}

/** One document, one section (so one page) per item, in the order given. */
export async function renderCloseoutForms(forms: CloseoutForm[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Rectify',
    title: '巡察整改事项销号审批表',
    styles: {
      default: { document: { run: { font: FONTS.body, size: CELL_SIZE } } },
    },
    sections: forms.map((form) => ({
      properties: { page: { size: A4, margin: MARGIN } },
      children: page(form),
    })),
  });
  return Packer.toBuffer(doc);
}
