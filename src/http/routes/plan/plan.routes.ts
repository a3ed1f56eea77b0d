import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addMeasureToItems, bulkUpdateMeasures } from '../../../commands/plan.commands.ts';
import { getPlan } from '../../../queries/plan.queries.ts';
import { contextOf } from '../../auth.ts';
import { idParams } from '../../schemas.ts';
import {
  addedMeasuresResponses,
  addMeasuresBody,
  bulkMeasuresBody,
  bulkUpdatedResponses,
  planResponses,
} from './plan.schema.ts';

export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plan/inspections/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['plan'],
        summary: 'One inspection’s feedback tree and plan: aspects, problems, items with measures, who they can go to',
        params: idParams,
        response: planResponses,
      },
    },
    async (request) => getPlan(contextOf(app, request), request.params.id),
  );

  app.post(
    '/plan/measures/bulk',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['plan'],
        summary:
          'Set department, person, leader, deadline or kind on many measures at once: all or nothing, 409 when any version is stale',
        body: bulkMeasuresBody,
        response: bulkUpdatedResponses,
      },
    },
    async (request) => bulkUpdateMeasures(contextOf(app, request), request.body),
  );

  app.post(
    '/plan/measures',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['plan'],
        summary: 'Add the same measure to several items at once: all or nothing',
        body: addMeasuresBody,
        response: addedMeasuresResponses,
      },
    },
    async (request, reply) => reply.status(201).send(await addMeasureToItems(contextOf(app, request), request.body)),
  );
};
