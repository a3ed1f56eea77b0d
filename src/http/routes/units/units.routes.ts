import type { FastifyPluginAsync } from 'fastify';
import { createUnit, updateUnit } from '../../../commands/org.commands.ts';
import { listUnits, UNIT_KINDS, type UnitKind } from '../../../repositories/units.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import {
  errorResponses,
  type IdParams,
  idParams,
  noContentResponse,
  nullableId,
  patchBody,
  text,
} from '../../schemas.ts';

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

  app.patch<{ Params: IdParams; Body: { version: number; name?: string; sortOrder?: number } }>(
    '/units/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Rename or reorder a unit (system administrator)',
        params: idParams,
        body: patchBody({ name: text(100), sortOrder: { type: 'integer' } }),
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...patch } = request.body;
      await updateUnit(contextOf(app, request), request.params.id, v, patch);
      return reply.status(204).send();
    },
  );
};
