import { describe, expect, it } from 'vitest';
import { assertResultFits, RESULT_LABELS, resultAfter } from './result.ts';
import { completionRate, riskScore } from './totals.ts';
import { WORKFLOW_EVENTS, WORKFLOW_STATES } from './workflow.ts';

describe('result label, separate from the workflow state', () => {
  const allowed: Record<string, string[]> = {
    not_started: ['partially_completed', 'not_completed'],
    in_progress: ['partially_completed', 'not_completed'],
    close_requested: ['partially_completed', 'not_completed'],
    closed: ['completed', 'partially_completed'],
  };
  for (const state of WORKFLOW_STATES) {
    for (const result of RESULT_LABELS) {
      it(`${state} + ${result}: ${allowed[state].includes(result) ? 'fits' : 'refused'}`, () => {
        if (allowed[state].includes(result)) expect(() => assertResultFits(state, result)).not.toThrow();
        else
          expect(() => assertResultFits(state, result)).toThrowError(
            expect.objectContaining({ code: 'result_state_mismatch' }),
          );
      });
    }
  }

  it('confirming closes as completed unless 阶段性完成 was chosen; reopening resets', () => {
    expect(resultAfter('confirm', 'not_completed')).toBe('completed');
    expect(resultAfter('confirm', 'not_completed', 'partially_completed')).toBe('partially_completed');
    expect(resultAfter('reopen', 'completed')).toBe('not_completed');
    for (const event of WORKFLOW_EVENTS.filter((e) => e !== 'confirm' && e !== 'reopen')) {
      expect(resultAfter(event, 'partially_completed')).toBe('partially_completed');
    }
  });
});

describe('totals', () => {
  it('scores risk by overdue, open and late, normalised by size', () => {
    expect(riskScore({ items: 0, overdue: 0, closed: 0, closedLate: 0 })).toBe(0);
    expect(riskScore({ items: 10, overdue: 0, closed: 10, closedLate: 0 })).toBe(0);
    expect(riskScore({ items: 10, overdue: 2, closed: 5, closedLate: 2 })).toBe(1.2);
    expect(riskScore({ items: 10, overdue: 5, closed: 0, closedLate: 0 })).toBeGreaterThan(
      riskScore({ items: 10, overdue: 0, closed: 0, closedLate: 0 }),
    );
  });

  it('computes completion as completed plus partially completed', () => {
    expect(completionRate({ items: 17, completed: 15, partiallyCompleted: 2 })).toBe(100);
    expect(completionRate({ items: 3, completed: 1, partiallyCompleted: 0 })).toBe(33.3);
    expect(completionRate({ items: 0, completed: 0, partiallyCompleted: 0 })).toBe(0);
  });
});
