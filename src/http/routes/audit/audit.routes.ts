import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../errors.ts';
import { canReadAuditLog } from '../../../policies/policies.ts';
import { listAuditEvents, verifyAuditChain } from '../../../repositories/audit.repository.ts';
import { actorOf } from '../../auth.ts';
import { errorResponses } from '../../schemas.ts';
import { auditEvents, auditQuery, chainCheck } from './audit.schema.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit-events',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (inspection office, administrator)',
        querystring: auditQuery,
        response: { 200: auditEvents, ...errorResponses },
      },
    },
    async (request) => {
      if (!canReadAuditLog(actorOf(request))) throw AppError.forbidden();
      return { events: await listAuditEvents(app.services.db, request.query) };
    },
  );

  app.get(
    '/audit-events/verify',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain of the audit trail',
        response: { 200: chainCheck, ...errorResponses },
      },
    },
    async (request) => {
      if (!canReadAuditLog(actorOf(request))) throw AppError.forbidden();
      return verifyAuditChain(app.services.db);
    },
  );
};
