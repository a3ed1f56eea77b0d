import type { FastifyPluginAsync } from 'fastify';
import { updateMeasure } from '../../../commands/items.commands.ts';
import type { MeasureInput } from '../../../repositories/item-parts.repository.ts';
import { contextOf } from '../../auth.ts';
import { type IdParams, idParams, noContentResponse, nullableIsoDate, patchBody } from '../../schemas.ts';
import { measureInputSchema } from '../items/items.schema.ts';

export const measureRoutes: FastifyPluginAsync = async (app) => {
  app.patch<{ Params: IdParams; Body: Partial<MeasureInput> & { version: number; completedOn?: string | null } }>(
    '/measures/:id',
    {
      schema: {
        tags: ['plan'],
        summary: 'Edit a measure: owner, department, deadline, kind, completion',
        params: idParams,
        body: patchBody({ ...measureInputSchema.properties, completedOn: nullableIsoDate }),
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...input } = request.body;
      await updateMeasure(contextOf(app, request), request.params.id, v, input);
      return reply.status(204).send();
    },
  );
};
