import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { today } from '../../../context.ts';
import { archivedFilterOf } from '../../../domain/archive.ts';
import { riskScore } from '../../../domain/totals.ts';
import { readScope } from '../../../policies/policies.ts';
import { clueTotalsFor } from '../../../queries/clues.queries.ts';
import { ledgerTotals, roundOverview } from '../../../repositories/dashboard.repository.ts';
import { contextOf } from '../../auth.ts';
import { errorResponses, idParams } from '../../schemas.ts';
import { overviewResponse, totalsQuery, totalsResponse } from './dashboard.schema.ts';

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dashboard/totals',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['dashboard'],
        summary: 'Totals of the ledger you can see: by state, result, aspect, department; outcomes',
        querystring: totalsQuery,
        response: { 200: totalsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      const filter = { ...request.query, archived: archivedFilterOf(request.query.archived, request.query) };
      const [totals, clues] = await Promise.all([
        ledgerTotals(app.services.db, readScope(ctx.actor), filter, today(ctx)),
        clueTotalsFor(ctx, filter),
      ]);
      return { ...totals, clues };
    },
  );

  app.get(
    '/rounds/:id/overview',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['dashboard'],
        summary: 'A round across its units, sorted by risk',
        params: idParams,
        response: { 200: overviewResponse, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      const rows = await roundOverview(app.services.db, readScope(ctx.actor), request.params.id, today(ctx));
      return {
        units: rows
          .map((r) => ({ ...r, risk: riskScore(r.counts) }))
          .sort((a, b) => b.risk - a.risk || a.unitId - b.unitId),
      };
    },
  );
};
