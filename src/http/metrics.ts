import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { poolStatsOf } from '../db/database.ts';
import { countDeliveries } from '../repositories/notifications.repository.ts';

/**
 * Prometheus metrics of this process. Each process (each cluster worker) has its own registry: a scrape of one
 * worker sees that worker's requests only, so the cluster's primary aggregates, or each worker is scraped apart.
 * The storage and sweep helpers below work whether or not an app was built, so any layer can call them.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const requestDuration = new Histogram({
  name: 'rectify_http_request_duration_seconds',
  help: 'Time to answer a request, by route pattern (never the raw address) and status class',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const storageErrors = new Counter({
  name: 'rectify_storage_errors_total',
  help: 'Failures of the evidence store or the disk (full, missing file, unreachable store), by kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

const sweepLastRun = new Gauge({
  name: 'rectify_sweep_last_run_timestamp_seconds',
  help: 'When the reminder sweep last finished in this process (Unix time)',
  registers: [metricsRegistry],
});
const sweepDuration = new Gauge({
  name: 'rectify_sweep_last_duration_seconds',
  help: 'How long the last reminder sweep took',
  registers: [metricsRegistry],
});
const sweepSent = new Counter({
  name: 'rectify_sweep_sent_total',
  help: 'Reminders sent and deliveries made by the sweeps of this process',
  labelNames: ['what'] as const,
  registers: [metricsRegistry],
});
const sweepFailures = new Counter({
  name: 'rectify_sweep_failures_total',
  help: 'Sweeps that failed as a whole (a database error, not one delivery)',
  registers: [metricsRegistry],
});

/** Counts a storage failure; `kind` is a short fixed word (full, missing, unreachable), never a path. */
export function countStorageError(kind: string): void {
  storageErrors.inc({ kind });
}

/** What the scheduler reports after each sweep. */
export function recordSweep(run: {
  finishedAt: Date;
  durationMs: number;
  counts?: { reminders: number; delivered: number; failed: number };
  failed?: boolean;
}): void {
  sweepLastRun.set(run.finishedAt.getTime() / 1000);
  sweepDuration.set(run.durationMs / 1000);
  if (run.failed) sweepFailures.inc();
  if (run.counts) {
    sweepSent.inc({ what: 'reminders' }, run.counts.reminders);
    sweepSent.inc({ what: 'delivered' }, run.counts.delivered);
    sweepSent.inc({ what: 'failed' }, run.counts.failed);
  }
}

/** 200 → "2xx": the status class keeps the label set small. */
const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** Compares digests, equal in length whatever was sent, so the time taken says nothing about the token. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Times every request into the histogram, and registers GET /metrics: 404 without RECTIFY_METRICS_TOKEN (the route
 * does not exist for anyone), 401 without the right bearer token. Declared public for the access layer (no session),
 * the token is its lock.
 */
export function registerMetrics(app: FastifyInstance): void {
  const { db, config } = app.services;
  app.addHook('onResponse', async (request, reply) => {
    // routeOptions.url is the pattern (/api/items/:id); an unmatched request has none and counts as one label.
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.observe(
      { method: request.method, route, status: statusClass(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const pool = ['total', 'idle', 'waiting'].map(
    (state) =>
      [
        state,
        new Gauge({
          name: `rectify_db_pool_${state}_connections`,
          help: `PostgreSQL pool connections: ${state} (absent on SQLite)`,
          registers: [],
        }),
      ] as const,
  );
  const outbox = new Gauge({
    name: 'rectify_outbox_deliveries',
    help: 'E-mail and webhook deliveries in the outbox, by status',
    labelNames: ['status'] as const,
    registers: [],
  });
  // The pool and outbox gauges read this app's database at scrape time; a registry of their own per app, merged into
  // the process's on each scrape, keeps two apps in one process (tests) from sharing them.
  const appRegistry = new Registry();
  const poolStats = poolStatsOf(db);
  if (poolStats) for (const [, gauge] of pool) appRegistry.registerMetric(gauge);
  appRegistry.registerMetric(outbox);

  app.get(
    '/metrics',
    { schema: { hide: true }, config: { access: 'public' }, logLevel: 'warn' },
    async (request, reply) => {
      const token = config.metricsToken;
      if (!token) return reply.callNotFound();
      const header = request.headers.authorization ?? '';
      const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
      if (!sameToken(given, token)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: { code: 'unauthorized', message: 'metrics need the bearer token', details: null } });
      }
      const stats = poolStatsOf(db);
      if (stats) for (const [state, gauge] of pool) gauge.set(stats[state as keyof typeof stats]);
      outbox.reset();
      // A scrape during a database outage still answers with what the process knows.
      const counts = await countDeliveries(db).catch(() => null);
      if (counts) for (const [status, n] of Object.entries(counts)) outbox.set({ status }, n);
      const merged = Registry.merge([metricsRegistry, appRegistry]);
      return reply.header('content-type', merged.contentType).send(await merged.metrics());
    },
  );
}
