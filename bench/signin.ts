/**
 * node --import tsx bench/signin.ts — does a flood of wrong sign-ins slow everyone else down? (issue 11: the ledger page's
 * p99 while 200 parallel wrong sign-ins run must stay within 3× its quiet p99.)
 *
 * The real app on an SQLite file, listening on a port; the ledger page (GET /api/items, 50 rows, as the office) is loaded
 * by autocannon from a separate process, 4 connections, for BENCH_SECONDS (10) each:
 *   quiet      — nothing else running;
 *   one source — 200 wrong sign-ins kept in flight from one address (after its budget it is answered 429, unchecked);
 *   many       — 200 wrong sign-ins kept in flight, each from a different address (as a botnet would arrive), every one
 *                costing an argon2 verification.
 * The baseline is the quiet p99 of the same run, because absolute times drift on a shared machine.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { buildWorld, TEST_PASSWORD } from '../src/test/factories.ts';
import { freePort, loadWithCookie } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const IN_FLIGHT = 200;

const ledgerP99 = (url: string, cookie: string) => loadWithCookie(url, cookie, SECONDS);

const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-signin-'));
const handle = openSqlite(path.join(dataDir, 'rectify.sqlite'));
await migrateToLatest(handle);
await buildWorld(handle.db);
const config = loadConfig({ RECTIFY_DATA_DIR: dataDir });
const app = await buildApp({ db: handle.db, config });
const port = await freePort();
await app.listen({ host: '127.0.0.1', port });
const base = `http://127.0.0.1:${port}`;
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'office', password: TEST_PASSWORD }),
});
if (login.status !== 200) throw new Error(`office sign-in: ${login.status}`);
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
const ledger = `${base}/api/items?limit=50&sort=deadline`;

const quiet = await ledgerP99(ledger, cookie);
console.log(`quiet: ${JSON.stringify(quiet)}`);

/**
 * 200 wrong sign-ins kept in flight, injected in-process (the attacker's own work then costs what parsing its HTTP would,
 * and no second process competes for the machine's cores), from one address or each from its own.
 */
async function underAttack(addressOf: (worker: number, attempt: number) => string) {
  let stop = false;
  let sent = 0;
  const statuses: Record<number, number> = {};
  const worker = async (w: number) => {
    while (!stop) {
      const i = sent++;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: i % 2 ? 'office' : `ghost${i}`, password: `Wrong-guess-${i}` },
        remoteAddress: addressOf(w, i),
      });
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  };
  const attack = Promise.all(Array.from({ length: IN_FLIGHT }, (_, w) => worker(w)));
  await new Promise((r) => setTimeout(r, 1000));
  const result = await ledgerP99(ledger, cookie);
  stop = true;
  await attack;
  return { ...result, signInAnswers: statuses };
}

const oneSource = await underAttack(() => '198.51.100.1');
console.log(`one source: ${JSON.stringify(oneSource)}`);
// Each attempt from its own address, so none is answered 429 and every one costs a verification.
const many = await underAttack((w, i) => `10.${w}.${(i >> 8) & 255}.${i & 255}`);
console.log(`many sources: ${JSON.stringify(many)}`);

const ratio = (x: { p99ms: number }) => Math.round((x.p99ms / Math.max(1, quiet.p99ms)) * 100) / 100;
console.log(
  JSON.stringify({ quietP99ms: quiet.p99ms, oneSource: ratio(oneSource), manySources: ratio(many), limit: 3 }, null, 2),
);
await app.close();
await handle.close();
