import { describe, expect, it } from 'vitest';
import {
  draftPlan,
  VERSION_EVENTS,
  VERSION_STATES,
  type VersionActor,
  type VersionEvent,
  type VersionState,
  versionEditable,
  versionEventsOpen,
  versionStep,
} from './publication-workflow.ts';

const CAPACITIES = ['publisher', 'leader', 'office'] as const;
const NEEDED: Record<VersionEvent, (typeof CAPACITIES)[number]> = {
  submit: 'publisher',
  approve_unit: 'leader',
  return_unit: 'leader',
  approve_office: 'office',
  return_office: 'office',
};
const FROM: Record<VersionEvent, VersionState[]> = {
  submit: ['draft', 'returned'],
  approve_unit: ['submitted'],
  return_unit: ['submitted'],
  approve_office: ['approved'],
  return_office: ['approved'],
};

const snapshot = (state: VersionState, needsOffice: boolean) => ({
  state,
  needsOffice,
  submittedBy: 1,
  leaderApprovedBy: null,
});

describe('versionStep: every state × event × capacity × office setting', () => {
  for (const state of VERSION_STATES)
    for (const event of VERSION_EVENTS)
      for (const capacity of CAPACITIES)
        for (const needsOffice of [false, true])
          it(`${state} ${event} by ${capacity}${needsOffice ? ' (office approves too)' : ''}`, () => {
            const actor: VersionActor = { id: 2, capacities: [capacity] };
            const out = versionStep(snapshot(state, needsOffice), event, actor, 'reason');
            if (capacity !== NEEDED[event]) {
              expect(out).toEqual({ ok: false, refusal: { code: 'role' } });
              return;
            }
            if (!FROM[event].includes(state)) {
              expect(out).toEqual({ ok: false, refusal: { code: 'state', state } });
              return;
            }
            const expected: Record<VersionEvent, [VersionState, boolean]> = {
              submit: ['submitted', false],
              approve_unit: needsOffice ? ['approved', false] : ['published', true],
              approve_office: ['published', true],
              return_unit: ['returned', false],
              return_office: ['returned', false],
            };
            const [next, publishes] = expected[event];
            expect(out).toEqual({ ok: true, state: next, publishes });
          });
});

describe('versionStep: the finer refusals', () => {
  it('a leader does not approve what they submitted; another leader may', () => {
    const v = { state: 'submitted' as const, needsOffice: false, submittedBy: 7, leaderApprovedBy: null };
    expect(versionStep(v, 'approve_unit', { id: 7, capacities: ['publisher', 'leader'] })).toEqual({
      ok: false,
      refusal: { code: 'own' },
    });
    expect(versionStep(v, 'approve_unit', { id: 8, capacities: ['leader'] }).ok).toBe(true);
  });
  it('the office approves a version it submitted itself (its own rule, not a unit leader’s)', () => {
    const v = { state: 'approved' as const, needsOffice: true, submittedBy: 7, leaderApprovedBy: 8 };
    expect(versionStep(v, 'approve_office', { id: 7, capacities: ['office'] }).ok).toBe(true);
  });
  it('a return needs its reason', () => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(
        versionStep(snapshot('submitted', false), 'return_unit', { id: 2, capacities: ['leader'] }, reason),
      ).toEqual({ ok: false, refusal: { code: 'reason' } });
      expect(
        versionStep(snapshot('approved', true), 'return_office', { id: 2, capacities: ['office'] }, reason),
      ).toEqual({ ok: false, refusal: { code: 'reason' } });
    }
  });
  it('the open events follow the same rule', () => {
    const all: VersionActor = { id: 2, capacities: ['publisher', 'leader', 'office'] };
    expect(versionEventsOpen(snapshot('draft', false), all)).toEqual(['submit']);
    expect(versionEventsOpen(snapshot('submitted', true), all)).toEqual(['approve_unit', 'return_unit']);
    expect(versionEventsOpen(snapshot('approved', true), all)).toEqual(['approve_office', 'return_office']);
    expect(versionEventsOpen(snapshot('published', false), all)).toEqual([]);
    expect(versionEventsOpen(snapshot('superseded', false), all)).toEqual([]);
  });
});

describe('draftPlan', () => {
  it('replaces an editable open version, refuses one in review, else starts a new one', () => {
    for (const state of VERSION_STATES) {
      const plan = draftPlan({ state }, null);
      if (versionEditable(state)) expect(plan).toEqual({ action: 'replace', kind: 'first' });
      else expect(plan).toEqual({ refused: 'in_review' });
    }
    expect(draftPlan(null, null)).toEqual({ action: 'new', kind: 'first' });
    expect(draftPlan(null, { id: 3 })).toEqual({ action: 'new', kind: 'correction' });
    expect(draftPlan({ state: 'returned' }, { id: 3 })).toEqual({ action: 'replace', kind: 'correction' });
  });
});
