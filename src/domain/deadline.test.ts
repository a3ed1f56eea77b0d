import { describe, expect, it } from 'vitest';
import { isOverdue, warningLevel, wasLate } from './deadline.ts';
import { WORKFLOW_STATES } from './workflow.ts';

const thresholds = { green: 20, yellow: 10 };

describe('overdue, derived and never stored', () => {
  it.each(WORKFLOW_STATES)('state %s', (state) => {
    expect(isOverdue('2026-01-10', state, '2026-01-11')).toBe(state !== 'closed');
    expect(isOverdue('2026-01-10', state, '2026-01-10')).toBe(false);
    expect(isOverdue(null, state, '2030-01-01')).toBe(false);
  });

  it('keeps "was late" after completion', () => {
    expect(wasLate('2026-01-10', '2026-01-12', '2026-03-01')).toBe(true);
    expect(wasLate('2026-01-10', '2026-01-10', '2026-03-01')).toBe(false);
    expect(wasLate('2026-01-10', null, '2026-01-11')).toBe(true);
    expect(wasLate(null, '2026-01-12', '2026-03-01')).toBe(false);
  });
});

describe('three-colour warning', () => {
  it.each([
    ['2026-03-01', '2026-01-01', 'none'],
    ['2026-01-21', '2026-01-01', 'green'],
    ['2026-01-12', '2026-01-01', 'green'],
    ['2026-01-11', '2026-01-01', 'yellow'],
    ['2026-01-01', '2026-01-01', 'yellow'],
    ['2025-12-31', '2026-01-01', 'red'],
  ] as const)('deadline %s on %s is %s', (deadline, today, level) => {
    expect(warningLevel(deadline, 'in_progress', today, thresholds)).toBe(level);
  });

  it('is off for closed items and items without a deadline', () => {
    expect(warningLevel('2025-12-31', 'closed', '2026-01-01', thresholds)).toBe('none');
    expect(warningLevel(null, 'in_progress', '2026-01-01', thresholds)).toBe('none');
  });

  it('follows configured thresholds', () => {
    expect(warningLevel('2026-01-31', 'in_progress', '2026-01-01', { green: 30, yellow: 5 })).toBe('green');
  });
});
