import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { carryOverOpenItems, orderCommonProblem, saveAspectMapping } from '../../../commands/recurrence.commands.ts';
import { carriedOverItems, commonProblems, findRepeats } from '../../../queries/recurrence.queries.ts';
import { getAspectMapping } from '../../../queries/recurrence-mapping.queries.ts';
import { contextOf } from '../../auth.ts';
import { idParams } from '../../schemas.ts';
import {
  aspectMappingBody,
  aspectMappingParams,
  aspectMappingResponses,
  carriedOverResponses,
  carryOverResponses,
  commonProblemOrderBody,
  commonProblemOrderResponses,
  commonProblemsResponses,
  repeatsResponses,
  similarityQuery,
} from './recurrence.schema.ts';

export const recurrenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/inspections/:id/carry-over',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['recurrence'],
        summary: "Carry the unit's still-open items of earlier inspections into this one (idempotent)",
        params: idParams,
        response: carryOverResponses,
      },
    },
    async (request) => carryOverOpenItems(contextOf(app, request), request.params.id),
  );

  app.get(
    '/inspections/:id/carried-over',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['recurrence'],
        summary: 'Items carried over into this inspection, with their original round, state, deadline and overdue mark',
        params: idParams,
        response: carriedOverResponses,
      },
    },
    async (request) => ({ items: await carriedOverItems(contextOf(app, request), request.params.id) }),
  );

  app.get(
    '/inspections/:id/repeats',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['recurrence'],
        summary: '屡查屡犯: items like an item of the same unit in an earlier inspection (similar aspect and title)',
        params: idParams,
        querystring: similarityQuery,
        response: repeatsResponses,
      },
    },
    async (request) => findRepeats(contextOf(app, request), request.params.id, request.query.threshold),
  );

  app.get(
    '/rounds/:id/common-problems',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['recurrence'],
        summary: '举一反三: similar items within an aspect across the round’s units, most widely shared first',
        params: idParams,
        querystring: similarityQuery,
        response: commonProblemsResponses,
      },
    },
    async (request) => ({
      groups: await commonProblems(contextOf(app, request), request.params.id, request.query),
    }),
  );

  app.post(
    '/rounds/:id/common-problems/orders',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['recurrence'],
        summary: 'One supervision order to each unit sharing a common problem (by groupKey or itemIds), all or nothing',
        params: idParams,
        body: commonProblemOrderBody,
        response: commonProblemOrderResponses,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await orderCommonProblem(contextOf(app, request), request.params.id, request.body)),
  );

  app.get(
    '/rounds/:id/aspect-mappings/:earlierRoundId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['recurrence'],
        summary:
          "The office's mapping from an earlier round's aspects to this round's, with a suggestion for each (same name once numbering and suffixes are gone, else the most alike)",
        params: aspectMappingParams,
        response: aspectMappingResponses,
      },
    },
    async (request) => getAspectMapping(contextOf(app, request), request.params.id, request.params.earlierRoundId),
  );

  app.put(
    '/rounds/:id/aspect-mappings/:earlierRoundId',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['recurrence'],
        summary:
          "Save the office's mapping from an earlier round's aspects to this round's (replacing the one saved); repeats across the two rounds follow it",
        params: aspectMappingParams,
        body: aspectMappingBody,
        response: aspectMappingResponses,
      },
    },
    async (request) =>
      saveAspectMapping(contextOf(app, request), request.params.id, request.params.earlierRoundId, request.body.pairs),
  );
};
