import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifySchema } from 'fastify';
import { formToken, submitComment } from '../../../commands/comments.commands.ts';
import { submitSatisfaction } from '../../../commands/satisfaction.commands.ts';
import { AppError } from '../../../errors.ts';
import {
  type FormState,
  PORTAL_CSS_PATH,
  PORTAL_ICON_PATH,
  PORTAL_SCRIPT_PATH,
  renderPortalList,
  renderPortalMissing,
  renderPortalNotice,
  renderPortalOldVersion,
  SATISFACTION_SENT_MESSAGE,
  SENT_MESSAGE,
} from '../../../public/render.ts';
import { portalList, portalNotice, portalNoticeVersion } from '../../../queries/publications.queries.ts';
import { toErrorResponse } from '../../error-handler.ts';
import { idParams } from '../../schemas.ts';
import { satisfactionBody, satisfactionCreated } from '../satisfaction/satisfaction.schema.ts';
import {
  commentBody,
  commentCreated,
  MAX_COMMENT_BYTES,
  portalFileResponses,
  portalListResponses,
  portalNoticeParams,
  portalNoticeQuery,
  portalNoticeResponses,
  portalVersionParams,
} from './public.schema.ts';

const asset = (name: string) => readFileSync(new URL(`../../../public/${name}`, import.meta.url));
const PORTAL_CSS = asset('portal.css');
const COMMENT_SCRIPT = asset('comment.js');
const ICON = asset('favicon.svg');

/** Only this origin's files; no inline script or style, no frames, forms post only here. */
const PORTAL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

export function htmlPage(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PORTAL_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(body);
}

const isForm = (contentType: string | undefined) => (contentType ?? '').startsWith('application/x-www-form-urlencoded');

