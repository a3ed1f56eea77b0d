import type { FastifyPluginAsync } from 'fastify';
import {
  addAspect,
  createRound,
  createTeam,
  renameAspect,
  reorderAspects,
  updateRound,
  updateTeam,
} from '../../../commands/org.commands.ts';
import { listRounds, listTeams } from '../../../repositories/rounds.repository.ts';
import { contextOf } from '../../auth.ts';
import {
  createdResponse,
  errorResponses,
  type IdParams,
  id,
  idParams,
  noContentResponse,
  nullableIsoDate,
  nullableText,
  patchBody,
  text,
  version,
} from '../../schemas.ts';

const aspectSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    roundId: { type: 'integer' },
    name: { type: 'string' },
    sortOrder: { type: 'integer' },
    version: { type: 'integer' },
  },
} as const;
const roundSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    committeeUnitId: { type: 'integer' },
    name: { type: 'string' },
    startsOn: { type: ['string', 'null'] },
    endsOn: { type: ['string', 'null'] },
    version: { type: 'integer' },
    aspects: { type: 'array', items: aspectSchema },
  },
} as const;
const teamSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    roundId: { type: 'integer' },
    name: { type: 'string' },
    leaderName: { type: ['string', 'null'] },
    version: { type: 'integer' },
  },
} as const;

export const roundRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/rounds',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Inspection rounds with their aspect lists',
        response: {
          200: { type: 'object', properties: { rounds: { type: 'array', items: roundSchema } } },
          ...errorResponses,
        },
      },
    },
    async () => ({ rounds: await listRounds(app.services.db) }),
  );

  app.post<{
    Body: { committeeUnitId: number; name: string; startsOn: string | null; endsOn: string | null; aspects: string[] };
  }>(
    '/rounds',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Set up a round and its aspect taxonomy (inspection office)',
        body: {
          type: 'object',
          required: ['committeeUnitId', 'name'],
          properties: {
            committeeUnitId: id,
            name: text(100),
            startsOn: { ...nullableIsoDate, default: null },
            endsOn: { ...nullableIsoDate, default: null },
            aspects: { type: 'array', items: text(200), maxItems: 30, default: [] },
          },
          additionalProperties: false,
        },
        response: createdResponse,
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createRound(contextOf(app, request), request.body) }),
  );

  app.post<{ Params: IdParams; Body: { name: string } }>(
    '/rounds/:id/aspects',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Add an aspect to a round’s list',
        params: idParams,
        body: { type: 'object', required: ['name'], properties: { name: text(200) }, additionalProperties: false },
        response: { 201: aspectSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addAspect(contextOf(app, request), request.params.id, request.body.name)),
  );

  app.patch<{
    Params: IdParams;
    Body: { version: number; name?: string; startsOn?: string | null; endsOn?: string | null };
  }>(
    '/rounds/:id',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Rename a round or correct its dates (inspection office)',
        params: idParams,
        body: patchBody({ name: text(100), startsOn: nullableIsoDate, endsOn: nullableIsoDate }),
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...patch } = request.body;
      await updateRound(contextOf(app, request), request.params.id, v, patch);
      return reply.status(204).send();
    },
  );

  app.put<{ Params: IdParams; Body: { version: number; aspectIds: number[] } }>(
    '/rounds/:id/aspect-order',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Reorder a round’s aspects: every aspect id once, in the new order, with the round’s version',
        params: idParams,
        body: {
          type: 'object',
          required: ['version', 'aspectIds'],
          properties: { version, aspectIds: { type: 'array', items: id, minItems: 1, maxItems: 100 } },
          additionalProperties: false,
        },
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await reorderAspects(contextOf(app, request), request.params.id, request.body.version, request.body.aspectIds);
      return reply.status(204).send();
    },
  );

  app.patch<{ Params: IdParams; Body: { version: number; name: string } }>(
    '/aspects/:id',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Rename an aspect (inspection office)',
        params: idParams,
        body: {
          type: 'object',
          required: ['version', 'name'],
          properties: { version, name: text(200) },
          additionalProperties: false,
        },
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await renameAspect(contextOf(app, request), request.params.id, request.body.version, request.body.name);
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: { roundId?: number } }>(
    '/teams',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Inspection teams',
        querystring: { type: 'object', properties: { roundId: id }, additionalProperties: false },
        response: {
          200: { type: 'object', properties: { teams: { type: 'array', items: teamSchema } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ teams: await listTeams(app.services.db, request.query.roundId) }),
  );

  app.post<{ Body: { roundId: number; name: string; leaderName: string | null } }>(
    '/teams',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Add an inspection team to a round',
        body: {
          type: 'object',
          required: ['roundId', 'name'],
          properties: { roundId: id, name: text(100), leaderName: { ...nullableText(50), default: null } },
          additionalProperties: false,
        },
        response: createdResponse,
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createTeam(contextOf(app, request), request.body) }),
  );

  app.patch<{ Params: IdParams; Body: { version: number; name?: string; leaderName?: string | null } }>(
    '/teams/:id',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Rename a team or record its leader (inspection office)',
        params: idParams,
        body: patchBody({ name: text(100), leaderName: nullableText(50) }),
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
