import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLedger, previewLedgerImport } from '../../commands/ledger-import.commands.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { addDays } from '../../domain/dates.ts';
import { type LedgerSnapshot, loadLedgerSnapshot } from '../../repositories/ledger-snapshot.repository.ts';
import { testDialects } from '../../test/databases.ts';
import { buildInspection, tableCounts, type World, type WorldUser, worldContext } from '../../test/factories.ts';
import { createLedgerWorld, exportToBuffer } from '../../test/ledger-fixtures.ts';
import { prepareInspectionExport } from '../export/export.ts';
import { fixtureDir } from './fixtures.ts';

/** What the export carries and the import must bring back, by names rather than ids. */
function comparable(snapshot: LedgerSnapshot, immediateDue: string) {
  // Issue 14: a 立行立改 the export leaves without a date comes back due RECTIFY_IMMEDIATE_DEADLINE_DAYS after feedback.
  const due = (kind: string, deadline: string | null) =>
    kind === 'immediate' && deadline === null ? immediateDue : deadline;
  const aspect = new Map(snapshot.aspects.map((a) => [a.id, a.name]));
  const problem = new Map(snapshot.problems.map((p) => [p.id, p.title]));
  return snapshot.items.map((item, position) => ({
    // The export numbers an item that has no number by its place in the ledger.
    number: item.number ?? String(position + 1),
    aspect: item.aspectId === null ? null : aspect.get(item.aspectId),
    problem: item.problemId === null ? null : problem.get(item.problemId),
    title: item.title,
    state: item.state,
    result: item.result,
    withheld: item.withheld,
    withheldReason: item.withheldReason,
    flagged: item.flagged,
    // An item's own owner and deadline travel only when it has no measures: otherwise the rows are the measures'.
    own:
      item.measures.length === 0
        ? [item.kind, due(item.kind, item.deadline), item.leadDepartmentId, item.responsibleLeader]
        : [item.measures[0].kind, item.measures[0].departmentId ?? item.leadDepartmentId],
    measures: item.measures.map((m) => ({
      content: m.content,
      kind: m.kind,
      // The export fills a measure's blank leader and department from its item's.
      leader: m.responsibleLeader ?? item.responsibleLeader,
      departmentId: m.departmentId ?? item.leadDepartmentId,
      personId: m.responsiblePersonId,
      person: m.responsiblePersonName,
      printed: m.responsiblePerson,
      deadline: due(m.kind, m.deadline),
    })),
    progress: item.progress.map((p) => `${p.entryOn} ${p.content}`).sort(),
  }));
}

describe.each(testDialects())('import(export(ledger)) on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  const ctxOf = (who: WorldUser) => worldContext(handle.db, world, who);

  beforeAll(async () => {
    ({ handle, world } = await createLedgerWorld(dialect));
  });
  afterAll(async () => {
    await handle.close();
  });

  it('reproduces aspects, problems, items, measures with owners and deadlines, states, results and progress', async () => {
    // 责任人 of every kind: an account alone (as a form stores it), an account with the title the unit writes beside
    // it, and written names (the fixture's). Each must come back as it went: linked, and printed the same.
    const measures = (await loadLedgerSnapshot(handle.db, world.inspectionA)).items.flatMap((i) => i.measures);
    expect(measures.length).toBeGreaterThanOrEqual(3);
    const person = (id: number, personId: number, personName: string | null) =>
      handle.db
        .updateTable('measures')
        .set({ responsible_person_id: personId, responsible_person_name: personName })
        .where('id', '=', id)
        .execute();
    await person(measures[0].id, world.users.deptA1.id, null);
    await person(measures[1].id, world.users.deptA2.id, 'deptA2 财务科科长');
    const file = path.join(fixtureDir(), '整改台账.xlsx');
    writeFileSync(file, await exportToBuffer(await prepareInspectionExport(ctxOf('office'), world.inspectionA)));
    const copy = await buildInspection(handle.db, {
      roundId: world.roundId,
      teamId: world.teamA,
      unitId: world.unitA.id,
      kind: 'lookback',
      feedbackOn: world.feedbackOn,
      concentratedUntil: null,
      reportDueOn: null,
    });
    const result = await importLedger(ctxOf('unitAdminA'), copy, {
      filePath: file,
      fileName: '整改台账.xlsx',
      // The ledger's people are names only, with no account: keep them as names.
      mapping: { people: { 赵科长: null, 孙主任: null, 周科长: null } },
    });
    expect(result.errors).toEqual([]);

    const immediateDue = addDays(world.feedbackOn, ctxOf('office').config.immediateDeadlineDays);
    const original = comparable(await loadLedgerSnapshot(handle.db, world.inspectionA), immediateDue);
    const imported = comparable(await loadLedgerSnapshot(handle.db, copy), immediateDue);
    expect(imported).toEqual(original);
    expect(imported.flatMap((i) => i.measures.slice(0, 2)).slice(0, 2)).toEqual([
      expect.objectContaining({ personId: world.users.deptA1.id, person: null, printed: 'deptA1' }),
      expect.objectContaining({
        personId: world.users.deptA2.id,
        person: 'deptA2 财务科科长',
        printed: 'deptA2 财务科科长',
      }),
    ]);
    expect(imported.map((i) => i.state)).toEqual([
      'not_started',
      'not_started',
      'in_progress',
      'closed',
      'close_requested',
    ]);
  });

  it('re-imports its own export into the live ledger: every row matched, nothing created, changed or duplicated', async () => {
    const file = path.join(fixtureDir(), '整改台账-再导入.xlsx');
    writeFileSync(file, await exportToBuffer(await prepareInspectionExport(ctxOf('office'), world.inspectionA)));
    const before = await tableCounts(handle.db);
    const snapshot = comparable(await loadLedgerSnapshot(handle.db, world.inspectionA), '');
    const input = {
      filePath: file,
      fileName: '整改台账.xlsx',
      mapping: { people: { 赵科长: null, 孙主任: null, 周科长: null } },
    };
    const preview = await previewLedgerImport(ctxOf('unitAdminA'), world.inspectionA, input);
    expect(preview.errors).toEqual([]);
    expect(preview.rows.filter((r) => r.status !== 'same')).toEqual([]);
    expect(preview.counts).toEqual({ new: 0, same: snapshot.length, update: 0, error: 0 });
    expect(preview.rows.every((r) => r.match !== null && r.changes.length === 0)).toBe(true);
    const result = await importLedger(ctxOf('unitAdminA'), world.inspectionA, {
      ...input,
      previewToken: preview.token,
    });
    expect(result.created).toEqual({ problems: 0, items: 0, measures: 0, progress: 0 });
    expect(result.updated).toBe(0);
    const after = await tableCounts(handle.db);
    // Only the import's own record and its audit event are new.
    expect({ ...after, ledger_imports: before.ledger_imports, audit_events: before.audit_events }).toEqual(before);
    expect(comparable(await loadLedgerSnapshot(handle.db, world.inspectionA), '')).toEqual(snapshot);
  });
});
