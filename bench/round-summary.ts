/**
 * node --import tsx bench/round-summary.ts — issue 15's round summary upward at scale, on SQLite.
 *
 * One round of 2,000 inspected units (BENCH_SUMMARY_UNITS) and 200,000 items (BENCH_SUMMARY_ITEMS, so it can run
 * smaller), a problem per four items, an outcome per ten, three units in four with a 报送 and one in two evaluated.
 * Measured as the office reads it: getRoundSummary (the one query behind the page, the .xlsx and the .docx), then the
 * two documents built from it. Baseline, in the same run: the existing round overview (roundOverview, GET
 * /api/rounds/:id/overview), which the summary reuses and adds problems, outcomes and 报送 to. Median of 5 after a warm-up.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { addDays } from '../src/domain/dates.ts';
import { renderRoundSummaryXlsx } from '../src/ledger-io/round-summary.ts';
import { renderRoundSummaryDocx } from '../src/notices/round-summary.ts';
import { readScope } from '../src/policies/policies.ts';
import { getRoundSummary } from '../src/queries/round-summary.queries.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { roundOverview } from '../src/repositories/dashboard.repository.ts';
import { buildWorld, TEST_NOW, testConfig } from '../src/test/factories.ts';
import { median } from './data.ts';

const UNITS = Number(process.env.BENCH_SUMMARY_UNITS ?? 2000);
const ITEMS = Number(process.env.BENCH_SUMMARY_ITEMS ?? 200_000);
const TODAY = '2026-11-15';
const now = TEST_NOW.toISOString();

const handle = openSqlite(':memory:');
await migrateToLatest(handle);
const world = await buildWorld(handle.db, { feedbackOn: '2026-06-01' });
const loadStart = performance.now();
const firstUnit = 100_000;
const firstInspection = 100_000;
await handle.db.transaction().execute(async (trx) => {
  const units = Array.from({ length: UNITS }, (_, u) => ({
    id: firstUnit + u,
    parent_id: world.committee.id,
    path: `${world.committee.path}${firstUnit + u}/`,
    name: `某市第${u + 1}局`,
    code: `B${u + 1}`,
    kind: 'unit',
    sort_order: u,
    created_at: now,
    updated_at: now,
  }));
  await bulkInsert(trx, 'units', units);
  await bulkInsert(
    trx,
    'inspections',
    units.map((unit, u) => ({
      id: firstInspection + u,
      round_id: world.roundId,
      team_id: world.teamA,
      unit_id: unit.id,
      kind: 'regular',
      from_on: '2026-03-01',
      to_on: '2026-04-30',
      feedback_on: '2026-06-01',
      concentrated_until: null,
      report_due_on: '2026-09-01',
      created_at: now,
      updated_at: now,
    })),
  );
  const problems = Array.from({ length: Math.ceil(ITEMS / 4) }, (_, p) => ({
    id: 100_000 + p,
    inspection_id: firstInspection + (p % UNITS),
    aspect_id: world.aspectIds[p % 3] as number,
    number: String(p + 1),
    title: `问题 ${p + 1}`,
    description: null,
    sort_order: p,
    created_at: now,
    updated_at: now,
  }));
  await bulkInsert(trx, 'problems', problems);
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const u = i % UNITS;
    const deadline = addDays('2026-07-01', i % 180);
    const closed = i % 3 === 0;
    return {
      id: 1_000_000 + i,
      inspection_id: firstInspection + u,
      unit_id: firstUnit + u,
      round_id: world.roundId,
      aspect_id: world.aspectIds[i % 3] as number,
      problem_id: 100_000 + (Math.floor(i / 4) % problems.length),
      number: String(i + 1),
      title: `事项 ${i + 1}`,
      description: null,
      suggestion: null,
      target: null,
      kind: 'deadline',
      deadline,
      lead_department_id: null,
      responsible_leader: null,
      state: closed ? 'closed' : i % 3 === 1 ? 'in_progress' : 'not_started',
      result: closed ? (i % 2 === 0 ? 'completed' : 'partially_completed') : 'not_completed',
      closed_on: closed ? deadline : null,
      close_stage: null,
      close_requested_by: null,
      close_approved_by: null,
      withheld_reason: null,
      sort_order: i,
    };
  });
  await bulkInsert(trx, 'items', items);
  const kinds = ['rule_made', 'rule_revised', 'accountability', 'funds_recovered'] as const;
  await bulkInsert(
    trx,
    'outcomes',
    Array.from({ length: Math.ceil(ITEMS / 10) }, (_, o) => {
      const kind = kinds[o % 4] as (typeof kinds)[number];
      return {
        item_id: 1_000_000 + o * 10,
        kind,
        title: `成果 ${o + 1}`,
        accountability_kind: kind === 'accountability' ? 'criticism' : null,
        people_count: kind === 'accountability' ? 1 + (o % 3) : null,
        amount_fen: kind === 'funds_recovered' ? 100_000 + o : null,
        occurred_on: '2026-08-01',
        created_by: world.users.office.id,
        created_at: now,
      };
    }),
  );
  await bulkInsert(
    trx,
    'report_submissions',
    Array.from({ length: UNITS }, (_, u) => u)
      .filter((u) => u % 4 !== 0)
      .map((u) => ({
        inspection_id: firstInspection + u,
        submitted_on: '2026-08-20',
        doc_number: `〔2026〕${u}号`,
        file_name: '整改情况报告.pdf',
        content_type: 'application/pdf',
        size_bytes: 1000,
        sha256: 'c'.repeat(64),
        note: null,
        recorded_by: world.users.unitAdminA.id,
        recorded_at: now,
        superseded_at: null,
        superseded_by: null,
      })),
  );
  await bulkInsert(
    trx,
    'evaluations',
    Array.from({ length: UNITS }, (_, u) => u)
      .filter((u) => u % 2 === 0)
      .map((u) => ({
        inspection_id: firstInspection + u,
        entries_json: '[]',
        note: null,
        score: 90,
        grade: 'good',
        evaluated_by: world.users.office.id,
        evaluated_on: '2026-10-01',
        created_at: now,
        updated_at: now,
      })),
  );
});
await sql`analyze`.execute(handle.db);
const loadMs = performance.now() - loadStart;

const office = world.users.office.actor;
const ctx = { db: handle.db, actor: office, config: testConfig(), now: () => new Date(`${TODAY}T04:00:00Z`) };
const summary = await getRoundSummary(ctx, world.roundId);
const overviewMs = await median(() => roundOverview(handle.db, readScope(office), world.roundId, TODAY));
const summaryMs = await median(() => getRoundSummary(ctx, world.roundId));
const xlsxMs = await median(() => renderRoundSummaryXlsx(summary));
const docxMs = await median(() => renderRoundSummaryDocx(summary));
const xlsxBytes = (await renderRoundSummaryXlsx(summary)).length;
const docxBytes = (await renderRoundSummaryDocx(summary)).length;
await handle.close();

console.log(
  `\nRound summary: ${summary.rows.length.toLocaleString('en')} units, ${summary.totals.items.toLocaleString('en')} items, ` +
    `${summary.totals.problems.toLocaleString('en')} problems (SQLite in memory, loaded in ${(loadMs / 1000).toFixed(1)} s; median of 5)\n`,
);
console.log('| what | ms | × overview |');
console.log('|---|---:|---:|');
console.log(`| baseline: round overview (roundOverview) | ${overviewMs.toFixed(1)} | 1.00 |`);
console.log(`| round summary (getRoundSummary) | ${summaryMs.toFixed(1)} | ${(summaryMs / overviewMs).toFixed(2)} |`);
console.log(`| .xlsx from the summary (${(xlsxBytes / 1024).toFixed(0)} KiB) | ${xlsxMs.toFixed(1)} | — |`);
console.log(`| .docx from the summary (${(docxBytes / 1024).toFixed(0)} KiB) | ${docxMs.toFixed(1)} | — |`);
