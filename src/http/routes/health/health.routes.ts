import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { runReadiness } from '../../readiness.ts';
import { liveResponse, readyResponse } from './health.schema.ts';

/**
 * Liveness (the process answers; no I/O, so a slow database never gets a live server restarted) and readiness (the
 * database, the disk and the checks other parts add: whether to send this server requests). /health is the old
 * address of readiness.
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health/live',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process is up (no database or disk access)',
        response: { 200: liveResponse },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  const ready = async (_request: unknown, reply: { status(code: number): unknown }) => {
    const result = await runReadiness(app.services.readiness);
    if (!result.ready) reply.status(503);
    return {
      status: result.ready ? ('ok' as const) : ('unavailable' as const),
      checks: result.checks,
      failed: result.failed,
    };
  };
  for (const url of ['/health/ready', '/health']) {
    app.get(
      url,
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary:
            url === '/health'
              ? 'Readiness, at its old address (as /health/ready)'
              : 'Readiness: the database answers, the data folder has room, and every added check passes; 503 names the failed ones',
          response: { 200: readyResponse, 503: readyResponse },
        },
      },
      ready,
    );
  }
};
