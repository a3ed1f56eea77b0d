import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUser, endSessionsOf, unlockUser, updateUser } from '../../../commands/users.commands.ts';
import { AppError } from '../../../errors.ts';
import { canSecureAccounts, canSeeAccounts } from '../../../policies/policies.ts';
import { listUsers } from '../../../repositories/users.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { createdResponse, errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import { accounts, createUserBody, patchUserBody, securitySettings } from './users.schema.ts';

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/users',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Accounts under your unit (system administrator, security administrator)',
        response: { 200: accounts, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!canSeeAccounts(actor)) throw AppError.forbidden();
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
        summary:
          'Change an account: unit, name, deactivate, reset password (system administrator); role and team (security administrator; the system administrator for business roles); unlock',
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

  app.post(
    '/users/:id/unlock',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Unlock a locked account: clears its failed sign-ins (security administrator)',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await unlockUser(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/users/:id/sessions',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'End every session of an account (security administrator)',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await endSessionsOf(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/security-settings',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'The security settings in force, from the configuration (security administrator)',
        response: { 200: securitySettings, ...errorResponses },
      },
    },
    async (request) => {
      if (!canSecureAccounts(actorOf(request))) throw AppError.forbidden();
      const c = app.services.config;
      return {
        loginDelayAfter: c.loginDelayAfter,
        loginDelayMaxSeconds: c.loginDelayMaxSeconds,
        loginAddressAttempts: c.loginAddressAttempts,
        lockoutAttempts: c.lockoutAttempts,
        lockoutMinutes: c.lockoutMinutes,
        passwordMaxAgeDays: c.passwordMaxAgeDays,
        sessionHours: c.sessionHours,
        sessionIdleMinutes: c.sessionIdleMinutes,
        maxSessions: c.maxSessions,
        rateLimitPerSession: c.rateLimit.perSession,
        rateLimitPerAddress: c.rateLimit.perAddress,
        separationOfDuties: c.separationOfDuties,
        requireTwoFactor: c.requireTwoFactor,
      };
    },
  );
};
