import type { FastifyPluginAsync } from 'fastify';
import { removeView, saveView } from '../../../commands/views.commands.ts';
import { listViews, type ViewPage } from '../../../repositories/views.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { errorResponses, type IdParams, idParams, noContentResponse } from '../../schemas.ts';
import { listViewsQuery, savedViewSchema, saveViewBody } from './views.schema.ts';

export const viewRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { page: ViewPage } }>(
    '/views',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Your saved views of a list page (filters, sort, columns); nobody else sees them',
        querystring: listViewsQuery,
        response: {
          200: { type: 'object', properties: { views: { type: 'array', items: savedViewSchema } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ views: await listViews(app.services.db, actorOf(request).id, request.query.page) }),
  );

  app.post<{ Body: { page: ViewPage; name: string; state: Record<string, unknown> } }>(
    '/views',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Save a view under a name (201); saving under an existing name replaces it (200)',
        body: saveViewBody,
        response: { 200: savedViewSchema, 201: savedViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { view, created } = await saveView(contextOf(app, request), request.body);
      return reply.status(created ? 201 : 200).send(view);
    },
  );

  app.delete<{ Params: IdParams }>(
    '/views/:id',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Delete one of your saved views',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await removeView(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );
};
