import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable, retryAfterSeconds } from '../db/availability.ts';
import { CodedError, type ErrorArgs, type ErrorKey, type Lang, preferredLang } from '../domain/error-codes.ts';
import { appError, isStorageFull, isStorageUnavailable } from '../errors.ts';
import { countStorageError } from './metrics.ts';
import { isPageRequest } from './web.ts';

function send(status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>) {
  return { status, body: { error: { code, message, details: details ?? null } }, headers };
}

function sendCoded(error: CodedError, lang: Lang) {
  return send(error.statusCode, error.code, error.messageIn(lang), error.details);
}

/** When to try again after the evidence store failed: long enough for a store restarting, short for a person waiting. */
const STORAGE_RETRY_AFTER_SECONDS = 5;

function refuse<K extends ErrorKey>(lang: Lang, key: K, ...args: ErrorArgs<K>) {
  return sendCoded(appError(key, ...args), lang);
}

/**
 * Every error leaves as {"error":{code,message,details}}: words a person can act on, never a stack, in the language
 * asked (Chinese unless Accept-Language prefers English).
 */
export function toErrorResponse(error: unknown, lang: Lang = 'zh') {
  if (error instanceof CodedError) return sendCoded(error, lang);
  if (isStorageFull(error)) {
    countStorageError('full');
    return refuse(lang, 'storage_full');
  }
  // Before the database's check: a refused connection to the bucket carries the same ECONNREFUSED.
  if (isStorageUnavailable(error)) {
    countStorageError('unavailable');
    const answer = refuse(lang, 'storage_unavailable');
    return { ...answer, headers: { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) } };
  }
  if (isDatabaseUnavailable(error)) {
    const answer = refuse(lang, 'database_unavailable');
    return { ...answer, headers: { 'retry-after': String(retryAfterSeconds(error)) } };
  }
  const e = error as FastifyError & { validationContext?: string };
  if (e.validation) {
    const fields = e.validation.map((v) => ({
      field:
        (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
        (v.params as { missingProperty?: string; additionalProperty?: string })?.missingProperty ||
        (v.params as { additionalProperty?: string })?.additionalProperty ||
        e.validationContext ||
        '',
      message: v.message ?? 'invalid',
    }));
    return refuse(lang, 'validation', { part: e.validationContext ?? 'body' }, { fields });
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message))) {
    return refuse(lang, 'bad_json');
  }
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return refuse(lang, 'empty_body');
  if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE') return refuse(lang, 'too_large');
  if (e.statusCode === 415) return refuse(lang, 'unsupported_media_type');
  // Any other refusal of the framework's own keeps its code and its (English) words: there is no catalogue entry to
  // translate a message we did not write.
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return send(e.statusCode, e.code ?? 'bad_request', e.message);
  return null;
}

/**
 * A multipart body without a usable boundary fails inside busboy with a plain Error (no code, no status; "Boundary not
 * found", or a parser error for `boundary=`): judged by the request's header, it is the sender's mistake, not a 500.
 */
function malformedMultipart(contentType: string | undefined, lang: Lang) {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const boundary = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return boundary ? null : refuse(lang, 'multipart_boundary_missing');
}

/** With `pages`, a browser's request for any page of the web app gets index.html instead of a 404. */
export function registerErrorHandler(app: FastifyInstance, options: { pages?: boolean } = {}) {
  app.setErrorHandler((error, request, reply) => {
    const lang = preferredLang(request.headers['accept-language']);
    const response = toErrorResponse(error, lang) ?? malformedMultipart(request.headers['content-type'], lang);
    if (response) {
      if (response.headers) reply.headers(response.headers);
      // The database going away is logged once by the pool's breaker, not once per refused request.
      const code = response.body.error.code;
      if (code === 'database_unavailable') request.log.debug({ err: error }, 'answered 503 database_unavailable');
      else if (response.status >= 500) request.log.error({ err: error }, `answered ${response.status} ${code}`);
      return reply.status(response.status).send(response.body);
    }
    request.log.error({ err: error }, 'answered 500 internal');
    const internal = refuse(lang, 'internal');
    return reply.status(internal.status).send(internal.body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.pages && isPageRequest(request))
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    const noRoute = refuse(preferredLang(request.headers['accept-language']), 'no_route', {
      method: request.method,
      url: request.url,
    });
    return reply.status(noRoute.status).send(noRoute.body);
  });
}
