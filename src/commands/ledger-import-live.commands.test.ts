import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { isOverdue } from '../domain/deadline.ts';
import { AppError } from '../errors.ts';
import { fixtureDir } from '../ledger-io/import/fixtures.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, TEST_NOW, tableCounts, type World, type WorldUser, worldContext } from '../test/factories.ts';
import { markClue } from './clues.commands.ts';
import {
  importLedger,
  type LedgerImportInput,
  listLedgerImports,
  previewLedgerImport,
  undoLedgerImport,
} from './ledger-import.commands.ts';

const HEADER = ['序号', '问题类别', '具体问题', '整改措施', '措施类型', '责任领导', '责任部门', '整改时限'];
type Row = (string | null)[];

/** A ledger as a unit types it: a title row, the header, one row per item (no measures: the item's own cells). */
async function workbook(rows: Row[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整改台账');
  ws.addRow(['测试市交通运输局巡察反馈问题整改台账']);
  ws.addRow(HEADER);
  for (const row of rows) ws.addRow(row);
  const file = path.join(fixtureDir(), 'ledger.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** The world's two items of inspection A as the file writes them back unchanged. */
const UNCHANGED: Row[] = [
  ['1', '一、党的领导方面存在的问题', '财务审批不规范', null, '限期整改', '张副局长', '办公室', '2026-09-30'],
  ['2', '党的领导方面问题', '公务用车管理不严', null, '限期整改', '张副局长', '财务科', '2026-08-31'],
];

/** One changed field, a lone "1." numbering the office's second aspect from 1 again, and two rows both numbered 4. */
const LIVE_ROWS: Row[] = [
  ['1', '一、党的领导方面存在的问题', '财务审批不规范', null, '限期整改', '李局长', '办公室', '2026-10-31'],
  UNCHANGED[1],
  ['1', '（二）全面从严治党方面', '1.会议记录不全', null, '立行立改', '王局长', '办公室', null],
  ['4', '二、全面从严治党方面存在的问题', '档案管理混乱', null, '限期整改', '王局长', '办公室', '2026-12-31'],
  ['4', '全面从严治党问题', '印章使用登记不全', null, '限期整改', '王局长', '财务科', '2026-12-31'],
];

const HOUR = 3_600_000;

describe.each(testDialects())('ledger import into a live ledger on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  const ctxOf = (who: WorldUser, now = TEST_NOW) => worldContext(handle.db, world, who, { now });
  const itemsOf = () =>
    handle.db
      .selectFrom('items')
      .select(['id', 'number', 'title', 'kind', 'deadline', 'responsible_leader', 'aspect_id', 'version'])
      .where('inspection_id', '=', world.inspectionA)
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
  /** Preview, then confirm with the preview's token, as the page does. */
  const previewAndImport = async (rows: Row[], extra: Partial<LedgerImportInput> = {}) => {
    const input = { filePath: await workbook(rows), fileName: 'ledger.xlsx', ...extra };
    const preview = await previewLedgerImport(ctxOf('unitAdminA'), world.inspectionA, input);
    const result = await importLedger(ctxOf('unitAdminA'), world.inspectionA, {
      ...input,
      previewToken: preview.token,
    });
    return { input, preview, result };
  };
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  beforeEach(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    // The live ledger numbers its items as a unit does.
    await handle.db.updateTable('items').set({ number: '1' }).where('id', '=', world.itemA1).execute();
    await handle.db.updateTable('items').set({ number: '2' }).where('id', '=', world.itemA2).execute();
  });
  afterEach(async () => {
    await handle?.close();
  });

  it('re-importing the ledger as it is changes nothing and duplicates nothing', async () => {
    const before = await itemsOf();
    const { preview, result } = await previewAndImport(UNCHANGED);
    expect(preview.rows.map((r) => [r.status, r.match?.id, r.match?.by])).toEqual([
      ['same', world.itemA1, 'number'],
      ['same', world.itemA2, 'number'],
    ]);
    expect(result).toMatchObject({ created: { items: 0, measures: 0 }, updated: 0 });
    expect(await itemsOf()).toEqual(before);
  });

  it('previews each row with its class, then updates the changed field and numbers new rows on', async () => {
    const { preview, result } = await previewAndImport(LIVE_ROWS);
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toEqual({ new: 3, same: 1, update: 1, error: 0 });
    expect(preview.rows.map((r) => [r.status, r.number, r.title])).toEqual([
      ['update', '1', '财务审批不规范'],
      ['same', '2', '公务用车管理不严'],
      // A lone "1." is the row's number, not part of its title; 1 and 4 being taken, the rows are numbered on.
      ['new', '3', '会议记录不全'],
      ['new', '4', '档案管理混乱'],
      ['new', '5', '印章使用登记不全'],
    ]);
    expect(preview.rows[0].changes).toEqual([
      { field: 'deadline', from: '2026-09-30', to: '2026-10-31' },
      { field: 'responsibleLeader', from: '张副局长', to: '李局长' },
    ]);
    expect(result).toMatchObject({ created: { items: 3 }, updated: 1 });

    const items = await itemsOf();
    expect(items.map((i) => [i.number, i.title, i.kind, i.deadline, i.responsible_leader])).toEqual([
      ['1', '财务审批不规范', 'deadline', '2026-10-31', '李局长'],
      ['2', '公务用车管理不严', 'deadline', '2026-08-31', '张副局长'],
      // 立行立改 without a date: due 30 days after the feedback date (2026-07-01), and overdue on 2026-08-15.
      ['3', '会议记录不全', 'immediate', '2026-07-31', '王局长'],
      ['4', '档案管理混乱', 'deadline', '2026-12-31', '王局长'],
      ['5', '印章使用登记不全', 'deadline', '2026-12-31', '王局长'],
    ]);
    expect(items.slice(2).every((i) => i.aspect_id === world.aspectIds[1])).toBe(true);
    expect(isOverdue(items[2].deadline, 'not_started', '2026-08-15')).toBe(true);
    const history = await handle.db.selectFrom('deadline_history').selectAll().execute();
    expect(history.map((h) => [h.item_id, h.from_deadline, h.to_deadline, h.source])).toEqual([
      [world.itemA1, '2026-09-30', '2026-10-31', 'edit'],
    ]);
  });

  it('refuses a confirmation once the ledger, the file or the choices changed since the preview, writing nothing', async () => {
    const input = { filePath: await workbook(LIVE_ROWS), fileName: 'ledger.xlsx' };
    const preview = await previewLedgerImport(ctxOf('unitAdminA'), world.inspectionA, input);
    const otherFile = await workbook(UNCHANGED);
    const before = await tableCounts(handle.db);
    for (const changed of [
      { ...input, filePath: otherFile },
      { ...input, mapping: { people: { 某人: null } } },
    ]) {
      const error = await refusal(
        importLedger(ctxOf('unitAdminA'), world.inspectionA, { ...changed, previewToken: preview.token }),
      );
      expect(error.key).toBe('ledger_import_stale');
    }
    // Someone saves an item between the preview and 确认导入.
    await handle.db
      .updateTable('items')
      .set({ title: '财务审批不规范（已改）', version: 2 })
      .where('id', '=', world.itemA1)
      .execute();
    const afterEdit = await tableCounts(handle.db);
    const error = await refusal(
      importLedger(ctxOf('unitAdminA'), world.inspectionA, { ...input, previewToken: preview.token }),
    );
    expect(error.key).toBe('ledger_import_stale');
    expect(error.messageIn('zh')).toMatch(/预览之后台账已有变动/);
    expect(afterEdit).toEqual(before);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('undoes the whole import within a day: created items deleted, changed fields restored, audited', async () => {
    const before = await itemsOf();
    const counts = await tableCounts(handle.db);
    const { result } = await previewAndImport(LIVE_ROWS);
    const importId = result.importId as number;
    const listed = await listLedgerImports(ctxOf('unitAdminA', new Date(TEST_NOW.getTime() + HOUR)), world.inspectionA);
    expect(listed[0]).toMatchObject({ id: importId, itemsCreated: 3, itemsUpdated: 1, undoneAt: null });
    expect(listed[0].undoableUntil).toBe(new Date(TEST_NOW.getTime() + 24 * HOUR).toISOString());

    const later = new Date(TEST_NOW.getTime() + 23 * HOUR);
    const undone = await undoLedgerImport(ctxOf('unitAdminA', later), world.inspectionA, importId);
    expect(undone).toEqual({ deleted: 3, restored: 1, problems: 0 });
    const after = await itemsOf();
    expect(after.map(({ version: _, ...i }) => i)).toEqual(before.map(({ version: _, ...i }) => i));
    const audit = await handle.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('action', 'like', 'ledger.import%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['ledger.import', 'ledger.import.undo']);
    const now = await tableCounts(handle.db);
    expect(now.items).toBe(counts.items);
    expect(now.measures).toBe(counts.measures);

    const again = await refusal(undoLedgerImport(ctxOf('unitAdminA', later), world.inspectionA, importId));
    expect(again.key).toBe('ledger_import_already_undone');
  });

  it('refuses to undo after a day, after a later edit, for others and for an unknown import, changing nothing', async () => {
    const { result } = await previewAndImport(LIVE_ROWS);
    const importId = result.importId as number;
    const before = await tableCounts(handle.db);

    const tooLate = await refusal(
      undoLedgerImport(ctxOf('unitAdminA', new Date(TEST_NOW.getTime() + 25 * HOUR)), world.inspectionA, importId),
    );
    expect(tooLate.key).toBe('ledger_import_undo_expired');
    expect(tooLate.messageIn('zh')).toMatch(/超过 24 小时/);

    const forbidden = await refusal(undoLedgerImport(ctxOf('deptA1'), world.inspectionA, importId));
    expect(forbidden.statusCode).toBe(403);
    const hidden = await refusal(undoLedgerImport(ctxOf('unitAdminB'), world.inspectionA, importId));
    expect(hidden.statusCode).toBe(404);
    const unknown = await refusal(undoLedgerImport(ctxOf('unitAdminA'), world.inspectionA, importId + 100));
    expect(unknown.statusCode).toBe(404);
    const elsewhere = await refusal(undoLedgerImport(ctxOf('unitAdminB'), world.inspectionB, importId));
    expect(elsewhere.statusCode).toBe(404);

    // A created item edited since, and progress on another: undoing would lose that work.
    const created = (await itemsOf()).filter((i) => i.number === '4')[0];
    await handle.db
      .updateTable('items')
      .set({ title: '档案管理混乱（补充）', version: 2 })
      .where('id', '=', created.id)
      .execute();
    const edited = await refusal(undoLedgerImport(ctxOf('unitAdminA'), world.inspectionA, importId));
    expect(edited.key).toBe('ledger_import_undo_conflict');
    expect(edited.messageIn('zh')).toMatch(/1 个事项在导入后又有改动（如“4 档案管理混乱（补充）”）/);
    await handle.db
      .updateTable('items')
      .set({ title: '档案管理混乱', version: 1 })
      .where('id', '=', created.id)
      .execute();
    const third = (await itemsOf()).filter((i) => i.number === '5')[0];
    await handle.db
      .insertInto('progress_entries')
      .values({
        item_id: third.id,
        measure_id: null,
        entry_on: '2026-08-16',
        content: '已登记',
        author_id: world.users.deptA1.id,
        created_at: new Date(TEST_NOW.getTime() + HOUR).toISOString(),
      })
      .execute();
    const progressed = await refusal(undoLedgerImport(ctxOf('unitAdminA'), world.inspectionA, importId));
    expect(progressed.key).toBe('ledger_import_undo_conflict');
    const counts = await tableCounts(handle.db);
    expect({ ...counts, progress_entries: before.progress_entries }).toEqual(before);
  });

  it('refuses to undo once a created item is marked as a problem clue (issue 15), changing nothing', async () => {
    const { result } = await previewAndImport(LIVE_ROWS);
    const created = (await itemsOf()).filter((i) => i.number === '4')[0];
    await markClue(ctxOf('office'), { itemId: created.id }, '反映有关人员收受回扣');
    const before = await tableCounts(handle.db);
    const marked = await refusal(undoLedgerImport(ctxOf('unitAdminA'), world.inspectionA, result.importId as number));
    expect(marked.key).toBe('ledger_import_undo_conflict');
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('matches aspects written as units write them, and suggests one the user confirms', async () => {
    const similar = '三、干部队伍管理方面存在的问题';
    const rows: Row[] = [['1', similar, '干部档案不全', null, '限期整改', '王局长', '办公室', '2026-12-31']];
    const input = { filePath: await workbook(rows), fileName: 'ledger.xlsx' };
    const preview = await previewLedgerImport(ctxOf('unitAdminA'), world.inspectionA, input);
    expect(preview.aspectSuggestions).toEqual([
      {
        written: similar,
        aspectId: world.aspectIds[2],
        aspectName: '干部队伍建设方面',
        similarity: expect.any(Number),
      },
    ]);
    expect(preview.errors[0].message).toMatch(/是否指“干部队伍建设方面”/);
    expect(preview.rows[0].status).toBe('error');
    const refused = await refusal(
      importLedger(ctxOf('unitAdminA'), world.inspectionA, { ...input, previewToken: preview.token }),
    );
    expect(refused.key).toBe('ledger_import_refused');

    const mapping = { aspects: { [similar]: world.aspectIds[2] } };
    const { preview: confirmed, result } = await previewAndImport(rows, { mapping });
    expect(confirmed.errors).toEqual([]);
    expect(result.created.items).toBe(1);
    expect((await itemsOf()).at(-1)).toMatchObject({
      title: '干部档案不全',
      aspect_id: world.aspectIds[2],
      number: '3',
    });
  });

  it('refuses bad rows with a clear reason each, writing nothing', async () => {
    await handle.db
      .updateTable('items')
      .set({ state: 'closed', result: 'completed' })
      .where('id', '=', world.itemA2)
      .execute();
    const rows: Row[] = [
      ['', '纪律作风方面存在的问题', '会风会纪不严', null, '限期整改', '王局长', '办公室', '2026-12-31'],
      ['2', '党的领导方面', '公务用车管理不严', null, '限期整改', '李局长', '财务科', '2026-08-31'],
    ];
    const before = await tableCounts(handle.db);
    const input = {
      filePath: await workbook(rows),
      fileName: 'ledger.xlsx',
      mapping: { aspects: { 某方面: 999_999 } },
    };
    const preview = await previewLedgerImport(ctxOf('unitAdminA'), world.inspectionA, input);
    expect(preview.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/问题类别“纪律作风方面存在的问题”不在本轮巡察的方面清单中/),
      expect.stringMatching(/对应已有事项 2“公务用车管理不严”：该事项已销号，导入不能修改它/),
    ]);
    expect(preview.rows.map((r) => r.status)).toEqual(['error', 'error']);
    const refused = await refusal(
      importLedger(ctxOf('unitAdminA'), world.inspectionA, { ...input, previewToken: preview.token }),
    );
    expect(refused.key).toBe('ledger_import_refused');

    // Once the plan is submitted, a deadline moves only through an extension request.
    await handle.db
      .updateTable('inspections')
      .set({ plan_submitted_at: TEST_NOW.toISOString() })
      .where('id', '=', world.inspectionA)
      .execute();
    const moved = await previewLedgerImport(ctxOf('unitAdminA'), world.inspectionA, {
      filePath: await workbook([
        ['1', '党的领导方面', '财务审批不规范', null, '限期整改', '张副局长', '办公室', '2026-11-30'],
      ]),
      fileName: 'ledger.xlsx',
    });
    expect(moved.rows[0]).toMatchObject({
      status: 'error',
      changes: [{ field: 'deadline', from: '2026-09-30', to: '2026-11-30' }],
      errors: ['整改计划已报送，整改时限只能在事项页提出延期申请后调整'],
    });
    const counts = await tableCounts(handle.db);
    expect(counts).toEqual(before);
  });
});
