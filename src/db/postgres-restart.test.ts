import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ErrorBody } from '../http/schemas.ts';
import { createTestApp, type TestApp, type TestClient } from '../test/api.ts';
import { chainWithTestKey } from '../test/databases.ts';
import { buildWorld } from '../test/factories.ts';
import { type OwnPostgres, startOwnPostgres } from '../test/own-postgres.ts';
import type { DatabaseLog } from './availability.ts';
import { type DatabaseHandle, openPostgres } from './database.ts';
import { migrateToLatest } from './migrate.ts';

interface Answer {
  status: number;
  code: string | null;
  retryAfter: string | undefined;
  at: number;
}

/**
 * Sends requests from `concurrency` loops until stopped, recording every answer: the load a server is under when its
 * database restarts.
 */
function load(
  send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>,
  concurrency: number,
) {
  const answers: Answer[] = [];
  let running = true;
  const loop = async () => {
    while (running) {
      const res = await send();
      const code = res.statusCode === 200 ? null : (JSON.parse(res.body) as ErrorBody).error.code;
      answers.push({ status: res.statusCode, code, retryAfter: res.headers['retry-after'] as string, at: Date.now() });
      // A refused request comes back at once; a real client honours Retry-After, this one only yields a little.
      if (res.statusCode !== 200) await new Promise((r) => setTimeout(r, 20));
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    answers,
    async until(predicate: (answers: Answer[]) => boolean, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(answers)) {
        if (Date.now() > deadline) throw new Error(`load: condition not met in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

// Runs with the PostgreSQL tests (skipped under RECTIFY_TEST_POSTGRES=0), on a server of its own that it stops.
describe.skipIf(!inject('postgresAdminUrl'))('a PostgreSQL restart under load', () => {
  let own: OwnPostgres;
  let handle: DatabaseHandle;
  let t: TestApp;
  let office: TestClient;
  const logged: { level: string; message: string }[] = [];
  const log: DatabaseLog = {
    warn: (_details, message) => logged.push({ level: 'warn', message }),
    info: (_details, message) => logged.push({ level: 'info', message }),
  };

  beforeAll(async () => {
    own = await startOwnPostgres();
    handle = openPostgres(own.url, 4, log);
    await migrateToLatest(handle);
    chainWithTestKey();
    await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
    await own?.destroy();
  });

  // The later features' reads (search with its several queries a request, clues, notices, 督办) go through the same
  // database guard as the ledger; the last case sends them in turn.
  const LATER_ROUTES = [
    '/api/search?q=公务',
    '/api/clues',
    '/api/publications',
    '/api/supervision/orders',
    '/api/items',
  ];
  let turn = 0;

  it.each([
    ['one request at a time', 1, () => '/api/items'],
    ['16 in parallel over a pool of 4', 16, () => '/api/items'],
    ['the later features’ reads, 8 in parallel', 8, () => LATER_ROUTES[turn++ % LATER_ROUTES.length]],
  ])(
    'answers 503 database_unavailable with Retry-After while it is down and recovers by itself: %s',
    async (_name, concurrency, route) => {
      logged.length = 0;
      const traffic = load(() => office.get(route()), concurrency);
      try {
        await traffic.until((a) => a.filter((x) => x.status === 200).length >= 20);
        const stoppedAt = Date.now();
        await own.stop();
        await traffic.until((a) => a.filter((x) => x.at > stoppedAt && x.status === 503).length >= 20);
        const restartedAt = Date.now();
        await own.start();
        await traffic.until((a) => a.filter((x) => x.at > restartedAt && x.status === 200).length >= 20);
      } finally {
        await traffic.stop();
      }
      const { answers } = traffic;
      const refused = answers.filter((a) => a.status !== 200);
      // Never a 500: every refusal is the database's absence, with a time to come back.
      expect(new Set(refused.map((a) => `${a.status} ${a.code}`))).toEqual(new Set(['503 database_unavailable']));
      for (const a of refused) expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(answers.at(-1)?.status).toBe(200);
      // The session signed in before the restart still works, and a write goes through.
      const me = await office.get('/api/auth/session');
      expect(me.statusCode).toBe(200);
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'office', password: 'Test-pass-1' },
      });
      expect(signIn.statusCode).toBe(200);
      // The operator reads that the database went away once and came back once, not a line per refused request.
      expect(
        logged.filter((l) => l.message.startsWith('database unavailable')),
        JSON.stringify(logged),
      ).toHaveLength(1);
      expect(logged.filter((l) => l.message === 'database is back')).toHaveLength(1);
    },
    120_000,
  );
});
