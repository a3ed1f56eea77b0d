import type { FastifyPluginAsync } from 'fastify';

// Placeholder until these routes are built.
export const planRoutes: FastifyPluginAsync = async () => {};
