import { describe, expect, it } from 'vitest';
import {
  CLUE_STATES,
  type ClueEvent,
  type ClueOutcome,
  type ClueState,
  clueEventsFrom,
  clueListOrder,
  clueNext,
  clueOverdue,
  clueTotals,
  handOverProblem,
  lastStepOn,
  normalizeClueDescription,
  normalizeReceivingBody,
  outcomeProblem,
  stepDateProblem,
} from './clues.ts';

const EVENTS: ClueEvent[] = ['unmark', 'hand_over', 'accept', 'file', 'conclude', 'decline'];

/** The whole machine, written out: every state × every event. */
const EXPECTED: Record<ClueState, Partial<Record<ClueEvent, ClueState | null>>> = {
  marked: { unmark: null, hand_over: 'handed_over' },
  handed_over: { accept: 'accepted', decline: 'not_filed' },
  accepted: { file: 'filed', decline: 'not_filed' },
  filed: { conclude: 'concluded' },
  concluded: {},
  not_filed: {},
};

describe('the clue state machine', () => {
  for (const state of CLUE_STATES) {
    for (const event of EVENTS) {
      const want = EXPECTED[state][event];
      it(`${state} + ${event} → ${want === undefined ? 'refused' : want}`, () => {
        expect(clueNext(state, event)).toBe(want);
      });
    }
    it(`offers from ${state} exactly its moves`, () => {
      expect(clueEventsFrom(state).sort()).toEqual(Object.keys(EXPECTED[state]).sort());
    });
  }

  it('reaches both ends from marked, and nothing leaves an end', () => {
    const reach = (from: ClueState, seen = new Set<ClueState>()) => {
      seen.add(from);
      for (const e of clueEventsFrom(from)) {
        const to = clueNext(from, e);
        if (to && !seen.has(to)) reach(to, seen);
      }
      return seen;
    };
    expect([...reach('marked')].sort()).toEqual([...CLUE_STATES].sort());
    expect(clueEventsFrom('concluded')).toEqual([]);
    expect(clueEventsFrom('not_filed')).toEqual([]);
  });
});

describe('overdue', () => {
  const at = (state: ClueState, handlingDeadline: string | null) => ({ state, handlingDeadline });
  it('counts only handed-over clues not ended, past their deadline', () => {
    expect(clueOverdue(at('handed_over', '2026-09-01'), '2026-09-02')).toBe(true);
    expect(clueOverdue(at('accepted', '2026-09-01'), '2026-09-02')).toBe(true);
    expect(clueOverdue(at('filed', '2026-09-01'), '2026-09-02')).toBe(true);
    expect(clueOverdue(at('filed', '2026-09-01'), '2026-09-01')).toBe(false);
    expect(clueOverdue(at('concluded', '2026-09-01'), '2026-12-01')).toBe(false);
    expect(clueOverdue(at('not_filed', '2026-09-01'), '2026-12-01')).toBe(false);
    expect(clueOverdue(at('marked', null), '2026-12-01')).toBe(false);
    expect(clueOverdue(at('handed_over', null), '2026-12-01')).toBe(false);
  });
});

describe('hand-over and step dates', () => {
  const good = {
    handedOverOn: '2026-08-10',
    receivingBody: '市纪委监委第三监督检查室',
    handlingDeadline: '2026-11-10',
  };
  it('accepts a good hand-over', () => {
    expect(handOverProblem(good, '2026-08-15')).toBeNull();
    expect(handOverProblem({ ...good, handedOverOn: '2026-08-15' }, '2026-08-15')).toBeNull();
  });
  it('refuses each bad field by name', () => {
    expect(handOverProblem({ ...good, handedOverOn: '2026-8-1' }, '2026-08-15')).toMatchObject({
      key: 'clue_date_format',
      field: 'handedOverOn',
    });
    expect(handOverProblem({ ...good, handedOverOn: '2026-08-16' }, '2026-08-15')).toEqual({
      key: 'clue_date_future',
      field: 'handedOverOn',
      today: '2026-08-15',
    });
    expect(handOverProblem({ ...good, receivingBody: '  ' }, '2026-08-15')).toMatchObject({
      key: 'clue_receiving_body_invalid',
    });
    expect(handOverProblem({ ...good, receivingBody: '室'.repeat(101) }, '2026-08-15')).toMatchObject({
      key: 'clue_receiving_body_invalid',
    });
    expect(handOverProblem({ ...good, handlingDeadline: '' }, '2026-08-15')).toMatchObject({
      key: 'clue_date_format',
      field: 'handlingDeadline',
    });
    expect(handOverProblem({ ...good, handlingDeadline: '2026-08-10' }, '2026-08-15')).toMatchObject({
      key: 'clue_deadline_not_after_transfer',
    });
  });
  it('keeps steps in order and out of the future', () => {
    expect(stepDateProblem('2026-08-12', '2026-08-10', '2026-08-15')).toBeNull();
    expect(stepDateProblem('2026-08-10', '2026-08-10', '2026-08-15')).toBeNull();
    expect(stepDateProblem('2026-08-09', '2026-08-10', '2026-08-15')).toMatchObject({
      key: 'clue_date_before_previous',
    });
    expect(stepDateProblem('2026-08-16', '2026-08-10', '2026-08-15')).toMatchObject({ key: 'clue_date_future' });
    expect(stepDateProblem('tomorrow', '2026-08-10', '2026-08-15')).toMatchObject({ key: 'clue_date_format' });
    const dates = { markedOn: 'a', handedOverOn: 'b', acceptedOn: null, filedOn: null, closedOn: null };
    expect(lastStepOn(dates)).toBe('b');
    expect(lastStepOn({ ...dates, acceptedOn: 'c', filedOn: 'd' })).toBe('d');
    expect(lastStepOn({ ...dates, handedOverOn: null })).toBe('a');
  });
  it('cleans the free text', () => {
    expect(normalizeReceivingBody('  市纪委监委   第三监督检查室 ')).toBe('市纪委监委 第三监督检查室');
    expect(normalizeClueDescription('\u0001')).toBeNull();
    expect(normalizeClueDescription('收受回扣\n涉及两个科室')).toBe('收受回扣\n涉及两个科室');
    expect(normalizeClueDescription('x'.repeat(501))).toBeNull();
  });
});

