import type { FastifyPluginAsync } from 'fastify';
import {
  addMeasureToItems,
  bulkUpdateMeasures,
  getPlan,
  type MeasureChanges,
  type NewMeasure,
} from '../../../commands/plan.commands.ts';
import { contextOf } from '../../auth.ts';
import { errorResponses, type IdParams, idParams } from '../../schemas.ts';
import { addMeasuresBody, bulkMeasuresBody, planResponse } from './plan.schema.ts';

export const planRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: IdParams }>(
    '/plan/inspections/:id',
    {
      schema: {
        tags: ['plan'],
        summary: 'One inspection’s feedback tree and plan: aspects, problems, items with measures, who they can go to',
        params: idParams,
        response: { 200: planResponse, ...errorResponses },
      },
    },
    async (request) => getPlan(contextOf(app, request), request.params.id),
  );

  app.post<{ Body: { measureIds: number[]; changes: MeasureChanges; versions: Record<string, number> } }>(
    '/plan/measures/bulk',
    {
      schema: {
        tags: ['plan'],
        summary:
          'Set department, person, leader, deadline or kind on many measures at once: all or nothing, 409 when any version is stale',
        body: bulkMeasuresBody,
        response: {
          200: { type: 'object', properties: { updated: { type: 'integer' } } },
          ...errorResponses,
        },
      },
    },
    async (request) => bulkUpdateMeasures(contextOf(app, request), request.body),
  );

  app.post<{ Body: { itemIds: number[]; measure: NewMeasure } }>(
    '/plan/measures',
    {
      schema: {
        tags: ['plan'],
        summary: 'Add the same measure to several items at once: all or nothing',
        body: addMeasuresBody,
        response: {
          201: { type: 'object', properties: { ids: { type: 'array', items: { type: 'integer' } } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await addMeasureToItems(contextOf(app, request), request.body)),
  );
};
