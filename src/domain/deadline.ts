import { daysBetween, type IsoDate } from './dates.ts';
import type { WorkflowState } from './workflow.ts';

/** 逾期 is derived from the deadline and today, never stored. */
export function isOverdue(deadline: IsoDate | null, state: WorkflowState, today: IsoDate): boolean {
  return deadline !== null && state !== 'closed' && deadline < today;
}

/** "Was late" stays true after completion: closed after the deadline. */
export function wasLate(deadline: IsoDate | null, closedOn: IsoDate | null, today: IsoDate): boolean {
  if (deadline === null) return false;
  return (closedOn ?? today) > deadline;
}

export type WarningLevel = 'none' | 'green' | 'yellow' | 'red';

export interface WarningThresholds {
  green: number;
  yellow: number;
}

/** The three-colour warning: green within `green` days, yellow within `yellow` days, red once overdue. */
export function warningLevel(
  deadline: IsoDate | null,
  state: WorkflowState,
  today: IsoDate,
  thresholds: WarningThresholds,
): WarningLevel {
  if (deadline === null || state === 'closed') return 'none';
  const left = daysBetween(today, deadline);
  if (left < 0) return 'red';
  if (left <= thresholds.yellow) return 'yellow';
  if (left <= thresholds.green) return 'green';
  return 'none';
}
