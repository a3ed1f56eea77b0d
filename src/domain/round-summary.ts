/**
 * Issue 15 (point 6): the table an inspection office reports upward for a round, one row per unit. Pure: the figures
 * come from one query (queries/round-summary.queries.ts); the xlsx, the docx and the page lay out what is here.
 */
import { GRADE_ZH, type Grade } from './evaluation.ts';
import type { ItemCounts } from './totals.ts';

export interface RoundSummaryFigures {
  problems: number;
  items: number;
  completed: number;
  /** 基本完成 */
  partial: number;
  inProgress: number;
  overdue: number;
  rulesMade: number;
  rulesRevised: number;
  peopleHeld: number;
  /** 追缴资金, in fen: summed exactly, shown in 万元 by the layouts. */
  fundsFen: number;
  /**
   * 问题线索 handed over to the 纪委监委, and the people those clues brought 党纪政务处分 (clues.ts). Columns of their
   * own, not added into peopleHeld: peopleHeld is the unit's own accountability (问责) as its items record it, which may
   * already name someone the 纪委 then disciplined, and the office reports the clues' figures upward on their own.
   */
  cluesHandedOver: number;
  cluesDisciplined: number;
}

export interface RoundSummaryRow extends RoundSummaryFigures {
  unitId: number;
  unit: string;
  /** The date the unit's 整改情况报告 was submitted (报送), or null while it has not been. */
  reportSubmittedOn: string | null;
  reportDocNumber: string | null;
  grade: Grade | null;
}

export interface RoundSummary {
  roundId: number;
  roundName: string;
  /** The day the figures are as of (overdue is counted against it). */
  asOf: string;
  rows: RoundSummaryRow[];
  totals: RoundSummaryFigures & { units: number; reportsSubmitted: number };
}

export const FIGURE_KEYS = [
  'problems',
  'items',
  'completed',
  'partial',
  'inProgress',
  'overdue',
  'rulesMade',
  'rulesRevised',
  'peopleHeld',
  'fundsFen',
  'cluesHandedOver',
  'cluesDisciplined',
] as const satisfies readonly (keyof RoundSummaryFigures)[];

/** The columns, in order, with their Chinese headings: the page, the xlsx and the docx print exactly these. */
export const SUMMARY_COLUMNS: readonly {
  key: 'unit' | keyof RoundSummaryFigures | 'reportSubmittedOn' | 'grade';
  zh: string;
  en: string;
}[] = [
  { key: 'unit', zh: '单位', en: 'Unit' },
  { key: 'problems', zh: '问题数', en: 'Problems' },
  { key: 'items', zh: '整改事项', en: 'Items' },
  { key: 'completed', zh: '已完成', en: 'Completed' },
  { key: 'partial', zh: '基本完成', en: 'Partly' },
  { key: 'inProgress', zh: '正在推进', en: 'In progress' },
  { key: 'overdue', zh: '逾期', en: 'Overdue' },
  { key: 'rulesMade', zh: '新建制度', en: 'Rules made' },
  { key: 'rulesRevised', zh: '修订制度', en: 'Rules revised' },
  { key: 'peopleHeld', zh: '问责人数', en: 'People held' },
  { key: 'fundsFen', zh: '追缴资金（万元）', en: 'Funds (10k yuan)' },
  { key: 'cluesHandedOver', zh: '移交问题线索', en: 'Clues handed over' },
  { key: 'cluesDisciplined', zh: '党纪政务处分人数', en: 'People disciplined' },
  { key: 'reportSubmittedOn', zh: '报告报送日期', en: 'Report submitted' },
  { key: 'grade', zh: '评估等次', en: 'Grade' },
];

/** Sums the rows into the totals row (money in fen, so nothing is lost to rounding). */
export function summaryTotals(rows: readonly RoundSummaryRow[]): RoundSummary['totals'] {
  const totals = { units: rows.length, reportsSubmitted: 0 } as RoundSummary['totals'];
  for (const k of FIGURE_KEYS) totals[k] = 0;
  for (const r of rows) {
    for (const k of FIGURE_KEYS) totals[k] += r[k];
    if (r.reportSubmittedOn) totals.reportsSubmitted += 1;
  }
  return totals;
}

/** 万元 with up to four decimals, trailing zeros dropped (12345600 fen → "12.3456"). */
export function fenToWanYuan(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 1_000_000);
  const rest = Math.round((abs % 1_000_000) / 100)
    .toString()
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

export const gradeLabel = (grade: Grade | null): string => (grade ? GRADE_ZH[grade] : '—');

/** A cell of the table as printed: figures as numbers, money in 万元, a missing date or grade as a dash. */
export function cellText(row: RoundSummaryRow, key: (typeof SUMMARY_COLUMNS)[number]['key']): string {
  if (key === 'unit') return row.unit;
  if (key === 'reportSubmittedOn') return row.reportSubmittedOn ?? '未报送';
  if (key === 'grade') return gradeLabel(row.grade);
  if (key === 'fundsFen') return fenToWanYuan(row.fundsFen);
  return String(row[key]);
}

/** A cell of the totals row as printed: the units counted, the figures summed, how many reports were submitted. */
export function totalsCellText(t: RoundSummary['totals'], key: (typeof SUMMARY_COLUMNS)[number]['key']): string {
  if (key === 'unit') return `合计（${t.units} 个单位）`;
  if (key === 'reportSubmittedOn') return `已报送 ${t.reportsSubmitted}`;
  if (key === 'grade') return '—';
  if (key === 'fundsFen') return fenToWanYuan(t.fundsFen);
  return String(t[key]);
}

const pct = (n: number, of: number) => (of === 0 ? '0' : (Math.round((n / of) * 1000) / 10).toString());

/** The 汇总报告's opening: the round's totals as sentences. */
export function summarySentences(s: RoundSummary): string[] {
  const t = s.totals;
  return [
    `截至${s.asOf}，${s.roundName}共涉及被巡察单位 ${t.units} 个，反馈问题 ${t.problems} 个，形成整改事项 ${t.items} 项。`,
    `其中已完成整改 ${t.completed} 项、基本完成 ${t.partial} 项，完成率 ${pct(t.completed + t.partial, t.items)}%；正在推进 ${t.inProgress} 项，逾期未完成 ${t.overdue} 项。`,
    `通过整改新建制度 ${t.rulesMade} 项、修订制度 ${t.rulesRevised} 项，问责 ${t.peopleHeld} 人，追缴资金 ${fenToWanYuan(t.fundsFen)} 万元。`,
    `向纪委监委移交问题线索 ${t.cluesHandedOver} 件，给予党纪政务处分 ${t.cluesDisciplined} 人。`,
    `${t.reportsSubmitted} 个单位已报送整改情况报告，${t.units - t.reportsSubmitted} 个单位尚未报送。`,
  ];
}

/**
 * The ledger's part of a row from the round overview's counts (totals.ts): 已完成 and 基本完成 by result, 逾期 the open
 * items past their deadline, 正在推进 every other open item (not started, in progress, awaiting close-out).
 */
export function ledgerFigures(
  c: ItemCounts,
): Pick<RoundSummaryFigures, 'items' | 'completed' | 'partial' | 'inProgress' | 'overdue'> {
  return {
    items: c.items,
    completed: c.completed,
    partial: c.partiallyCompleted,
    inProgress: c.items - c.closed - c.overdue,
    overdue: c.overdue,
  };
}
