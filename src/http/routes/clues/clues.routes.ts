import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  describeClue,
  handOverClue,
  markClue,
  recordClueOutcome,
  recordClueStep,
  unmarkClue,
} from '../../../commands/clues.commands.ts';
import { getClueView, itemClues, listCluesFor, receivingBodySuggestions } from '../../../queries/clues.queries.ts';
import { contextOf } from '../../auth.ts';
import { createdResponse, errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import {
  clueListResponse,
  clueSchema,
  describeBody,
  handOverBody,
  itemCluesResponse,
  listCluesQuery,
  markBody,
  outcomeBody,
  receivingBodiesResponse,
  stepBody,
  versionBody,
} from './clues.schema.ts';

/**
 * Issue 15 (问题线索): problem clues, marked by the inspection office, handed over (移交) to the 纪委监委 and followed by
 * the office and the supervisors. Every route is refused (403) to everyone else whatever the id, so nothing about a
 * clue reaches a unit, a department, a team or the public.
 */
export const clueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['clues'];

  app.get(
    '/clues',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Problem clues (office and supervisors): filtered by round, unit, state; the overdue first',
        querystring: listCluesQuery,
        response: { 200: clueListResponse, ...errorResponses },
      },
    },
    async (request) => ({ clues: await listCluesFor(contextOf(app, request), request.query) }),
  );

  app.get(
    '/clues/receiving-bodies',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The receiving bodies named before, most used first (the hand-over form’s suggestions)',
        response: { 200: receivingBodiesResponse, ...errorResponses },
      },
    },
    async (request) => ({ bodies: await receivingBodySuggestions(contextOf(app, request)) }),
  );

  app.get(
    '/clues/:id',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: 'One clue', params: idParams, response: { 200: clueSchema, ...errorResponses } },
    },
    async (request) => getClueView(contextOf(app, request), request.params.id),
  );

  app.patch(
    '/clues/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Reword the clue’s description (office)',
        params: idParams,
        body: describeBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await describeClue(contextOf(app, request), request.params.id, request.body.version, request.body.description);
      return reply.status(204).send();
    },
  );

  app.post(
    '/clues/:id/unmark',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Unmark: take the clue off while it is not yet handed over (office)',
        params: idParams,
        body: versionBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await unmarkClue(contextOf(app, request), request.params.id, request.body.version);
      return reply.status(204).send();
    },
  );

  app.post(
    '/clues/:id/hand-over',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          '移交 to the 纪委监委 (office): the transfer date (not in the future), the receiving body, a handling deadline after the transfer date',
        params: idParams,
        body: handOverBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await handOverClue(contextOf(app, request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/clues/:id/steps',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Record a step of the handling with its date: accept (受理/初核), file (立案), conclude (办结), decline (不予立案)',
        params: idParams,
        body: stepBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await recordClueStep(contextOf(app, request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.put(
    '/clues/:id/outcome',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Record the outcome as counts: 立案 cases and people, 党纪政务处分, 组织处理, other; a short note',
        params: idParams,
        body: outcomeBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await recordClueOutcome(contextOf(app, request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/items/:id/clues',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The clues on an item and on its problem (office and supervisors)',
        params: idParams,
        response: { 200: itemCluesResponse, ...errorResponses },
      },
    },
    async (request) => itemClues(contextOf(app, request), request.params.id),
  );

  app.post(
    '/items/:id/clue',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Mark the item as a problem clue (office)',
        params: idParams,
        body: markBody,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await markClue(contextOf(app, request), { itemId: request.params.id }, request.body.description)),
  );

  app.post(
    '/problems/:id/clue',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Mark the problem as a problem clue (office)',
        params: idParams,
        body: markBody,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await markClue(contextOf(app, request), { problemId: request.params.id }, request.body.description)),
  );
};
