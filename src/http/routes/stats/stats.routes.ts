import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { today } from '../../../context.ts';
import { archivedFilterOf } from '../../../domain/archive.ts';
import { readScope } from '../../../policies/policies.ts';
import { getRound } from '../../../repositories/rounds.repository.ts';
import { overdueTrend, warningCounts } from '../../../repositories/stats.repository.ts';
import { contextOf } from '../../auth.ts';
import { errorResponses } from '../../schemas.ts';
import { statsQuerySchema, trendQuery, trendResponse, warningsResponse } from './stats.schema.ts';

export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/stats/warnings',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['dashboard'],
        summary: 'Open items you can see by three-colour warning (red overdue, yellow, green), thresholds included',
        querystring: statsQuerySchema,
        response: { 200: warningsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      const thresholds = app.services.config.warnDays;
      const day = today(ctx);
      const filter = { ...request.query, archived: archivedFilterOf(request.query.archived, request.query) };
      const counts = await warningCounts(app.services.db, readScope(ctx.actor), filter, day, thresholds);
      return { today: day, thresholds, counts };
    },
  );

  app.get(
    '/stats/overdue-trend',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['dashboard'],
        summary: 'How many items were overdue each week since the round’s first feedback, derived from deadlines',
        querystring: trendQuery,
        response: { 200: trendResponse, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      await getRound(app.services.db, request.query.roundId);
      const day = today(ctx);
      return { today: day, ...(await overdueTrend(app.services.db, readScope(ctx.actor), request.query, day)) };
    },
  );
};
