import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listTodos } from '../../../queries/todos.queries.ts';
import { contextOf } from '../../auth.ts';
import { todosQuery, todosResponses } from './todos.schema.ts';

export const todoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/todos',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary:
          '待办: what waits for you (close-outs to review or confirm, returned items, 督办 to answer or review, comments), by kind, from the state of the ledger',
        querystring: todosQuery,
        response: todosResponses,
      },
    },
    async (request) => listTodos(contextOf(app, request), request.query.limit),
  );
};
