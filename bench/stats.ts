/**
 * node --import tsx bench/stats.ts — the home page statistics at scale, on SQLite.
 *
 * One round of 100,000 items (BENCH_ROWS) over two units, deadlines spread over five months, a third closed, some late.
 * Measured as the office sees them (the whole tree) and as one unit's leader: the warning counts and the overdue trend
 * (one column per week since feedback). Baseline, in the same run: the existing dashboard totals over the same rows
 * (GET /api/dashboard/totals), which the home page loads beside them. Median of 5 runs after one warm-up.
 */
import { performance } from 'node:perf_hooks';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { addDays } from '../src/domain/dates.ts';
import { readScope } from '../src/policies/policies.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { ledgerTotals } from '../src/repositories/dashboard.repository.ts';
import { overdueTrend, warningCounts } from '../src/repositories/stats.repository.ts';
import { buildWorld } from '../src/test/factories.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TODAY = '2026-11-15';
const THRESHOLDS = { green: 20, yellow: 10 };

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
    const deadline = addDays('2026-07-01', i % 150);
    const closed = i % 3 === 0;
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
      deadline,
      lead_department_id: inA ? world.deptA1.id : world.deptB1.id,
      responsible_leader: null,
      state: closed ? 'closed' : i % 3 === 1 ? 'in_progress' : 'not_started',
      result: closed ? 'completed' : 'not_completed',
      closed_on: closed ? addDays(deadline, (i % 20) - 10) : null,
      close_stage: null,
      close_requested_by: null,
      close_approved_by: null,
      withheld_reason: null,
      sort_order: i,
    };
  });
  await bulkInsert(trx, 'items', items);
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
