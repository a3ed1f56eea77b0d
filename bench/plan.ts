/**
 * node --import tsx bench/plan.ts — the plan editor's reads and bulk edits on one large inspection (SQLite).
 *
 * One inspection of 500 items with 3 measures each (1,500 measures). Measured: loading the whole plan
 * (GET /api/plan/inspections/:id's command), and assigning department + deadline + kind to all 1,500 measures with
 * the bulk command. Baseline, in the same run: the same assignment as 1,500 single-measure edits (updateMeasure, what
 * the page would otherwise send one row at a time). BENCH_ITEMS changes the number of items.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { updateMeasure } from '../src/commands/items.commands.ts';
import { bulkUpdateMeasures } from '../src/commands/plan.commands.ts';
import { loadConfig } from '../src/config.ts';
import type { CommandContext } from '../src/context.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { getPlan } from '../src/queries/plan.queries.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { buildWorld } from '../src/test/factories.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const MEASURES_PER_ITEM = 3;

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-plan-'));
const handle = openSqlite(path.join(dir, 'bench.sqlite'));
try {
  await migrateToLatest(handle);
  const db = handle.db;
  const w = await buildWorld(db);
  const now = new Date().toISOString();
  await bulkInsert(
    db,
    'items',
    Array.from({ length: ITEMS }, (_, i) => ({
      inspection_id: w.inspectionA,
      unit_id: w.unitA.id,
      round_id: w.roundId,
      aspect_id: w.aspectIds[i % w.aspectIds.length],
      problem_id: null,
      number: String(i + 1),
      title: `基准事项 ${i + 1}`,
      kind: 'deadline',
      deadline: '2026-12-31',
      state: 'not_started',
      result: 'not_completed',
      sort_order: i + 10,
      created_at: now,
      updated_at: now,
    })),
  );
  const itemIds = (await db.selectFrom('items').select('id').where('inspection_id', '=', w.inspectionA).execute()).map(
    (r) => r.id,
  );
  await bulkInsert(
    db,
    'measures',
    itemIds.flatMap((itemId) =>
      Array.from({ length: MEASURES_PER_ITEM }, (_, k) => ({
        item_id: itemId,
        sort_order: k + 10,
        content: `基准措施 ${itemId}-${k + 1}`,
        kind: 'deadline',
        department_id: w.deptA1.id,
        deadline: '2026-12-31',
        created_at: now,
        updated_at: now,
      })),
    ),
  );
  const ctx: CommandContext = {
    db,
    actor: w.users.unitAdminA.actor,
    config: loadConfig({ RECTIFY_DATA_DIR: dir }),
    now: () => new Date('2026-08-15T02:00:00Z'),
  };

  const time = async <T>(work: () => Promise<T>) => {
    const start = performance.now();
    const value = await work();
    return { ms: performance.now() - start, value };
  };
  const measures = async () => (await getPlan(ctx, w.inspectionA)).items.flatMap((i) => i.measures);

  const load = await time(() => getPlan(ctx, w.inspectionA));
  const all = await measures();
  const bulk = await time(() =>
    bulkUpdateMeasures(ctx, {
      measureIds: all.map((m) => m.id),
      changes: { departmentId: w.deptA2.id, deadline: '2027-03-31', kind: 'ongoing' },
      versions: Object.fromEntries(all.map((m) => [m.id, m.version])),
    }),
  );
  const again = await measures();
  const oneByOne = await time(async () => {
    for (const m of again) {
      await updateMeasure(ctx, m.id, m.version, {
        departmentId: w.deptA1.id,
        deadline: '2027-06-30',
        kind: 'immediate',
      });
    }
  });

  const n = all.length;
  const row = (what: string, ms: number, baseline?: number) =>
    `| ${what} | ${ms.toFixed(0)} ms | ${(ms / n).toFixed(2)} ms | ${baseline ? `${(baseline / ms).toFixed(1)}× faster` : '—'} |`;
  console.log(`\nPlan editor, one inspection of ${itemIds.length} items and ${n} measures (SQLite)\n`);
  console.log('| operation | total | per measure | vs baseline |');
  console.log('|---|---|---|---|');
  console.log(row('load the whole plan (getPlan)', load.ms));
  console.log(row(`bulk assign ${n} measures (one transaction)`, bulk.ms, oneByOne.ms));
  console.log(row(`baseline: ${n} single-measure edits`, oneByOne.ms));
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}
