/**
 * Issue 15, point 4: the evaluation checklist arrives with deductions suggested from the ledger. Pure: a repository
 * gathers the facts of one inspection (its items, their returns, rebounds and evidence, the report's dates, the
 * publications and comments, the 督办 orders) and this module turns them into a suggestion per checklist entry, each
 * with reasons that name the items, so the office can check before it accepts, changes or clears them.
 *
 * The rates are data (SUGGESTION_RATES) so a locality can adopt its own; every rate is a multiple of the 0.5 step, and
 * each entry's sum is capped at the entry's points.
 */
import { daysBetween, type IsoDate } from './dates.ts';
import { CHECKLIST_TOTAL, type ChecklistEntry, DEDUCTION_STEP, DEFAULT_CHECKLIST } from './evaluation.ts';

export interface ItemFact {
  id: number;
  number: string | null;
  title: string;
  deadline: IsoDate | null;
  /** The first deadline on record as missed (extensions move `deadline`, never this). */
  missedDeadline: IsoDate | null;
  state: string;
  closedOn: IsoDate | null;
  /** Close-out requests returned (close_reviews with the event 'return'). */
  returns: number;
  /** Look-backs (回头看) that found the problem back. */
  rebounds: number;
  /** Evidence files on the item or its measures. */
  evidence: number;
  hasLeadDepartment: boolean;
  hasResponsibleLeader: boolean;
}

export interface OrderFact {
  id: number;
  title: string;
  dueOn: IsoDate;
  status: string;
  answeredOn: IsoDate | null;
}

export interface EvaluationFacts {
  today: IsoDate;
  items: readonly ItemFact[];
  /** When the 整改情况报告 was due (report_due_on, else feedback + the configured months); null when unknown. */
  reportDueOn: IsoDate | null;
  /** The current 报送 record's date; null while none is recorded. */
  reportSubmittedOn: IsoDate | null;
  /** Notices published on the portal for the inspection (withdrawn ones included: they were public). */
  publications: number;
  /** Public comments still waiting for an answer. */
  unansweredComments: number;
  /** 督办 orders about the unit's items or the unit. */
  orders: readonly OrderFact[];
}

/** What a reason points at, for the office to check: an item by 编号 and title, or an order by its title. */
export interface ReasonRef {
  kind: 'item' | 'order';
  id: number;
  number: string | null;
  title: string;
  /** What about it: "逾期 45 天", "退回 2 次". */
  detail: string;
}

export const REASON_CODES = [
  'overdue_open',
  'closed_late',
  'rebound',
  'closed_without_evidence',
  'returned',
  'report_late',
  'report_missing',
  'responsibility_missing',
  'not_published',
  'comments_unanswered',
  'orders_overdue',
  'orders_answered_late',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** The reason in words (zh-CN), with the count and the deduction. */
  text: string;
  /** The deduction this reason adds before the entry's cap. */
  deduction: number;
  refs: ReasonRef[];
}

export interface Suggestion {
  key: string;
  /** The suggested deduction: the reasons' sum, capped at the entry's points, on the 0.5 step. */
  deduction: number;
  /** True when the reasons add up to more than the entry's points. */
  capped: boolean;
  reasons: Reason[];
}

/** Points per fact. Every value is a multiple of DEDUCTION_STEP. */
export const SUGGESTION_RATES = {
  /** An open item past its deadline: this much, */
  overdueOpen: 1,
  /** plus this much per further full 30 days, */
  overduePer30Days: 0.5,
  /** at most this much per item. */
  overdueMaxPerItem: 3,
  /** An item closed after its deadline. */
  closedLate: 0.5,
  /** Each rebound found by 回头看. */
  rebound: 2,
  /** An item closed with no evidence file. */
  closedWithoutEvidence: 1,
  /** Each close-out request returned. */
  returned: 0.5,
  /** The report submitted (or still missing) after its due date: this much, */
  reportLate: 2,
  /** plus this much per further full 30 days, */
  reportPer30Days: 1,
  /** at most this much. */
  reportMax: 5,
  /** An item with no 责任部门 or no 责任领导. */
  responsibilityMissing: 0.5,
  /** No notice published on the portal while the inspection has items. */
  notPublished: 3,
  /** Each public comment still unanswered. */
  commentUnanswered: 0.5,
  /** Each 督办 order past its due date without an answer. */
  orderOverdue: 1,
  /** Each 督办 order answered after its due date. */
  orderAnsweredLate: 0.5,
} as const;
export type SuggestionRates = Record<keyof typeof SUGGESTION_RATES, number>;

