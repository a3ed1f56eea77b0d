import { createHmac } from 'node:crypto';
import { today } from '../context.ts';
import { acceptsComments, judgeFormTime } from '../domain/publication.ts';
import { type AnswerProblem, checkAnswer, REMARK_MAX, SATISFACTION_QUESTIONS } from '../domain/satisfaction.ts';
import { AppError, appError } from '../errors.ts';
import { type Clock, withState } from '../queries/publications.queries.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findPublication, portalSecret } from '../repositories/publications.repository.ts';
import { insertSatisfactionAnswer } from '../repositories/satisfaction.repository.ts';

/**
 * Issue 15, point 4: an answer to a published notice's 群众满意度测评, without sign-in. The same guards as the comment form
 * (comments.commands.ts submitComment): open while the notice takes comments, a honeypot, the signed render time
 * (the page's one form token serves both forms), and the address kept only as the portal's keyed hash — the same hash
 * as the comments' rate limit. One answer per address, notice and China day, by a unique index.
 */

const sign = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('base64url');

export interface SatisfactionSubmission {
  overall?: string;
  effect?: string;
  openness?: string;
  change?: string;
  remark?: string | null;
  website?: string;
  issued?: string;
}

const QUESTION_ZH = new Map<string, string>(SATISFACTION_QUESTIONS.map((q) => [q.key, q.zh]));

function describe(p: AnswerProblem): string {
  if (p.field === 'remark') {
    return p.code === 'too_long' ? `其他意见不能超过 ${REMARK_MAX} 字` : '其他意见含有不能识别的字符';
  }
  const q = QUESTION_ZH.get(p.field) ?? p.field;
  return p.code === 'required' ? `请回答“${q}”` : `“${q}”的选项无效`;
}

export type SatisfactionOutcome = { stored: number } | { ignored: true };

export async function submitSatisfaction(
  ctx: Clock,
  publicationId: number,
  address: string,
  submission: SatisfactionSubmission,
): Promise<SatisfactionOutcome> {
  const p = await findPublication(ctx.db, publicationId);
  const state = p ? withState(ctx, p).state : null;
  if (!p || state === null || state === 'scheduled' || state === 'withdrawn')
    throw AppError.notFound('publication', publicationId);
  if (!acceptsComments(state)) throw appError('period_over', { publicTo: p.publicTo });
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
  const { value, problems } = checkAnswer(submission as Record<string, unknown>);
  if (!value) {
    throw appError(
      'bad_satisfaction',
      { problems: problems.map(describe).join('；') },
      { fields: problems.map((x) => ({ field: x.field, message: x.code })) },
    );
  }
  const now = ctx.now();
  const addressHash = sign(secret, `address.${address}`);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertSatisfactionAnswer(trx, {
      publicationId,
      answer: value.answer,
      remark: value.remark,
      addressHash,
      answeredOn: today(ctx),
      at: now.toISOString(),
    });
    if (id === null) throw appError('satisfaction_answered_today');
    await recordAudit(
      trx,
      {
        actorId: null,
        action: 'satisfaction.receive',
        entity: 'satisfaction_answer',
        entityId: id,
        after: { publicationId, overall: value.answer.overall, remarked: value.remark !== null },
      },
      now,
    );
    return { stored: id };
  });
}
