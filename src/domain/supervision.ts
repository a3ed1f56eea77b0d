/**
 * A supervision order (督办) goes out open, is answered by the unit, then closed or returned for more. Issue 15: while
 * open (unanswered) the office may edit it or recall it (撤回); a recalled order leaves the unit's list.
 */
export const ORDER_STATUSES = ['open', 'answered', 'returned', 'closed', 'recalled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Lengths in characters of what an order carries, and how many units or items one order may reach at once. */
export const ORDER_LIMITS = { title: 200, content: 5000, answer: 5000, reason: 2000, targets: 500, files: 20 } as const;

/** A look-back (回头看) is scheduled, then found to have held or rebounded (the item reopens). */
export const LOOKBACK_STATUSES = ['scheduled', 'held', 'rebound'] as const;
export type LookbackStatus = (typeof LOOKBACK_STATUSES)[number];

/** Without a date of its own, a look-back falls this many days after the close-out. */
export const DEFAULT_LOOKBACK_DAYS = 90;

/** Issue 15: an order is edited or recalled only while the unit has not answered it (nor was it recalled already). */
export function orderEditable(status: OrderStatus): boolean {
  return status === 'open';
}

/** Issue 15: files go with an answer while the unit may still answer. */
export function orderFilesOpen(status: OrderStatus): boolean {
  return status === 'open' || status === 'returned';
}
