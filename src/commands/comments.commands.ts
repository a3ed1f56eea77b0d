import { createHmac, randomBytes } from 'node:crypto';
import { type CommandContext, today } from '../context.ts';
import type { Db } from '../db/database.ts';
import {
  formatReceipt,
  handledNeedsAnswer,
  lookupRetryAfter,
  normalizeReceipt,
  PUBLIC_COMMENT_STATUS_ZH,
  type PublicCommentStatus,
  publicCommentStatus,
  publishedAnswer,
  RECEIPT_LOOKUP_LIMIT,
  type ReceiptChannel,
  receiptChannelFor,
  receiptFromBytes,
  transferDueProblem,
} from '../domain/comments.ts';
import {
  acceptsComments,
  type CommentInput,
  type CommentStatus,
  checkComment,
  describeProblem,
  judgeFormTime,
  retryAfterSeconds,
} from '../domain/publication.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeComment } from '../policies/authorize.ts';
import { type Clock, withState } from '../queries/publications.queries.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  type CommentRemark,
  commentPlace,
  findCommentByReceipt,
  getComment,
  insertComment,
  insertRemark,
  itemInspection,
  listRemarks,
  lockCommentAddress,
  nearestSmsHookUnit,
  type PublicComment,
  recentCommentTimes,
  recentLookupMisses,
  recordLookupMiss,
  updateComment,
} from '../repositories/comments.repository.ts';
import { enqueueDeliveries, smsRecipient } from '../repositories/notifications.repository.ts';
import { findPublication, portalSecret } from '../repositories/publications.repository.ts';
import { change } from './context.ts';
import { assertDepartmentOfUnit } from './measure-owners.ts';
import { sendWorkflowMessage } from './messages.ts';

/**
 * Answers a comment and/or closes it. The answer stays internal (the public sent no account to answer to; the unit uses
 * the contact given). A handled comment can still have its answer corrected.
 */
export async function answerComment(
  ctx: CommandContext,
  commentId: number,
  input: { version: number; answer: string | null; handled: boolean },
): Promise<PublicComment> {
  // A department drafts the answer of a comment passed to it; closing it, or correcting a closed one, is the unit's.
  let comment = await authorizeComment(ctx, commentId, 'draft');
  if (input.handled || comment.status === 'handled') comment = await authorizeComment(ctx, commentId, 'answer');
  const answer = input.answer?.trim() || null;
  if (answer === null && !input.handled) throw appError('answer_required');
  // 办结 publishes the answer on the citizen's receipt page: it needs one, given now or already stored.
  if (input.handled && !handledNeedsAnswer(answer, comment.answer)) throw appError('comment_handled_needs_answer');
  const at = ctx.now().toISOString();
  // Handled is final: correcting the answer later keeps the comment closed.
  const status: CommentStatus = input.handled || comment.status === 'handled' ? 'handled' : 'answered';
  await change(ctx, async ({ trx, audit }) => {
    await updateComment(
      trx,
      commentId,
      input.version,
      {
        status,
        ...(answer !== null ? { answer, answeredAt: at, answeredBy: ctx.actor.id } : {}),
        ...(input.handled && comment.status !== 'handled' ? { handledAt: at, handledBy: ctx.actor.id } : {}),
      },
      ctx.now(),
    );
    await audit({
      action: 'comment.answer',
      entity: 'public_comment',
      entityId: commentId,
      before: { status: comment.status, answer: comment.answer },
      after: { status, answer: answer ?? comment.answer },
    });
  });
  return getComment(ctx.db, commentId);
}

// ---- the portal's comment form: the token is issued here beside submitComment, which checks it

const sign = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('base64url');

/** The comment form's hidden field: when it was rendered, signed, so a bot cannot post at once or forge an old time. */
export async function formToken(ctx: Clock, publicationId: number): Promise<string> {
  const at = ctx.now().getTime();
  return `${at}.${sign(await portalSecret(ctx.db), `form.${publicationId}.${at}`)}`;
}

