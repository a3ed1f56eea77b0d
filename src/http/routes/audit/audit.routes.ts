import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../../errors.ts';
import { canReadAuditLog } from '../../../policies/policies.ts';
import { listAuditEvents, verifyAuditChain } from '../../../repositories/audit.repository.ts';
import { actorOf } from '../../auth.ts';
import { id } from '../../schemas.ts';

export const auditRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { entity?: string; entityId?: number; limit: number; beforeId?: number } }>(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (inspection office, administrator)',
        querystring: {
          type: 'object',
          properties: {
            entity: { type: 'string', maxLength: 40 },
            entityId: id,
            beforeId: id,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      if (!canReadAuditLog(actorOf(request))) throw AppError.forbidden();
      return { events: await listAuditEvents(app.services.db, request.query) };
    },
  );

  app.get(
    '/audit-events/verify',
    { schema: { tags: ['audit'], summary: 'Recompute the hash chain of the audit trail' } },
    async (request) => {
      if (!canReadAuditLog(actorOf(request))) throw AppError.forbidden();
      return verifyAuditChain(app.services.db);
    },
  );
};