/** Which checklist entry each reason counts against (keys of DEFAULT_CHECKLIST). */
export const REASON_ENTRY: Record<ReasonCode, string> = {
  overdue_open: 'completion',
  closed_late: 'completion',
  rebound: 'completion',
  closed_without_evidence: 'ledger',
  returned: 'ledger',
  report_late: 'plan',
  report_missing: 'plan',
  responsibility_missing: 'plan',
  not_published: 'disclosure',
  comments_unanswered: 'disclosure',
  orders_overdue: 'leadership',
  orders_answered_late: 'leadership',
};

const itemRef = (i: ItemFact, detail: string): ReasonRef => ({
  kind: 'item',
  id: i.id,
  number: i.number,
  title: i.title,
  detail,
});
const orderRef = (o: OrderFact, detail: string): ReasonRef => ({
  kind: 'order',
  id: o.id,
  number: null,
  title: o.title,
  detail,
});

/** Down to the step, so a rate table with odd values never suggests an off-step number. */
const toStep = (n: number) => Math.floor(n / DEDUCTION_STEP + 1e-9) * DEDUCTION_STEP;
const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const per30 = (days: number) => Math.floor(days / 30);

/** An open item's overdue deduction: the base, plus the step per further 30 days, at most the item cap. */
export function overdueDeduction(days: number, rates: SuggestionRates = SUGGESTION_RATES): number {
  if (days <= 0) return 0;
  return Math.min(rates.overdueMaxPerItem, rates.overdueOpen + rates.overduePer30Days * per30(days));
}

/** The report's lateness deduction, by days late (0 or less: none). */
export function reportDeduction(daysLate: number, rates: SuggestionRates = SUGGESTION_RATES): number {
  if (daysLate <= 0) return 0;
  return Math.min(rates.reportMax, rates.reportLate + rates.reportPer30Days * per30(daysLate));
}