describe('outcome counts', () => {
  const zero: ClueOutcome = {
    filedCases: 0,
    filedPeople: 0,
    disciplinedPeople: 0,
    organisationalPeople: 0,
    otherPeople: 0,
  };
  it('accepts the counts a case gives', () => {
    expect(outcomeProblem('filed', { ...zero, filedCases: 1, filedPeople: 2 })).toBeNull();
    expect(outcomeProblem('concluded', { ...zero, filedCases: 1, filedPeople: 2, disciplinedPeople: 2 })).toBeNull();
    expect(outcomeProblem('not_filed', { ...zero, organisationalPeople: 1, otherPeople: 3 })).toBeNull();
    expect(outcomeProblem('handed_over', zero)).toBeNull();
  });
  it('refuses what cannot be', () => {
    expect(outcomeProblem('marked', zero)).toEqual({ key: 'clue_outcome_not_handed_over' });
    expect(outcomeProblem('filed', { ...zero, otherPeople: -1 })).toEqual({
      key: 'clue_outcome_count_invalid',
      field: 'otherPeople',
    });
    expect(outcomeProblem('filed', { ...zero, filedCases: 1.5, filedPeople: 2 })).toMatchObject({
      field: 'filedCases',
    });
    expect(outcomeProblem('filed', { ...zero, organisationalPeople: 10000 })).toMatchObject({
      key: 'clue_outcome_count_invalid',
    });
    for (const s of ['handed_over', 'accepted', 'not_filed'] as const) {
      expect(outcomeProblem(s, { ...zero, filedCases: 1, filedPeople: 1 })).toEqual({
        key: 'clue_outcome_filed_without_case',
      });
      expect(outcomeProblem(s, { ...zero, disciplinedPeople: 1 })).toEqual({ key: 'clue_outcome_filed_without_case' });
    }
    expect(outcomeProblem('filed', { ...zero, filedCases: 1 })).toEqual({ key: 'clue_outcome_cases_people' });
    expect(outcomeProblem('filed', { ...zero, filedPeople: 1 })).toEqual({ key: 'clue_outcome_cases_people' });
    expect(outcomeProblem('filed', { ...zero, filedCases: 3, filedPeople: 2 })).toEqual({
      key: 'clue_outcome_cases_people',
    });
    expect(outcomeProblem('concluded', { ...zero, filedCases: 1, filedPeople: 1, disciplinedPeople: 2 })).toEqual({
      key: 'clue_outcome_disciplined_over_filed',
    });
  });
});

describe('totals and order', () => {
  const clue = (id: number, state: ClueState, handlingDeadline: string | null, o: Partial<ClueOutcome> = {}) => ({
    id,
    state,
    handlingDeadline,
    filedCases: 0,
    filedPeople: 0,
    disciplinedPeople: 0,
    organisationalPeople: 0,
    otherPeople: 0,
    ...o,
  });
  const clues = [
    clue(1, 'marked', null),
    clue(2, 'handed_over', '2026-09-30'),
    clue(3, 'filed', '2026-08-01', { filedCases: 1, filedPeople: 2, disciplinedPeople: 1 }),
    clue(4, 'concluded', '2026-08-01', {
      filedCases: 2,
      filedPeople: 2,
      disciplinedPeople: 2,
      organisationalPeople: 1,
    }),
    clue(5, 'not_filed', '2026-09-01'),
  ];
  it('sums the outcomes and counts the handed over and the overdue', () => {
    expect(clueTotals(clues, '2026-08-15')).toEqual({
      marked: 5,
      handedOver: 4,
      filedCases: 3,
      filedPeople: 4,
      disciplinedPeople: 3,
      organisationalPeople: 1,
      overdue: 1,
    });
  });
  it('lists the overdue first, the ended last', () => {
    expect([...clues].sort(clueListOrder('2026-08-15')).map((c) => c.id)).toEqual([3, 2, 1, 4, 5]);
  });
});
