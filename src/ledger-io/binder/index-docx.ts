import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { withoutControlCharacters } from '../../domain/file-names.ts';
import { RESULT_LABEL_ZH } from '../../domain/result.ts';
import { WORKFLOW_STATE_ZH } from '../../domain/workflow.ts';
import { overdueMark, WITHHELD_MARK } from '../export/layout.ts';
import { measureLines, outcomeLines, progressLines, sizeInKb } from './index-text.ts';
import type { BinderPlan, PlannedItem } from './plan.ts';

/** Official documents (GB/T 9704): A4, 仿宋_GB2312 body, 黑体 first-level and 楷体_GB2312 second-level headings. */
const BODY_FONT = '仿宋_GB2312';
const A4 = { width: 11906, height: 16838 };
const mm = (v: number) => Math.round((v / 25.4) * 1440);
const BODY_SIZE = 28; // 四号, in half-points: the index lists paths and is read more than printed

const DIGITS = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 40 → 四十: enough for any number of aspects or items in one aspect. */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

const run = (text: string, options: { font?: string; size?: number; bold?: boolean; break?: boolean } = {}) =>
  new TextRun({
    text,
    font: options.font ?? BODY_FONT,
    size: options.size ?? BODY_SIZE,
    bold: options.bold,
    break: options.break ? 1 : undefined,
  });

const line = (text: string, indent = true) =>
  new Paragraph({ children: [run(text)], indent: indent ? { firstLine: 560 } : undefined, spacing: { line: 400 } });

function labelled(label: string, lines: string[]): Paragraph[] {
  const head = new Paragraph({
    children: [run(`${label}：`, { bold: true }), ...(lines.length ? [] : [run('无')])],
    indent: { firstLine: 560 },
    spacing: { line: 400 },
  });
  return [head, ...lines.map((l) => line(l))];
}

function itemParagraphs(p: PlannedItem, position: number, today: string): Paragraph[] {
  const { item } = p;
  const status = [
    `整改状态：${WORKFLOW_STATE_ZH[item.state]}`,
    `整改结果：${RESULT_LABEL_ZH[item.result]}`,
    overdueMark(item, today),
    item.withheld ? WITHHELD_MARK : '',
  ].filter(Boolean);
  const files = p.files.map(
    (f) =>
      `${f.missing ? withoutControlCharacters(f.evidence.fileName) : f.path}（${f.evidence.effectiveOn}，${sizeInKb(f.evidence.sizeBytes)} KB${f.missing ? '，存储中缺失' : ''}）`,
  );
  return [
    new Paragraph({
      children: [run(`（${chineseNumeral(position)}）${p.label} ${item.title}`, { font: '楷体_GB2312', bold: true })],
      indent: { firstLine: 560 },
      spacing: { before: 160, line: 400 },
      keepNext: true,
    }),
    ...(p.problem ? [line(`反馈问题：${p.problem}`)] : []),
    line(status.join('；')),
    ...labelled('整改措施', measureLines(item)),
    ...labelled('整改进展', progressLines(item)),
    ...labelled('整改成效', outcomeLines(item)),
    ...labelled('佐证材料', files),
  ];
}

/** 索引.docx: a title, then per aspect and item its measures, progress, outcomes and the files' places in the binder. */
export async function binderIndexDocx(plan: BinderPlan, exportedOn: string): Promise<Buffer> {
  const { inspection } = plan.snapshot;
  const fileCount = plan.items.reduce((n, p) => n + p.files.length, 0);
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [run(`${inspection.unitName}巡察整改资料册索引`, { font: '方正小标宋简体', size: 44 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 300 },
      children: [
        run(`${inspection.roundName}  ${inspection.teamName}`, { font: '楷体_GB2312', size: 24 }),
        run(
          `反馈日期：${inspection.feedbackOn ?? '—'}  导出日期：${exportedOn}  共 ${plan.items.length} 个问题、${fileCount} 个文件`,
          { font: '楷体_GB2312', size: 24, break: true },
        ),
      ],
    }),
  ];
  let aspect: string | null | undefined;
  let aspects = 0;
  let position = 0;
  for (const p of plan.items) {
    if (p.aspect !== aspect) {
      aspect = p.aspect;
      aspects += 1;
      position = 0;
      children.push(
        new Paragraph({
          children: [run(`${chineseNumeral(aspects)}、${p.aspect ?? '其他问题'}`, { font: '黑体', size: 32 })],
          indent: { firstLine: 640 },
          spacing: { before: 240, after: 120, line: 400 },
          keepNext: true,
        }),
      );
    }
    position += 1;
    children.push(...itemParagraphs(p, position, exportedOn));
  }
  const document = new Document({
    creator: 'Rectify',
    title: `${inspection.unitName}巡察整改资料册索引`,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
