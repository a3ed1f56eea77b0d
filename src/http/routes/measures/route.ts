import type { FastifyPluginAsync } from 'fastify';
import { updateMeasure } from '../../../commands/items.commands.ts';
import type { MeasureInput } from '../../../repositories/item-parts.repository.ts';
import { contextOf } from '../../auth.ts';
import { errorResponses, type IdParams, idParams, version } from '../../schemas.ts';
import { measureInputSchema } from '../items/schema.ts';

const { content, kind, responsibleLeader, departmentId, responsiblePersonId, responsiblePersonName, deadline } =
  measureInputSchema.properties;
const { default: _k, ...kindNoDefault } = kind;
const strip = <T extends { default?: unknown }>({ default: _d, ...rest }: T) => rest;

export const measureRoutes: FastifyPluginAsync = async (app) => {
  app.patch<{ Params: IdParams; Body: Partial<MeasureInput> & { version: number; completedOn?: string | null } }>(
    '/measures/:id',
    {
      schema: {
        tags: ['plan'],
        summary: 'Edit a measure: owner, department, deadline, kind, completion',
        params: idParams,
        body: {
          type: 'object',
          required: ['version'],
          minProperties: 2,
          properties: {
            version,
            content,
            kind: kindNoDefault,
            responsibleLeader: strip(responsibleLeader),
            departmentId: strip(departmentId),
            responsiblePersonId: strip(responsiblePersonId),
            responsiblePersonName: strip(responsiblePersonName),
            deadline: strip(deadline),
            completedOn: strip(deadline),
          },
          additionalProperties: false,
        },
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { version: v, ...input } = request.body;
      await updateMeasure(contextOf(app, request), request.params.id, v, input);
      return reply.status(204).send();
    },
  );
};
