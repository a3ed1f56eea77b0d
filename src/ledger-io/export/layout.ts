import { isOverdue } from '../../domain/deadline.ts';
import { extensionWords, isLate } from '../../domain/extensions.ts';
import { withoutControlCharacters } from '../../domain/file-names.ts';
import { MEASURE_KIND_ZH, type MeasureKind } from '../../domain/measure.ts';
import { RESULT_LABEL_ZH } from '../../domain/result.ts';
import { WORKFLOW_STATE_ZH } from '../../domain/workflow.ts';
import type { SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';

/**
 * The customary ledger layout (整改台账) as plain values: what the .xlsx writer lays out and what the Excel import reads back,
 * so the two agree on one definition of every column and label.
 */
export const LEDGER_SHEET_NAME = '整改台账';
/** The template's sheet of instructions (issue 14), which the import passes over. */
export const INSTRUCTIONS_SHEET_NAME = '填写说明';

export const LEDGER_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '问题类别', width: 12 },
  { header: '反馈问题', width: 24 },
  { header: '具体问题', width: 34 },
  { header: '整改措施', width: 40 },
  { header: '措施类型', width: 10 },
  { header: '责任领导', width: 10 },
  { header: '责任部门', width: 12 },
  { header: '责任人', width: 10 },
  { header: '整改时限', width: 14 },
  { header: '整改进展', width: 40 },
  { header: '整改状态', width: 10 },
  { header: '整改结果', width: 11 },
  { header: '是否逾期', width: 10 },
  { header: '佐证材料', width: 24 },
  { header: '备注', width: 16 },
] as const;

export type LedgerHeader = (typeof LEDGER_COLUMNS)[number]['header'];

/** Column positions (0-based) by header, so the writer and the tests never count by hand. */
export const COLUMN: Record<LedgerHeader, number> = Object.fromEntries(
  LEDGER_COLUMNS.map((c, i) => [c.header, i]),
) as Record<LedgerHeader, number>;

/** Cells that describe the item rather than one measure: written on its first row and merged down over the others. */
export const ITEM_LEVEL_COLUMNS: readonly LedgerHeader[] = [
  '序号',
  '具体问题',
  '整改状态',
  '整改结果',
  '是否逾期',
  '备注',
];

export const OVERDUE_MARK = '逾期';
export const LATE_MARK = '逾期完成';
/** Issue 13: open, not overdue against the deadline in force, but on record as having missed an earlier one. */
export const WAS_LATE_MARK = '曾逾期';
export const WITHHELD_MARK = '不宜公开';
export const FLAGGED_MARK = '挂牌督办';

/** A calendar date the writer turns into a real Excel date, as opposed to text that merely looks like one. */
export interface DateCell {
  date: string;
}

export type LedgerCell = string | number | DateCell | null;

/** One item's rows: one per measure (one row when it has none), cells in LEDGER_COLUMNS order. */
export interface ItemRows {
  rows: LedgerCell[][];
}

export interface SheetHeading {
  /** The inspected unit (被巡察单位). */
  unit: string;
  team: string;
  feedbackOn: string | null;
  exportedOn: string;
}

export function titleOf(heading: SheetHeading): string {
  return `${heading.unit}巡察反馈问题整改台账`;
}

export function subtitleOf(heading: SheetHeading): string {
  return [
    `填报单位：${heading.unit}`,
    `巡察组：${heading.team}`,
    `反馈日期：${heading.feedbackOn ?? ''}`,
    `导出日期：${heading.exportedOn}`,
  ].join('    ');
}

/**
 * 逾期 while open past the deadline, 逾期完成 once closed late, 曾逾期 when an extension came after a missed deadline,
 * blank otherwise. Lateness on record (missedDeadline) counts: moving the deadline never clears the mark.
 */
export function overdueMark(
  item: Pick<SnapshotItem, 'deadline' | 'state' | 'closedOn'> & { missedDeadline?: string | null },
  today: string,
): string {
  if (isOverdue(item.deadline, item.state, today)) return OVERDUE_MARK;
  if (!isLate({ ...item, missedDeadline: item.missedDeadline ?? null }, today)) return '';
  return item.state === 'closed' ? LATE_MARK : WAS_LATE_MARK;
}

export function remarkOf(
  item: Pick<SnapshotItem, 'withheld' | 'withheldReason' | 'flagged'> &
    Partial<Pick<SnapshotItem, 'deadline' | 'originalDeadline' | 'extensionCount'>>,
): string {
  const lines: string[] = [];
  if (item.withheld) lines.push(item.withheldReason ? `${WITHHELD_MARK}：${item.withheldReason}` : WITHHELD_MARK);
  if (item.flagged) lines.push(FLAGGED_MARK);
  // Issue 13: 原定时限 and 调整后时限 with the number of extensions, beside the deadline in force in 整改时限.
  const extended = extensionWords({
    deadline: item.deadline ?? null,
    originalDeadline: item.originalDeadline ?? null,
    extensionCount: item.extensionCount ?? 0,
  });
  if (extended) lines.push(extended);
  return lines.join('\n');
}

