import type { Db } from '../db/database.ts';
import {
  type ApprovalStage,
  type MessageSubject,
  messageRecipients,
  messageText,
  notificationKind,
} from '../domain/messages.ts';
import {
  activeAccount,
  commentMessageScope,
  itemMessageScope,
  type MessageSubjectScope,
  orderMessageScope,
  publicationMessageScope,
} from '../repositories/messages.repository.ts';
import {
  fanOutDeliveries,
  insertNotifications,
  type OutwardConfig,
  outwardReach,
} from '../repositories/notifications.repository.ts';

/**
 * One workflow event, as the command that made it knows it. The extension kinds are sent by the deadlines part's
 * commands (延期申请), inside their transactions, through the same function.
 */
export type WorkflowMessage =
  | { kind: 'close_requested'; itemId: number; note: string | null }
  | { kind: 'close_approved'; itemId: number }
  | { kind: 'close_returned'; itemId: number; requesterId: number | null; reason: string }
  | { kind: 'supervision_ordered' | 'supervision_answered'; orderId: number }
  | { kind: 'supervision_returned'; orderId: number; reason: string }
  | { kind: 'supervision_recalled'; orderId: number; reason: string | null }
  | { kind: 'comment_received'; commentId: number }
  | { kind: 'comment_transferred'; commentId: number; dueOn: string; note: string | null }
  | { kind: 'extension_requested'; itemId: number; stage: ApprovalStage; newDeadline: string; reason: string }
  | {
      kind: 'extension_decided';
      itemId: number;
      requesterId: number;
      approved: boolean;
      /** The deadline in force after the decision. */
      deadline: string | null;
      note: string | null;
    }
  // Issue 15 (point 1): the publishing workflow; requesterId is who prepared (and submitted) the version.
  | { kind: 'publication_submitted' | 'publication_office'; versionId: number }
  | { kind: 'publication_returned'; versionId: number; requesterId: number; reason: string }
  | { kind: 'publication_published'; versionId: number; requesterId: number; publicFrom: string }
  | { kind: 'publication_needs_correction'; publicationId: number; requesterId: number | null; reason: string };

/** What sending needs besides the transaction: the configured channels and the clock. */
export interface MessageContext {
  config: OutwardConfig;
  now: () => Date;
}

async function scopeOf(trx: Db, m: WorkflowMessage): Promise<MessageSubjectScope> {
  if ('itemId' in m) return itemMessageScope(trx, m.itemId);
  if ('orderId' in m) return orderMessageScope(trx, m.orderId);
  if ('versionId' in m) return publicationMessageScope(trx, { versionId: m.versionId });
  if ('publicationId' in m) return publicationMessageScope(trx, { publicationId: m.publicationId });
  return commentMessageScope(trx, m.commentId, m.kind === 'comment_transferred');
}

function subjectOf(m: WorkflowMessage, s: MessageSubjectScope): MessageSubject {
  const base = { title: s.title, unitName: s.unitName };
  switch (m.kind) {
    case 'close_requested':
      return { ...base, note: m.note };
    case 'close_returned':
    case 'supervision_returned':
    case 'supervision_recalled':
      return { ...base, note: m.reason };
    case 'supervision_ordered':
      return { ...base, date: s.dueOn };
    case 'extension_requested':
      return { ...base, date: m.newDeadline, note: m.reason };
    case 'extension_decided':
      return { ...base, date: m.deadline, approved: m.approved, note: m.note };
    case 'comment_transferred':
      return { ...base, date: m.dueOn, note: m.note };
    case 'publication_returned':
    case 'publication_needs_correction':
      return { ...base, note: m.reason };
    case 'publication_published':
      return { ...base, date: m.publicFrom };
    default:
      return base;
  }
}

const requesterOf = (m: WorkflowMessage) =>
  m.kind === 'close_returned' ||
  m.kind === 'extension_decided' ||
  m.kind === 'publication_returned' ||
  m.kind === 'publication_published' ||
  m.kind === 'publication_needs_correction'
    ? m.requesterId
    : null;

/**
 * Writes a workflow event's message inside the caller's transaction: a notification (the bell) for each recipient
 * of the table in src/domain/messages.ts, and the outward deliveries through the outbox by each recipient's own
 * choices (fanOutDeliveries: e-mail, the unit's 钉钉 and 企业微信 robots and SMS hook, the signed webhook), which the
 * sweep works with its retries.
 * Returns the accounts told, for the caller's tests and counts.
 */
export async function sendWorkflowMessage(
  trx: Db,
  ctx: MessageContext,
  actorId: number | null,
  message: WorkflowMessage,
): Promise<number[]> {
  const scope = await scopeOf(trx, message);
  const recipients = messageRecipients(message.kind, {
    unitLeaders: scope.unitLeaders,
    unitAdmins: scope.unitAdmins,
    office: scope.office,
    requester: await activeAccount(trx, requesterOf(message)),
    stage: message.kind === 'extension_requested' ? message.stage : undefined,
    actorId,
    department: scope.department,
  });
  if (recipients.length === 0) return [];
  const at = ctx.now().toISOString();
  const kind = notificationKind(message.kind);
  const text = messageText(message.kind, subjectOf(message, scope));
  await insertNotifications(
    trx,
    recipients.map((userId) => ({ userId, kind, title: text.title, body: text.body, link: scope.link })),
    at,
  );
  await fanOutDeliveries(
    trx,
    { userIds: recipients, kind, title: text.title, body: text.body, link: scope.link, unitName: scope.unitName },
    at,
    outwardReach(ctx.config),
  );
  return recipients;
}
