import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  changePassword,
  endMyOtherSessions,
  endMySession,
  listMySessions,
  login,
  logout,
} from '../../../commands/auth.commands.ts';
import { AppError } from '../../../errors.ts';
import { actorOf, clearSessionCookie, setSessionCookie, signInOrigin } from '../../auth.ts';
import { errorResponses, noContentResponse } from '../../schemas.ts';
import { requireBrowserSession } from '../../two-factor.ts';
import { secondFactorChallenge } from '../two-factor/two-factor.schema.ts';
import { loginBody, passwordBody, sessionBody, sessionIdParams, sessionsBody } from './auth.schema.ts';
import { sessionAnswer } from './session-answer.ts';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in; sets the httpOnly session cookie and returns the CSRF token for later writes. With two-factor sign-in on, answers a challenge instead, for POST /auth/login/second-factor. 401 for any wrong, unknown, deactivated, locked or slowed-down account alike; 429 with Retry-After when your address tries too often; 507 storage_full when the server’s disk is full (no session was written); 503 database_unavailable with Retry-After when the database is unreachable. With LDAP/AD sign-in on (RECTIFY_LDAP_URL), a name no local account holds, and any account the directory manages, is checked against the directory (its password; its groups give role and unit): 403 directory_no_group or directory_unit_unknown, 409 directory_username_taken (a local account has that name), 503 directory_unavailable',
        body: loginBody,
        response: {
          200: Type.Union([sessionBody, secondFactorChallenge]),
          ...errorResponses,
          423: errorResponses[401],
          429: errorResponses[400],
          503: errorResponses[400],
          507: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const { db, config, now } = app.services;
      const attempt = { ...request.body, ...signInOrigin(request) };
      const result = await login(db, config, attempt, now()).catch((error: unknown) => {
        if (error instanceof AppError && error.key === 'login_throttled') {
          const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
          reply.header('retry-after', String(retryAfterSeconds));
        }
        throw error;
      });
      if ('secondFactorRequired' in result) return result;
      setSessionCookie(reply, result.token, result.expiresAt);
      return sessionAnswer(app, result);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'accountSetup' },
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
      return sessionAnswer(app, session);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'accountSetup' },
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
      config: { access: 'accountSetup' },
      schema: {
        tags: ['auth'],
        summary:
          'Change your password (not common, not containing your username, none of your last 5); your other sessions end',
        body: passwordBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      // A stolen API token must not be able to take the account over (two-factor.ts).
      requireBrowserSession(request);
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
      config: { access: 'signedIn' },
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
      config: { access: 'signedIn' },
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
      config: { access: 'signedIn' },
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
