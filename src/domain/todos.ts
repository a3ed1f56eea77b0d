/**
 * 待办 (issue 13): what waits for the signed-in user, computed from the state of the ledger, the orders and the comments
 * (never from the messages, which may have been read, deleted or never sent), so the list is right whatever happened.
 */
export const TODO_KINDS = [
  /** 销号申请 waiting for the unit leader's review. */
  'close_to_approve',
  /** 销号申请 the leader approved, waiting for the office's confirmation. */
  'close_to_confirm',
  /** Items whose close-out was returned (已退回), to redo and ask again. */
  'returned_to_redo',
  /** 督办 orders sent to the unit (or returned for more), to answer. */
  'order_to_answer',
  /** Answers to the office's orders, to review (close or return). */
  'answer_to_review',
  /** Public comments on the unit's notices not yet answered. */
  'comment_to_handle',
  /** 延期申请 waiting for the actor's decision (the deadlines part's requests; counted once they exist). */
  'extension_to_decide',
  /** Issue 15: public comments passed to the user's department (转办), not yet handled. */
  'comment_transferred',
  /** Issue 15: notices (and corrections) submitted for the unit leader's approval (待审批的公告). */
  'notice_to_approve',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** An item whose last close-out move was a return and that has not been put forward again: 已退回. */
export function isReturned(state: string, lastReviewEvent: string | null | undefined): boolean {
  return state === 'in_progress' && lastReviewEvent === 'return';
}
