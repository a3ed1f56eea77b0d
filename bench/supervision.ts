/**
 * node --import tsx bench/supervision.ts — the ledger with 挂牌督办 items first, at scale, on SQLite.
 *
 * 100,000 items (BENCH_ROWS) over two units, one in a hundred flagged. Measured through listItems as the ledger asks:
 * the first page of the default 序号 order (unit, flagged first) up and down, a keyset page 20 pages deep, and one unit
 * leader's first page. Baseline, in the same run: the same pages in id order, which the change left as it was.
 * Median of 5 runs after one warm-up; 50 rows a page.
 */
import { addDays } from '../src/domain/dates.ts';
import type { ItemSort } from '../src/domain/views.ts';
import { readScope } from '../src/policies/policies.ts';
import { type ItemListQuery, listItems } from '../src/repositories/items.repository.ts';
import { benchLedger, median, BENCH_ROWS as ROWS } from './data.ts';

const TODAY = '2026-11-15';

const { handle, world } = await benchLedger(ROWS, (i) => ({
  deadline: addDays('2026-07-01', i % 150),
  state: i % 3 === 0 ? 'closed' : 'in_progress',
  result: i % 3 === 0 ? 'completed' : 'not_completed',
  closed_on: null,
  flagged: i % 100 === 7 ? 1 : 0,
}));

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
  ['序号 order (unit, flagged first), first page', await median(() => ask('number'))],
  ['序号 order (unit, flagged first), page 21 (keyset)', await median(() => ask('number', { after: numberDeep }))],
  ['序号 order descending (unit, flagged first), first page', await median(() => ask('number', { order: 'desc' }))],
  ['baseline: id order, unit leader, first page', await median(() => ask('id', { scope: leader }))],
  ['序号 order (unit, flagged first), unit leader, first page', await median(() => ask('number', { scope: leader }))],
];
await handle.close();

console.log(
  `\nLedger pages over ${ROWS.toLocaleString('en')} items, ${flaggedOnTop} of the first 50 flagged (SQLite, median of 5, ms; each includes the total count)\n`,
);
console.log('| query | ms |');
console.log('|---|---:|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} |`);
