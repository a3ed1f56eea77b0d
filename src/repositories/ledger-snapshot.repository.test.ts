import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { EMPTY_WRITING } from '../domain/notice-writing.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import {
  addEvidenceRow,
  buildMeasure,
  buildOutcome,
  buildProgress,
  buildWorld,
  TEST_NOW,
  type World,
} from '../test/factories.ts';
import { loadLedgerSnapshot } from './ledger-snapshot.repository.ts';
import { findNoticeDraft, insertNoticeDraft, updateNoticeDraft } from './notice-drafts.repository.ts';

describe.each(testDialects())('ledger snapshot and notice drafts on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    const db = handle.db;
    await buildMeasure(db, world.itemA1, {
      sortOrder: 2,
      content: '修订财务审批办法',
      kind: 'ongoing',
      departmentId: world.deptA2.id,
    });
    await buildProgress(db, {
      itemId: world.itemA1,
      entryOn: '2026-08-02',
      content: '已召开专题会',
      authorId: world.users.deptA1.id,
    });
    await buildProgress(db, { itemId: world.itemA1, entryOn: '2026-07-20', content: '已制定方案' });
    await buildOutcome(db, world.itemA1, {
      kind: 'funds_recovered',
      title: '清退违规报销',
      amountYuan: 1234.5,
      occurredOn: '2026-08-01',
    });
    await addEvidenceRow(db, world.itemA2, world.users.deptA2.id);
    await db
      .updateTable('items')
      .set({ withheld: 1, withheld_reason: '涉及在查案件' })
      .where('id', '=', world.itemA2)
      .execute();
  });
  afterAll(() => handle.close());

  it("reads one inspection's whole ledger with every part attached to its item, in ledger order", async () => {
    const s = await loadLedgerSnapshot(handle.db, world.inspectionA);
    expect(s.inspection.unitName).toBe('测试市交通运输局');
    expect(s.committee.name).toBe('中共测试市委');
    expect(s.aspects.map((a) => a.name)).toEqual(['党的领导方面', '全面从严治党方面', '干部队伍建设方面']);
    expect(s.problems).toHaveLength(1);
    expect(s.items.map((i) => i.id)).toEqual([world.itemA1, world.itemA2]);
    const [a1, a2] = s.items;
    expect(a1.measures.map((m) => [m.content, m.department])).toEqual([
      ['财务审批不规范：制定整改措施', '办公室'],
      ['修订财务审批办法', '财务科'],
    ]);
    expect(a1.progress.map((p) => [p.entryOn, p.author])).toEqual([
      ['2026-07-20', null],
      ['2026-08-02', 'deptA1'],
    ]);
    expect(a1.outcomes[0]).toMatchObject({ kind: 'funds_recovered', amountYuan: 1234.5 });
    expect(a1.leadDepartment).toBe('办公室');
    expect(a2.evidence).toHaveLength(1);
    expect(a2.withheld).toBe(true);
    // Another inspection's item never leaks in.
    expect(s.items.some((i) => i.id === world.itemB1)).toBe(false);
  });

  it('leaves out withheld items for the public version and narrows to chosen items', async () => {
    const pub = await loadLedgerSnapshot(handle.db, world.inspectionA, { publicOnly: true });
    expect(pub.items.map((i) => i.id)).toEqual([world.itemA1]);
    const chosen = await loadLedgerSnapshot(handle.db, world.inspectionA, { itemIds: [world.itemA2] });
    expect(chosen.items.map((i) => i.id)).toEqual([world.itemA2]);
  });

  it('keeps one draft per inspection and kind, refusing a stale write', async () => {
    expect(await findNoticeDraft(handle.db, world.inspectionA, 'notice')).toBeNull();
    const writing = {
      ...EMPTY_WRITING,
      issuer: '中共测试市交通运输局党组',
      contacts: { ...EMPTY_WRITING.contacts, phone: ['0571-1234567'] },
    };
    const id = await insertNoticeDraft(handle.db, world.inspectionA, 'notice', writing, TEST_NOW);
    await expect(insertNoticeDraft(handle.db, world.inspectionA, 'notice', writing, TEST_NOW)).rejects.toThrow();
    await updateNoticeDraft(handle.db, id, 1, { ...writing, nextSteps: '持续抓好整改' }, TEST_NOW);
    await expect(updateNoticeDraft(handle.db, id, 1, writing, TEST_NOW)).rejects.toMatchObject({ statusCode: 409 });
    const draft = await findNoticeDraft(handle.db, world.inspectionA, 'notice');
    expect(draft).toMatchObject({ version: 2, nextSteps: '持续抓好整改', contacts: { phone: ['0571-1234567'] } });
    expect(await findNoticeDraft(handle.db, world.inspectionA, 'report')).toBeNull();
  });
});
