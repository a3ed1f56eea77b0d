import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getPublicationSatisfaction } from '../../../queries/evaluation.queries.ts';
import { contextOf } from '../../auth.ts';
import { idParams } from '../../schemas.ts';
import { publicationSatisfactionResponses } from './satisfaction.schema.ts';

/**
 * Issue 15, point 4: one notice's 群众满意度测评 results, for the unit and the office. The citizen's side (the form and its
 * post) is the portal's, in routes/public.
 */
export const satisfactionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/publications/:id/satisfaction',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['publications'],
        summary: "A published notice's satisfaction questionnaire: answers, counts per question and level, score 0–100",
        params: idParams,
        response: publicationSatisfactionResponses,
      },
    },
    async (request) => getPublicationSatisfaction(contextOf(app, request), request.params.id),
  );
};
