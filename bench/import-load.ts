/**
 * node --import tsx bench/import-load.ts — does a 50,000-row Excel import slow everyone else down? (issue 12: the ledger
 * page's p99 during the import must stay within 3× its quiet p99.)
 *
 * The real app (buildApp + listen) on the benchmark database (bench/data.ts: BENCH_ROWS items, 100,000 by default, over
 * the test world's two units); the ledger page (GET /api/items, 50 rows) as unit A's administrator is loaded by autocannon
 * from a separate process, 4 connections, for BENCH_SECONDS (20) each:
 *   quiet   — nothing else running;
 *   import  — a BENCH_IMPORT_ROWS-row (50,000) .xlsx ledger is imported into unit A's inspection a second into the run,
 *             the way the server does it now: POST answers 202, the workbook is read in a worker thread, the rows are
 *             written in one transaction in chunks, and the job is polled until it succeeds;
 *   inline  — (BENCH_INLINE=1) the same import the old way, in the event loop (importLedger: the reading and the
 *             planning on the main thread, the second pass inside the transaction), for the before-figure.
 * The baseline is the quiet p99 of the same run, because absolute times drift on a shared machine.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importLedger } from '../src/commands/ledger-import.commands.ts';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { TEST_PASSWORD } from '../src/test/factories.ts';
import { benchLedger } from './data.ts';
import { writeLedger } from './ledger-file.ts';
import { freePort, loadWithCookie } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ITEMS = Number(process.env.BENCH_ROWS ?? 100_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);

const ledgerLoad = (url: string, cookie: string) => loadWithCookie(url, cookie, SECONDS);

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-import-load-'));
const ledgerFile = path.join(dir, 'ledger.xlsx');
await writeLedger(ledgerFile, IMPORT_ROWS);
const ledgerBytes = readFileSync(ledgerFile);
const { handle, world } = await benchLedger(ITEMS, (i) => ({
  deadline: `2026-${String(7 + (i % 6)).padStart(2, '0')}-15`,
  state: i % 4 === 0 ? 'closed' : 'in_progress',
  result: i % 4 === 0 ? 'completed' : 'not_completed',
  closed_on: i % 4 === 0 ? '2026-07-01' : null,
}));
// No per-session rate limit: the load generator is one session asking far more than a person would.
const config = loadConfig({ RECTIFY_DATA_DIR: dir, RECTIFY_RATE_LIMIT_SESSION: '0' });
const app = await buildApp({ db: handle.db, config });
const port = await freePort();
await app.listen({ host: '127.0.0.1', port });
const base = `http://127.0.0.1:${port}`;

async function signIn(username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`${username} sign-in: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = ((await res.json()) as { csrfToken?: string }).csrfToken ?? '';
  return { cookie, csrf };
}

const reader = await signIn('unitadmina');
const importer = await signIn('unitadmina');
const ledger = `${base}/api/items?limit=50`;

/** The import over HTTP as the web does it: upload, 202, poll the job every 500 ms until it ends. */
async function importAsJob(): Promise<{ ms: number; status: string; created?: unknown }> {
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([ledgerBytes]), '台账.xlsx');
  const res = await fetch(`${base}/api/inspections/${world.inspectionA}/ledger-imports`, {
    method: 'POST',
    headers: { cookie: importer.cookie, 'x-csrf-token': importer.csrf },
    body: form,
  });
  if (res.status !== 202) throw new Error(`import: ${res.status} ${await res.text()}`);
  const { jobId } = (await res.json()) as { jobId: number };
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const job = (await (await fetch(`${base}/api/jobs/${jobId}`, { headers: { cookie: importer.cookie } })).json()) as {
      status: string;
      result: { created: unknown } | null;
      error: unknown;
    };
    if (job.status === 'succeeded' || job.status === 'failed') {
      if (job.status === 'failed') console.error(JSON.stringify(job.error).slice(0, 400));
      return { ms: Math.round(performance.now() - started), status: job.status, created: job.result?.created };
    }
  }
}

/** The same import the old way: everything on the event loop, the second reading inside the transaction. */
async function importInline(): Promise<{ ms: number; status: string; created?: unknown }> {
  const started = performance.now();
  const ctx = { db: handle.db, actor: world.users.unitAdminA.actor, config, now: () => new Date() };
  const result = await importLedger(ctx, world.inspectionA, { filePath: ledgerFile, fileName: '台账.xlsx' });
  return { ms: Math.round(performance.now() - started), status: 'succeeded', created: result.created };
}

/**
 * The ledger page under autocannon from a second process for exactly as long as the import runs (plus a second before
 * it starts), whatever that takes on a loaded machine.
 */
async function during(run: () => Promise<{ ms: number; status: string }>) {
  const child = fork(fileURLToPath(new URL('./load-until-stopped.ts', import.meta.url)), [ledger, reader.cookie, '4'], {
    execArgv: ['--import', 'tsx'],
  });
  const messages: unknown[] = [];
  let onMessage: () => void = () => undefined;
  child.on('message', (m) => {
    messages.push(m);
    onMessage();
  });
  const next = () =>
    new Promise<unknown>((resolve) => {
      if (messages.length > 0) return resolve(messages.shift());
      onMessage = () => resolve(messages.shift());
    });
  await next(); // started
  await new Promise((r) => setTimeout(r, 1000));
  const imported = await run();
  child.send('stop');
  const r = (await next()) as {
    latency: { p50: number; p99: number; max: number };
    requests: { average: number };
    non2xx: number;
  };
  return {
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    maxMs: r.latency.max,
    requestsPerSecond: Math.round(r.requests.average),
    non2xx: r.non2xx,
    import: imported,
  };
}

const quiet = await ledgerLoad(ledger, reader.cookie);
console.log(`quiet: ${JSON.stringify(quiet)}`);
const job = await during(importAsJob);
console.log(`during the import as a job: ${JSON.stringify(job)}`);
const inline = process.env.BENCH_INLINE === '1' ? await during(importInline) : null;
if (inline) console.log(`during the import inline (the old way): ${JSON.stringify(inline)}`);

const ratio = (x: { p99ms: number }) => Math.round((x.p99ms / Math.max(1, quiet.p99ms)) * 100) / 100;
console.log(
  JSON.stringify(
    {
      items: ITEMS,
      importRows: IMPORT_ROWS,
      quietP99ms: quiet.p99ms,
      jobP99ms: job.p99ms,
      jobRatio: ratio(job),
      jobMaxMs: job.maxMs,
      importSeconds: job.import.ms / 1000,
      ...(inline ? { inlineP99ms: inline.p99ms, inlineRatio: ratio(inline), inlineMaxMs: inline.maxMs } : {}),
      limit: 3,
    },
    null,
    2,
  ),
);
await app.close();
await handle.close();
rmSync(dir, { recursive: true, force: true });
