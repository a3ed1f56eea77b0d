import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUnit, updateUnit } from '../../../commands/units.commands.ts';
import { listUnits } from '../../../repositories/units.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import { createUnitBody, patchUnitBody, unitSchema, unitsQuery, unitTree } from './units.schema.ts';

export const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/units',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'The unit tree under your own unit, in tree order',
        querystring: unitsQuery,
        response: { 200: unitTree, ...errorResponses },
      },
    },
    async (request) => ({ units: await listUnits(app.services.db, actorOf(request).unitPath, request.query.kind) }),
  );

  app.post(
    '/units',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Add a unit or department (system administrator)',
        body: createUnitBody,
        response: { 201: unitSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createUnit(contextOf(app, request), request.body)),
  );

  app.patch(
    '/units/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Rename or reorder a unit (system administrator)',
        params: idParams,
        body: patchUnitBody,
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