export const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The HTML form's plain post. Registered inside this plugin only, so the rest of the API keeps taking JSON alone.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: MAX_COMMENT_BYTES },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) fields[k] = v;
      done(null, fields);
    },
  );
  const ctx = () => ({ db: app.services.db, config: app.services.config, now: app.services.now });
  /** The portal's pages and files: open to everyone, and not on the API page. */
  const portal = <Schema extends FastifySchema>(schema: Schema) => ({
    schema: { hide: true, ...schema },
    config: { access: 'public' as const },
  });
  const portalFile = portal({ response: portalFileResponses });

  app.get(PORTAL_CSS_PATH, portalFile, async (_request, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'no-cache').send(PORTAL_CSS),
  );
  app.get(PORTAL_SCRIPT_PATH, portalFile, async (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(COMMENT_SCRIPT),
  );

  app.get(PORTAL_ICON_PATH, portalFile, async (_request, reply) =>
    reply.header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').send(ICON),
  );

  app.get('/public', portal({ response: portalListResponses }), async (_request, reply) =>
    htmlPage(reply, 200, renderPortalList(await portalList(ctx()))),
  );

  const noticePage = async (reply: FastifyReply, id: number, status: number, form: Omit<FormState, 'token'> = {}) => {
    const result = await portalNotice(ctx(), id);
    if ('missing' in result)
      return htmlPage(reply, result.missing === 'gone' ? 410 : 404, renderPortalMissing(result.missing));
    const token = await formToken(ctx(), id);
    return htmlPage(reply, status, renderPortalNotice(result.found, { token, ...form }));
  };

  app.get(
    '/public/notices/:id',
    portal({ params: portalNoticeParams, querystring: portalNoticeQuery, response: portalNoticeResponses }),
    async (request, reply) => {
      const id = Number(request.params.id);
      if (!/^\d{1,9}$/.test(request.params.id) || id < 1) return htmlPage(reply, 404, renderPortalMissing('unknown'));
      const sent = request.query.sent === '1';
      const answered = request.query.answered === '1';
      return noticePage(reply, id, 200, {
        ...(sent ? { message: { ok: true, text: SENT_MESSAGE } } : {}),
        ...(answered ? { satisfaction: { message: { ok: true, text: SATISFACTION_SENT_MESSAGE } } } : {}),
      });
    },
  );

  // Issue 15: an earlier text of a corrected notice (更正前版本), at the notice's own address.
  app.get(
    '/public/notices/:id/versions/:number',
    portal({ params: portalVersionParams, response: portalNoticeResponses }),
    async (request, reply) => {
      const { id, number } = request.params;
      if (!/^\d{1,9}$/.test(id) || !/^\d{1,6}$/.test(number))
        return htmlPage(reply, 404, renderPortalMissing('unknown'));
      const result = await portalNoticeVersion(ctx(), Number(id), Number(number));
      if ('missing' in result)
        return htmlPage(reply, result.missing === 'gone' ? 410 : 404, renderPortalMissing(result.missing));
      return htmlPage(reply, 200, renderPortalOldVersion(result.found.notice, result.found.version));
    },
  );

  app.post(
    '/api/public/notices/:id/comments',
    {
      bodyLimit: MAX_COMMENT_BYTES,
      attachValidation: true,
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'Send a comment on a published notice (no sign-in; JSON, or the portal form urlencoded). 201; 400 bad input; 404 unknown or withdrawn; 410 period over; 413 over 16 KB; 429 rate-limited (Retry-After)',
        params: idParams,
        body: commentBody,
        response: commentCreated,
      },
    },
    async (request, reply) => {
      const form = isForm(request.headers['content-type']);
      const id = request.params.id;
      try {
        if (request.validationError) throw request.validationError;
        const outcome = await submitComment(ctx(), id, request.ip, request.body);
        // Issue 15: the sender gets a receipt, shown on its status page (and sent when the contact can be reached).
        const statusUrl = `/public/comments/${outcome.receipt}`;
        if (form) return reply.redirect(`${statusUrl}?new=1${outcome.sentBy ? `&sent=${outcome.sentBy}` : ''}`, 303);
        return reply.status(201).send({
          ok: true,
          message: `${SENT_MESSAGE} / thank you, your comment was received`,
          receipt: outcome.receipt,
          statusUrl,
          sentBy: outcome.sentBy,
        });
      } catch (error) {
        const retryAfter = (error as AppError).details as { retryAfterSeconds?: number } | undefined;
        if (error instanceof AppError && error.statusCode === 429 && retryAfter?.retryAfterSeconds)
          reply.header('retry-after', String(retryAfter.retryAfterSeconds));
        if (!form) throw error;
        // Without script, the refusal comes back as the notice page with the words and what was typed.
        const response = toErrorResponse(error, 'zh');
        if (!response) throw error;
        const body = (request.body ?? {}) as Record<string, unknown>;
        const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
        return noticePage(reply, id, response.status, {
          values: { content: text('content'), name: text('name'), contact: text('contact') },
          message: { ok: false, text: response.body.error.message },
        });
      }
    },
  );

  // Issue 15, point 4: 群众满意度测评 on the notice page, with the comment form's guards (satisfaction.commands.ts).
  app.post(
    '/api/public/notices/:id/satisfaction',
    {
      bodyLimit: MAX_COMMENT_BYTES,
      attachValidation: true,
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'Answer the satisfaction questionnaire (群众满意度测评) of a published notice (no sign-in; JSON, or the portal form urlencoded). 201; 400 bad input; 404 unknown or withdrawn; 409 this address already answered this notice today; 410 period over',
        params: idParams,
        body: satisfactionBody,
        response: satisfactionCreated,
      },
    },
    async (request, reply) => {
      const form = isForm(request.headers['content-type']);
      const id = request.params.id;
      try {
        if (request.validationError) throw request.validationError;
        await submitSatisfaction(ctx(), id, request.ip, request.body);
        if (form) return reply.redirect(`/public/notices/${id}?answered=1#satisfaction`, 303);
        return reply
          .status(201)
          .send({ ok: true, message: `${SATISFACTION_SENT_MESSAGE} / thank you, your answer was received` });
      } catch (error) {
        if (!form) throw error;
        const response = toErrorResponse(error, 'zh');
        if (!response) throw error;
        const body = (request.body ?? {}) as Record<string, unknown>;
        const values: Record<string, string> = {};
        for (const k of ['overall', 'effect', 'openness', 'change', 'remark'])
          if (typeof body[k] === 'string') values[k] = body[k] as string;
        return noticePage(reply, id, response.status, {
          satisfaction: { values, message: { ok: false, text: response.body.error.message } },
        });
      }
    },
  );
};
