import { DomainError } from './errors.ts';

/** 未启动 → 整改中 → 申请销号 → 已销号; the public result label is a separate field (see result.ts). */
export const WORKFLOW_STATES = ['not_started', 'in_progress', 'close_requested', 'closed'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const WORKFLOW_STATE_ZH: Record<WorkflowState, string> = {
  not_started: '未启动',
  in_progress: '整改中',
  close_requested: '申请销号',
  closed: '已销号',
};

/** Inside 申请销号 a request first waits for the unit leader, then for the inspection office. */
export const CLOSE_STAGES = ['unit_review', 'office_review'] as const;
export type CloseStage = (typeof CLOSE_STAGES)[number];

export const WORKFLOW_EVENTS = ['start', 'request_close', 'approve', 'confirm', 'return', 'reopen'] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

export interface WorkflowSnapshot {
  state: WorkflowState;
  closeStage: CloseStage | null;
  closeRequestedBy: number | null;
  closeApprovedBy: number | null;
}

export interface TransitionRequest {
  event: WorkflowEvent;
  actorId: number;
  /** Evidence files attached to the item; close-out needs at least one. */
  evidenceCount: number;
  /** Verification note for a request, reason for a return or a reopen. */
  note: string | null | undefined;
}

export const NOT_STARTED: WorkflowSnapshot = {
  state: 'not_started',
  closeStage: null,
  closeRequestedBy: null,
  closeApprovedBy: null,
};

function refuse(code: string, message: string): never {
  throw new DomainError(code, message);
}

function requireNote(note: string | null | undefined, what: string): string {
  const text = note?.trim() ?? '';
  if (text.length === 0) refuse('note_required', what);
  return text;
}

/**
 * The one place that knows which workflow moves are legal. Role checks live in the policies module;
 * this function enforces what holds whoever the actor is: order of states, evidence and notes,
 * and that nobody approves or confirms their own request.
 */
export function transition(current: WorkflowSnapshot, request: TransitionRequest): WorkflowSnapshot {
  const { state, closeStage } = current;
  switch (request.event) {
    case 'start':
      if (state !== 'not_started')
        refuse('invalid_transition', `只有未启动的事项可以启动 / only a not-started item can start (state: ${state})`);
      return { ...NOT_STARTED, state: 'in_progress' };

    case 'request_close':
      if (state !== 'not_started' && state !== 'in_progress') {
        refuse('invalid_transition', `此状态下不能申请销号 / close-out cannot be requested in state ${state}`);
      }
      if (request.evidenceCount < 1) {
        refuse('evidence_required', '申请销号前须上传佐证材料 / upload evidence before requesting close-out');
      }
      requireNote(request.note, '申请销号须填写核查说明 / a verification note is required to request close-out');
      return {
        state: 'close_requested',
        closeStage: 'unit_review',
        closeRequestedBy: request.actorId,
        closeApprovedBy: null,
      };

    case 'approve':
      if (state !== 'close_requested' || closeStage !== 'unit_review') {
        refuse(
          'invalid_transition',
          '只有待单位审核的销号申请可以审核通过 / only a request awaiting the unit leader can be approved',
        );
      }
      if (current.closeRequestedBy === request.actorId) {
        refuse('self_approval', '不能审核自己提出的销号申请 / you cannot approve your own close-out request');
      }
      return { ...current, closeStage: 'office_review', closeApprovedBy: request.actorId };

    case 'confirm':
      if (state !== 'close_requested' || closeStage !== 'office_review') {
        refuse(
          'invalid_transition',
          '只有单位已审核的销号申请可以确认销号 / only a request approved by the unit can be confirmed',
        );
      }
      if (current.closeRequestedBy === request.actorId || current.closeApprovedBy === request.actorId) {
        refuse('self_approval', '不能确认自己提出或审核的销号申请 / you cannot confirm a request you made or approved');
      }
      return {
        state: 'closed',
        closeStage: null,
        closeRequestedBy: current.closeRequestedBy,
        closeApprovedBy: current.closeApprovedBy,
      };

    case 'return':
      if (state !== 'close_requested')
        refuse('invalid_transition', '只有申请销号中的事项可以退回 / only a close-out request can be returned');
      requireNote(request.note, '退回须填写理由 / a reason is required to return a request');
      return { ...NOT_STARTED, state: 'in_progress' };

    case 'reopen':
      if (state !== 'closed')
        refuse('invalid_transition', '只有已销号的事项可以重新打开 / only a closed item can be reopened');
      requireNote(request.note, '重新打开须填写回头看发现的问题 / a look-back finding is required to reopen');
      return { ...NOT_STARTED, state: 'in_progress' };
  }
}

/** Events that make sense from a state, for buttons in the UI; the policies module narrows them by role. */
export function availableEvents(current: WorkflowSnapshot): WorkflowEvent[] {
  switch (current.state) {
    case 'not_started':
      return ['start', 'request_close'];
    case 'in_progress':
      return ['request_close'];
    case 'close_requested':
      return current.closeStage === 'unit_review' ? ['approve', 'return'] : ['confirm', 'return'];
    case 'closed':
      return ['reopen'];
  }
}
