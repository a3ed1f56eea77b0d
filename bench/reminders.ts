/**
 * node --import tsx bench/reminders.ts — the reminder sweep at scale, on SQLite.
 *
 * 100,000 items (BENCH_ROWS) over two units, each with one measure, deadlines spread over 150 days, a third closed.
 * Measured: the first sweep (every open subject scheduled, every due stage sent), a quiet sweep the same day (the
 * reconcile alone: what the server pays every RECTIFY_SWEEP_SECONDS), and a sweep the next day (reconcile plus that day's
 * new stages). Baseline, in the same run: the home page's warning counts for the office over the same rows, one page
 * load. No channels configured (in-app notifications only), so no network time is counted. Median of 5 for the quiet
 * sweep after one warm-up; the first and next-day sweeps happen once by nature.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { addDays } from '../src/domain/dates.ts';
import { readScope } from '../src/policies/policies.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { warningCounts } from '../src/repositories/stats.repository.ts';
import { configuredChannels } from '../src/scheduler/channels.ts';
import { sweep } from '../src/scheduler/sweep.ts';
import { benchLedger, median, BENCH_ROWS as ROWS } from './data.ts';

const DAY = '2026-09-15';
const config = loadConfig({ RECTIFY_DATA_DIR: '/tmp' });

const { handle, world } = await benchLedger(ROWS, (i) => {
  const closed = i % 3 === 0;
  return {
    deadline: addDays('2026-08-01', i % 150),
    state: closed ? 'closed' : 'in_progress',
    result: closed ? 'completed' : 'not_completed',
    closed_on: closed ? '2026-08-01' : null,
  };
});
const itemIds = await handle.db
  .selectFrom('items')
  .where('number', 'is not', null)
  .select(['id', 'deadline', 'lead_department_id'])
  .execute();
await bulkInsert(
  handle.db,
  'measures',
  itemIds.map((i) => ({
    item_id: i.id,
    sort_order: 1,
    content: '整改措施',
    kind: 'deadline',
    responsible_leader: null,
    department_id: i.lead_department_id,
    responsible_person_id: null,
    responsible_person_name: null,
    deadline: i.deadline,
    completed_on: null,
  })),
);

const channels = configuredChannels(config);
const at = (day: string) => new Date(`${day}T02:00:00Z`);
const timed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
};

const office = readScope(world.users.office.actor);
const baseline = await median(() => warningCounts(handle.db, office, {}, DAY, config.warnDays));
const first = await timed(() => sweep({ db: handle.db, config, now: () => at(DAY), channels }));
const quiet = await median(() => sweep({ db: handle.db, config, now: () => at(DAY), channels }));
const next = await timed(() => sweep({ db: handle.db, config, now: () => at(addDays(DAY, 1)), channels }));
await handle.close();

const describe = (r: unknown) => {
  const c = r as { scheduled: number; reminders: number; notifications: number };
  return `${c.scheduled} scheduled, ${c.reminders} reminders, ${c.notifications} notifications`;
};
console.log(`\nReminder sweep over ${ROWS.toLocaleString('en')} items with one measure each (SQLite)\n`);
console.log('| work | ms | what it did |');
console.log('|---|---:|---|');
console.log(`| baseline: home warning counts, office (median of 5) | ${baseline.toFixed(1)} | one page load |`);
console.log(`| first sweep | ${first.ms.toFixed(1)} | ${describe(first.result)} |`);
console.log(`| quiet sweep, same day (median of 5) | ${quiet.toFixed(1)} | reconcile only |`);
console.log(`| next day's sweep | ${next.ms.toFixed(1)} | ${describe(next.result)} |`);
