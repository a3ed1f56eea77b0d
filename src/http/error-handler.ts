import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { AppError } from '../errors.ts';
import { isPageRequest } from './web.ts';

/** Domain refusals that are about the request's content rather than the record's state. */
const DOMAIN_BAD_REQUEST = new Set(['note_required']);

function send(status: number, code: string, message: string, details?: unknown) {
  return { status, body: { error: { code, message, details: details ?? null } } };
}

/** Every error leaves as {"error":{code,message,details}}: words a person can act on, never a stack. */
export function toErrorResponse(error: unknown) {
  if (error instanceof AppError) return send(error.statusCode, error.code, error.message, error.details);
  if (error instanceof DomainError) {
    return send(DOMAIN_BAD_REQUEST.has(error.code) ? 400 : 409, error.code, error.message, error.details);
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
    return send(
      400,
      'validation',
      `请求内容不符合要求（${e.validationContext ?? 'body'}） / the request is not valid`,
      { fields },
    );
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message))) {
    return send(400, 'bad_json', '请求不是有效的 JSON / the body is not valid JSON');
  }
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return send(400, 'bad_json', '请求体为空 / the body is empty');
  if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE') {
    return send(413, 'too_large', '上传内容超过大小上限 / the upload is too large');
  }
  if (e.statusCode === 415) return send(415, 'unsupported_media_type', '不支持的内容类型 / unsupported content type');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return send(e.statusCode, e.code ?? 'bad_request', e.message);
  return null;
}

/** With `pages`, a browser's request for any page of the web app gets index.html instead of a 404. */
export function registerErrorHandler(app: FastifyInstance, options: { pages?: boolean } = {}) {
  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error);
    if (response) return reply.status(response.status).send(response.body);
    request.log.error(error);
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: '服务器内部错误，请稍后再试 / internal error', details: null } });
  });
  app.setNotFoundHandler((request, reply) =>
    options.pages && isPageRequest(request)
      ? reply.header('cache-control', 'no-cache').sendFile('index.html')
      : reply.status(404).send({
          error: {
            code: 'not_found',
            message: `没有这个地址 / no route ${request.method} ${request.url}`,
            details: null,
          },
        }),
  );
}
