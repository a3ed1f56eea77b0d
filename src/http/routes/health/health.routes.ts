import type { FastifyPluginAsync } from 'fastify';
import { pingDatabase } from '../../../repositories/system.repository.ts';

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
      await pingDatabase(app.services.db);
      return { status: 'ok' };
    },
  );
};
