import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController, type RouteOptions } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { kickEvidenceText } from '../jobs/evidence-text.ts';
import { JobRunner } from '../jobs/runner.ts';
import { configureAuditChain } from '../repositories/audit.repository.ts';
import { resolveAuditKey } from '../storage/audit-files.ts';
import { type EvidenceStore, evidenceStoreFor } from '../storage/evidence-store.ts';
import { declareRouteAccess } from './access.ts';
import { registerAccessAudit } from './audit-hooks.ts';
import { registerAuth } from './auth.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerMetrics } from './metrics.ts';
import { databaseCheck, diskCheck, type ReadinessCheck, storeCheck } from './readiness.ts';
import { apiTokenRoutes } from './routes/api-tokens/api-tokens.routes.ts';
import { auditRoutes } from './routes/audit/audit.routes.ts';
import { authRoutes } from './routes/auth/auth.routes.ts';
import { channelRoutes } from './routes/channels/channels.routes.ts';
import { clueRoutes } from './routes/clues/clues.routes.ts';
import { commentReceiptRoutes } from './routes/comments/comments.public.routes.ts';
import { commentRoutes } from './routes/comments/comments.routes.ts';
import { dashboardRoutes } from './routes/dashboard/dashboard.routes.ts';
import { directoryRoutes } from './routes/directory/directory.routes.ts';
import { evidencePreviewRoutes } from './routes/evidence-preview/evidence-preview.routes.ts';
import { extensionRoutes } from './routes/extensions/extensions.routes.ts';
import { healthRoutes } from './routes/health/health.routes.ts';
import { inspectionRoutes } from './routes/inspections/inspections.routes.ts';
import { itemRoutes } from './routes/items/items.routes.ts';
import { jobRoutes } from './routes/jobs/jobs.routes.ts';
import { ledgerExportRoutes } from './routes/ledger-exports/ledger-exports.routes.ts';
import { ledgerImportRoutes } from './routes/ledger-imports/ledger-imports.routes.ts';
import { measureRoutes } from './routes/measures/measures.routes.ts';
import { noticeImportRoutes } from './routes/notice-imports/notice-imports.routes.ts';
import { noticeRoutes } from './routes/notices/notices.routes.ts';
import { notificationRoutes } from './routes/notifications/notifications.routes.ts';
import { oidcRoutes } from './routes/oidc/oidc.routes.ts';
import { planRoutes } from './routes/plan/plan.routes.ts';
import { publicRoutes } from './routes/public/public.routes.ts';
import { publicationVersionRoutes } from './routes/publication-versions/publication-versions.routes.ts';
import { publicationRoutes } from './routes/publications/publications.routes.ts';
import { recurrenceRoutes } from './routes/recurrence/recurrence.routes.ts';
import { reportSubmissionRoutes } from './routes/report-submissions/report-submissions.routes.ts';
import { roundSummaryRoutes } from './routes/round-summary/round-summary.routes.ts';
import { roundRoutes } from './routes/rounds/rounds.routes.ts';
import { satisfactionRoutes } from './routes/satisfaction/satisfaction.routes.ts';
import { searchRoutes } from './routes/search/search.routes.ts';
import { statsRoutes } from './routes/stats/stats.routes.ts';
import { supervisionRoutes } from './routes/supervision/supervision.routes.ts';
import { todoRoutes } from './routes/todos/todos.routes.ts';
import { twoFactorRoutes } from './routes/two-factor/two-factor.routes.ts';
import { unitRoutes } from './routes/units/units.routes.ts';
import { userRoutes } from './routes/users/users.routes.ts';
import { viewRoutes } from './routes/views/views.routes.ts';
import { registerRateLimits, registerSecurityHeaders } from './security.ts';
import { hasWebBuild, registerWeb } from './web.ts';

export interface AppOptions {
  db: Db;
  config: Config;
  /** Built web pages to serve (WEB_DIST); without them the root address leads to the API page. */
  webDir?: string;
  /** The clock, injected so tests can move it. */
  now?: () => Date;
  /** true: a logger at config.logLevel; or the server's own (shared with the database layer); none by default. */
  logger?: boolean | FastifyBaseLogger;
}

/** A request slower than this is logged at warn, whatever the level: what an operator looks for first. */
export const SLOW_REQUEST_MS = 1000;

