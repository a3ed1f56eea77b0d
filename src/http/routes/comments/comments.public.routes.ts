import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { lookupReceipt, type ReceiptStatus } from '../../../commands/comments.commands.ts';
import { formatReceipt, normalizeReceipt } from '../../../domain/comments.ts';
import { AppError, appError } from '../../../errors.ts';
import { renderReceiptForm, renderReceiptMissing, renderReceiptPage } from '../../../public/comment-status.ts';
import { htmlPage } from '../public/public.routes.ts';
import {
  receiptFormQuery,
  receiptFormResponses,
  receiptPageQuery,
  receiptPageResponses,
  receiptParams,
  receiptStatusResponses,
} from './comments.schema.ts';

/** Issue 15: the citizen's receipt pages (no sign-in): the status and, once handled, the published answer. */
export const commentReceiptRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = () => ({ db: app.services.db, config: app.services.config, now: app.services.now });
  const retryAfterOf = (error: unknown) =>
    error instanceof AppError && error.statusCode === 429
      ? ((error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 600)
      : null;

  app.get(
    '/public/comments',
    {
      schema: { hide: true, querystring: receiptFormQuery, response: receiptFormResponses },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const typed = typeof request.query.receipt === 'string' ? request.query.receipt : null;
      if (typed === null) return htmlPage(reply, 200, renderReceiptForm());
      const raw = normalizeReceipt(typed);
      // A malformed receipt goes to the status page too, which counts it as a miss like any other.
      return reply.redirect(
        `/public/comments/${encodeURIComponent(raw ? formatReceipt(raw) : typed.slice(0, 40))}`,
        303,
      );
    },
  );

  app.get(
    '/public/comments/:receipt',
    {
      schema: { hide: true, params: receiptParams, querystring: receiptPageQuery, response: receiptPageResponses },
      config: { access: 'public' },
    },
    async (request, reply) => {
      let found: ReceiptStatus | null;
      try {
        found = await lookupReceipt(ctx(), request.params.receipt, request.ip);
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter === null) throw error;
        reply.header('retry-after', String(retryAfter));
        return htmlPage(reply, 429, renderReceiptMissing('limited', retryAfter));
      }
      if (!found) return htmlPage(reply, 404, renderReceiptMissing('unknown'));
      const sent = request.query.sent === 'email' || request.query.sent === 'sms' ? request.query.sent : null;
      return htmlPage(reply, 200, renderReceiptPage(found, request.query.new === '1' ? { sentBy: sent } : undefined));
    },
  );

  app.get(
    '/api/public/comments/:receipt',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'A comment’s status by its receipt (no sign-in): the notice, when sent, 已收到/处理中/已转办/已办结 and the published answer; never the sender. 404 unknown; 429 after 20 misses in 10 minutes from one address (Retry-After)',
        params: receiptParams,
        response: receiptStatusResponses,
      },
    },
    async (request, reply) => {
      try {
        const found = await lookupReceipt(ctx(), request.params.receipt, request.ip);
        if (!found) throw appError('receipt_unknown');
        return found;
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter !== null) reply.header('retry-after', String(retryAfter));
        throw error;
      }
    },
  );
};
