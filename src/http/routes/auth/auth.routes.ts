import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { changePassword, login, logout } from '../../../commands/auth.commands.ts';
import { AppError } from '../../../errors.ts';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../auth.ts';
import { errorResponses, noContentResponse } from '../../schemas.ts';
import { requireBrowserSession } from '../../two-factor.ts';
import { secondFactorChallenge } from '../two-factor/two-factor.schema.ts';
import { loginBody, passwordBody, sessionBody } from './auth.schema.ts';
import { sessionAnswer } from './session-answer.ts';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in; sets the httpOnly session cookie and returns the CSRF token for later writes. With two-factor sign-in on, answers a challenge instead, for POST /auth/login/second-factor',
        body: loginBody,
        response: {
          200: Type.Union([sessionBody, secondFactorChallenge]),
          ...errorResponses,
          423: errorResponses[401],
        },
      },
    },
    async (request, reply) => {
      const { db, config, now } = app.services;
      const result = await login(db, config, request.body.username, request.body.password, now());
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
        summary: 'Change your password; your other sessions end',
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
};
