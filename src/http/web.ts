import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where `vite build` puts the pages (web/vite.config.ts). */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../dist/web');

export function hasWebBuild(dir: string): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

/**
 * Serves the built pages from the same process as the API. Hashed assets are cached for good; index.html never is,
 * so a new build reaches users on their next load. A browser that accepts brotli or gzip gets the copy the build
 * compressed beside each file (web/vite.config.ts), with `Vary: Accept-Encoding`; the others get the file itself.
 */
export async function registerWeb(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (reply, file) => {
      reply.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}

/** A browser asking for a page of the single-page app (/ledger, /items/12), which index.html answers. */
export function isPageRequest(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !request.url.startsWith('/api/') &&
    !request.url.startsWith('/assets/') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}
