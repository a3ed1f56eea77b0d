import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApiToken, myApiTokens, revokeMyApiToken } from '../../../commands/api-tokens.commands.ts';
import { contextOf } from '../../auth.ts';
import { errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import { requireBrowserSession } from '../../two-factor.ts';
import { apiTokenList, createApiTokenBody, createdApiToken } from './api-tokens.schema.ts';

const tags = ['auth'];

export const apiTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api-tokens',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Your personal API tokens (never the tokens themselves)',
        response: { 200: apiTokenList, ...errorResponses },
      },
    },
    async (request) => ({ tokens: await myApiTokens(contextOf(app, request)) }),
  );

  app.post(
    '/api-tokens',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Create a personal API token for scripts (201; shown once). Scripts send `Authorization: Bearer <token>` and act as you, without cookie or CSRF token',
        body: createApiTokenBody,
        response: { 201: createdApiToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      // A token cannot mint tokens: a stolen one would otherwise outlive its own revocation.
      requireBrowserSession(request);
      const created = await createApiToken(contextOf(app, request), request.body.name, request.body.expiresInDays);
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api-tokens/:id',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'Revoke one of your API tokens', params: idParams, response: noContentResponse },
    },
    async (request, reply) => {
      await revokeMyApiToken(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );
};
