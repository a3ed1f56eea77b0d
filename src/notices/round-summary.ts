import {
  AlignmentType,
  Document,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  cellText,
  type RoundSummary,
  SUMMARY_COLUMNS,
  summarySentences,
  totalsCellText,
} from '../domain/round-summary.ts';
import { FONTS } from './generate/docx.ts';

/**
 * Issue 15 (point 6): the round's 汇总报告: a title, the totals as sentences, then the table of the xlsx, on A4
 * landscape pages (the table has fifteen columns). The figures are the one RoundSummary the page and the xlsx show.
 */
const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
const MARGIN = twips(20);
/** A4 landscape's type area across: 297 mm less the margins. */
const AREA = twips(297) - 2 * MARGIN;
const UNIT_SHARE = 0.17;
/** The 报送 date on one line (2026-08-10 at 10 pt). */
const DATE_SHARE = 0.1;
/** 评估等次 on one line (four characters at 10 pt), since the clue columns (issue 15) narrowed the figures' share. */
const GRADE_WIDTH = twips(19);

const run = (text: string, size: number, fontName: string = FONTS.body, bold = false) =>
  new TextRun({ text, size, bold, font: { ascii: fontName, hAnsi: fontName, eastAsia: fontName, cs: fontName } });

/**
 * The table's cells carry no formatting of their own: two paragraph styles (centred, and left for the unit) hold the
 * font and size, and the table its cell margins. A province's 2,000 rows are 26,000 cells, and every option written on
 * each of them multiplied the time the docx library took to build and pack the file.
 */
const CELL_STYLE = 'SummaryCell';
const CELL_LEFT_STYLE = 'SummaryCellLeft';
const HEAD_STYLE = 'SummaryHead';

function cell(text: string, width: number, options: { bold?: boolean; left?: boolean } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        style: options.bold ? HEAD_STYLE : options.left ? CELL_LEFT_STYLE : CELL_STYLE,
        // A bold cell of the totals row starts with its name, which reads from the left.
        ...(options.bold && options.left ? { alignment: AlignmentType.LEFT } : {}),
        text,
      }),
    ],
  });
}

const cellFont = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const STYLES = [
  {
    id: CELL_STYLE,
    name: 'Summary cell',
    basedOn: 'Normal',
    run: { size: 20, font: cellFont(FONTS.body) },
    paragraph: { alignment: AlignmentType.CENTER },
  },
  {
    id: CELL_LEFT_STYLE,
    name: 'Summary cell (left)',
    basedOn: 'Normal',
    run: { size: 20, font: cellFont(FONTS.body) },
    paragraph: { alignment: AlignmentType.LEFT },
  },
  {
    id: HEAD_STYLE,
    name: 'Summary heading cell',
    basedOn: 'Normal',
    run: { size: 20, font: cellFont(FONTS.level1) },
    paragraph: { alignment: AlignmentType.CENTER },
  },
];

export function buildRoundSummaryDocx(s: RoundSummary): Document {
  const unitWidth = Math.round(AREA * UNIT_SHARE);
  const dateWidth = Math.round(AREA * DATE_SHARE);
  const other = Math.floor((AREA - unitWidth - dateWidth - GRADE_WIDTH) / (SUMMARY_COLUMNS.length - 3));
  const widths = SUMMARY_COLUMNS.map((c) =>
    c.key === 'unit' ? unitWidth : c.key === 'reportSubmittedOn' ? dateWidth : c.key === 'grade' ? GRADE_WIDTH : other,
  );
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: SUMMARY_COLUMNS.map((c, i) => cell(c.zh, widths[i] as number, { bold: true })),
  });
  const rows = s.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: SUMMARY_COLUMNS.map((c, i) => cell(cellText(r, c.key), widths[i] as number, { left: i === 0 })),
      }),
  );
  const t = s.totals;
  const totalTexts = SUMMARY_COLUMNS.map((c) => totalsCellText(t, c.key));
  const totals = new TableRow({
    cantSplit: true,
    children: totalTexts.map((text, i) => cell(text, widths[i] as number, { bold: true, left: i === 0 })),
  });
  const paragraph = (text: string) =>
    new Paragraph({
      indent: { firstLine: 640 },
      spacing: { line: 560, lineRule: LineRuleType.EXACT },
      children: [run(text, 32)],
    });
  return new Document({
    creator: 'Rectify',
    styles: { paragraphStyles: STYLES },
    title: `${s.roundName}整改情况汇总报告`,
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(210), height: twips(297), orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [run(`${s.roundName}整改情况汇总报告`, 44, FONTS.title)],
          }),
          ...summarySentences(s).map(paragraph),
          paragraph('各单位整改情况见下表。'),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 240, after: 120 },
            children: [run(`${s.roundName}整改情况汇总表`, 28, FONTS.level1)],
          }),
          new Table({
            layout: TableLayoutType.FIXED,
            margins: { left: 40, right: 40, top: 20, bottom: 20 },
            width: { size: AREA, type: WidthType.DXA },
            columnWidths: widths,
            rows: [header, ...rows, totals],
          }),
        ],
      },
    ],
  });
}

export function renderRoundSummaryDocx(s: RoundSummary): Promise<Buffer> {
  return Packer.toBuffer(buildRoundSummaryDocx(s));
}
