import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  availableEvents,
  type CLOSE_STAGES,
  closeRequestGaps,
  evidenceEditable,
  NOT_STARTED,
  transition,
  WORKFLOW_EVENTS,
  WORKFLOW_STATES,
  type WorkflowEvent,
  type WorkflowSnapshot,
  type WorkflowState,
} from './workflow.ts';

const REQUESTER = 11;
const LEADER = 22;
const OFFICE = 33;

function snapshot(state: WorkflowState, stage: (typeof CLOSE_STAGES)[number] | null = null): WorkflowSnapshot {
  if (state !== 'close_requested') return { ...NOT_STARTED, state };
  return {
    state,
    closeStage: stage,
    closeRequestedBy: REQUESTER,
    closeApprovedBy: stage === 'office_review' ? LEADER : null,
  };
}

const actorFor: Record<WorkflowEvent, number> = {
  start: REQUESTER,
  request_close: REQUESTER,
  withdraw: REQUESTER,
  approve: LEADER,
  confirm: OFFICE,
  return: LEADER,
  reopen: OFFICE,
};

const allSnapshots: [string, WorkflowSnapshot][] = [
  ['not_started', snapshot('not_started')],
  ['in_progress', snapshot('in_progress')],
  ['close_requested/unit_review', snapshot('close_requested', 'unit_review')],
  ['close_requested/office_review', snapshot('close_requested', 'office_review')],
  ['closed', snapshot('closed')],
];

/** The whole table: for every state and every event, the expected next state or the refusal. */
const expected: Record<string, Partial<Record<WorkflowEvent, string>>> = {
  not_started: { start: 'in_progress', request_close: 'close_requested/unit_review' },
  in_progress: { request_close: 'close_requested/unit_review' },
  'close_requested/unit_review': {
    approve: 'close_requested/office_review',
    return: 'in_progress',
    withdraw: 'in_progress',
  },
  'close_requested/office_review': { confirm: 'closed', return: 'in_progress', withdraw: 'in_progress' },
  closed: { reopen: 'in_progress' },
};

const label = (s: WorkflowSnapshot) => (s.closeStage ? `${s.state}/${s.closeStage}` : s.state);

