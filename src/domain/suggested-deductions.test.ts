import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKLIST, deductionProblem } from './evaluation.ts';
import {
  type EvaluationFacts,
  type ItemFact,
  ledgerReasons,
  overdueDeduction,
  REASON_CODES,
  REASON_ENTRY,
  reportDeduction,
  SUGGESTION_RATES,
  suggestDeductions,
  suggestedScore,
} from './suggested-deductions.ts';

const TODAY = '2026-08-15';
let next = 1;
const item = (patch: Partial<ItemFact> = {}): ItemFact => ({
  id: next++,
  number: `${next}`,
  title: `事项${next}`,
  deadline: '2026-12-31',
  missedDeadline: null,
  state: 'in_progress',
  closedOn: null,
  returns: 0,
  rebounds: 0,
  evidence: 1,
  hasLeadDepartment: true,
  hasResponsibleLeader: true,
  ...patch,
});
const facts = (patch: Partial<EvaluationFacts> = {}): EvaluationFacts => ({
  today: TODAY,
  items: [item()],
  reportDueOn: '2026-09-30',
  reportSubmittedOn: null,
  publications: 1,
  unansweredComments: 0,
  orders: [],
  ...patch,
});
const entry = (f: EvaluationFacts, key: string) => suggestDeductions(f).find((s) => s.key === key);

