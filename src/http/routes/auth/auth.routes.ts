import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changePassword, login, logout } from '../../../commands/auth.commands.ts';
import { AppError } from '../../../errors.ts';
import { actorUnder, sessionAbilities } from '../../../policies/policies.ts';
import { demoAccountsExist } from '../../../repositories/demo.repository.ts';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../auth.ts';
import { errorResponses, noContentResponse } from '../../schemas.ts';
import { loginBody, passwordBody, sessionBody } from './auth.schema.ts';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the httpOnly session cookie and returns the CSRF token for later writes',
        body: loginBody,
        response: { 200: sessionBody, ...errorResponses, 423: errorResponses[401] },
      },
    },
    async (request, reply) => {
      const { db, config, now } = app.services;
      const result = await login(db, config, request.body.username, request.body.password, now());
      setSessionCookie(reply, result.token, result.expiresAt);
      return {
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt,
        user: result.user,
        abilities: sessionAbilities(actorUnder(config, result.actor)),
        demo: await demoAccountsExist(db),
      };
    },
  );

  app.get(
    '/auth/session',
    {
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
        abilities: sessionAbilities(actorOf(request)),
        demo: await demoAccountsExist(app.services.db),
      };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: noContentResponse } },
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
      schema: {
        tags: ['auth'],
        summary: 'Change your password; your other sessions end',
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
};
