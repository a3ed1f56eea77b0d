import type { FastifyPluginAsync } from 'fastify';
import { createUser, type UserChanges, updateUser } from '../../../commands/org.commands.ts';
import { AppError } from '../../../errors.ts';
import { canManageAccounts, ROLES, type Role } from '../../../policies/policies.ts';
import { listUsers } from '../../../repositories/users.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import {
  createdResponse,
  errorResponses,
  type IdParams,
  id,
  idParams,
  noContentResponse,
  nullableId,
  patchBody,
  text,
} from '../../schemas.ts';

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    unitId: { type: 'integer' },
    unitName: { type: 'string' },
    teamId: { type: ['integer', 'null'] },
    active: { type: 'boolean' },
    lockedUntil: { type: ['string', 'null'] },
    version: { type: 'integer' },
  },
} as const;

export const userRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/users',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Accounts under your unit (system administrator)',
        response: {
          200: { type: 'object', properties: { users: { type: 'array', items: userSchema } } },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!canManageAccounts(actor)) throw AppError.forbidden();
      return { users: await listUsers(app.services.db, actor.unitPath) };
    },
  );

  app.post<{
    Body: {
      username: string;
      displayName: string;
      password: string;
      role: Role;
      unitId: number;
      teamId: number | null;
    };
  }>(
    '/users',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Create an account (system administrator)',
        body: {
          type: 'object',
          required: ['username', 'displayName', 'password', 'role', 'unitId'],
          properties: {
            username: { type: 'string', pattern: '^[A-Za-z0-9_.-]{3,40}$' },
            displayName: text(50),
            password: text(256),
            role: { type: 'string', enum: ROLES },
            unitId: id,
            teamId: { ...nullableId, default: null },
          },
          additionalProperties: false,
        },
        response: createdResponse,
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createUser(contextOf(app, request), request.body) }),
  );

  app.patch<{
    Params: IdParams;
    Body: UserChanges & { version: number };
  }>(
    '/users/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Change an account: role, unit, team, deactivate, unlock, reset password (system administrator)',
        params: idParams,
        body: patchBody({
          displayName: text(50),
          role: { type: 'string', enum: ROLES },
          unitId: id,
          teamId: nullableId,
          active: { type: 'boolean' },
          unlock: { type: 'boolean', const: true },
          password: text(256),
        }),
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