export interface AppServices {
  db: Db;
  config: Config;
  now: () => Date;
  evidence: EvidenceStore;
  /** What /api/health/ready checks: the database and the disk, and what other parts add (the evidence store's ping). */
  readiness: ReadinessCheck[];
  /** Ledger imports and binders, run off the request path (issue 12). */
  jobs: JobRunner;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
    /** Every route as registered, with its declared access: what the route-walking tests read. */
    routeList: RouteOptions[];
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(typeof options.logger === 'object'
      ? { loggerInstance: options.logger }
      : { logger: options.logger ? { level: options.config.logLevel } : false }),
    // One JSON line per request filled disks under load (268 MB in one test); they are at debug, in the hook below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Fastify takes a hop count too (documented), though its types list only boolean, string and string[].
    trustProxy: options.config.trustProxy as boolean | string[],
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const evidence = await evidenceStoreFor(options.config);
  const services: AppServices = {
    db: options.db,
    config: options.config,
    now: options.now ?? (() => new Date()),
    evidence,
    readiness: [databaseCheck(options.db), diskCheck(options.config.dataDir), storeCheck(evidence)],
    jobs: new JobRunner({
      db: options.db,
      now: options.now ?? (() => new Date()),
      tmpDir: path.join(options.config.dataDir, 'tmp'),
      log: app.log,
    }),
  };
  app.decorate('services', services);
  // At start: jobs of a server that died are failed, and the periodic sweep begins; at close: running jobs finish.
  app.addHook('onReady', async () => services.jobs.startSweeping());
  // Issue 16: evidence left unread for the search index by a server that stopped.
  app.addHook('onReady', async () => {
    void kickEvidenceText(services.db, services.evidence, (err) => app.log.error({ err }, 'evidence text failed'));
  });
  app.addHook('onClose', async () => services.jobs.close());
  configureAuditChain({ algorithm: options.config.auditHash, key: resolveAuditKey(options.config) });
  const pages = options.webDir !== undefined && hasWebBuild(options.webDir);
  registerErrorHandler(app, { pages });
  const access = declareRouteAccess(app);
  app.decorate('routeList', access.routes);

  registerRequestLog(app);
  registerMetrics(app);
  registerSecurityHeaders(app);
  await app.register(cookie);
  registerAuth(app);
  registerAccessAudit(app);
  registerRateLimits(app);
  await app.register(multipart, { limits: { fileSize: options.config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Rectify 巡察整改管理系统 API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rectify_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  // The API page describes every route: for signed-in users only, like the API itself.
  await access.as('signedIn', async () => {
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  });
  const webDir = pages ? options.webDir : undefined;
  if (webDir) await access.as('public', () => registerWeb(app, webDir), { webFile: true });
  // Without built pages (API-only tests, a server started with --no-web) the root leads to the API page.
  else
    app.get('/', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) =>
      reply.redirect('/api/docs'),
    );
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'signedIn' } }, async () => app.swagger());
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(unitRoutes);
      await api.register(userRoutes);
      await api.register(channelRoutes);
      await api.register(roundRoutes);
      await api.register(inspectionRoutes);
      await api.register(itemRoutes);
      await api.register(measureRoutes);
      await api.register(dashboardRoutes);
      await api.register(auditRoutes);
      await api.register(noticeRoutes);
      await api.register(noticeImportRoutes);
      await api.register(ledgerImportRoutes);
      await api.register(ledgerExportRoutes);
      await api.register(jobRoutes);
      await api.register(planRoutes);
      await api.register(statsRoutes);
      await api.register(viewRoutes);
      await api.register(publicationRoutes);
      await api.register(commentRoutes);
      await api.register(publicationVersionRoutes);
      await api.register(notificationRoutes);
      await api.register(todoRoutes);
      await api.register(supervisionRoutes);
      await api.register(satisfactionRoutes);
      await api.register(recurrenceRoutes);
      await api.register(twoFactorRoutes);
      await api.register(oidcRoutes);
      await api.register(apiTokenRoutes);
      // Issue 13 (deadlines).
      await api.register(extensionRoutes);
      await api.register(directoryRoutes);
      // Issue 15 (报送 and the summary upward).
      await api.register(reportSubmissionRoutes);
      await api.register(roundSummaryRoutes);
      // Issue 15 (问题线索).
      await api.register(clueRoutes);
      // Issue 16: OFD and Office evidence previewed in the browser.
      await api.register(evidencePreviewRoutes);
      // Issue 16 (search everything the reader may see).
      await api.register(searchRoutes);
    },
    { prefix: '/api' },
  );
  // The public portal (/public, /public/notices/:id) and its comment API (/api/public/…) are reachable without signing in.
  await app.register(publicRoutes);
  await app.register(commentReceiptRoutes);
  return app;
}

/**
 * The line per request, at debug only; a slow one at warn. Errors (5xx) are logged by the error handler with the error.
 */
function registerRequestLog(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime);
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms };
    if (ms > SLOW_REQUEST_MS) request.log.warn({ ...line, route: request.routeOptions.url }, 'slow request');
    else request.log.debug(line, 'request');
  });
}
