import type { FastifyPluginAsync } from 'fastify';
import { today } from '../../../commands/context.ts';
import { riskScore } from '../../../domain/totals.ts';
import { readScope } from '../../../policies/policies.ts';
import { ledgerTotals, roundOverview } from '../../../repositories/dashboard.repository.ts';
import { contextOf } from '../../auth.ts';
import { type IdParams, id, idParams } from '../../schemas.ts';

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { unitId?: number; roundId?: number; inspectionId?: number } }>(
    '/dashboard/totals',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Totals of the ledger you can see: by state, result, aspect, department; outcomes',
        querystring: {
          type: 'object',
          properties: { unitId: id, roundId: id, inspectionId: id },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      return ledgerTotals(app.services.db, readScope(ctx.actor), request.query, today(ctx));
    },
  );

  app.get<{ Params: IdParams }>(
    '/rounds/:id/overview',
    { schema: { tags: ['dashboard'], summary: 'A round across its units, sorted by risk', params: idParams } },
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