describe('suggested deductions from the ledger', () => {
  it('suggests nothing for a clean ledger: every entry 0, no reasons, score 100', () => {
    const s = suggestDeductions(facts());
    expect(s.map((x) => x.key)).toEqual(DEFAULT_CHECKLIST.map((e) => e.key));
    expect(s.every((x) => x.deduction === 0 && x.reasons.length === 0 && !x.capped)).toBe(true);
    expect(suggestedScore(s)).toBe(100);
  });

  it('every reason counts against an entry of the checklist', () => {
    const keys = new Set(DEFAULT_CHECKLIST.map((e) => e.key));
    for (const code of REASON_CODES) expect(keys.has(REASON_ENTRY[code])).toBe(true);
  });

  it('an overdue item: 1 point, +0.5 per full 30 days, at most 3', () => {
    expect(overdueDeduction(0)).toBe(0);
    expect(overdueDeduction(-3)).toBe(0);
    for (const [days, points] of [
      [1, 1],
      [29, 1],
      [30, 1.5],
      [59, 1.5],
      [60, 2],
      [120, 3],
      [1000, 3],
    ]) {
      expect(overdueDeduction(days)).toBe(points);
    }
  });

  it('names each overdue item with 编号, title and days, longest first', () => {
    const a = item({ number: '3', title: '食堂采购', deadline: '2026-08-05' });
    const b = item({ number: '7', title: '公车管理', deadline: '2026-06-01' });
    const due = item({ deadline: TODAY });
    const closed = item({ deadline: '2026-01-01', state: 'closed', closedOn: '2025-12-30' });
    const s = entry(facts({ items: [a, b, due, closed] }), 'completion');
    // 10 days: 1; 75 days: 1 + 0.5 × 2.
    expect(s?.deduction).toBe(3);
    const reason = s?.reasons[0];
    expect(reason?.code).toBe('overdue_open');
    expect(reason?.refs.map((r) => [r.number, r.title, r.detail])).toEqual([
      ['7', '公车管理', '逾期 75 天'],
      ['3', '食堂采购', '逾期 10 天'],
    ]);
    expect(reason?.text).toContain('2 项事项逾期未完成（最长逾期 75 天）');
  });

  it('an item closed late counts 0.5, from the first missed deadline when an extension moved it', () => {
    const late = item({ deadline: '2026-07-01', state: 'closed', closedOn: '2026-07-11' });
    const extended = item({
      deadline: '2026-09-01',
      missedDeadline: '2026-06-01',
      state: 'closed',
      closedOn: '2026-08-01',
    });
    const onTime = item({ deadline: '2026-07-01', state: 'closed', closedOn: '2026-07-01' });
    const noDeadline = item({ deadline: null, state: 'closed', closedOn: '2026-07-01' });
    const s = entry(facts({ items: [late, extended, onTime, noDeadline] }), 'completion');
    expect(s?.deduction).toBe(1);
    expect(s?.reasons[0].refs.map((r) => r.detail)).toEqual([
      '2026-07-11 完成，晚于期限 10 天',
      '2026-08-01 完成，晚于期限 61 天',
    ]);
  });

  it('rebounds count 2 each, per rebound', () => {
    const s = entry(facts({ items: [item({ rebounds: 2, number: '5' }), item({ rebounds: 1 })] }), 'completion');
    expect(s?.deduction).toBe(6);
    expect(s?.reasons[0].code).toBe('rebound');
    expect(s?.reasons[0].text).toContain('3 次问题反弹（2 项事项）');
    expect(s?.reasons[0].refs[0]).toMatchObject({ number: '5', detail: '反弹 2 次' });
  });

  it('closed without evidence 1 each, returns 0.5 each, both under 台账管理', () => {
    const bare = item({ state: 'closed', closedOn: '2026-07-01', evidence: 0 });
    const openBare = item({ evidence: 0 });
    const returned = item({ returns: 3 });
    const s = entry(facts({ items: [bare, openBare, returned] }), 'ledger');
    expect(s?.reasons.map((r) => [r.code, r.deduction])).toEqual([
      ['closed_without_evidence', 1],
      ['returned', 1.5],
    ]);
    expect(s?.deduction).toBe(2.5);
  });

  it('the report: on time nothing; late 2, +1 per full 30 days, at most 5; missing and past due the same to today', () => {
    expect(reportDeduction(0)).toBe(0);
    expect(reportDeduction(1)).toBe(2);
    expect(reportDeduction(30)).toBe(3);
    expect(reportDeduction(90)).toBe(5);
    expect(reportDeduction(400)).toBe(5);
    expect(entry(facts({ reportDueOn: '2026-08-01', reportSubmittedOn: '2026-08-01' }), 'plan')?.deduction).toBe(0);
    const late = entry(facts({ reportDueOn: '2026-07-01', reportSubmittedOn: '2026-08-05' }), 'plan');
    expect(late?.deduction).toBe(3);
    expect(late?.reasons[0]).toMatchObject({ code: 'report_late' });
    expect(late?.reasons[0].text).toContain('晚于应报送日期 2026-07-01 35 天');
    const missing = entry(facts({ reportDueOn: '2026-08-05' }), 'plan');
    expect(missing?.reasons[0]).toMatchObject({ code: 'report_missing', deduction: 2 });
    expect(entry(facts({ reportDueOn: TODAY }), 'plan')?.deduction).toBe(0);
    expect(entry(facts({ reportDueOn: null }), 'plan')?.deduction).toBe(0);
  });

  it('an item without 责任部门 or 责任领导 counts 0.5 under 整改方案, saying which is missing', () => {
    const s = entry(
      facts({
        items: [item({ hasLeadDepartment: false }), item({ hasResponsibleLeader: false, hasLeadDepartment: false })],
      }),
      'plan',
    );
    expect(s?.deduction).toBe(1);
    expect(s?.reasons[0].refs.map((r) => r.detail)).toEqual(['无责任部门', '无责任部门、无责任领导']);
  });

  it('公开通报: nothing published with items 3; unanswered comments 0.5 each; no items, nothing to publish', () => {
    expect(entry(facts({ publications: 0 }), 'disclosure')?.deduction).toBe(3);
    expect(entry(facts({ publications: 0, items: [] }), 'disclosure')?.deduction).toBe(0);
    const s = entry(facts({ unansweredComments: 3 }), 'disclosure');
    expect(s?.deduction).toBe(1.5);
    expect(s?.reasons[0].text).toContain('3 条群众意见建议尚未答复');
  });

  it('督办 orders: open or returned past due 1 each, answered late 0.5 each, under 组织领导', () => {
    const order = (id: number, status: string, dueOn: string, answeredOn: string | null = null) => ({
      id,
      title: `督办${id}`,
      status,
      dueOn,
      answeredOn,
    });
    const s = entry(
      facts({
        orders: [
          order(1, 'open', '2026-08-01'),
          order(2, 'returned', '2026-08-10'),
          order(3, 'open', TODAY),
          order(4, 'answered', '2026-08-01', '2026-08-03'),
          order(5, 'closed', '2026-08-01', '2026-07-30'),
        ],
      }),
      'leadership',
    );
    expect(s?.reasons.map((r) => [r.code, r.deduction, r.refs.map((x) => x.id)])).toEqual([
      ['orders_overdue', 2, [1, 2]],
      ['orders_answered_late', 0.5, [4]],
    ]);
    expect(s?.reasons[0].refs[0]).toMatchObject({ kind: 'order', detail: '应于 2026-08-01 答复，逾期 14 天' });
  });

  it('caps each entry at its points and says so; every suggestion is on the 0.5 step within range', () => {
    const many = Array.from({ length: 40 }, () => item({ deadline: '2026-01-01' }));
    const s = suggestDeductions(facts({ items: many, unansweredComments: 50, publications: 0 }));
    const completion = s.find((x) => x.key === 'completion');
    expect(completion).toMatchObject({ deduction: 25, capped: true });
    expect(s.find((x) => x.key === 'disclosure')).toMatchObject({ deduction: 10, capped: true });
    for (const x of s) {
      const points = DEFAULT_CHECKLIST.find((e) => e.key === x.key)?.points ?? 0;
      expect(deductionProblem(x.deduction, points)).toBeNull();
    }
  });

  it('odd rates never give an off-step suggestion (rounded down to the step)', () => {
    const rates = { ...SUGGESTION_RATES, commentUnanswered: 0.3 };
    const s = suggestDeductions(facts({ unansweredComments: 3 }), DEFAULT_CHECKLIST, rates);
    expect(s.find((x) => x.key === 'disclosure')?.deduction).toBe(0.5);
  });

  it('entries no rule measures (建章立制, 问责追责) suggest 0 whatever the ledger', () => {
    const s = suggestDeductions(
      facts({ items: [item({ deadline: '2026-01-01', rebounds: 3, returns: 2 })], unansweredComments: 4 }),
    );
    for (const key of ['rules', 'accountability']) expect(s.find((x) => x.key === key)?.deduction).toBe(0);
  });

  it('ledgerReasons lists the reasons in the catalogue order', () => {
    const reasons = ledgerReasons(
      facts({
        items: [
          item({ deadline: '2026-08-01', returns: 1, rebounds: 1, hasLeadDepartment: false }),
          item({ state: 'closed', closedOn: '2026-08-02', deadline: '2026-08-01', evidence: 0 }),
        ],
        reportDueOn: '2026-08-01',
        publications: 0,
        unansweredComments: 1,
        orders: [{ id: 1, title: 't', status: 'open', dueOn: '2026-08-01', answeredOn: null }],
      }),
    );
    const codes = reasons.map((r) => r.code);
    expect(codes).toEqual(REASON_CODES.filter((c) => codes.includes(c)));
    expect(codes).toHaveLength(10);
  });
});
