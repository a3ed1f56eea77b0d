/**
 * node --import tsx bench/supervision.ts — the ledger with 挂牌督办 items first, at scale, on SQLite.
 *
 * 100,000 items (BENCH_ROWS) over two units, one in a hundred flagged. Measured through listItems as the ledger asks:
 * the first page of the default 序号 order (flagged first) up and down, a keyset page 20 pages deep, and one unit
 * leader's first page. Baseline, in the same run: the same pages in id order, which the change left as it was.
 * Median of 5 runs after one warm-up; 50 rows a page.
 */
import { performance } from 'node:perf_hooks';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { addDays } from '../src/domain/dates.ts';
import { readScope } from '../src/policies/policies.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { type ItemListQuery, type ItemSort, listItems } from '../src/repositories/items.repository.ts';
import { buildWorld } from '../src/test/factories.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TODAY = '2026-11-15';

async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2];
}

const handle = openSqlite(':memory:');
await migrateToLatest(handle);
const world = await buildWorld(handle.db, { feedbackOn: '2026-06-01' });
await handle.db.transaction().execute(async (trx) => {
  const items = Array.from({ length: ROWS }, (_, i) => {
    const inA = i % 2 === 0;
    return {
      inspection_id: inA ? world.inspectionA : world.inspectionB,
      unit_id: inA ? world.unitA.id : world.unitB.id,
      round_id: world.roundId,
      aspect_id: world.aspectIds[i % 3],
      problem_id: null,
      number: String(i + 1),
      title: `事项 ${i + 1}`,
      description: null,
      suggestion: null,
      target: null,
      kind: 'deadline',
      deadline: addDays('2026-07-01', i % 150),
      lead_department_id: inA ? world.deptA1.id : world.deptB1.id,
      responsible_leader: null,
      state: i % 3 === 0 ? 'closed' : 'in_progress',
      result: i % 3 === 0 ? 'completed' : 'not_completed',
      closed_on: null,
      close_stage: null,
      close_requested_by: null,
      close_approved_by: null,
      withheld_reason: null,
      flagged: i % 100 === 7 ? 1 : 0,
      sort_order: i,
    };
  });
  await bulkInsert(trx, 'items', items);
});

const office = readScope(world.users.office.actor);
const leader = readScope(world.users.leaderA.actor);
const ask = (sort: ItemSort, extra: Partial<ItemListQuery> = {}) =>
  listItems(handle.db, {
    scope: office,
    filter: {},
    sort,
    order: 'asc',
    limit: 50,
    offset: 0,
    today: TODAY,
    thresholds: { green: 20, yellow: 10 },
    ...extra,
  });
/** The cursor 20 pages in, found by paging as the browser does. */
async function deepCursor(sort: ItemSort): Promise<string> {
  let after: string | undefined;
  for (let i = 0; i < 20; i++) after = (await ask(sort, { after })).nextCursor ?? undefined;
  return after as string;
}
const firstPage = await ask('number');
const flaggedOnTop = firstPage.items.filter((r) => r.flagged).length;
const numberDeep = await deepCursor('number');
const idDeep = await deepCursor('id');

const rows: [string, number][] = [
  ['baseline: id order, first page', await median(() => ask('id'))],
  ['baseline: id order, page 21 (keyset)', await median(() => ask('id', { after: idDeep }))],
  ['序号 order, flagged first, first page', await median(() => ask('number'))],
  ['序号 order, flagged first, page 21 (keyset)', await median(() => ask('number', { after: numberDeep }))],
  ['序号 order descending, flagged first, first page', await median(() => ask('number', { order: 'desc' }))],
  ['baseline: id order, unit leader, first page', await median(() => ask('id', { scope: leader }))],
  ['序号 order, flagged first, unit leader, first page', await median(() => ask('number', { scope: leader }))],
];
await handle.close();

console.log(
  `\nLedger pages over ${ROWS.toLocaleString('en')} items, ${flaggedOnTop} of the first 50 flagged (SQLite, median of 5, ms; each includes the total count)\n`,
);
console.log('| query | ms |');
console.log('|---|---:|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} |`);
