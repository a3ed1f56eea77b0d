import type { FastifyPluginAsync } from 'fastify';
import { today } from '../../../commands/context.ts';
import { readScope } from '../../../policies/policies.ts';
import { getRound } from '../../../repositories/rounds.repository.ts';
import { overdueTrend, warningCounts } from '../../../repositories/stats.repository.ts';
import { contextOf } from '../../auth.ts';
import { errorResponses } from '../../schemas.ts';
import {
  type StatsQuery,
  statsQuerySchema,
  type TrendQuery,
  trendQuery,
  trendResponse,
  warningsResponse,
} from './stats.schema.ts';

export const statsRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: StatsQuery }>(
    '/stats/warnings',
    {
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
      const counts = await warningCounts(app.services.db, readScope(ctx.actor), request.query, day, thresholds);
      return { today: day, thresholds, counts };
    },
  );

  app.get<{ Querystring: TrendQuery }>(
    '/stats/overdue-trend',
    {
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