export interface CommentSubmission {
  content?: string;
  name?: string | null;
  contact?: string | null;
  /** The honeypot: hidden from people, filled by form-filling bots. */
  website?: string;
  /** The signed render time of the HTML form; absent from plain API calls. */
  issued?: string;
}

/** What the sender is told: the receipt (formatted), and whether it was also sent by e-mail or SMS. */
export type CommentOutcome =
  | { stored: number; receipt: string; sentBy: ReceiptChannel | null }
  | { ignored: true; receipt: string; sentBy: null };

const tooMany = (retryAfter: number) =>
  appError('rate_limited', { retryAfterSeconds: retryAfter }, { retryAfterSeconds: retryAfter });

/**
 * Stores a public comment for the unit. Checks in order of cost: the notice is open for comments, the bot signs, the
 * content, then the address's count in the last hour (from the table, by a keyed hash of the address, never the address).
 * A filled honeypot gets the same answer as a success but stores nothing, so the bot learns nothing to adapt to.
 */
export async function submitComment(
  ctx: Clock,
  publicationId: number,
  address: string,
  submission: CommentSubmission,
): Promise<CommentOutcome> {
  const p = await findPublication(ctx.db, publicationId);
  const state = p ? withState(ctx, p).state : null;
  if (!p || state === null || state === 'scheduled' || state === 'withdrawn')
    throw AppError.notFound('publication', publicationId);
  if (!acceptsComments(state)) {
    throw appError('period_over', { publicTo: p.publicTo });
  }
  // The bot is given a receipt like anyone's, which names nothing.
  if (submission.website && submission.website.trim() !== '')
    return { ignored: true, receipt: newReceipt(), sentBy: null };
  const secret = await portalSecret(ctx.db);
  if (submission.issued !== undefined) {
    const [at, signature] = submission.issued.split('.');
    if (!/^\d{1,15}$/.test(at ?? '') || signature !== sign(secret, `form.${publicationId}.${at}`)) {
      throw appError('bad_form');
    }
    const verdict = judgeFormTime(Number(at), ctx.now().getTime());
    if (verdict === 'too_fast') throw appError('too_fast');
    if (verdict === 'expired') throw appError('form_expired');
  }
  const { value, problems } = checkComment(submission);
  if (problems.length > 0) {
    throw appError(
      problems.some((x) => x.code === 'too_many_links') ? 'too_many_links' : 'bad_comment',
      { problems: problems.map(describeProblem).join('；') },
      { fields: problems.map((x) => ({ field: x.field, message: x.code })) },
    );
  }
  const addressHash = sign(secret, `address.${address}`);
  const now = ctx.now();
  const since = new Date(now.getTime() - 3600_000).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await lockCommentAddress(trx, addressHash, now.toISOString());
    const times = await recentCommentTimes(trx, addressHash, since);
    if (times.length >= ctx.config.commentsPerHour) {
      throw tooMany(retryAfterSeconds(new Date(times[times.length - ctx.config.commentsPerHour]), now));
    }
    // 59 random bits: a repeat is all but impossible, and the unique index would refuse one; draw again if it happens.
    let receipt = newReceipt();
    while (await findCommentByReceipt(trx, receiptHash(secret, receipt))) receipt = newReceipt();
    const id = await insertComment(trx, {
      publicationId,
      ...(value as CommentInput),
      addressHash,
      receiptHash: receiptHash(secret, receipt),
      at: now.toISOString(),
    });
    const reach = receiptChannelFor(value.contact, {
      email: !!ctx.config.smtpUrl,
      sms: (await nearestSmsHookUnit(trx, p.unitPath)) !== null,
    });
    if (reach) await sendReceipt(trx, reach, receipt, p.title, p.unitPath, now.toISOString());
    await recordAudit(
      trx,
      {
        actorId: null,
        action: 'comment.receive',
        entity: 'public_comment',
        entityId: id,
        after: {
          publicationId,
          length: value.content.length,
          named: value.name !== null,
          receiptSentBy: reach?.channel ?? null,
        },
      },
      now,
    );
    await sendWorkflowMessage(trx, ctx, null, { kind: 'comment_received', commentId: id });
    return { stored: id, receipt: formatReceipt(receipt), sentBy: reach?.channel ?? null };
  });
}

