import type { FastifyInstance } from 'fastify';

// Placeholder until the reminder sweep is built (issue 6): starts it in the server process, returns how to stop it.
export function startScheduler(_app: FastifyInstance): () => Promise<void> {
  return async () => {};
}
