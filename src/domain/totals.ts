/** Counts of one group of ledger rows; totals.ts turns them into rates and risk. */
export interface ItemCounts {
  items: number;
  notStarted: number;
  inProgress: number;
  closeRequested: number;
  closed: number;
  completed: number;
  partiallyCompleted: number;
  notCompleted: number;
  overdue: number;
  closedLate: number;
  withheld: number;
  flagged: number;
}

/**
 * How urgently the inspection office should look at a unit: overdue items weigh most, then open items,
 * then items closed late; normalised by the unit's size so small units are not hidden by large ones.
 */
export function riskScore(c: Pick<ItemCounts, 'items' | 'overdue' | 'closed' | 'closedLate'>): number {
  if (c.items === 0) return 0;
  const open = c.items - c.closed;
  const score = (c.overdue * 3 + open * 1 + c.closedLate * 0.5) / c.items;
  return Math.round(score * 100) / 100;
}

export function completionRate(c: Pick<ItemCounts, 'items' | 'completed' | 'partiallyCompleted'>): number {
  if (c.items === 0) return 0;
  return Math.round(((c.completed + c.partiallyCompleted) / c.items) * 1000) / 10;
}