/** 整改时限: the date when there is one, else what the kind says about time (立行立改, 长期坚持), else blank. */
export function deadlineCell(deadline: string | null, kind: MeasureKind): LedgerCell {
  if (deadline) return { date: deadline };
  return kind === 'deadline' ? null : MEASURE_KIND_ZH[kind];
}

/** 序号: the item's own number, as a number when it is a plain one so Excel sorts it; its position when it has none. */
export function serialCell(number: string | null, position: number): LedgerCell {
  if (number === null || number === '') return position;
  return /^[1-9]\d{0,8}$/.test(number) ? Number(number) : number;
}

const lines = (values: string[]) => (values.length ? values.join('\n') : null);

/** The rows of one item, with the aspect and problem names it sits under. */
export function itemRows(
  item: SnapshotItem,
  place: { aspect: string | null; problem: string | null; position: number },
  today: string,
): ItemRows {
  const progressOf = (measureId: number | null) =>
    item.progress.filter((p) => p.measureId === measureId).map((p) => `${p.entryOn} ${p.content}`);
  const filesOf = (measureId: number | null) =>
    item.evidence.filter((e) => e.measureId === measureId).map((e) => withoutControlCharacters(e.fileName));
  const measureIds = new Set(item.measures.map((m) => m.id));
  // Entries naming a measure the item no longer has still belong in the ledger: they stay on the item's first row.
  const itemLevel = <T extends { measureId: number | null }>(list: T[]) =>
    list.filter((x) => x.measureId === null || !measureIds.has(x.measureId));
  const itemProgress = itemLevel(item.progress).map((p) => `${p.entryOn} ${p.content}`);
  const itemFiles = itemLevel(item.evidence).map((e) => withoutControlCharacters(e.fileName));

  const itemCells = (row: LedgerCell[]) => {
    row[COLUMN.序号] = serialCell(item.number, place.position);
    row[COLUMN.具体问题] = item.title;
    row[COLUMN.整改状态] = WORKFLOW_STATE_ZH[item.state];
    row[COLUMN.整改结果] = RESULT_LABEL_ZH[item.result];
    row[COLUMN.是否逾期] = overdueMark(item, today) || null;
    row[COLUMN.备注] = remarkOf(item) || null;
  };
  const blank = (): LedgerCell[] => {
    const row: LedgerCell[] = new Array(LEDGER_COLUMNS.length).fill(null);
    row[COLUMN.问题类别] = place.aspect;
    row[COLUMN.反馈问题] = place.problem;
    return row;
  };

  if (item.measures.length === 0) {
    const row = blank();
    itemCells(row);
    row[COLUMN.措施类型] = MEASURE_KIND_ZH[item.kind];
    row[COLUMN.责任领导] = item.responsibleLeader;
    row[COLUMN.责任部门] = item.leadDepartment;
    row[COLUMN.整改时限] = deadlineCell(item.deadline, item.kind);
    row[COLUMN.整改进展] = lines(itemProgress);
    row[COLUMN.佐证材料] = lines(itemFiles);
    return { rows: [row] };
  }

  const rows = item.measures.map((m, i) => {
    const row = blank();
    if (i === 0) itemCells(row);
    row[COLUMN.整改措施] = m.content;
    row[COLUMN.措施类型] = MEASURE_KIND_ZH[m.kind];
    row[COLUMN.责任领导] = m.responsibleLeader ?? item.responsibleLeader;
    row[COLUMN.责任部门] = m.department ?? item.leadDepartment;
    row[COLUMN.责任人] = m.responsiblePerson;
    row[COLUMN.整改时限] = deadlineCell(m.deadline, m.kind);
    row[COLUMN.整改进展] = lines(i === 0 ? [...itemProgress, ...progressOf(m.id)] : progressOf(m.id));
    row[COLUMN.佐证材料] = lines(i === 0 ? [...itemFiles, ...filesOf(m.id)] : filesOf(m.id));
    return row;
  });
  return { rows };
}

/** Points per wrapped line of the 10-point body font, and the cell's top and bottom padding. */
const LINE_HEIGHT = 14;
const ROW_PADDING = 4;
export const MIN_ROW_HEIGHT = 18;

/**
 * The height a wrapped cell needs in a column `width` characters wide. Neither Excel nor LibreOffice grows rows to fit
 * wrapped text when a file is opened, so the writer sets each row's height from this estimate: a Chinese character is
 * about two Latin ones wide.
 */
export function cellHeight(value: LedgerCell, width: number): number {
  if (typeof value !== 'string' || value === '') return MIN_ROW_HEIGHT;
  const usable = Math.max(1, width - 1.5);
  let lines = 0;
  for (const line of value.split('\n')) {
    let units = 0;
    for (const ch of line) units += ch.charCodeAt(0) > 0x2e7f ? 1.9 : 1;
    lines += Math.max(1, Math.ceil(units / usable));
  }
  return Math.max(MIN_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING);
}
