import ExcelJS from 'exceljs';
import {
  cellText,
  FIGURE_KEYS,
  type RoundSummary,
  SUMMARY_COLUMNS,
  summarySentences,
  totalsCellText,
} from '../domain/round-summary.ts';
import { A4_LANDSCAPE_ONE_PAGE_WIDE, CELL_BORDER, HEADER_STYLE } from './spreadsheet.ts';

/** Issue 15 (point 6): the round's summary upward as one sheet: title, header, a row per unit, the totals row. */
export const summaryTitle = (s: RoundSummary) => `${s.roundName}整改情况汇总表`;

const WIDTHS: Record<(typeof SUMMARY_COLUMNS)[number]['key'], number> = {
  unit: 28,
  problems: 8,
  items: 9,
  completed: 8,
  partial: 9,
  inProgress: 9,
  overdue: 7,
  rulesMade: 9,
  rulesRevised: 9,
  peopleHeld: 9,
  fundsFen: 14,
  cluesHandedOver: 9,
  cluesDisciplined: 10,
  reportSubmittedOn: 13,
  grade: 9,
};

const HEADER_ROW = 3;

export async function renderRoundSummaryXlsx(s: RoundSummary): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rectify';
  const last = SUMMARY_COLUMNS.length;
  const sheet = workbook.addWorksheet('汇总表', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      ...A4_LANDSCAPE_ONE_PAGE_WIDE,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&"宋体"&9第 &P 页，共 &N 页' },
  });
  sheet.columns = SUMMARY_COLUMNS.map((c) => ({ width: WIDTHS[c.key] }));
  const title = sheet.addRow([summaryTitle(s)]);
  title.height = 30;
  title.getCell(1).style = {
    font: { name: '方正小标宋简体', size: 18 },
    alignment: { horizontal: 'center', vertical: 'middle' },
  };
  sheet.mergeCells(1, 1, 1, last);
  const subtitle = sheet.addRow([
    `统计截至 ${s.asOf}　被巡察单位 ${s.totals.units} 个　已报送整改情况报告 ${s.totals.reportsSubmitted} 个`,
  ]);
  subtitle.getCell(1).style = { font: { name: '宋体', size: 10 }, alignment: { horizontal: 'right' } };
  sheet.mergeCells(2, 1, 2, last);
  const header = sheet.addRow(SUMMARY_COLUMNS.map((c) => c.zh));
  header.height = 32;
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  const body = { font: { name: '宋体', size: 10 }, border: CELL_BORDER };
  for (const r of s.rows) {
    const row = sheet.addRow(
      SUMMARY_COLUMNS.map((c) =>
        c.key === 'unit' || c.key === 'reportSubmittedOn' || c.key === 'grade'
          ? cellText(r, c.key)
          : c.key === 'fundsFen'
            ? r.fundsFen / 1_000_000
            : r[c.key],
      ),
    );
    // Rows do not grow by themselves in a printed sheet: a long name gets the lines it wraps to (two columns a character).
    const lines = Math.max(1, Math.ceil((r.unit.length * 2) / (WIDTHS.unit - 2)));
    if (lines > 1) row.height = 14 * lines;
    row.eachCell((cell, col) => {
      cell.style = {
        ...body,
        alignment: { horizontal: col === 1 ? 'left' : 'center', vertical: 'middle', wrapText: true },
        ...(col === 11 ? { numFmt: '0.0000' } : {}),
      };
    });
  }
  const t = s.totals;
  // Figures stay numbers in the sheet (they sum and sort); money as 万元 like the rows.
  const totals = sheet.addRow(
    SUMMARY_COLUMNS.map((c) =>
      c.key === 'fundsFen'
        ? t.fundsFen / 1_000_000
        : (FIGURE_KEYS as readonly string[]).includes(c.key)
          ? t[c.key as (typeof FIGURE_KEYS)[number]]
          : totalsCellText(t, c.key),
    ),
  );
  totals.eachCell((cell, col) => {
    cell.style = {
      font: { name: '黑体', size: 10, bold: true },
      border: CELL_BORDER,
      alignment: { horizontal: col === 1 ? 'left' : 'center', vertical: 'middle' },
      ...(col === 11 ? { numFmt: '0.0000' } : {}),
    };
  });
  const note = sheet.addRow([`说明：${summarySentences(s).join('')}`]);
  note.getCell(1).style = { font: { name: '宋体', size: 9 }, alignment: { wrapText: true, vertical: 'top' } };
  note.height = 48;
  sheet.mergeCells(note.number, 1, note.number, last);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
