/**
 * The data set the ledger benchmarks share: an in-memory SQLite database with the test world and many items over its two
 * units, so each benchmark states only what differs in its rows (deadlines, states, flags) and what it measures.
 */
import { performance } from 'node:perf_hooks';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { buildWorld } from '../src/test/factories.ts';

export const BENCH_ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

/** What a benchmark decides for its i-th item; every other column is the same in all of them. */
export interface BenchItemShape {
  deadline: string;
  state: 'not_started' | 'in_progress' | 'close_requested' | 'closed';
  result: 'completed' | 'partially_completed' | 'not_completed';
  closed_on: string | null;
  flagged?: 0 | 1;
}

/** A migrated in-memory database with the test world (feedback on 2026-06-01) and `rows` deadline items, alternating units. */
export async function benchLedger(rows: number, shape: (i: number) => BenchItemShape) {
  const handle = openSqlite(':memory:');
  await migrateToLatest(handle);
  const world = await buildWorld(handle.db, { feedbackOn: '2026-06-01' });
  await handle.db.transaction().execute(async (trx) => {
    const items = Array.from({ length: rows }, (_, i) => {
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
        lead_department_id: inA ? world.deptA1.id : world.deptB1.id,
        responsible_leader: null,
        close_stage: null,
        close_requested_by: null,
        close_approved_by: null,
        withheld_reason: null,
        sort_order: i,
        ...shape(i),
      };
    });
    await bulkInsert(trx, 'items', items);
  });
  return { handle, world };
}

/** Median of 5 runs after one warm-up, in ms. */
export async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2];
}
