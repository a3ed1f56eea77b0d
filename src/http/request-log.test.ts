import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../test/databases.ts';
import { testConfig } from '../test/factories.ts';
import { buildApp, SLOW_REQUEST_MS } from './app.ts';

interface Line {
  level: number;
  msg: string;
  err?: { message: string };
  status?: number;
  route?: string;
}

/** An app logging into memory at the given level, with a slow route and a failing one of the test's own. */
async function appLoggingAt(handle: DatabaseHandle, level: string) {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const text of chunk.toString().split('\n')) if (text) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const app = await buildApp({ db: handle.db, config: testConfig(), logger: pino({ level }, sink) });
  app.get('/test/slow', { config: { access: 'public' } }, async () => {
    await new Promise((r) => setTimeout(r, SLOW_REQUEST_MS + 100));
    return { ok: true };
  });
  app.get('/test/broken', { config: { access: 'public' } }, async () => {
    throw new Error('a bug in a handler');
  });
  return { app, lines };
}

describe('the server log', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await handle.close();
  });

  it('writes nothing per request at info, but a slow request at warn and a 500 at error with its error', async () => {
    const { app, lines } = await appLoggingAt(handle, 'info');
    try {
      for (let i = 0; i < 200; i++) await app.inject({ method: 'GET', url: '/api/health/live' });
      await app.inject({ method: 'GET', url: '/api/items' });
      expect(lines).toEqual([]);
      await app.inject({ method: 'GET', url: '/test/slow' });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 40, msg: 'slow request', status: 200, route: '/test/slow' });
      expect((await app.inject({ method: 'GET', url: '/test/broken' })).statusCode).toBe(500);
      expect(lines.at(-1)).toMatchObject({
        level: 50,
        msg: 'answered 500 internal',
        err: { message: 'a bug in a handler' },
      });
    } finally {
      await app.close();
    }
  });

  it('writes a line per request at debug', async () => {
    const { app, lines } = await appLoggingAt(handle, 'debug');
    try {
      for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: '/api/health/live' });
      expect(lines.filter((l) => l.msg === 'request')).toHaveLength(5);
      expect(lines.filter((l) => l.msg === 'request').every((l) => l.level === 20 && l.status === 200)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