// ---- issue 15: receipts, 转办, links to items, supervisors' remarks

/** A new receipt's 12 letters from the system's random source. */
export function newReceipt(): string {
  for (;;) {
    const raw = receiptFromBytes(randomBytes(32));
    if (raw) return raw;
  }
}

/** The receipt as stored: keyed by the portal's secret, so the table alone gives no receipt away. */
const receiptHash = (secret: string, raw: string) => sign(secret, `receipt.${raw}`);

async function sendReceipt(
  trx: Db,
  reach: { channel: ReceiptChannel; address: string },
  receipt: string,
  title: string,
  unitPath: string,
  at: string,
) {
  const shown = formatReceipt(receipt);
  const subject = '意见建议回执';
  const text = `您对《${title}》提出的意见建议已收到，回执号：${shown}。凭回执号可在巡察整改情况公开网站查询办理情况和答复：/public/comments/${shown}`;
  if (reach.channel === 'email') {
    await enqueueDeliveries(trx, [{ channel: 'email', recipient: reach.address, subject, payload: text }], at);
    return;
  }
  const hook = await nearestSmsHookUnit(trx, unitPath);
  if (hook === null) return;
  await enqueueDeliveries(
    trx,
    [{ channel: 'sms', recipient: smsRecipient(hook, reach.address), subject, payload: text }],
    at,
  );
}

/** What the portal shows for a receipt: never the sender's name or contact, never the unit's notes or remarks. */
export interface ReceiptStatus {
  receipt: string;
  publicationId: number;
  title: string;
  unitName: string;
  /** The notice is still on the portal (public or archived), so the page can link to it. */
  noticeShown: boolean;
  sentAt: string;
  status: PublicCommentStatus;
  statusZh: string;
  answer: string | null;
  answeredOn: string | null;
}

/**
 * Looks a receipt up for the portal, counting misses per (keyed hash of the) address: after RECEIPT_LOOKUP_LIMIT.misses
 * in the window every lookup from the address is refused (429 with Retry-After) until the oldest miss leaves it, so
 * receipts cannot be guessed. Returns null for an unknown receipt (recorded as a miss).
 */
export async function lookupReceipt(ctx: Clock, input: string, address: string): Promise<ReceiptStatus | null> {
  const secret = await portalSecret(ctx.db);
  const addressHash = sign(secret, `address.${address}`);
  const now = ctx.now();
  const since = new Date(now.getTime() - RECEIPT_LOOKUP_LIMIT.windowSeconds * 1000).toISOString();
  const misses = await recentLookupMisses(ctx.db, addressHash, since, RECEIPT_LOOKUP_LIMIT.misses);
  if (misses.length >= RECEIPT_LOOKUP_LIMIT.misses) {
    const retryAfter = lookupRetryAfter(new Date(misses[0]), now);
    throw appError('receipt_lookups_limited', { retryAfterSeconds: retryAfter }, { retryAfterSeconds: retryAfter });
  }
  const raw = normalizeReceipt(input);
  const found = raw === null ? undefined : await findCommentByReceipt(ctx.db, receiptHash(secret, raw));
  if (!raw || !found) {
    await recordLookupMiss(ctx.db, addressHash, now.toISOString(), since);
    return null;
  }
  const { row, comment } = found;
  const status = publicCommentStatus(comment);
  const published = publishedAnswer(comment);
  const p = await findPublication(ctx.db, row.publication_id);
  const state = p ? withState(ctx, p).state : 'withdrawn';
  return {
    receipt: formatReceipt(raw),
    publicationId: row.publication_id,
    title: row.title,
    unitName: row.unit_name,
    noticeShown: state === 'public' || state === 'archived',
    sentAt: comment.createdAt,
    status,
    statusZh: PUBLIC_COMMENT_STATUS_ZH[status],
    answer: published?.answer ?? null,
    answeredOn: published?.on ?? null,
  };
}

