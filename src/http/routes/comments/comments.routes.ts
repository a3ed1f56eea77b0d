import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { answerComment } from '../../../commands/comments.commands.ts';
import { listCommentsFor } from '../../../queries/comments.queries.ts';
import { contextOf } from '../../auth.ts';
import { answerBody, commentResponses, commentsResponses, idParams } from './comments.schema.ts';

const tags = ['publications'];

export const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/publications/:id/comments',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The public’s comments on a notice, open ones first',
        params: idParams,
        response: commentsResponses,
      },
    },
    async (request) => ({ comments: await listCommentsFor(contextOf(app, request), request.params.id) }),
  );

  app.post(
    '/comments/:id/answer',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Answer a public comment and/or mark it handled',
        params: idParams,
        body: answerBody,
        response: commentResponses,
      },
    },
    async (request) => answerComment(contextOf(app, request), request.params.id, request.body),
  );
};
