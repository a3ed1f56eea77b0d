/**
 * Issue 15 (问题线索): a problem or an item the inspection office marks as a problem clue and hands over (移交) to the
 * 纪委监委, then follows. Pure: the commands ask these rules before anything is written; the web asks the same ones.
 *
 * The handling follows the 纪检监察机关's own sequence for a clue it receives (《监督执纪工作规则》): the clue is received
 * (受理) and verified first (初步核实, 初核); then either a case is opened (立案审查调查) and in time concluded (办结, 审理
 * 结案, with its 党纪政务处分), or no case is opened (不予立案: 予以了结 or 谈话函询 closing it). Both 已办结 and 不予立案
 * end the handling.
 */
import { type IsoDate, isIsoDate } from './dates.ts';

export const CLUE_STATES = ['marked', 'handed_over', 'accepted', 'filed', 'concluded', 'not_filed'] as const;
export type ClueState = (typeof CLUE_STATES)[number];

export const CLUE_STATE_ZH: Record<ClueState, string> = {
  marked: '待移交',
  handed_over: '已移交',
  accepted: '已受理（初核）',
  filed: '已立案',
  concluded: '已办结',
  not_filed: '不予立案',
};
export const CLUE_STATE_EN: Record<ClueState, string> = {
  marked: 'To hand over',
  handed_over: 'Handed over',
  accepted: 'Accepted (verifying)',
  filed: 'Case opened',
  concluded: 'Concluded',
  not_filed: 'No case opened',
};

/** The steps recorded after the hand-over, each with its date. */
export const CLUE_STEPS = ['accept', 'file', 'conclude', 'decline'] as const;
export type ClueStep = (typeof CLUE_STEPS)[number];

export const CLUE_STEP_ZH: Record<ClueStep, string> = {
  accept: '登记受理（初核）',
  file: '登记立案',
  conclude: '登记办结',
  decline: '登记不予立案',
};

/** Every move of the machine: marking creates the clue, unmarking deletes it, the rest move it. */
export type ClueEvent = 'unmark' | 'hand_over' | ClueStep;

const MOVES: Record<ClueEvent, { from: readonly ClueState[]; to: ClueState | null }> = {
  unmark: { from: ['marked'], to: null },
  hand_over: { from: ['marked'], to: 'handed_over' },
  accept: { from: ['handed_over'], to: 'accepted' },
  file: { from: ['accepted'], to: 'filed' },
  conclude: { from: ['filed'], to: 'concluded' },
  // 谈话函询 or 予以了结 can end it before or after verification.
  decline: { from: ['handed_over', 'accepted'], to: 'not_filed' },
};

/** Where an event takes a clue in this state: a state, null when it is deleted (unmarked), undefined when refused. */
export function clueNext(state: ClueState, event: ClueEvent): ClueState | null | undefined {
  const move = MOVES[event];
  return move.from.includes(state) ? move.to : undefined;
}

/** The events open in a state (the web offers exactly these). */
export function clueEventsFrom(state: ClueState): ClueEvent[] {
  return (Object.keys(MOVES) as ClueEvent[]).filter((e) => MOVES[e].from.includes(state));
}

export const isClueState = (value: string): value is ClueState => (CLUE_STATES as readonly string[]).includes(value);

/** Handling has ended: concluded, or no case opened. */
export const clueEnded = (state: ClueState) => state === 'concluded' || state === 'not_filed';

/** Overdue: handed over, the handling deadline passed (strictly before today), and not yet ended. */
export function clueOverdue(clue: { state: ClueState; handlingDeadline: IsoDate | null }, today: IsoDate): boolean {
  if (clue.state === 'marked' || clueEnded(clue.state) || !clue.handlingDeadline) return false;
  return clue.handlingDeadline < today;
}

export const CLUE_DESCRIPTION_MAX = 500;
export const RECEIVING_BODY_MAX = 100;

/** Spaces at the ends trimmed, runs of whitespace made one; null when empty, too long or holding control characters. */
function cleanText(value: string, max: number): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(value)) return null;
  const text = value.replace(/[ \t\u3000]+/g, ' ').trim();
  return text.length === 0 || text.length > max ? null : text;
}

export const normalizeClueDescription = (value: string) => cleanText(value, CLUE_DESCRIPTION_MAX);
export const normalizeReceivingBody = (value: string) => cleanText(value.replace(/\n/g, ' '), RECEIVING_BODY_MAX);

export type ClueProblem =
  | { key: 'clue_date_format'; field: string }
  | { key: 'clue_date_future'; field: string; today: IsoDate }
  | { key: 'clue_date_before_previous'; field: string; previous: IsoDate }
  | { key: 'clue_deadline_not_after_transfer'; field: string; handedOverOn: IsoDate }
  | { key: 'clue_receiving_body_invalid'; field: string };

/**
 * The hand-over: the transfer date a real date not after today (it may precede the day the clue was entered here: the
 * papers often go before the record), the receiving body named, the handling deadline a real date after the transfer date.
 */
export function handOverProblem(
  input: { handedOverOn: string; receivingBody: string; handlingDeadline: string },
  today: IsoDate,
): ClueProblem | null {
  if (!isIsoDate(input.handedOverOn)) return { key: 'clue_date_format', field: 'handedOverOn' };
  if (input.handedOverOn > today) return { key: 'clue_date_future', field: 'handedOverOn', today };
  if (normalizeReceivingBody(input.receivingBody) === null)
    return { key: 'clue_receiving_body_invalid', field: 'receivingBody' };
  if (!isIsoDate(input.handlingDeadline)) return { key: 'clue_date_format', field: 'handlingDeadline' };
  if (input.handlingDeadline <= input.handedOverOn)
    return { key: 'clue_deadline_not_after_transfer', field: 'handlingDeadline', handedOverOn: input.handedOverOn };
  return null;
}

