/**
 * node --import tsx bench/session-check.ts — what checking the session costs a signed-in request, on SQLite and on
 * PostgreSQL (embedded), in one process as `rectify serve` runs it (on PostgreSQL with its cache watcher listening).
 *
 * Phases, each `--n` requests through app.inject with 10 in flight, repeated `--rounds` times in turn (medians printed):
 * - public: GET /api/health/live without a cookie (no session looked up: the baseline);
 * - session: GET /api/auth/session with a session cookie (the lookup, then a small answer);
 * and the lookup alone, called one after another: `findSession` (the whole read), `findSessionCached` (a kept session:
 * on SQLite the version rows read afresh, on PostgreSQL the one confirming statement), and the
 * floor of any check: one fixed primary-key read of the sessions table (`pkRead`).
 * Figures: wall time per request and this process's CPU per request (user + system; on PostgreSQL the database
 * server's own CPU is not in it).
 *
 *   --db sqlite|postgres|sqlite,postgres   which databases (default both)
 *   --n N                                  requests per phase (default 3000)
 *   --rounds N                             (default 5)
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CompiledQuery } from 'kysely';
import { sessionIdHash } from '../src/commands/session-start.ts';
import { cacheStamp, watchCacheChanges } from '../src/db/cache-coherence.ts';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { findSession, findSessionCached } from '../src/repositories/users.repository.ts';
import { createTestApp } from '../src/test/api.ts';
import { chainWithTestKey } from '../src/test/databases.ts';
import { buildWorld, TEST_NOW } from '../src/test/factories.ts';
import { embeddedPostgres } from '../src/test/global-setup.ts';
import { freePort } from './load.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite,postgres' },
    n: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '5' },
  },
  strict: true,
});
const N = Number(args.n);
const ROUNDS = Number(args.rounds);
const log = (s: string) => process.stderr.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Figure {
  wallMs: number;
  cpuMs: number;
}

/** `count` calls of `once`, `inFlight` at a time: wall and CPU per call. */
async function measure(count: number, inFlight: number, once: () => Promise<unknown>): Promise<Figure> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < count) await once();
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: wall / count, cpuMs: (cpu.user + cpu.system) / 1000 / count };
}

const PK_READ = (dialect: string, idHash: string) =>
  CompiledQuery.raw(`select 1 as one from sessions where id = ${dialect === 'sqlite' ? '?' : '$1'}`, [idHash]);

async function run(dialect: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-session-'));
  let pgServer: Awaited<ReturnType<typeof embeddedPostgres>> | undefined;
  let handle: DatabaseHandle;
  let url = '';
  if (dialect === 'sqlite') {
    handle = openSqlite(path.join(dir, 'rectify.sqlite'));
  } else {
    const port = await freePort();
    // Its own folder (the postgres user made for it must own it), durability off as in the tests.
    pgServer = await embeddedPostgres(mkdtempSync(path.join(tmpdir(), 'rectify-bench-pg-')), port, {
      persistent: false,
    });
    await pgServer.initialise();
    await pgServer.start();
    await pgServer.createDatabase('bench');
    url = `postgres://rectify:rectify-test@127.0.0.1:${port}/bench`;
    handle = openPostgres(url, 10);
  }
  await migrateToLatest(handle);
  chainWithTestKey();
  await buildWorld(handle.db);
  const watcher = url ? watchCacheChanges(handle.db, url) : null;
  // As `rectify serve` runs: listening before the first request.
  for (const end = Date.now() + 10_000; watcher && (await cacheStamp(handle.db, ['accounts'])) === null; ) {
    if (Date.now() > end) throw new Error('the cache watcher did not start listening');
    await new Promise((r) => setTimeout(r, 20));
  }
  const t = await createTestApp(handle, TEST_NOW);
  const user = await t.login('depta1');
  const token = user.cookie.split('=')[1];
  const idHash = sessionIdHash(token);
  const idle = t.config.sessionIdleMinutes;

  const phases: Record<string, () => Promise<Figure>> = {
    public: () => measure(N, 10, () => t.app.inject({ method: 'GET', url: '/api/health/live' })),
    session: () =>
      measure(N, 10, async () => {
        const res = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: user.cookie } });
        if (res.statusCode !== 200) throw new Error(`session: ${res.statusCode} ${res.body}`);
      }),
    findSession: () => measure(N, 1, () => findSession(handle.db, idHash, TEST_NOW, idle)),
    // The floor of any per-request check: one fixed primary-key read, nothing built or mapped.
    pkRead: () => measure(N, 1, () => handle.db.executeQuery(PK_READ(dialect, idHash))),
    findSessionCached: () => measure(N, 1, () => findSessionCached(handle.db, idHash, TEST_NOW, idle)),
  };
  // Warm-up: compile, plan, fill the caches.
  for (const phase of Object.values(phases)) await phase();
  const got: Record<string, Figure[]> = Object.fromEntries(Object.keys(phases).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) for (const [name, phase] of Object.entries(phases)) got[name].push(await phase());
  for (const [name, figures] of Object.entries(got))
    log(
      `[${dialect}] ${name.padEnd(18)} wall ${median(figures.map((f) => f.wallMs)).toFixed(3)} ms/req, ` +
        `cpu ${median(figures.map((f) => f.cpuMs)).toFixed(3)} ms/req (medians of ${ROUNDS} × ${N})`,
    );
  await t.app.close();
  await watcher?.close();
  await handle.close();
  await pgServer?.stop();
  rmSync(dir, { recursive: true, force: true });
}

for (const dialect of args.db.split(',') as ('sqlite' | 'postgres')[]) await run(dialect);
