import type { Writable } from 'node:stream';
// Loaded when a workbook is made, not at start: exceljs is about 30 MB of every server process's memory.
import type ExcelJS from 'exceljs';
import type { SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';
import { A4_LANDSCAPE_ONE_PAGE_WIDE, CELL_BORDER, columnLetter, HEADER_STYLE } from '../spreadsheet.ts';
import {
  COLUMN,
  cellHeight,
  type DateCell,
  ITEM_LEVEL_COLUMNS,
  itemRows,
  LATE_MARK,
  LEDGER_COLUMNS,
  type LedgerCell,
  OVERDUE_MARK,
  type SheetHeading,
  subtitleOf,
  titleOf,
} from './layout.ts';

/** One sheet of the export: one inspection's ledger (or the part of it a filter selected). */
export interface LedgerSheet {
  name: string;
  heading: SheetHeading;
  aspectNames: Map<number, string>;
  problemTitles: Map<number, string>;
  /** In ledger order; consumed once, so a caller may page them in. */
  items: Iterable<SnapshotItem> | AsyncIterable<SnapshotItem>;
}

export const HEADER_ROWS = 3;
const CHECK_BACKLOG_EVERY = 200;
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;
const LAST_COLUMN = LEDGER_COLUMNS.length;

const BODY_FONT = { name: '宋体', size: 10 };

// Shared style objects: exceljs caches a style id per object, so reusing them keeps 1.6 million cells cheap.
const styles = {
  title: {
    font: { name: '方正小标宋简体', size: 16, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  },
  subtitle: { font: { name: '宋体', size: 10 }, alignment: { horizontal: 'left', vertical: 'middle' } },
  header: HEADER_STYLE,
  text: { font: BODY_FONT, alignment: { vertical: 'top', wrapText: true }, border: CELL_BORDER },
  centred: {
    font: BODY_FONT,
    alignment: { horizontal: 'center', vertical: 'top', wrapText: true },
    border: CELL_BORDER,
  },
  date: {
    font: BODY_FONT,
    alignment: { horizontal: 'center', vertical: 'top', wrapText: true },
    border: CELL_BORDER,
    numFmt: 'yyyy"年"m"月"d"日"',
  },
  overdue: {
    font: { ...BODY_FONT, bold: true, color: { argb: 'FFC00000' } },
    alignment: { horizontal: 'center', vertical: 'top', wrapText: true },
    border: CELL_BORDER,
  },
  late: {
    font: { ...BODY_FONT, color: { argb: 'FFC65911' } },
    alignment: { horizontal: 'center', vertical: 'top', wrapText: true },
    border: CELL_BORDER,
  },
} satisfies Record<string, Partial<ExcelJS.Style>>;

const CENTRED = new Set<number>(
  (['序号', '问题类别', '措施类型', '责任领导', '责任人', '整改时限', '整改状态', '整改结果', '是否逾期'] as const).map(
    (h) => COLUMN[h],
  ),
);

/** Excel's serial day number for a calendar date (1900 system), so the cell is a real date without time-zone drift. */
function excelSerial(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 + 25569;
}

const isDateCell = (v: LedgerCell): v is DateCell => typeof v === 'object' && v !== null;

type StreamSheet = ExcelJS.Worksheet & { commit(): void };

/**
 * The streaming writer commits each row as it is written (that is what keeps 100,000 rows out of memory), while its public
 * mergeCells touches every covered cell and so throws once their rows are committed. Merges are therefore recorded where the
 * writer keeps them: it prints that list as the sheet's <mergeCells> when the sheet is committed (exceljs 4.4, pinned).
 */
function recordMerge(sheet: StreamSheet, top: number, left: number, bottom: number, right: number) {
  if (top === bottom && left === right) return;
  (sheet as unknown as { _merges: string[] })._merges.push(
    `${columnLetter(left - 1)}${top}:${columnLetter(right - 1)}${bottom}`,
  );
}

interface SheetStreamInternals {
  buffers: unknown[];
  pipes: { _writableState?: { length: number } }[];
}

/**
 * The streaming writer never pushes back: committed rows go as XML into a buffer piped to the zip's compressor, which
 * works on later turns of the event loop. Writing faster than it compresses piles the whole sheet's XML up in memory
 * (100 MB for 100,000 rows), so the writer waits whenever more than a few MB are queued. The queue is read from the
 * writer's own stream (exceljs 4.4, pinned): 64 KB blocks not yet piped, plus what the pipe holds unread.
 */
async function compressorCaughtUp(sheet: StreamSheet) {
  const stream = (sheet as unknown as { stream: SheetStreamInternals }).stream;
  const queued = () =>
    stream.buffers.length * 65536 + stream.pipes.reduce((n, p) => n + (p._writableState?.length ?? 0), 0);
  do await new Promise(setImmediate);
  while (queued() > MAX_BACKLOG_BYTES);
}

/** A run of rows sharing one merged value (an aspect or a problem), closed when the next item belongs elsewhere. */
class Run {
  private key: number | null = null;
  private top = 0;
  private bottom = 0;

  constructor(
    private readonly sheet: StreamSheet,
    private readonly column: number,
  ) {}

  /** Returns whether `key` continues the current run (its cell is then left blank, being covered by the merge). */
  continues(key: number | null, top: number, bottom: number): boolean {
    if (key !== null && key === this.key) {
      this.bottom = bottom;
      return true;
    }
    this.close();
    this.key = key;
    this.top = top;
    this.bottom = bottom;
    return false;
  }

  close() {
    if (this.key !== null) recordMerge(this.sheet, this.top, this.column + 1, this.bottom, this.column + 1);
    this.key = null;
  }
}

const MERGED_DOWN = new Set<number>([...ITEM_LEVEL_COLUMNS.map((h) => COLUMN[h]), COLUMN.问题类别, COLUMN.反馈问题]);

/**
 * Each row tall enough for its own cells; then, if the item's merged cells (title, remark, and the aspect and problem a
 * run starts with) need more than the rows give together, the last row takes the difference.
 */
function rowHeights(rows: LedgerCell[][]): number[] {
  const heights = rows.map((values) => {
    let h = 0;
    for (let c = 0; c < LAST_COLUMN; c++)
      if (rows.length === 1 || !MERGED_DOWN.has(c)) h = Math.max(h, cellHeight(values[c], LEDGER_COLUMNS[c].width));
    return h;
  });
  if (rows.length > 1) {
    let merged = 0;
    for (const c of MERGED_DOWN) merged = Math.max(merged, cellHeight(rows[0][c], LEDGER_COLUMNS[c].width));
    const total = heights.reduce((a, b) => a + b, 0);
    if (merged > total) heights[heights.length - 1] += merged - total;
  }
  return heights;
}

function styleOf(column: number, value: LedgerCell): Partial<ExcelJS.Style> {
  if (isDateCell(value)) return styles.date;
  if (column === COLUMN.是否逾期 && value === OVERDUE_MARK) return styles.overdue;
  if (column === COLUMN.是否逾期 && value === LATE_MARK) return styles.late;
  return CENTRED.has(column) ? styles.centred : styles.text;
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: LedgerSheet, today: string) {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROWS, topLeftCell: `A${HEADER_ROWS + 1}`, activeCell: 'A4' }],
    pageSetup: {
      ...A4_LANDSCAPE_ONE_PAGE_WIDE,
      horizontalCentered: true,
      printTitlesRow: `1:${HEADER_ROWS}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L&"宋体"&9${titleOf(spec.heading)}`,
      oddFooter: '&C&"宋体"&9第 &P 页，共 &N 页',
    },
  }) as StreamSheet;
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));

  const title = sheet.addRow([titleOf(spec.heading)]);
  title.height = 30;
  title.getCell(1).style = styles.title;
  title.commit();
  recordMerge(sheet, 1, 1, 1, LAST_COLUMN);
  const subtitle = sheet.addRow([subtitleOf(spec.heading)]);
  subtitle.height = 20;
  subtitle.getCell(1).style = styles.subtitle;
  subtitle.commit();
  recordMerge(sheet, 2, 1, 2, LAST_COLUMN);
  const header = sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
  header.height = 28;
  for (let c = 1; c <= LAST_COLUMN; c++) header.getCell(c).style = styles.header;
  header.commit();

  const aspects = new Run(sheet, COLUMN.问题类别);
  const problems = new Run(sheet, COLUMN.反馈问题);
  let next = HEADER_ROWS + 1;
  let position = 0;
  let written = 0;
  for await (const item of spec.items) {
    position += 1;
    const aspect = item.aspectId === null ? null : (spec.aspectNames.get(item.aspectId) ?? null);
    const problem = item.problemId === null ? null : (spec.problemTitles.get(item.problemId) ?? null);
    const { rows } = itemRows(item, { aspect, problem, position }, today);
    const top = next;
    const bottom = next + rows.length - 1;
    // A problem's run never outlives its aspect's: a new aspect closes the problem run too.
    const sameAspect = aspects.continues(item.aspectId, top, bottom);
    if (!sameAspect) problems.close();
    const sameProblem = problems.continues(item.problemId, top, bottom);
    const heights = rowHeights(rows);
    for (const [i, values] of rows.entries()) {
      // Covered by the run's merge: the value lives on the run's first row only.
      if (sameAspect || i > 0) values[COLUMN.问题类别] = null;
      if (sameProblem || i > 0) values[COLUMN.反馈问题] = null;
      const row = sheet.getRow(next);
      row.height = heights[i];
      for (let c = 0; c < LAST_COLUMN; c++) {
        const value = values[c];
        const cell = row.getCell(c + 1);
        cell.value = isDateCell(value) ? excelSerial(value.date) : value;
        cell.style = styleOf(c, value);
      }
      row.commit();
      next += 1;
      written += 1;
      if (written % CHECK_BACKLOG_EVERY === 0) await compressorCaughtUp(sheet);
    }
    for (const h of ITEM_LEVEL_COLUMNS) recordMerge(sheet, top, COLUMN[h] + 1, bottom, COLUMN[h] + 1);
  }
  problems.close();
  aspects.close();
  sheet.commit();
  return written;
}

/**
 * Writes the ledger in the customary layout to a stream, one sheet per inspection, with exceljs's streaming writer so rows
 * leave memory as soon as they are written. Returns the number of ledger rows written (header rows not counted).
 */
export async function writeLedgerWorkbook(
  output: Writable,
  sheets: Iterable<LedgerSheet> | AsyncIterable<LedgerSheet>,
  today: string,
  /** Sheets of plain text after the ledger (the template's 填写说明), one line a row. */
  notes: { name: string; lines: string[] }[] = [],
): Promise<{ rows: number }> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Rectify';
  workbook.created = new Date();
  let rows = 0;
  for await (const sheet of sheets) rows += await writeSheet(workbook, sheet, today);
  for (const note of notes) {
    const sheet = workbook.addWorksheet(note.name, { views: [{ state: 'normal' }] }) as StreamSheet;
    sheet.columns = [{ width: 110 }];
    for (const [i, line] of note.lines.entries()) {
      const row = sheet.addRow([line]);
      row.getCell(1).style =
        i === 0 ? styles.title : { font: BODY_FONT, alignment: { wrapText: true, vertical: 'top' } };
      row.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  return { rows };
}
