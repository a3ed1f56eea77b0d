import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { updateMeasure } from '../../../commands/items.commands.ts';
import { contextOf } from '../../auth.ts';
import { idParams, noContentResponse } from '../../schemas.ts';
import { patchMeasureBody } from './measures.schema.ts';

export const measureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.patch(
    '/measures/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['plan'],
        summary: 'Edit a measure: owner, department, deadline, kind, completion',
        params: idParams,
        body: patchMeasureBody,
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
