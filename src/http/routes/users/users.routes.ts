import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUser, updateUser } from '../../../commands/users.commands.ts';
import { AppError } from '../../../errors.ts';
import { canManageAccounts } from '../../../policies/policies.ts';
import { listUsers } from '../../../repositories/users.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { createdResponse, errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import { accounts, createUserBody, patchUserBody } from './users.schema.ts';

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/users',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Accounts under your unit (system administrator)',
        response: { 200: accounts, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!canManageAccounts(actor)) throw AppError.forbidden();
      return { users: await listUsers(app.services.db, actor.unitPath) };
    },
  );

  app.post(
    '/users',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Create an account (system administrator)',
        body: createUserBody,
        response: createdResponse,
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createUser(contextOf(app, request), request.body) }),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Change an account: role, unit, team, deactivate, unlock, reset password (system administrator)',
        params: idParams,
        body: patchUserBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...input } = request.body;
      await updateUser(contextOf(app, request), request.params.id, v, input);
      return reply.status(204).send();
    },
  );
};