/** Every reason the facts give, in REASON_CODES order; a code with nothing to say is left out. */
export function ledgerReasons(f: EvaluationFacts, rates: SuggestionRates = SUGGESTION_RATES): Reason[] {
  const reasons: Reason[] = [];
  const add = (code: ReasonCode, text: (n: number, d: number) => string, refs: ReasonRef[], each: number[]) => {
    if (refs.length === 0 && each.length === 0) return;
    const deduction = sum(each);
    if (deduction <= 0) return;
    reasons.push({ code, text: text(Math.max(refs.length, each.length), deduction), deduction, refs });
  };

  const overdue = f.items
    .filter((i) => i.state !== 'closed' && i.deadline !== null && i.deadline < f.today)
    .map((i) => ({ i, days: daysBetween(i.deadline as IsoDate, f.today) }))
    .sort((a, b) => b.days - a.days);
  add(
    'overdue_open',
    (n, d) =>
      `${n} 项事项逾期未完成（最长逾期 ${overdue[0]?.days ?? 0} 天），每项扣 ${rates.overdueOpen} 分、逾期每满 30 天加扣 ${rates.overduePer30Days} 分、每项最多 ${rates.overdueMaxPerItem} 分，计 ${d} 分`,
    overdue.map(({ i, days }) => itemRef(i, `逾期 ${days} 天`)),
    overdue.map(({ days }) => overdueDeduction(days, rates)),
  );

  const late = f.items.filter((i) => {
    if (i.state !== 'closed' || !i.closedOn) return false;
    const due = i.missedDeadline ?? i.deadline;
    return due !== null && i.closedOn > due;
  });
  add(
    'closed_late',
    (n, d) => `${n} 项事项超期后才完成，每项扣 ${rates.closedLate} 分，计 ${d} 分`,
    late.map((i) =>
      itemRef(
        i,
        `${i.closedOn} 完成，晚于期限 ${daysBetween((i.missedDeadline ?? i.deadline) as IsoDate, i.closedOn as IsoDate)} 天`,
      ),
    ),
    late.map(() => rates.closedLate),
  );

  const rebounded = f.items.filter((i) => i.rebounds > 0);
  add(
    'rebound',
    (_n, d) =>
      `回头看发现 ${sum(rebounded.map((i) => i.rebounds))} 次问题反弹（${rebounded.length} 项事项），每次扣 ${rates.rebound} 分，计 ${d} 分`,
    rebounded.map((i) => itemRef(i, `反弹 ${i.rebounds} 次`)),
    rebounded.map((i) => i.rebounds * rates.rebound),
  );

  const bare = f.items.filter((i) => i.state === 'closed' && i.evidence === 0);
  add(
    'closed_without_evidence',
    (n, d) => `${n} 项事项已销号但无佐证材料，每项扣 ${rates.closedWithoutEvidence} 分，计 ${d} 分`,
    bare.map((i) => itemRef(i, '无佐证材料')),
    bare.map(() => rates.closedWithoutEvidence),
  );

  const returned = f.items.filter((i) => i.returns > 0);
  add(
    'returned',
    (_n, d) =>
      `销号申请被退回 ${sum(returned.map((i) => i.returns))} 次（${returned.length} 项事项），每次扣 ${rates.returned} 分，计 ${d} 分`,
    returned.map((i) => itemRef(i, `退回 ${i.returns} 次`)),
    returned.map((i) => i.returns * rates.returned),
  );

  if (f.reportDueOn) {
    if (f.reportSubmittedOn) {
      const days = daysBetween(f.reportDueOn, f.reportSubmittedOn);
      add(
        'report_late',
        (_n, d) => `整改情况报告 ${f.reportSubmittedOn} 报送，晚于应报送日期 ${f.reportDueOn} ${days} 天，扣 ${d} 分`,
        [],
        days > 0 ? [reportDeduction(days, rates)] : [],
      );
    } else {
      const days = daysBetween(f.reportDueOn, f.today);
      add(
        'report_missing',
        (_n, d) => `整改情况报告应于 ${f.reportDueOn} 报送，至今已超过 ${days} 天未报送，扣 ${d} 分`,
        [],
        days > 0 ? [reportDeduction(days, rates)] : [],
      );
    }
  }

  const unassigned = f.items.filter((i) => !i.hasLeadDepartment || !i.hasResponsibleLeader);
  add(
    'responsibility_missing',
    (n, d) => `${n} 项事项未明确责任部门或责任领导，每项扣 ${rates.responsibilityMissing} 分，计 ${d} 分`,
    unassigned.map((i) =>
      itemRef(
        i,
        [!i.hasLeadDepartment ? '无责任部门' : null, !i.hasResponsibleLeader ? '无责任领导' : null]
          .filter(Boolean)
          .join('、'),
      ),
    ),
    unassigned.map(() => rates.responsibilityMissing),
  );

  if (f.items.length > 0 && f.publications === 0) {
    add('not_published', (_n, d) => `整改进展未在门户公开，扣 ${d} 分`, [], [rates.notPublished]);
  }
  add(
    'comments_unanswered',
    (n, d) => `${n} 条群众意见建议尚未答复，每条扣 ${rates.commentUnanswered} 分，计 ${d} 分`,
    [],
    Array.from({ length: f.unansweredComments }, () => rates.commentUnanswered),
  );

  const openOrders = f.orders.filter((o) => (o.status === 'open' || o.status === 'returned') && o.dueOn < f.today);
  add(
    'orders_overdue',
    (n, d) => `${n} 件督办逾期未答复，每件扣 ${rates.orderOverdue} 分，计 ${d} 分`,
    openOrders.map((o) => orderRef(o, `应于 ${o.dueOn} 答复，逾期 ${daysBetween(o.dueOn, f.today)} 天`)),
    openOrders.map(() => rates.orderOverdue),
  );
  const lateAnswers = f.orders.filter(
    (o) => (o.status === 'answered' || o.status === 'closed') && o.answeredOn !== null && o.answeredOn > o.dueOn,
  );
  add(
    'orders_answered_late',
    (n, d) => `${n} 件督办超期答复，每件扣 ${rates.orderAnsweredLate} 分，计 ${d} 分`,
    lateAnswers.map((o) => orderRef(o, `${o.answeredOn} 答复，应于 ${o.dueOn}`)),
    lateAnswers.map(() => rates.orderAnsweredLate),
  );
  return reasons;
}

/**
 * One suggestion per checklist entry, in the checklist's order: the entry's reasons, their sum capped at its points and
 * put on the 0.5 step. An entry no rule measures (or with nothing found) suggests 0 with no reasons.
 */
export function suggestDeductions(
  facts: EvaluationFacts,
  checklist: readonly ChecklistEntry[] = DEFAULT_CHECKLIST,
  rates: SuggestionRates = SUGGESTION_RATES,
): Suggestion[] {
  const reasons = ledgerReasons(facts, rates);
  return checklist.map((entry) => {
    const own = reasons.filter((r) => REASON_ENTRY[r.code] === entry.key);
    const total = sum(own.map((r) => r.deduction));
    return {
      key: entry.key,
      deduction: toStep(Math.min(entry.points, total)),
      capped: total > entry.points,
      reasons: own,
    };
  });
}

/** The checklist score the suggestions alone would give. */
export function suggestedScore(suggestions: readonly Suggestion[]): number {
  return CHECKLIST_TOTAL - sum(suggestions.map((s) => s.deduction));
}
