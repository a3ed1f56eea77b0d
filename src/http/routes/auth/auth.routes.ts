import type { FastifyPluginAsync } from 'fastify';
import { changePassword, login, logout } from '../../../commands/auth.commands.ts';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../auth.ts';
import { errorResponses, noContentResponse, text } from '../../schemas.ts';

const sessionBody = {
  type: 'object',
  properties: {
    csrfToken: { type: 'string' },
    expiresAt: { type: 'string' },
    user: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        username: { type: 'string' },
        displayName: { type: 'string' },
        role: { type: 'string' },
        unitId: { type: 'integer' },
        unitName: { type: 'string' },
        teamId: { type: ['integer', 'null'] },
      },
    },
  },
} as const;

export const authRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: { username: string; password: string } }>(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the httpOnly session cookie and returns the CSRF token for later writes',
        body: {
          type: 'object',
          required: ['username', 'password'],
          properties: { username: text(64), password: text(256) },
          additionalProperties: false,
        },
        response: { 200: sessionBody, ...errorResponses, 423: errorResponses[401] },
      },
    },
    async (request, reply) => {
      const { db, config, now } = app.services;
      const result = await login(db, config, request.body.username, request.body.password, now());
      setSessionCookie(reply, result.token, result.expiresAt);
      return { csrfToken: result.csrfToken, expiresAt: result.expiresAt, user: result.user };
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
      const session = request.session;
      return { csrfToken: session?.csrfToken, expiresAt: session?.expiresAt, user: session?.user };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: { type: 'null' }, ...errorResponses } } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.sessionToken) await logout(app.services.db, request.sessionToken, actor.id, app.services.now());
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password; your other sessions end',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          properties: { currentPassword: text(256), newPassword: text(256) },
          additionalProperties: false,
        },
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
