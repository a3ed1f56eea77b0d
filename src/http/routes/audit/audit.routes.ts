import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../errors.ts';
import { canReadAuditLog } from '../../../policies/policies.ts';
import { auditExportLines } from '../../../queries/audit-export.ts';
import { listAuditEvents, verifyAuditChain } from '../../../repositories/audit.repository.ts';
import { defaultCheckpointFile, readCheckpoints } from '../../../storage/audit-files.ts';
import { actorOf } from '../../auth.ts';
import { errorResponses } from '../../schemas.ts';
import { auditEvents, auditExportQuery, auditExportResponses, auditQuery, chainCheck } from './audit.schema.ts';

/*
 * The raw trail is the auditor's (and, while 三员分立 is off, the administrator's and the office's): every route here
 * asks the one policy. There is deliberately no route that changes or deletes an event; audit.routes.test.ts holds
 * that line.
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mayReadTrail = (request: FastifyRequest) => {
    if (!canReadAuditLog(actorOf(request))) throw AppError.forbidden();
  };

  app.get(
    '/audit-events',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (the security auditor)',
        querystring: auditQuery,
        response: { 200: auditEvents, ...errorResponses },
      },
    },
    async (request) => {
      mayReadTrail(request);
      return { events: await listAuditEvents(app.services.db, request.query) };
    },
  );

  app.get(
    '/audit-events/verify',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['audit'],
        summary:
          'Recompute the keyed chain and its numbering, and compare it with the checkpoints kept outside the database',
        response: { 200: chainCheck, ...errorResponses },
      },
    },
    async (request) => {
      mayReadTrail(request);
      return verifyAuditChain(app.services.db, readCheckpoints(defaultCheckpointFile(app.services.config)));
    },
  );

  app.get(
    '/audit-events/export',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['audit'],
        summary: 'The whole trail with its hashes, numbers and a signed checkpoint, for keeping off-site (audited)',
        querystring: auditExportQuery,
        produces: ['application/x-ndjson', 'text/csv'],
        response: auditExportResponses,
      },
    },
    async (request, reply) => {
      mayReadTrail(request);
      const { format } = request.query;
      const stamp = app.services.now().toISOString().slice(0, 10);
      const fileName = `audit-trail-${stamp}.${format}`;
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(auditExportLines(app.services.db, format, app.services.now())));
    },
  );
};
