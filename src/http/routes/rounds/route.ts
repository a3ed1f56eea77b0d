import type { FastifyPluginAsync } from 'fastify';
import { addAspect, createRound, createTeam } from '../../../commands/org.commands.ts';
import { listRounds, listTeams } from '../../../repositories/rounds.repository.ts';
import { contextOf } from '../../auth.ts';
import {
  createdResponse,
  errorResponses,
  type IdParams,
  id,
  idParams,
  nullableIsoDate,
  nullableText,
  text,
} from '../../schemas.ts';

const aspectSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    roundId: { type: 'integer' },
    name: { type: 'string' },
    sortOrder: { type: 'integer' },
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
};
