import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isStorageFull, sessionIdHash } from '../commands/auth.commands.ts';
import type { CommandContext } from '../context.ts';
import { AppError, appError } from '../errors.ts';
import type { Actor } from '../policies/policies.ts';
import { findSession, type SessionWithActor, touchSession } from '../repositories/users.repository.ts';

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
    /** Reachable by a session that must change its password first (the session, sign-out, the change itself). */
    passwordChangeExempt?: boolean;
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
      // Sessions end at their absolute expiry or after sessionIdleMinutes unused; use is noted at most once a minute.
      const { db, config } = app.services;
      const now = app.services.now();
      request.session = (await findSession(db, sessionIdHash(token), now, config.sessionIdleMinutes)) ?? null;
      request.sessionToken = request.session ? token : null;
      if (request.session && Date.parse(request.session.lastSeenAt) <= now.getTime() - 60_000) {
        // A full disk must not take signed-in reading down with it: the note is skipped, the request goes on.
        await touchSession(db, sessionIdHash(token), now).catch((error: unknown) => {
          if (!isStorageFull(error)) throw error;
        });
      }
    }
    if (request.routeOptions.config?.public || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs'))
      return;
    if (!request.session) throw AppError.unauthorized('session_expired');
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      throw appError('csrf');
    }
    if (request.session.mustChangePassword && !request.routeOptions.config?.passwordChangeExempt) {
      throw appError('password_change_required');
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
  return { db: app.services.db, config: app.services.config, now: app.services.now, actor: actorOf(request) };
}
