import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionIdHash } from '../commands/auth.commands.ts';
import type { CommandContext } from '../context.ts';
import { AppError, appError } from '../errors.ts';
import type { Actor } from '../policies/policies.ts';
import { findSession, type SessionWithActor } from '../repositories/users.repository.ts';
import { originOfRequest } from './origin.ts';

export const SESSION_COOKIE = 'rectify_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionWithActor | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health, login, the public portal). */
    public?: boolean;
  }
}

/**
 * Loads the session from its httpOnly cookie on every request, refuses unauthenticated calls,
 * and checks the CSRF token (sent back in the x-csrf-token header) on every state-changing one.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.session =
        (await findSession(app.services.db, sessionIdHash(token), app.services.now().toISOString())) ?? null;
      request.sessionToken = request.session ? token : null;
    }
    if (request.routeOptions.config?.public || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs'))
      return;
    if (!request.session) throw AppError.unauthorized('session_expired');
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      throw appError('csrf');
    }
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
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
  return request.session.actor;
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
