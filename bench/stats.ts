/**
 * node --import tsx bench/stats.ts — the home page statistics at scale, on SQLite.
 *
 * One round of 100,000 items (BENCH_ROWS) over two units, deadlines spread over five months, a third closed, some late.
 * Measured as the office sees them (the whole tree) and as one unit's leader: the warning counts and the overdue trend
 * (one column per week since feedback). Baseline, in the same run: the existing dashboard totals over the same rows
 * (GET /api/dashboard/totals), which the home page loads beside them. Median of 5 runs after one warm-up.
 */
import { addDays } from '../src/domain/dates.ts';
import { readScope } from '../src/policies/policies.ts';
import { ledgerTotals } from '../src/repositories/dashboard.repository.ts';
import { overdueTrend, warningCounts } from '../src/repositories/stats.repository.ts';
import { benchLedger, median, BENCH_ROWS as ROWS } from './data.ts';

const TODAY = '2026-11-15';
const THRESHOLDS = { green: 20, yellow: 10 };

const { handle, world } = await benchLedger(ROWS, (i) => {
  const deadline = addDays('2026-07-01', i % 150);
  const closed = i % 3 === 0;
  return {
    deadline,
    state: closed ? 'closed' : i % 3 === 1 ? 'in_progress' : 'not_started',
    result: closed ? 'completed' : 'not_completed',
    closed_on: closed ? addDays(deadline, (i % 20) - 10) : null,
  };
});

const office = readScope(world.users.office.actor);
const leader = readScope(world.users.leaderA.actor);
const round = { roundId: world.roundId };
const rows: [string, number][] = [
  ['baseline: dashboard totals, office', await median(() => ledgerTotals(handle.db, office, round, TODAY))],
  ['warning counts, office', await median(() => warningCounts(handle.db, office, {}, TODAY, THRESHOLDS))],
  ['overdue trend, office (24 weeks)', await median(() => overdueTrend(handle.db, office, round, TODAY))],
  ['baseline: dashboard totals, unit leader', await median(() => ledgerTotals(handle.db, leader, {}, TODAY))],
  ['warning counts, unit leader', await median(() => warningCounts(handle.db, leader, {}, TODAY, THRESHOLDS))],
  ['overdue trend, unit leader', await median(() => overdueTrend(handle.db, leader, round, TODAY))],
];
await handle.close();

console.log(`\nHome statistics over ${ROWS.toLocaleString('en')} items (SQLite, median of 5)\n`);
console.log('| query | ms |');
console.log('|---|---:|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} |`);
