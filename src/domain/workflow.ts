import type { ErrorArgs, ErrorKey } from './error-codes.ts';
import { domainError } from './errors.ts';

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

export const WORKFLOW_EVENTS = [
  'start',
  'request_close',
  'withdraw',
  'approve',
  'confirm',
  'return',
  'reopen',
] as const;
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

/** What a close-out request still lacks; the page disables 申请销号 naming these, the server refuses with the first. */
export const CLOSE_REQUEST_NEEDS = ['evidence', 'note'] as const;
export type CloseRequestNeed = (typeof CLOSE_REQUEST_NEEDS)[number];

export function closeRequestGaps(input: {
  evidenceCount: number;
  note: string | null | undefined;
}): CloseRequestNeed[] {
  const gaps: CloseRequestNeed[] = [];
  if (input.evidenceCount < 1) gaps.push('evidence');
  if ((input.note?.trim() ?? '').length === 0) gaps.push('note');
  return gaps;
}

/**
 * Evidence may be removed or replaced only while no close-out request rests on it: once a request is pending the
 * reviewers judge the files as submitted, and a closed item's files are the record.
 */
export function evidenceEditable(state: WorkflowState): boolean {
  return state === 'not_started' || state === 'in_progress';
}

function refuse<K extends ErrorKey>(key: K, ...args: ErrorArgs<K>): never {
  throw domainError(key, ...args);
}

type NoteKey = 'return_note_required' | 'reopen_note_required';

function requireNote(note: string | null | undefined, missing: NoteKey): string {
  const text = note?.trim() ?? '';
  if (text.length === 0) refuse(missing);
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
      if (state !== 'not_started') refuse('cannot_start', { state });
      return { ...NOT_STARTED, state: 'in_progress' };

    case 'request_close':
      if (state !== 'not_started' && state !== 'in_progress') {
        refuse('cannot_request_close', { state });
      }
      {
        const gaps = closeRequestGaps(request);
        if (gaps.includes('evidence')) refuse('evidence_required');
        if (gaps.includes('note')) refuse('close_note_required');
      }
      return {
        state: 'close_requested',
        closeStage: 'unit_review',
        closeRequestedBy: request.actorId,
        closeApprovedBy: null,
      };

    case 'withdraw':
      // The requester's side takes back a request nobody has closed yet; the work behind it had started, so the item
      // goes back to 整改中 (as after a return), and its files may be changed again before the next request.
      if (state !== 'close_requested') refuse('cannot_withdraw');
      return { ...NOT_STARTED, state: 'in_progress' };

    case 'approve':
      if (state !== 'close_requested' || closeStage !== 'unit_review') {
        refuse('cannot_approve');
      }
      if (reviewsOwnRequest(current, 'approve', request.actorId)) {
        refuse('self_approval');
      }
      return { ...current, closeStage: 'office_review', closeApprovedBy: request.actorId };

    case 'confirm':
      if (state !== 'close_requested' || closeStage !== 'office_review') {
        refuse('cannot_confirm');
      }
      if (reviewsOwnRequest(current, 'confirm', request.actorId)) {
        refuse('self_confirmation');
      }
      return {
        state: 'closed',
        closeStage: null,
        closeRequestedBy: current.closeRequestedBy,
        closeApprovedBy: current.closeApprovedBy,
      };

    case 'return':
      if (state !== 'close_requested') refuse('cannot_return');
      requireNote(request.note, 'return_note_required');
      return { ...NOT_STARTED, state: 'in_progress' };

    case 'reopen':
      if (state !== 'closed') refuse('cannot_reopen');
      requireNote(request.note, 'reopen_note_required');
      return { ...NOT_STARTED, state: 'in_progress' };
  }
}

/** Nobody approves a close-out request they made, nor confirms one they made or approved. */
export function reviewsOwnRequest(current: WorkflowSnapshot, event: WorkflowEvent, actorId: number): boolean {
  if (event === 'approve') return current.closeRequestedBy === actorId;
  if (event === 'confirm') return current.closeRequestedBy === actorId || current.closeApprovedBy === actorId;
  return false;
}

/** The events from this state that this person may take whatever their role; the policies module narrows them by role. */
export function eventsOpenTo(current: WorkflowSnapshot, actorId: number): WorkflowEvent[] {
  return availableEvents(current).filter((event) => !reviewsOwnRequest(current, event, actorId));
}

/** Events that make sense from a state, for buttons in the UI; the policies module narrows them by role. */
export function availableEvents(current: WorkflowSnapshot): WorkflowEvent[] {
  switch (current.state) {
    case 'not_started':
      return ['start', 'request_close'];
    case 'in_progress':
      return ['request_close'];
    case 'close_requested':
      return current.closeStage === 'unit_review'
        ? ['approve', 'return', 'withdraw']
        : ['confirm', 'return', 'withdraw'];
    case 'closed':
      return ['reopen'];
  }
}
