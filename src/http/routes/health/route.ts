import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => {
      await sql`select 1`.execute(app.services.db);
      return { status: 'ok' };
    },
  );
};
