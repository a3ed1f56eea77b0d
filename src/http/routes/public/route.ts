import type { FastifyPluginAsync } from 'fastify';

// Placeholder until these routes are built (issue 6).
export const publicRoutes: FastifyPluginAsync = async () => {};
