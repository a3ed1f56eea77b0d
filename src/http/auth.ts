import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type SignInOrigin, sessionIdHash } from '../commands/session-start.ts';
import type { CommandContext } from '../context.ts';
import { AppError, appError, isStorageFull } from '../errors.ts';
import { type Actor, actorUnder } from '../policies/policies.ts';
import { findSessionCached, type SessionWithActor, touchSession } from '../repositories/users.repository.ts';
import type { RouteAccess } from './access.ts';
import { originOfRequest } from './origin.ts';
import { overTls } from './security.ts';
import { enforceTwoFactorEnrolment, sessionFromBearer } from './two-factor.ts';

export const SESSION_COOKIE = 'rectify_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionWithActor | null;
    sessionToken: string | null;
  }
}

/**
 * Loads the session from its httpOnly cookie on every request, and lets the request through by the access its matched
 * route declares (`config.access`, `src/http/access.ts`) — never by the raw URL, which routing decodes (`/%61pi/…` is
 * `/api/…`) and a prefix test would miss. A request that matched no route goes on to the 404. The CSRF token (sent back
 * in the x-csrf-token header) is checked on every state-changing call of a signed-in route.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('viaApiToken', false);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      // Sessions end at their absolute expiry or after sessionIdleMinutes unused; use is noted at most once a minute.
      // A session ended on any server is refused here on the very next request (users.repository.ts, findSessionCached).
      const { db, config } = app.services;
      const now = app.services.now();
      request.session = (await findSessionCached(db, sessionIdHash(token), now, config.sessionIdleMinutes)) ?? null;
      request.sessionToken = request.session ? token : null;
      if (request.session && Date.parse(request.session.lastSeenAt) <= now.getTime() - 60_000) {
        // A full disk must not take signed-in reading down with it: the note is skipped, the request goes on.
        await touchSession(db, sessionIdHash(token), now).catch((error: unknown) => {
          if (!isStorageFull(error)) throw error;
        });
      }
    }
    if (request.is404) return;
    const access: RouteAccess = request.routeOptions.config?.access ?? 'signedIn';
    // Personal API tokens for scripts (two-factor.ts): without a cookie session, a bearer token may stand for one.
    request.session ??= await sessionFromBearer(app, request);
    if (access === 'public') return;
    if (!request.session) throw AppError.unauthorized('session_expired');
    if (
      UNSAFE.has(request.method) &&
      !request.viaApiToken &&
      request.headers['x-csrf-token'] !== request.session.csrfToken
    ) {
      throw appError('csrf');
    }
    // Until the sign-in is complete, only the routes that complete it answer.
    if (access === 'accountSetup') return;
    if (request.session.mustChangePassword) throw appError('password_change_required');
    await enforceTwoFactorEnrolment(app, request);
  });
}

/** Where a sign-in comes from, for the audit trail and "my sessions". */
export function signInOrigin(request: FastifyRequest): SignInOrigin {
  const { address, userAgent } = originOfRequest(request);
  return { sourceAddress: address ?? '', userAgent };
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    // Over TLS the cookie never travels in clear, even if a page is once opened by http://.
    secure: overTls(reply.request, reply.server.services.config),
    sameSite: 'strict',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw AppError.unauthorized();
  return actorUnder(request.server.services.config, request.session.actor);
}

/** The command context of a signed-in request. */
export function contextOf(app: FastifyInstance, request: FastifyRequest): CommandContext {
  return {
    db: app.services.db,
    config: app.services.config,
    now: app.services.now,
    actor: actorOf(request),
    origin: originOfRequest(request),
  };
}
