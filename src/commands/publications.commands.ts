import { createHmac } from 'node:crypto';
import type { CommandContext } from '../context.ts';
import {
  acceptsComments,
  type CommentInput,
  type CommentStatus,
  checkComment,
  describeProblem,
  judgeFormTime,
  type PublicationView,
  retryAfterSeconds,
} from '../domain/publication.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeComment, authorizePublication } from '../policies/authorize.ts';
import { type Clock, withState } from '../queries/publications.queries.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  findPublication,
  getComment,
  getPublication,
  insertComment,
  lockCommentAddress,
  markWithdrawn,
  type PublicComment,
  portalSecret,
  recentCommentTimes,
  updateComment,
} from '../repositories/publications.repository.ts';
import { change } from './context.ts';
import { sendWorkflowMessage } from './messages.ts';

// Issue 15: publishing is a workflow now (publication-versions.commands.ts: a draft submitted, approved, then published).

export async function withdrawPublication(ctx: CommandContext, id: number, version: number): Promise<PublicationView> {
  const p = await authorizePublication(ctx, id, 'editNotice');
  if (p.status === 'withdrawn') throw appError('already_withdrawn');
  await change(ctx, async ({ trx, audit }) => {
    await markWithdrawn(trx, id, version, ctx.actor.id, ctx.now());
    await audit({
      action: 'publication.withdraw',
      entity: 'publication',
      entityId: id,
      before: { status: p.status, state: withState(ctx, p).state },
      after: { status: 'withdrawn' },
    });
  });
  return withState(ctx, await getPublication(ctx.db, id));
}

/**
 * Answers a comment and/or closes it. The answer stays internal (the public sent no account to answer to; the unit uses
 * the contact given). A handled comment can still have its answer corrected.
 */
export async function answerComment(
  ctx: CommandContext,
  commentId: number,
  input: { version: number; answer: string | null; handled: boolean },
): Promise<PublicComment> {
  const comment = await authorizeComment(ctx, commentId, 'editNotice');
  const answer = input.answer?.trim() || null;
  if (answer === null && !input.handled) throw appError('answer_required');
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

export type CommentOutcome = { stored: number } | { ignored: true };

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
  if (submission.website && submission.website.trim() !== '') return { ignored: true };
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
    const id = await insertComment(trx, {
      publicationId,
      ...(value as CommentInput),
      addressHash,
      at: now.toISOString(),
    });
    await recordAudit(
      trx,
      {
        actorId: null,
        action: 'comment.receive',
        entity: 'public_comment',
        entityId: id,
        after: { publicationId, length: value.content.length, named: value.name !== null },
      },
      now,
    );
    await sendWorkflowMessage(trx, ctx, null, { kind: 'comment_received', commentId: id });
    return { stored: id };
  });
}
