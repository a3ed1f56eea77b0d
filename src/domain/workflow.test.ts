import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  availableEvents,
  type CLOSE_STAGES,
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
  'close_requested/unit_review': { approve: 'close_requested/office_review', return: 'in_progress' },
  'close_requested/office_review': { confirm: 'closed', return: 'in_progress' },
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
});
