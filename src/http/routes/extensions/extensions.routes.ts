import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { decideExtension, requestExtension, submitPlan } from '../../../commands/extensions.commands.ts';
import { isIsoDate } from '../../../domain/dates.ts';
import { appError } from '../../../errors.ts';
import { getItemExtensions } from '../../../queries/items.queries.ts';
import { contextOf } from '../../auth.ts';
import { createdResponse, errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import { extensionDecided, extensionDecisionBody, extensionRequestBody, itemExtensions } from './extensions.schema.ts';

/** Issue 13: deadline extensions (延期申请), their decisions, and the plan's submission that makes them the only way. */
export const extensionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/items/:id/extensions',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['deadlines'],
        summary: 'An item’s extension requests and the history of its deadline',
        params: idParams,
        response: { 200: itemExtensions, ...errorResponses },
      },
    },
    async (request) => getItemExtensions(contextOf(app, request), request.params.id),
  );

  app.post(
    '/items/:id/extensions',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['deadlines'],
        summary: 'Ask for a later deadline (延期申请): new date, reason, the item’s evidence in support',
        params: idParams,
        body: extensionRequestBody,
        response: createdResponse,
      },
    },
    async (request, reply) => {
      if (!isIsoDate(request.body.deadline)) {
        throw appError('validation', { part: 'body' }, { fields: [{ field: 'deadline', message: 'not a date' }] });
      }
      const id = await requestExtension(contextOf(app, request), request.params.id, {
        deadline: request.body.deadline,
        reason: request.body.reason ?? '',
        evidenceIds: request.body.evidenceIds,
      });
      return reply.status(201).send({ id });
    },
  );

  app.post(
    '/extensions/:id/decision',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['deadlines'],
        summary: 'Approve or refuse an extension request at its present step (unit leader, then office for 挂牌督办)',
        params: idParams,
        body: extensionDecisionBody,
        response: { 200: extensionDecided, ...errorResponses },
      },
    },
    async (request) => decideExtension(contextOf(app, request), request.params.id, request.body),
  );

  app.post(
    '/inspections/:id/plan-submission',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['deadlines'],
        summary: 'Submit the plan (报送整改方案): from then on deadlines move only through extension requests',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await submitPlan(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );
};
