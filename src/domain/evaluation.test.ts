import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_TOTAL,
  DEFAULT_CHECKLIST,
  deductionProblem,
  evaluate,
  GRADE_ZH,
  gradeOf,
  type ScoredEntry,
} from './evaluation.ts';

const scored = (deductions: Record<string, number> = {}): ScoredEntry[] =>
  DEFAULT_CHECKLIST.map((e) => ({
    key: e.key,
    label: e.label,
    points: e.points,
    deduction: deductions[e.key] ?? 0,
    note: null,
  }));

describe('the default checklist', () => {
  it('adds up to 100 points with unique keys', () => {
    expect(DEFAULT_CHECKLIST.reduce((n, e) => n + e.points, 0)).toBe(CHECKLIST_TOTAL);
    expect(new Set(DEFAULT_CHECKLIST.map((e) => e.key)).size).toBe(DEFAULT_CHECKLIST.length);
  });
});

describe('gradeOf', () => {
  it.each([
    [100, '好'],
    [90, '好'],
    [89.5, '较好'],
    [80, '较好'],
    [79.5, '一般'],
    [60, '一般'],
    [59.5, '差'],
    [0, '差'],
  ])('%s points is %s', (score, zh) => {
    expect(GRADE_ZH[gradeOf(score)]).toBe(zh);
  });
});

describe('deductionProblem', () => {
  it.each([
    [0, 25, null],
    [25, 25, null],
    [12.5, 25, null],
    [30, 25, 'out_of_range'],
    [25.5, 25, 'out_of_range'],
    [-5, 25, 'out_of_range'],
    [-0.5, 25, 'out_of_range'],
    [Number.NaN, 25, 'out_of_range'],
    [Number.POSITIVE_INFINITY, 25, 'out_of_range'],
    [0.3, 25, 'off_step'],
    [24.9, 25, 'off_step'],
  ])('%s of %s points: %s', (deduction, points, expected) => {
    expect(deductionProblem(deduction, points)).toBe(expected);
  });
});

describe('evaluate', () => {
  it('gives 100 and 好 with no deductions', () => {
    expect(evaluate(scored())).toMatchObject({ score: 100, grade: 'good' });
  });

  it('subtracts the deductions and grades the rest', () => {
    const r = evaluate(scored({ completion: 10, ledger: 5.5 }));
    expect(r.score).toBe(84.5);
    expect(r.grade).toBe('fairly_good');
  });

  it('grades a unit that lost most points 差', () => {
    const all = Object.fromEntries(DEFAULT_CHECKLIST.map((e) => [e.key, e.points]));
    expect(evaluate(scored(all))).toMatchObject({ score: 0, grade: 'poor' });
  });

  it('accepts a locality checklist of its own when it adds up to 100', () => {
    const own: ScoredEntry[] = [
      { key: 'a', label: '整改成效', points: 60, deduction: 12, note: '两项逾期' },
      { key: 'b', label: '长效机制', points: 40, deduction: 0, note: null },
    ];
    expect(evaluate(own)).toMatchObject({ score: 88, grade: 'fairly_good' });
  });

  it.each([
    ['an empty checklist', [], 'entries_required'],
    ['a deduction above the points', scored({ plan: 16 }), 'bad_deduction'],
    ['a negative deduction', scored({ plan: -1 }), 'bad_deduction'],
    ['a deduction off the half-point step', scored({ plan: 0.3 }), 'bad_deduction'],
    ['a non-number deduction', scored({ plan: Number.NaN }), 'bad_deduction'],
    ['points not adding up to 100', scored().slice(1), 'points_not_100'],
    ['a repeated entry', [...scored().slice(0, -1), { ...scored()[0], points: 10 }], 'duplicate_entry'],
    ['an entry without a name', scored().map((e, i) => (i === 0 ? { ...e, label: ' ' } : e)), 'entry_incomplete'],
    ['zero points', [{ key: 'x', label: 'x', points: 0, deduction: 0, note: null }, ...scored()], 'bad_points'],
  ] as const)('refuses %s', (_name, entries, code) => {
    expect(() => evaluate(entries as ScoredEntry[])).toThrowError(expect.objectContaining({ code }));
  });
});
