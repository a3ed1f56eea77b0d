import type { FastifyPluginAsync } from 'fastify';
import { createUnit } from '../../../commands/org.commands.ts';
import { listUnits, UNIT_KINDS, type UnitKind } from '../../../repositories/units.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { errorResponses, nullableId, text } from '../../schemas.ts';

const unitSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    parentId: { type: ['integer', 'null'] },
    path: { type: 'string' },
    name: { type: 'string' },
    code: { type: 'string' },
    kind: { type: 'string', enum: UNIT_KINDS },
    sortOrder: { type: 'integer' },
    version: { type: 'integer' },
  },
} as const;

export const unitRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { kind?: UnitKind[] } }>(
    '/units',
    {
      schema: {
        tags: ['organisation'],
        summary: 'The unit tree under your own unit, in tree order',
        querystring: {
          type: 'object',
          properties: { kind: { type: 'array', items: { type: 'string', enum: UNIT_KINDS } } },
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { units: { type: 'array', items: unitSchema } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ units: await listUnits(app.services.db, actorOf(request).unitPath, request.query.kind) }),
  );

  app.post<{ Body: { parentId: number | null; name: string; code: string; kind: UnitKind; sortOrder?: number } }>(
    '/units',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Add a unit or department (system administrator)',
        body: {
          type: 'object',
          required: ['parentId', 'name', 'code', 'kind'],
          properties: {
            parentId: nullableId,
            name: text(100),
            code: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,40}$' },
            kind: { type: 'string', enum: UNIT_KINDS },
            sortOrder: { type: 'integer' },
          },
          additionalProperties: false,
        },
        response: { 201: unitSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createUnit(contextOf(app, request), request.body)),
  );
};
