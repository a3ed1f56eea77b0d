import type { IsoDate } from './dates.ts';
import { wasLate } from './deadline.ts';
import type { ErrorArgs, ErrorKey } from './error-codes.ts';
import { domainError } from './errors.ts';
import type { WorkflowState } from './workflow.ts';

/**
 * 延期申请: once the unit has submitted its plan, an item's deadline moves only through a request with a reason, approved
 * by the unit leader and, for a 挂牌督办 item, then by the inspection office. A refusal at either step ends it.
 */
export const EXTENSION_STATUSES = ['unit_review', 'office_review', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
export const OPEN_EXTENSION_STATUSES = ['unit_review', 'office_review'] as const satisfies readonly ExtensionStatus[];

export const EXTENSION_STATUS_ZH: Record<ExtensionStatus, string> = {
  unit_review: '待单位领导审批',
  office_review: '待巡察办审批',
  approved: '已同意',
  refused: '未同意',
};

export const EXTENSION_DECISIONS = ['approve', 'refuse'] as const;
export type ExtensionDecision = (typeof EXTENSION_DECISIONS)[number];

/** Where a deadline change came from: a direct edit (allowed only before the plan is submitted) or an approved request. */
export const DEADLINE_CHANGE_SOURCES = ['edit', 'extension'] as const;
export type DeadlineChangeSource = (typeof DEADLINE_CHANGE_SOURCES)[number];

/** The longest reason kept; a reason is a paragraph, not a report. */
export const EXTENSION_REASON_MAX = 2000;

function refuse<K extends ErrorKey>(key: K, ...args: ErrorArgs<K>): never {
  throw domainError(key, ...args);
}

// ---- the deadline record: what lateness and the ledger's 原定时限 / 调整后时限 / 延期次数 are computed from

export interface DeadlineRecord {
  deadline: IsoDate | null;
  /** The deadline before the first approved extension; null while there was none. */
  originalDeadline: IsoDate | null;
  extensionCount: number;
  /** The first deadline the item is on record as having missed; once set it stays. */
  missedDeadline: IsoDate | null;
  closedOn: IsoDate | null;
}

/**
 * "Was late": on record as having missed a deadline, or late against the deadline in force now (closed after it, or
 * still open past it). The record is what keeps a later move of the deadline from undoing it.
 */
export function isLate(r: Pick<DeadlineRecord, 'deadline' | 'missedDeadline' | 'closedOn'>, today: IsoDate): boolean {
  return r.missedDeadline !== null || wasLate(r.deadline, r.closedOn, today);
}

/** 原定时限: the deadline before any extension (the deadline itself while there was none). */
export function originalDeadlineOf(
  r: Pick<DeadlineRecord, 'deadline' | 'originalDeadline' | 'extensionCount'>,
): IsoDate | null {
  // An item given its first deadline by an extension had none: its original deadline is none, not the new one.
  return r.extensionCount > 0 ? r.originalDeadline : r.deadline;
}

/** 调整后时限: the deadline in force, shown only when an extension moved it. */
export function adjustedDeadlineOf(r: Pick<DeadlineRecord, 'deadline' | 'extensionCount'>): IsoDate | null {
  return r.extensionCount > 0 ? r.deadline : null;
}

/** The lateness to write down before the deadline in force is replaced or the item closes: the missed date, if any. */
function missedBefore(r: DeadlineRecord, today: IsoDate): IsoDate | null {
  if (r.missedDeadline !== null) return r.missedDeadline;
  return wasLate(r.deadline, r.closedOn, today) ? r.deadline : null;
}

export interface DeadlineChange {
  from: IsoDate | null;
  to: IsoDate | null;
  source: DeadlineChangeSource;
}

/**
 * Moves an item's deadline. Lateness is measured against the deadline in force until now, so a deadline already missed
 * (an open item past it, or an item closed after it) is written down first; an extension also keeps the original
 * deadline and counts itself. The change itself is returned for the history, which never loses a deadline.
 */
export function moveDeadline(
  r: DeadlineRecord,
  to: IsoDate | null,
  source: DeadlineChangeSource,
  today: IsoDate,
): { record: DeadlineRecord; change: DeadlineChange } {
  const extension = source === 'extension';
  return {
    record: {
      deadline: to,
      originalDeadline: extension && r.extensionCount === 0 ? r.deadline : r.originalDeadline,
      extensionCount: r.extensionCount + (extension ? 1 : 0),
      missedDeadline: missedBefore(r, today),
      closedOn: r.closedOn,
    },
    change: { from: r.deadline, to, source },
  };
}

/** Closing on a date: a close after the deadline is written down, so reopening and moving the deadline keep it. */
export function closeRecord(r: DeadlineRecord, closedOn: IsoDate): DeadlineRecord {
  const closed = { ...r, closedOn };
  return { ...closed, missedDeadline: missedBefore(closed, closedOn) };
}

/** Reopening: the item is open again; what it missed stays on record. */
export function reopenRecord(r: DeadlineRecord, today: IsoDate): DeadlineRecord {
  return { ...r, missedDeadline: missedBefore(r, today), closedOn: null };
}

/**
 * 原定时限 … 调整后时限 … （延期n次） in the words the documents use, or null when no extension moved the deadline; `date`
 * writes a date as the document does (ISO in the ledger, 2026年9月30日 in a report).
 */
export function extensionWords(
  r: Pick<DeadlineRecord, 'deadline' | 'originalDeadline' | 'extensionCount'>,
  date: (d: IsoDate) => string = (d) => d,
): string | null {
  if (r.extensionCount === 0) return null;
  const original = r.originalDeadline === null ? '无' : date(r.originalDeadline);
  const adjusted = r.deadline === null ? '无' : date(r.deadline);
  return `原定时限：${original}；调整后时限：${adjusted}（延期${r.extensionCount}次）`;
}

// ---- requests

export interface NewExtensionCheck {
  state: WorkflowState;
  deadline: IsoDate | null;
  /** Whether the item already has a request awaiting a decision. */
  hasOpenRequest: boolean;
  newDeadline: IsoDate;
  reason: string | null | undefined;
}

/** Whether a new request may be made; returns the reason as kept (trimmed). */
export function checkNewExtension(input: NewExtensionCheck): { reason: string } {
  if (input.state === 'closed') refuse('extension_item_closed');
  if (input.hasOpenRequest) refuse('extension_already_open');
  const reason = input.reason?.trim() ?? '';
  if (reason.length === 0) refuse('extension_reason_required');
  assertLater(input.newDeadline, input.deadline);
  return { reason: reason.slice(0, EXTENSION_REASON_MAX) };
}

function assertLater(newDeadline: IsoDate, current: IsoDate | null) {
  if (current !== null && newDeadline <= current) {
    refuse(
      'extension_date_not_later',
      { deadline: newDeadline, current },
      { fields: [{ field: 'deadline', message: `must be after ${current}` }] },
    );
  }
}

export interface ExtensionSnapshot {
  status: ExtensionStatus;
  requestedBy: number;
  /** A 挂牌督办 item's request also goes to the office after the unit leader. */
  needsOffice: boolean;
  toDeadline: IsoDate;
  unitDecidedBy: number | null;
}

/** Which step decides the request now: the unit leader's, the office's, or none (decided). */
export function stepOf(status: ExtensionStatus): 'unit' | 'office' | null {
  if (status === 'unit_review') return 'unit';
  if (status === 'office_review') return 'office';
  return null;
}

export function isOpenExtension(status: ExtensionStatus): boolean {
  return stepOf(status) !== null;
}

/**
 * The one place that knows how a request is decided, whoever the actor is (the policies say which role decides which
 * step): nobody decides their own request nor both steps of one; a refusal needs a reason; an approval that moves the
 * deadline needs the item open and the new date still after the deadline in force (it may have moved meanwhile).
 */
export function decideExtension(
  current: ExtensionSnapshot,
  input: {
    decision: ExtensionDecision;
    actorId: number;
    note: string | null | undefined;
    item: { state: WorkflowState; deadline: IsoDate | null };
  },
): { status: ExtensionStatus; movesDeadline: boolean; note: string | null } {
  const step = stepOf(current.status);
  if (step === null) refuse('extension_not_pending');
  if (input.actorId === current.requestedBy || input.actorId === current.unitDecidedBy)
    refuse('extension_self_approval');
  const note = input.note?.trim() || null;
  if (input.decision === 'refuse') {
    if (note === null) refuse('extension_note_required');
    return { status: 'refused', movesDeadline: false, note };
  }
  if (step === 'unit' && current.needsOffice) return { status: 'office_review', movesDeadline: false, note };
  if (input.item.state === 'closed') refuse('extension_item_closed');
  assertLater(current.toDeadline, input.item.deadline);
  return { status: 'approved', movesDeadline: true, note };
}
