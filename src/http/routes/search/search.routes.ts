import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { search } from '../../../queries/search.queries.ts';
import { contextOf } from '../../auth.ts';
import { searchQuery, searchResponses } from './search.schema.ts';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['items'],
        summary:
          'Search every text of the ledger you may read (titles, descriptions, measures, progress, outcomes, comments, evidence text)',
        querystring: searchQuery,
        response: searchResponses,
      },
    },
    async (request) => ({ results: await search(contextOf(app, request), request.query.q, request.query.limit) }),
  );
};
