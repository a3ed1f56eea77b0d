import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { removeView, saveView } from '../../../commands/views.commands.ts';
import { listViews, type SavedView } from '../../../repositories/views.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import { type LedgerState, listViewsQuery, savedViewSchema, savedViews, saveViewBody } from './views.schema.ts';

/** The database keeps a view's state as opaque JSON; it was checked against the ledger state's schema when saved. */
const asLedgerView = (view: SavedView) => view as SavedView & { state: LedgerState };

export const viewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/views',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['ledger'],
        summary: 'Your saved views of a list page (filters, sort, columns); nobody else sees them',
        querystring: listViewsQuery,
        response: { 200: savedViews, ...errorResponses },
      },
    },
    async (request) => ({
      views: (await listViews(app.services.db, actorOf(request).id, request.query.page)).map(asLedgerView),
    }),
  );

  app.post(
    '/views',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['ledger'],
        summary: 'Save a view under a name (201); saving under an existing name replaces it (200)',
        body: saveViewBody,
        response: { 200: savedViewSchema, 201: savedViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { view, created } = await saveView(contextOf(app, request), request.body);
      return reply.status(created ? 201 : 200).send(asLedgerView(view));
    },
  );

  app.delete(
    '/views/:id',
    {
      config: { access: 'signedIn' },
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
