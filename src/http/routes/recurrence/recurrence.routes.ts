import type { FastifyPluginAsync } from 'fastify';
import {
  type CommonProblemOrder,
  carriedOverItems,
  carryOverOpenItems,
  commonProblems,
  findRepeats,
  orderCommonProblem,
} from '../../../commands/recurrence.commands.ts';
import { contextOf } from '../../auth.ts';
import { type IdParams, idParams } from '../../schemas.ts';
import {
  carriedOverResponse,
  carryOverResponse,
  commonProblemOrderBody,
  commonProblemOrderResponse,
  commonProblemsResponse,
  repeatsResponse,
  similarityQuery,
} from './recurrence.schema.ts';

type SimilarityQuery = { threshold?: number; minUnits?: number };

export const recurrenceRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Params: IdParams }>(
    '/inspections/:id/carry-over',
    {
      schema: {
        tags: ['recurrence'],
        summary: "Carry the unit's still-open items of earlier inspections into this one (idempotent)",
        params: idParams,
        response: carryOverResponse,
      },
    },
    async (request) => carryOverOpenItems(contextOf(app, request), request.params.id),
  );

  app.get<{ Params: IdParams }>(
    '/inspections/:id/carried-over',
    {
      schema: {
        tags: ['recurrence'],
        summary: 'Items carried over into this inspection, with their original round, state, deadline and overdue mark',
        params: idParams,
        response: carriedOverResponse,
      },
    },
    async (request) => ({ items: await carriedOverItems(contextOf(app, request), request.params.id) }),
  );

  app.get<{ Params: IdParams; Querystring: SimilarityQuery }>(
    '/inspections/:id/repeats',
    {
      schema: {
        tags: ['recurrence'],
        summary: '屡查屡犯: items like an item of the same unit in an earlier inspection (similar aspect and title)',
        params: idParams,
        querystring: similarityQuery,
        response: repeatsResponse,
      },
    },
    async (request) => findRepeats(contextOf(app, request), request.params.id, request.query.threshold),
  );

  app.get<{ Params: IdParams; Querystring: SimilarityQuery }>(
    '/rounds/:id/common-problems',
    {
      schema: {
        tags: ['recurrence'],
        summary: '举一反三: similar items within an aspect across the round’s units, most widely shared first',
        params: idParams,
        querystring: similarityQuery,
        response: commonProblemsResponse,
      },
    },
    async (request) => ({
      groups: await commonProblems(contextOf(app, request), request.params.id, request.query),
    }),
  );

  app.post<{ Params: IdParams; Body: CommonProblemOrder }>(
    '/rounds/:id/common-problems/orders',
    {
      schema: {
        tags: ['recurrence'],
        summary: 'One supervision order to each unit sharing a common problem (by groupKey or itemIds), all or nothing',
        params: idParams,
        body: commonProblemOrderBody,
        response: commonProblemOrderResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await orderCommonProblem(contextOf(app, request), request.params.id, request.body)),
  );
};
