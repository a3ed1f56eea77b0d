import { describe, expect, it } from 'vitest';
import {
  cellText,
  fenToWanYuan,
  ledgerFigures,
  type RoundSummaryRow,
  SUMMARY_COLUMNS,
  summarySentences,
  summaryTotals,
  totalsCellText,
} from './round-summary.ts';
import type { ItemCounts } from './totals.ts';

const row = (over: Partial<RoundSummaryRow>): RoundSummaryRow => ({
  unitId: 1,
  unit: '市交通运输局',
  problems: 3,
  items: 10,
  completed: 4,
  partial: 2,
  inProgress: 3,
  overdue: 1,
  rulesMade: 2,
  rulesRevised: 1,
  peopleHeld: 5,
  fundsFen: 1_234_567,
  cluesHandedOver: 2,
  cluesDisciplined: 1,
  reportSubmittedOn: '2026-08-10',
  reportDocNumber: '〔2026〕12号',
  grade: 'good',
  ...over,
});

describe('the round summary', () => {
  it('splits the overview counts into completed, 基本完成, in progress and overdue', () => {
    const counts = {
      items: 10,
      closed: 7,
      completed: 5,
      partiallyCompleted: 1,
      overdue: 2,
    } as ItemCounts;
    expect(ledgerFigures(counts)).toEqual({ items: 10, completed: 5, partial: 1, inProgress: 1, overdue: 2 });
  });

  it('sums the totals row exactly, money in fen, and counts the reports submitted', () => {
    const t = summaryTotals([row({}), row({ unitId: 2, fundsFen: 1, reportSubmittedOn: null, items: 5 })]);
    expect(t).toMatchObject({ units: 2, items: 15, fundsFen: 1_234_568, reportsSubmitted: 1, peopleHeld: 10 });
    expect(summaryTotals([])).toMatchObject({ units: 0, items: 0, fundsFen: 0, reportsSubmitted: 0 });
    // The totals row as the .docx prints it (the .xlsx keeps the figures as numbers, the same words elsewhere).
    expect(SUMMARY_COLUMNS.map((c) => totalsCellText(t, c.key))).toEqual([
      '合计（2 个单位）',
      '6',
      '15',
      '8',
      '4',
      '6',
      '2',
      '4',
      '2',
      '10',
      '1.2346',
      '4',
      '2',
      '已报送 1',
      '—',
    ]);
  });

  it('prints 万元 with up to four decimals', () => {
    expect(fenToWanYuan(0)).toBe('0');
    expect(fenToWanYuan(1_000_000)).toBe('1');
    expect(fenToWanYuan(1_234_567)).toBe('1.2346');
    expect(fenToWanYuan(10_000)).toBe('0.01');
    expect(fenToWanYuan(-1_500_000)).toBe('-1.5');
  });

  it('prints every column of a row, a dash or 未报送 where nothing is known', () => {
    const texts = SUMMARY_COLUMNS.map((c) => cellText(row({ reportSubmittedOn: null, grade: null }), c.key));
    expect(texts).toEqual([
      '市交通运输局',
      '3',
      '10',
      '4',
      '2',
      '3',
      '1',
      '2',
      '1',
      '5',
      '1.2346',
      '2',
      '1',
      '未报送',
      '—',
    ]);
    expect(cellText(row({}), 'grade')).toBe('好');
  });

  it('words the totals as the report opens', () => {
    const rows = [row({})];
    const text = summarySentences({
      roundId: 1,
      roundName: '十届市委第一轮巡察',
      asOf: '2026-08-15',
      rows,
      totals: summaryTotals(rows),
    }).join('');
    expect(text).toContain(
      '截至2026-08-15，十届市委第一轮巡察共涉及被巡察单位 1 个，反馈问题 3 个，形成整改事项 10 项。',
    );
    expect(text).toContain('完成率 60%');
    expect(text).toContain('追缴资金 1.2346 万元');
    expect(text).toContain('向纪委监委移交问题线索 2 件，给予党纪政务处分 1 人。');
    expect(text).toContain('1 个单位已报送整改情况报告，0 个单位尚未报送。');
  });
});
