import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { renderDocument } from '../notices/generate/index.ts';
import { parseNoticeText } from '../notices/parse.ts';
import { generateDocument } from '../queries/notices.queries.ts';
import { listAuditEvents } from '../repositories/audit.repository.ts';
import { listInspections } from '../repositories/inspections.repository.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, tableCounts, testConfig, type World, type WorldUser, worldContext } from '../test/factories.ts';
import { importNotice, previewNoticeImport } from './notice-import.commands.ts';

const text = readFileSync(new URL('../notices/fixtures/import-notice.txt', import.meta.url), 'utf8');
const source = { fileName: 'import-notice.txt', sha256: 'f'.repeat(64) };

describe.each(testDialects())('importing a published notice on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  const config = testConfig();
  const ctx = (user: WorldUser) => worldContext(handle.db, w, user, { config });
  const request = () => ({ unitId: w.unitA.id, roundId: w.roundId });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
  });
  afterAll(() => handle.close());

  it('previews without writing anything', async () => {
    const before = await tableCounts(handle.db);
    const plan = await previewNoticeImport(ctx('office'), parseNoticeText(text), request());
    expect(plan.errors).toEqual([]);
    expect(plan.inspection.teamId).toBe(w.teamB);
    expect(plan.problems.map((p) => p.aspectId)).toEqual([w.aspectIds[0], w.aspectIds[1], null]);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses anyone but the office and the administrator', async () => {
    const notice = parseNoticeText(text);
    for (const user of ['unitAdminA', 'leaderA', 'deptA1', 'teamA', 'supervisor'] as const) {
      await expect(previewNoticeImport(ctx(user), notice, request()), user).rejects.toMatchObject({ statusCode: 403 });
    }
    await expect(previewNoticeImport(ctx('office'), notice, { ...request(), unitId: 99999 })).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(
      previewNoticeImport(ctx('office'), notice, { ...request(), unitId: w.deptA1.id }),
    ).rejects.toMatchObject({ code: 'not_inspectable' });
  });

  it('rolls everything back when a write fails midway', async () => {
    const plan = await previewNoticeImport(ctx('office'), parseNoticeText(text), request());
    // The second problem points at an aspect that does not exist: the foreign key fails after the inspection, the
    // first problem and its items have been inserted.
    plan.problems[1].aspectId = 999_999;
    const before = await tableCounts(handle.db);
    await expect(importNotice(ctx('office'), plan, source)).rejects.toThrow();
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses a plan with errors without writing', async () => {
    const notice = parseNoticeText(text);
    notice.inspection.team = null;
    const plan = await previewNoticeImport(ctx('office'), notice, request());
    expect(plan.errors).toHaveLength(1);
    const before = await tableCounts(handle.db);
    await expect(importNotice(ctx('office'), plan, source)).rejects.toMatchObject({ code: 'import_invalid' });
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('writes exactly the counted rows, closes completed items with a close-out record, and audits the import', async () => {
    const before = await tableCounts(handle.db);
    const plan = await previewNoticeImport(ctx('office'), parseNoticeText(text), request());
    const { inspectionId, counts } = await importNotice(ctx('office'), plan, source);
    const after = await tableCounts(handle.db);
    expect(after.inspections - before.inspections).toBe(1);
    expect(after.problems - before.problems).toBe(counts.problems);
    expect(after.items - before.items).toBe(counts.items);
    expect(after.measures - before.measures).toBe(counts.measures);
    expect(after.close_reviews - before.close_reviews).toBe(counts.completed);
    expect(after.audit_events - before.audit_events).toBe(2);
    expect(counts).toMatchObject({ problems: 3, items: 5, measures: 10, completed: 2 });

    const inspection = await handle.db
      .selectFrom('inspections')
      .selectAll()
      .where('id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    expect(inspection).toMatchObject({
      team_id: w.teamB,
      from_on: '2026-03-16',
      to_on: '2026-05-15',
      feedback_on: '2026-06-20',
      report_due_on: '2026-08-20',
    });
    const items = await handle.db
      .selectFrom('items')
      .select(['id', 'title', 'state', 'result', 'closed_on', 'close_stage', 'aspect_id', 'problem_id'])
      .where('inspection_id', '=', inspectionId)
      .orderBy('sort_order')
      .execute();
    expect(items.map((i) => [i.state, i.result, i.closed_on])).toEqual([
      ['closed', 'completed', '2026-08-10'],
      ['in_progress', 'partially_completed', null],
      ['in_progress', 'not_completed', null],
      ['not_started', 'not_completed', null],
      ['closed', 'completed', '2026-08-10'],
    ]);
    expect(items.every((i) => i.close_stage === null && i.problem_id !== null)).toBe(true);
    const measures = await handle.db
      .selectFrom('measures')
      .select(['content', 'completed_on', 'kind'])
      .where('item_id', '=', items[0].id)
      .orderBy('sort_order')
      .execute();
    expect(measures).toEqual([
      { content: '修订港口安全检查清单', completed_on: '2026-08-10', kind: 'deadline' },
      { content: '开展夜间巡查12次', completed_on: '2026-08-10', kind: 'deadline' },
    ]);
    const reviews = await handle.db
      .selectFrom('close_reviews')
      .selectAll()
      .where('item_id', '=', items[0].id)
      .execute();
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ event: 'confirm', actor_id: w.users.office.id });

    const events = await listAuditEvents(handle.db, { entity: 'inspection', entityId: inspectionId, limit: 10 });
    expect(events.map((e) => e.action).sort()).toEqual(['inspection.create', 'notice.import']);
    const summary = events.find((e) => e.action === 'notice.import')?.after as {
      counts: unknown;
      source: { sha256: string };
    };
    expect(summary.counts).toEqual(counts);
    expect(summary.source.sha256).toBe(source.sha256);
  });

  it('round-trips: the notice generated from the imported ledger lists the same items with the same results', async () => {
    const [imported] = await listInspections(
      handle.db,
      { kind: 'subtree', path: w.unitA.path },
      { unitId: w.unitA.id, teamId: w.teamB },
    );
    const doc = await generateDocument(ctx('office'), imported.id, 'notice', { publicVersion: true });
    const again = parseNoticeText((await renderDocument(doc, 'txt')).toString('utf8'));
    const items = (n: ReturnType<typeof parseNoticeText>) =>
      n.sections.flatMap((s) => s.items.map((i) => [i.title, i.status ?? '未完成', i.measures]));
    // The ledger lists problems without an aspect first, so compare the items whatever their order.
    const byTitle = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(items(again).sort(byTitle)).toEqual(items(parseNoticeText(text)).sort(byTitle));
    expect(items(again)).toHaveLength(5);
  });

  it('refuses the same notice a second time, in the preview and at the write', async () => {
    const plan = await previewNoticeImport(ctx('admin'), parseNoticeText(text), request());
    expect(plan.errors.join('\n')).toMatch(/already exists/);
    const stale = { ...plan, errors: [] };
    const before = await tableCounts(handle.db);
    await expect(importNotice(ctx('admin'), stale, source)).rejects.toMatchObject({ code: 'already_imported' });
    expect(await tableCounts(handle.db)).toEqual(before);
  });
});
