import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  changePassword,
  endMyOtherSessions,
  endMySession,
  listMySessions,
  login,
  logout,
} from '../../../commands/auth.commands.ts';
import { AppError } from '../../../errors.ts';
import { sessionAbilities } from '../../../policies/policies.ts';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../auth.ts';
import { errorResponses, noContentResponse } from '../../schemas.ts';
import { loginBody, passwordBody, sessionBody, sessionIdParams, sessionsBody } from './auth.schema.ts';

const USER_AGENT_MAX = 512;

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in; sets the httpOnly session cookie and returns the CSRF token for later writes. 401 for any wrong, unknown, deactivated, locked or slowed-down account alike; 429 with Retry-After when your address tries too often; 503 when the server cannot write',
        body: loginBody,
        response: { 200: sessionBody, ...errorResponses, 429: errorResponses[400], 503: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const { db, config, now } = app.services;
      const attempt = {
        username: request.body.username,
        password: request.body.password,
        sourceAddress: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, USER_AGENT_MAX) ?? null,
      };
      const result = await login(db, config, attempt, now()).catch((error: unknown) => {
        if (error instanceof AppError && error.key === 'login_throttled') {
          const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
          reply.header('retry-after', String(retryAfterSeconds));
        }
        throw error;
      });
      setSessionCookie(reply, result.token, result.expiresAt);
      return {
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt,
        user: result.user,
        abilities: sessionAbilities(result.actor),
        mustChangePassword: result.mustChangePassword,
      };
    },
  );

  app.get(
    '/auth/session',
    {
      config: { passwordChangeExempt: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and CSRF token',
        response: { 200: sessionBody, ...errorResponses },
      },
    },
    async (request) => {
      // The session hook has already refused a request without one.
      const session = request.session;
      if (!session) throw AppError.unauthorized();
      return {
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        user: session.user,
        abilities: sessionAbilities(session.actor),
        mustChangePassword: session.mustChangePassword,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { passwordChangeExempt: true },
      schema: { tags: ['auth'], summary: 'Sign out', response: noContentResponse },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.sessionToken) await logout(app.services.db, request.sessionToken, actor.id, app.services.now());
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/password',
    {
      config: { passwordChangeExempt: true },
      schema: {
        tags: ['auth'],
        summary:
          'Change your password (not common, not containing your username, none of your last 5); your other sessions end',
        body: passwordBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await changePassword(
        app.services.db,
        actor.id,
        request.sessionToken ?? '',
        request.body.currentPassword,
        request.body.newPassword,
        app.services.now(),
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/auth/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your live sessions (where and when), newest first; `current` marks this one',
        response: { 200: sessionsBody, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { db, config, now } = app.services;
      return { sessions: await listMySessions(db, config, actor.id, request.sessionToken ?? '', now()) };
    },
  );

  app.delete(
    '/auth/sessions/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'End one of your sessions (e.g. a forgotten computer); 404 for an id that is not yours',
        params: sessionIdParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { db, config, now } = app.services;
      await endMySession(db, config, actor.id, request.params.id, now());
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/sessions/end-others',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere else: every session of yours but this one ends',
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await endMyOtherSessions(app.services.db, actor.id, request.sessionToken ?? '', app.services.now());
      return reply.status(204).send();
    },
  );
};
