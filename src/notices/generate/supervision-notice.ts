import {
  AlignmentType,
  BorderStyle,
  Document,
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
import { zhDate } from './build.ts';
import { FONTS, PAGE } from './docx.ts';

/**
 * Issue 15 (督办 as documents): the 督办通知书 of one order, laid out as the notices are (GB/T 9704-2012: A4, the same
 * margins, 3号 仿宋 at a fixed 28.9 pt pitch, 2号 小标宋 title): the issuing office's name in red as the 版头, the 文号
 * under it, the red rule, the title, the unit addressed, what is asked, the items concerned in a table, the deadline,
 * then the issuer and the date.
 */
export interface OrderNotice {
  docNumber: string | null;
  issuer: string;
  unit: string;
  title: string;
  content: string;
  dueOn: string;
  issuedOn: string;
  items: { number: string | null; title: string; deadline: string | null }[];
  /** A recalled order still prints (for the file), marked so across its head. */
  recalled: boolean;
}

const RED = 'E60012';
const BODY = 32;
const LINE = 578;
const CHAR = 320;
const AREA = PAGE.width - PAGE.left - PAGE.right;
const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const exact = (line = LINE) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
const flush = { firstLine: 0, firstLineChars: 0 };

const run = (text: string, options: { size?: number; font?: string; color?: string; bold?: boolean } = {}) =>
  new TextRun({
    text,
    size: options.size ?? BODY,
    font: font(options.font ?? FONTS.body),
    color: options.color,
    bold: options.bold,
  });

const body = (text: string, keepWithNext = false) =>
  new Paragraph({
    keepNext: keepWithNext,
    keepLines: keepWithNext,
    alignment: AlignmentType.JUSTIFIED,
    spacing: exact(),
    indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
    children: [run(text)],
  });

const blank = () => new Paragraph({ spacing: exact(), indent: flush, children: [] });

function widthInChars(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

function cell(text: string, width: number, head = false, left = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 20, after: 20 },
        indent: flush,
        // 小四 in the table, as offices print their lists of items.
        children: [run(text, { size: 24, font: head ? FONTS.level1 : FONTS.body })],
      }),
    ],
  });
}

function itemsTable(items: OrderNotice['items']): Table {
  const widths = [Math.round(AREA * 0.08), Math.round(AREA * 0.15), 0, Math.round(AREA * 0.25)];
  widths[2] = AREA - widths[0] - widths[1] - widths[3];
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ['序号', '编号', '整改事项', '整改期限'].map((t, i) => cell(t, widths[i] as number, true)),
  });
  const rows = items.map(
    (item, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1), widths[0] as number),
          cell(item.number ?? '—', widths[1] as number),
          cell(item.title, widths[2] as number, false, true),
          cell(item.deadline ? zhDate(item.deadline) : '—', widths[3] as number),
        ],
      }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: AREA, type: WidthType.DXA },
    columnWidths: widths,
    margins: { left: 80, right: 80 },
    rows: [head, ...rows],
  });
}

export function buildOrderNoticeDocx(n: OrderNotice): Document {
  const children: (Paragraph | Table)[] = [
    // 版头: the issuing office's name in red 小标宋, centred, then the 文号 and the red rule under it.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 900, lineRule: LineRuleType.EXACT, before: 0, after: 240 },
      indent: flush,
      children: [run(n.issuer, { size: widthInChars(n.issuer) > 14 ? 52 : 72, font: FONTS.title, color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...exact(), after: 120 },
      indent: flush,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      children: [run(n.docNumber ?? '')],
    }),
    blank(),
  ];
  if (n.recalled) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(),
        indent: flush,
        children: [run('（已撤回）', { font: FONTS.level1, color: RED })],
      }),
    );
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: LINE },
      indent: flush,
      keepNext: true,
      children: [run('督办通知书', { size: 44, font: FONTS.title })],
    }),
    new Paragraph({ spacing: exact(), indent: flush, children: [run(`${n.unit}：`)] }),
    body(`现就“${n.title}”事项进行督办，具体如下：`),
    ...n.content
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => body(line)),
  );
  if (n.items.length > 0) {
    children.push(
      new Paragraph({
        spacing: exact(),
        indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
        keepNext: true,
        children: [run(`督办涉及以下 ${n.items.length} 项整改事项：`, { font: FONTS.level1 })],
      }),
      itemsTable(n.items),
    );
  }
  // GB/T 9704 allows no page that holds the signature alone: the last paragraph travels with it.
  children.push(
    body(`请于${zhDate(n.dueOn)}前办结，并将办理情况书面报送${n.issuer}。逾期未办结的，将按有关规定进一步督办。`, true),
  );
  // Signature: the date four characters from the right margin, the issuer centred over it (GB/T 9704 7.3.5.1).
  const date = zhDate(n.issuedOn);
  const dateRight = 4 * CHAR;
  const signerRight = Math.max(0, Math.round(dateRight + ((widthInChars(date) - widthInChars(n.issuer)) * CHAR) / 2));
  const right = (text: string, indent: number, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { ...exact(), before },
      indent: { ...flush, right: indent },
      keepNext: true,
      children: [run(text)],
    });
  // Two blank lines above the issuer, as spacing: LibreOffice lets empty paragraphs fall away from the text they follow.
  children.push(right(n.issuer, signerRight, 2 * LINE), right(date, dateRight));
  return new Document({
    creator: 'Rectify',
    title: `督办通知书 ${n.docNumber ?? ''}`.trim(),
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: BODY }, paragraph: { spacing: exact() } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: PAGE.header,
              footer: PAGE.footer,
            },
          },
        },
        children,
      },
    ],
  });
}

export function renderOrderNoticeDocx(n: OrderNotice): Promise<Buffer> {
  return Packer.toBuffer(buildOrderNoticeDocx(n));
}

/** The file name the 通知书 is saved under: 督办通知书（〔2026〕第12号）单位.docx */
export function orderNoticeFileName(n: Pick<OrderNotice, 'docNumber' | 'unit'>, ext: 'docx' | 'pdf' | 'ofd'): string {
  return `督办通知书${n.docNumber ? `（${n.docNumber}）` : ''}${n.unit}.${ext}`;
}
