import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addAspect,
  archiveRound,
  createRound,
  createTeam,
  renameAspect,
  reorderAspects,
  unarchiveRound,
  updateRound,
  updateTeam,
} from '../../../commands/rounds.commands.ts';
import { listRounds, listTeams } from '../../../repositories/rounds.repository.ts';
import { contextOf } from '../../auth.ts';
import { createdResponse, errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import {
  aspectBody,
  aspectOrderBody,
  aspectSchema,
  createRoundBody,
  createTeamBody,
  patchRoundBody,
  patchTeamBody,
  renameAspectBody,
  roundList,
  teamList,
  teamsQuery,
} from './rounds.schema.ts';

export const roundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Inspection rounds with their aspect lists',
        response: { 200: roundList, ...errorResponses },
      },
    },
    async () => ({ rounds: await listRounds(app.services.db) }),
  );

  app.post(
    '/rounds',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Set up a round and its aspect taxonomy (inspection office)',
        body: createRoundBody,
        response: createdResponse,
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createRound(contextOf(app, request), request.body) }),
  );

  app.post(
    '/rounds/:id/aspects',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Add an aspect to a round’s list',
        params: idParams,
        body: aspectBody,
        response: { 201: aspectSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addAspect(contextOf(app, request), request.params.id, request.body.name)),
  );

  app.patch(
    '/rounds/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Rename a round or correct its dates (inspection office)',
        params: idParams,
        body: patchRoundBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...patch } = request.body;
      await updateRound(contextOf(app, request), request.params.id, v, patch);
      return reply.status(204).send();
    },
  );

  app.post(
    '/rounds/:id/archive',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary:
          'Archive a finished round (inspection office): read-only, out of the default lists, still searchable and exportable; 409 round_not_finished names what is still open',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await archiveRound(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/rounds/:id/archive',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Unarchive a round (inspection office): writable again and back in the default lists',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await unarchiveRound(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/rounds/:id/aspect-order',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Reorder a round’s aspects: every aspect id once, in the new order, with the round’s version',
        params: idParams,
        body: aspectOrderBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await reorderAspects(contextOf(app, request), request.params.id, request.body.version, request.body.aspectIds);
      return reply.status(204).send();
    },
  );

  app.patch(
    '/aspects/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Rename an aspect (inspection office)',
        params: idParams,
        body: renameAspectBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await renameAspect(contextOf(app, request), request.params.id, request.body.version, request.body.name);
      return reply.status(204).send();
    },
  );

  app.get(
    '/teams',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Inspection teams',
        querystring: teamsQuery,
        response: { 200: teamList, ...errorResponses },
      },
    },
    async (request) => ({ teams: await listTeams(app.services.db, request.query.roundId) }),
  );

  app.post(
    '/teams',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Add an inspection team to a round',
        body: createTeamBody,
        response: createdResponse,
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createTeam(contextOf(app, request), request.body) }),
  );

  app.patch(
    '/teams/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'Rename a team or record its leader (inspection office)',
        params: idParams,
        body: patchTeamBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...patch } = request.body;
      await updateTeam(contextOf(app, request), request.params.id, v, patch);
      return reply.status(204).send();
    },
  );
};