/** 转办: the unit passes the comment to one of its departments with a due date; the department drafts the answer. */
export async function transferComment(
  ctx: CommandContext,
  commentId: number,
  input: { version: number; departmentId: number; dueOn: string; note?: string | null },
): Promise<PublicComment> {
  const comment = await authorizeComment(ctx, commentId, 'transfer');
  if (comment.status === 'handled') throw appError('comment_already_handled');
  const problem = transferDueProblem(input.dueOn, today(ctx));
  if (problem === 'format') throw appError('comment_transfer_due_format', { fields: [{ field: 'dueOn' }] });
  if (problem === 'past')
    throw appError('comment_transfer_due_past', { today: today(ctx) }, { fields: [{ field: 'dueOn' }] });
  const place = await commentPlace(ctx.db, commentId);
  await assertDepartmentOfUnit(ctx, input.departmentId, place.unit_path, 'departmentId');
  const note = input.note?.trim() || null;
  const at = ctx.now().toISOString();
  await change(ctx, async ({ trx, audit }) => {
    await updateComment(
      trx,
      commentId,
      input.version,
      {
        transferDepartmentId: input.departmentId,
        transferDueOn: input.dueOn,
        transferNote: note,
        transferredAt: at,
        transferredBy: ctx.actor.id,
      },
      ctx.now(),
    );
    await audit({
      action: 'comment.transfer',
      entity: 'public_comment',
      entityId: commentId,
      before: { departmentId: comment.transferDepartmentId, dueOn: comment.transferDueOn },
      after: { departmentId: input.departmentId, dueOn: input.dueOn, note },
    });
    await sendWorkflowMessage(trx, ctx, ctx.actor.id, {
      kind: 'comment_transferred',
      commentId,
      dueOn: input.dueOn,
      note,
    });
  });
  return getComment(ctx.db, commentId);
}

/** Links the comment to an item of the same inspection (or unlinks it with null). */
export async function linkCommentItem(
  ctx: CommandContext,
  commentId: number,
  input: { version: number; itemId: number | null },
): Promise<PublicComment> {
  const comment = await authorizeComment(ctx, commentId, 'linkItem');
  if (input.itemId !== null) {
    const place = await commentPlace(ctx.db, commentId);
    const item = await itemInspection(ctx.db, input.itemId);
    // An item of another inspection (or none) gets the same words: nothing is learnt of other units' items.
    if (!item || item.inspection_id !== place.inspection_id)
      throw appError('comment_item_other_inspection', { fields: [{ field: 'itemId' }] });
  }
  await change(ctx, async ({ trx, audit }) => {
    await updateComment(trx, commentId, input.version, { itemId: input.itemId }, ctx.now());
    await audit({
      action: 'comment.link_item',
      entity: 'public_comment',
      entityId: commentId,
      before: { itemId: comment.itemId },
      after: { itemId: input.itemId },
    });
  });
  return getComment(ctx.db, commentId);
}

/** A supervisor's (team's, office's) internal remark on a comment: kept beside it, never public. */
export async function addCommentRemark(ctx: CommandContext, commentId: number, body: string): Promise<CommentRemark[]> {
  await authorizeComment(ctx, commentId, 'remark');
  const text = body.trim();
  if (text === '' || text.length > 2000) throw appError('comment_remark_empty', { fields: [{ field: 'body' }] });
  await change(ctx, async ({ trx, audit }) => {
    const id = await insertRemark(trx, {
      commentId,
      authorId: ctx.actor.id,
      body: text,
      at: ctx.now().toISOString(),
    });
    await audit({
      action: 'comment.remark',
      entity: 'public_comment',
      entityId: commentId,
      after: { remarkId: id, length: text.length },
    });
  });
  return listRemarks(ctx.db, commentId);
}