describe('workflow state machine', () => {
  for (const [name, from] of allSnapshots) {
    for (const event of WORKFLOW_EVENTS) {
      const to = expected[name][event];
      it(`${name} --${event}--> ${to ?? 'refused'}`, () => {
        const request = { event, actorId: actorFor[event], evidenceCount: 1, note: 'note' };
        if (to) {
          expect(label(transition(from, request))).toBe(to);
          expect(availableEvents(from)).toContain(event);
        } else {
          expect(() => transition(from, request)).toThrowError(expect.objectContaining({ code: 'invalid_transition' }));
          expect(availableEvents(from)).not.toContain(event);
        }
      });
    }
  }

  it('covers every state', () => {
    expect(new Set(allSnapshots.map(([, s]) => s.state))).toEqual(new Set(WORKFLOW_STATES));
  });

  it('refuses a close-out request without evidence', () => {
    expect(() =>
      transition(snapshot('in_progress'), { event: 'request_close', actorId: 1, evidenceCount: 0, note: 'done' }),
    ).toThrowError(expect.objectContaining({ code: 'evidence_required' }));
  });

  it.each([null, undefined, '', '   '])('refuses a close-out request without a verification note (%j)', (note) => {
    expect(() =>
      transition(snapshot('in_progress'), { event: 'request_close', actorId: 1, evidenceCount: 2, note }),
    ).toThrowError(expect.objectContaining({ code: 'note_required' }));
  });

  it('records who requested and who approved', () => {
    const requested = transition(snapshot('in_progress'), {
      event: 'request_close',
      actorId: REQUESTER,
      evidenceCount: 1,
      note: 'ok',
    });
    expect(requested).toMatchObject({ closeRequestedBy: REQUESTER, closeApprovedBy: null, closeStage: 'unit_review' });
    const approved = transition(requested, { event: 'approve', actorId: LEADER, evidenceCount: 1, note: null });
    expect(approved).toMatchObject({
      closeRequestedBy: REQUESTER,
      closeApprovedBy: LEADER,
      closeStage: 'office_review',
    });
    const closed = transition(approved, { event: 'confirm', actorId: OFFICE, evidenceCount: 1, note: null });
    expect(closed).toMatchObject({ state: 'closed', closeStage: null });
  });

  it('nobody approves their own request', () => {
    expect(() =>
      transition(snapshot('close_requested', 'unit_review'), {
        event: 'approve',
        actorId: REQUESTER,
        evidenceCount: 1,
        note: null,
      }),
    ).toThrowError(expect.objectContaining({ code: 'self_approval' }));
  });

  it.each([REQUESTER, LEADER])('nobody confirms a request they made or approved (%i)', (actorId) => {
    expect(() =>
      transition(snapshot('close_requested', 'office_review'), {
        event: 'confirm',
        actorId,
        evidenceCount: 1,
        note: null,
      }),
    ).toThrowError(expect.objectContaining({ code: 'self_approval' }));
  });

  it.each(['unit_review', 'office_review'] as const)('a return needs a reason (%s)', (stage) => {
    expect(() =>
      transition(snapshot('close_requested', stage), { event: 'return', actorId: LEADER, evidenceCount: 1, note: ' ' }),
    ).toThrowError(expect.objectContaining({ code: 'note_required' }));
  });

  it('a reopen (回头看 rebound) needs the finding and clears the close-out trail', () => {
    expect(() =>
      transition(snapshot('closed'), { event: 'reopen', actorId: OFFICE, evidenceCount: 1, note: '' }),
    ).toThrowError(DomainError);
    expect(
      transition(snapshot('closed'), { event: 'reopen', actorId: OFFICE, evidenceCount: 1, note: '问题反弹' }),
    ).toEqual({
      ...NOT_STARTED,
      state: 'in_progress',
    });
  });

  it.each(['unit_review', 'office_review'] as const)(
    'a withdrawal (%s) clears the request and needs no note',
    (stage) => {
      for (const note of [null, '', '改为补充材料后再申请']) {
        expect(
          transition(snapshot('close_requested', stage), {
            event: 'withdraw',
            actorId: REQUESTER,
            evidenceCount: 1,
            note,
          }),
        ).toEqual({ ...NOT_STARTED, state: 'in_progress' });
      }
    },
  );

  it.each(['not_started', 'in_progress', 'closed'] as const)('nothing to withdraw when %s', (state) => {
    expect(() =>
      transition(snapshot(state), { event: 'withdraw', actorId: REQUESTER, evidenceCount: 1, note: null }),
    ).toThrowError(expect.objectContaining({ key: 'cannot_withdraw', code: 'invalid_transition' }));
  });

  it('a withdrawn request can be made again', () => {
    const requested = transition(snapshot('in_progress'), {
      event: 'request_close',
      actorId: REQUESTER,
      evidenceCount: 1,
      note: 'ok',
    });
    const withdrawn = transition(requested, { event: 'withdraw', actorId: REQUESTER, evidenceCount: 1, note: null });
    expect(availableEvents(withdrawn)).toEqual(['request_close']);
    expect(
      transition(withdrawn, { event: 'request_close', actorId: REQUESTER, evidenceCount: 2, note: 'again' }),
    ).toMatchObject({ state: 'close_requested', closeStage: 'unit_review' });
  });
});

describe('what a close-out request still lacks (the page and the server ask the same)', () => {
  it.each([
    [0, null, ['evidence', 'note']],
    [0, '  ', ['evidence', 'note']],
    [0, '已整改', ['evidence']],
    [1, undefined, ['note']],
    [1, '\n\t', ['note']],
    [3, '已整改', []],
  ] as const)('%i files, note %j → %j', (evidenceCount, note, gaps) => {
    expect(closeRequestGaps({ evidenceCount, note })).toEqual(gaps);
  });

  it('the server names evidence first, then the note', () => {
    expect(() =>
      transition(snapshot('in_progress'), { event: 'request_close', actorId: 1, evidenceCount: 0, note: '' }),
    ).toThrowError(expect.objectContaining({ key: 'evidence_required' }));
  });
});

describe('evidence may change only while no request rests on it', () => {
  it.each([
    ['not_started', true],
    ['in_progress', true],
    ['close_requested', false],
    ['closed', false],
  ] as const)('%s → %s', (state, editable) => {
    expect(evidenceEditable(state)).toBe(editable);
  });

  it('covers every state', () => {
    for (const state of WORKFLOW_STATES) expect(typeof evidenceEditable(state)).toBe('boolean');
  });
});