/** A step's date: a real date, not after today, not before the step before it. */
export function stepDateProblem(on: string, previous: IsoDate, today: IsoDate): ClueProblem | null {
  if (!isIsoDate(on)) return { key: 'clue_date_format', field: 'on' };
  if (on > today) return { key: 'clue_date_future', field: 'on', today };
  if (on < previous) return { key: 'clue_date_before_previous', field: 'on', previous };
  return null;
}

/** The date of the step the clue is at now, which the next step may not precede. */
export function lastStepOn(clue: {
  markedOn: IsoDate;
  handedOverOn: IsoDate | null;
  acceptedOn: IsoDate | null;
  filedOn: IsoDate | null;
  closedOn: IsoDate | null;
}): IsoDate {
  return clue.closedOn ?? clue.filedOn ?? clue.acceptedOn ?? clue.handedOverOn ?? clue.markedOn;
}

/** The outcome of the handling, as counts (people, or cases for 立案件数). */
export interface ClueOutcome {
  filedCases: number;
  filedPeople: number;
  /** 党纪政务处分 */
  disciplinedPeople: number;
  /** 组织处理 */
  organisationalPeople: number;
  /** other dispositions (谈话提醒, 批评教育, …) */
  otherPeople: number;
}

export const OUTCOME_KEYS = [
  'filedCases',
  'filedPeople',
  'disciplinedPeople',
  'organisationalPeople',
  'otherPeople',
] as const satisfies readonly (keyof ClueOutcome)[];

export const OUTCOME_MAX = 9999;

export type OutcomeProblem =
  | { key: 'clue_outcome_not_handed_over' }
  | { key: 'clue_outcome_count_invalid'; field: keyof ClueOutcome }
  | { key: 'clue_outcome_filed_without_case' }
  | { key: 'clue_outcome_cases_people' }
  | { key: 'clue_outcome_disciplined_over_filed' };

/**
 * The outcome's counts: whole numbers from 0 to 9999; recorded once handed over; 立案 counts only once a case was opened
 * (已立案, 已办结); cases and people together (both 0 or both more, no more cases than people); 党纪政务处分 follows a
 * case, so never more people than were filed against.
 */
export function outcomeProblem(state: ClueState, outcome: ClueOutcome): OutcomeProblem | null {
  if (state === 'marked') return { key: 'clue_outcome_not_handed_over' };
  for (const k of OUTCOME_KEYS) {
    const n = outcome[k];
    if (!Number.isInteger(n) || n < 0 || n > OUTCOME_MAX) return { key: 'clue_outcome_count_invalid', field: k };
  }
  const caseOpened = state === 'filed' || state === 'concluded';
  if (!caseOpened && (outcome.filedCases > 0 || outcome.filedPeople > 0 || outcome.disciplinedPeople > 0))
    return { key: 'clue_outcome_filed_without_case' };
  if ((outcome.filedCases === 0) !== (outcome.filedPeople === 0) || outcome.filedCases > outcome.filedPeople)
    return { key: 'clue_outcome_cases_people' };
  if (outcome.disciplinedPeople > outcome.filedPeople) return { key: 'clue_outcome_disciplined_over_filed' };
  return null;
}

/** What the internal totals count of the clues: handed over (ever), 立案 (cases, people), 处分 people, overdue. */
export interface ClueTotals {
  marked: number;
  handedOver: number;
  filedCases: number;
  filedPeople: number;
  disciplinedPeople: number;
  organisationalPeople: number;
  overdue: number;
}

export function clueTotals(
  clues: readonly (ClueOutcome & { state: ClueState; handlingDeadline: IsoDate | null })[],
  today: IsoDate,
): ClueTotals {
  const t: ClueTotals = {
    marked: 0,
    handedOver: 0,
    filedCases: 0,
    filedPeople: 0,
    disciplinedPeople: 0,
    organisationalPeople: 0,
    overdue: 0,
  };
  for (const c of clues) {
    t.marked += 1;
    if (c.state !== 'marked') t.handedOver += 1;
    t.filedCases += c.filedCases;
    t.filedPeople += c.filedPeople;
    t.disciplinedPeople += c.disciplinedPeople;
    t.organisationalPeople += c.organisationalPeople;
    if (clueOverdue(c, today)) t.overdue += 1;
  }
  return t;
}

/** The list's order: overdue first, then the nearest handling deadline, then the newest marked. */
export function clueListOrder<T extends { id: number; state: ClueState; handlingDeadline: IsoDate | null }>(
  today: IsoDate,
): (a: T, b: T) => number {
  return (a, b) => {
    const oa = clueOverdue(a, today) ? 0 : 1;
    const ob = clueOverdue(b, today) ? 0 : 1;
    if (oa !== ob) return oa - ob;
    const ea = clueEnded(a.state) ? 1 : 0;
    const eb = clueEnded(b.state) ? 1 : 0;
    if (ea !== eb) return ea - eb;
    const da = a.handlingDeadline ?? '9999-12-31';
    const db = b.handlingDeadline ?? '9999-12-31';
    if (da !== db) return da < db ? -1 : 1;
    return b.id - a.id;
  };
}
