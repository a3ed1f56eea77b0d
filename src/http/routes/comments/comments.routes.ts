import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addCommentRemark,
  answerComment,
  linkCommentItem,
  transferComment,
} from '../../../commands/comments.commands.ts';
import { getCommentDetail, listCommentsFor, listItemComments } from '../../../queries/comments.queries.ts';
import { contextOf } from '../../auth.ts';
import {
  answerBody,
  commentDetailResponses,
  commentResponses,
  commentsResponses,
  idParams,
  itemCommentsResponses,
  linkItemBody,
  remarkBody,
  remarksResponses,
  transferBody,
} from './comments.schema.ts';

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

  app.get(
    '/comments/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'One public comment with its 转办, item and internal remarks, what the reader may do, and the departments and items to choose from',
        params: idParams,
        response: commentDetailResponses,
      },
    },
    async (request) => getCommentDetail(contextOf(app, request), request.params.id),
  );

  app.post(
    '/comments/:id/transfer',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: '转办: pass the comment to one of the unit’s departments with a due date (not in the past)',
        params: idParams,
        body: transferBody,
        response: commentResponses,
      },
    },
    async (request) => transferComment(contextOf(app, request), request.params.id, request.body),
  );

  app.post(
    '/comments/:id/item',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Link the comment to an item of the same inspection (null unlinks)',
        params: idParams,
        body: linkItemBody,
        response: commentResponses,
      },
    },
    async (request) => linkCommentItem(contextOf(app, request), request.params.id, request.body),
  );

  app.post(
    '/comments/:id/remarks',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'An internal remark on the comment (派驻纪检监察组, the team, the office); never public',
        params: idParams,
        body: remarkBody,
        response: remarksResponses,
      },
    },
    async (request) => ({
      remarks: await addCommentRemark(contextOf(app, request), request.params.id, request.body.body),
    }),
  );

  app.get(
    '/items/:id/comments',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The public comments linked to an item',
        params: idParams,
        response: itemCommentsResponses,
      },
    },
    async (request) => ({ comments: await listItemComments(contextOf(app, request), request.params.id) }),
  );
};
