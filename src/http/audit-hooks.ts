import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditOutcome } from '../domain/audit-chain.ts';
import { type AuditInput, recordAuditAlone } from '../repositories/audit.repository.ts';
import { originOfRequest } from './origin.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The code of the error the request ended with, kept for the audit of refusals. */
    auditErrorCode: string | null;
  }
}

/*
 * Routes whose refusals are someone else's audit or none at all: a failed sign-in is audited by the sign-in itself,
 * and the web app asks for its session on every page load, signed in or not.
 */
const REFUSALS_AUDITED_ELSEWHERE = new Set(['/api/auth/login', '/api/auth/session']);

/**
 * Two kinds of event no command writes, recorded after the response has gone, each in its own short transaction, so a
 * failure to audit never changes or delays the answer (it is logged):
 * - `access.refused`: every 401 and 403 (CSRF included) of the API, with the route, the user if any, address and agent;
 * - `file.download`: every response that sends a file (a content-disposition header): ledger and binder exports,
 *   evidence, notices and reports, the audit export, with its outcome; a stream cut short is a failure.
 */
export function registerAccessAudit(app: FastifyInstance): void {
  app.decorateRequest('auditErrorCode', null);
  app.addHook('onError', async (request, _reply, error) => {
    request.auditErrorCode = (error as { code?: string }).code ?? null;
  });
  app.addHook('onResponse', async (request, reply) => {
    const event = accessEvent(request, reply);
    if (!event) return;
    try {
      await recordAuditAlone(app.services.db, event, app.services.now());
    } catch (error) {
      request.log.error({ err: error, action: event.action }, 'could not write the audit event');
    }
  });
}

function accessEvent(request: FastifyRequest, reply: FastifyReply): AuditInput | null {
  const route = request.routeOptions.url ?? null;
  const status = reply.statusCode;
  const origin = originOfRequest(request);
  const base = {
    actorId: request.session?.actor.id ?? null,
    sourceAddress: origin.address,
    userAgent: origin.userAgent,
    via: origin.via,
  };
  // The matched route, not the raw URL: a percent-encoded path (/%61pi/…) routes to the same API (issue 11, hole 3).
  if ((status === 401 || status === 403) && (route ?? request.url).startsWith('/api/')) {
    if (route && REFUSALS_AUDITED_ELSEWHERE.has(route)) return null;
    return {
      ...base,
      action: 'access.refused',
      entity: 'route',
      entityId: numericId(request),
      outcome: 'refused',
      after: {
        method: request.method,
        route: route ?? request.url.slice(0, 200),
        status,
        code: request.auditErrorCode,
      },
    };
  }
  const disposition = reply.getHeader('content-disposition');
  if (typeof disposition !== 'string' || !route) return null;
  // A stream that failed after the headers went out ends the response without ending its body.
  const cutShort = reply.raw.writableEnded === false;
  const outcome: AuditOutcome = status >= 400 || cutShort ? 'failure' : 'success';
  return {
    ...base,
    action: 'file.download',
    entity: 'route',
    entityId: numericId(request),
    outcome,
    after: { method: request.method, route, status, file: fileNameOf(disposition), query: request.query ?? null },
  };
}

function numericId(request: FastifyRequest): number | null {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  const n = typeof id === 'string' || typeof id === 'number' ? Number(id) : Number.NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/** The file's real name from `filename*=UTF-8''…`, else the plain `filename="…"`. */
function fileNameOf(disposition: string): string | null {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      return extended[1];
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
}
