import type { FastifyRequest } from 'fastify';
import type { CommandOrigin } from '../context.ts';

/**
 * Where a request came from, as its audit events record it: the address the server saw (the proxy's unless trustProxy
 * says otherwise) and the user agent, cut short so a huge header cannot bloat the trail.
 */
export function originOfRequest(request: FastifyRequest): CommandOrigin {
  const agent = request.headers['user-agent'];
  return {
    address: request.ip ?? null,
    userAgent: agent ? agent.slice(0, 400) : null,
    via: request.viaApiToken ? 'api_token' : 'web',
  };
}
