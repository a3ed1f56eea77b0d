import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { searchTerms } from '../domain/search.ts';
import { readScope } from '../policies/policies.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import {
  addEvidenceRow,
  buildOutcome,
  buildProgress,
  buildPublicComment,
  buildWorld,
  TEST_NOW,
  type World,
} from '../test/factories.ts';
import { patchMeasure } from './item-parts.repository.ts';
import { listItems } from './items.repository.ts';
import { reindexAll, type SearchHit, searchDocs } from './search.repository.ts';
import { itemsMatching } from './search-match.ts';

const TODAY = '2026-08-15';

/** Issue 16: the search index over every text of the ledger, kept by triggers, matched by trigram or a bounded scan. */
describe.each(testDialects())('search index on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  let measureA2: number;

  const find = (q: string, user: keyof World['users'] = 'office', limit = 20): Promise<SearchHit[]> =>
    searchDocs(handle.db, {
      scope: readScope(w.users[user].actor),
      terms: searchTerms(q),
      limit,
      withComments: user !== 'deptA1',
    });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    const db = handle.db;
    measureA2 = (await db.selectFrom('measures').select('id').where('item_id', '=', w.itemA2).executeTakeFirstOrThrow())
      .id;
    await buildProgress(db, { itemId: w.itemA2, entryOn: '2026-08-01', content: '已查明3台车违规停放，已收回' });
    await buildProgress(db, { itemId: w.itemA1, entryOn: '2026-08-02', content: '安装北斗定位终端12台' });
    await buildProgress(db, { itemId: w.itemB1, entryOn: '2026-08-03', content: 'B单位安装北斗定位终端' });
    await buildOutcome(db, w.itemA1, { kind: 'funds_recovered', title: '追回违规报销资金GPS-2024' });
    await addEvidenceRow(db, w.itemA1, w.users.deptA1.id);
  });
  afterAll(() => handle.close());

  it('finds a three-character word in a progress note, and a mixed word with a digit', async () => {
    const hits = await find('定位终端');
    expect(hits.map((h) => [h.kind, h.itemId])).toEqual(
      expect.arrayContaining([
        ['progress', w.itemA1],
        ['progress', w.itemB1],
      ]),
    );
    const mixed = await find('查明3台车');
    expect(mixed).toHaveLength(1);
    expect(mixed[0]).toMatchObject({ kind: 'progress', itemId: w.itemA2, itemTitle: '公务用车管理不严' });
  });

  it('finds a two-character word (below the trigram) and Latin letters and digits, case-insensitively', async () => {
    expect((await find('北斗')).map((h) => h.itemId).sort()).toEqual([w.itemA1, w.itemB1].sort());
    expect((await find('公车')).length).toBe(0);
    expect((await find('公务')).map((h) => h.kind)).toContain('item');
    expect((await find('gps-2024')).map((h) => [h.kind, h.itemId])).toEqual([['outcome', w.itemA1]]);
    expect((await find('12')).map((h) => h.itemId)).toEqual([w.itemA1]);
    expect((await find('proof.pdf')).map((h) => h.kind)).toEqual(['evidence']);
    // Terms are ANDed; LIKE's wildcards are literal.
    expect((await find('北斗 12台')).map((h) => h.itemId)).toEqual([w.itemA1]);
    expect(await find('%')).toEqual([]);
    expect(await find('北_')).toEqual([]);
  });

  it('reads only what the scope reads: another unit finds nothing of unit A, a department its own items', async () => {
    expect((await find('北斗', 'unitAdminB')).map((h) => h.itemId)).toEqual([w.itemB1]);
    expect(await find('查明3台车', 'unitAdminB')).toEqual([]);
    expect((await find('北斗', 'deptA1')).map((h) => h.itemId)).toEqual([w.itemA1]);
    expect(await find('查明3台车', 'deptA1')).toEqual([]);
    expect((await find('查明3台车', 'deptA2')).length).toBe(1);
  });

  it('re-indexes a change in the same transaction, and a rolled-back change leaves the index as it was', async () => {
    const db = handle.db;
    const version = (
      await db.selectFrom('measures').select('version').where('id', '=', measureA2).executeTakeFirstOrThrow()
    ).version;
    await db
      .transaction()
      .execute(async (trx) => {
        await patchMeasure(trx, measureA2, version, { content: '建立车辆台账并加装卫星定位' }, TEST_NOW);
        const inside = await searchDocs(trx, {
          scope: readScope(w.users.office.actor),
          terms: ['卫星定位'],
          limit: 5,
          withComments: true,
        });
        expect(inside.map((h) => [h.kind, h.sourceId])).toEqual([['measure', measureA2]]);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await find('卫星定位')).toEqual([]);
    await patchMeasure(db, measureA2, version, { content: '建立车辆台账并加装卫星定位' }, TEST_NOW);
    expect((await find('卫星定位')).map((h) => h.sourceId)).toEqual([measureA2]);
    expect(await find('制定整改措施', 'deptA2')).toEqual([]);
  });

  it('drops a deleted row, and the ledger’s q goes through the same index', async () => {
    const db = handle.db;
    const id = await buildProgress(db, { itemId: w.itemA2, entryOn: '2026-08-04', content: '临时记录删除测试' });
    expect((await find('删除测试')).map((h) => h.sourceId)).toEqual([id]);
    await db.deleteFrom('progress_entries').where('id', '=', id).execute();
    expect(await find('删除测试')).toEqual([]);

    const ledger = await listItems(db, {
      scope: readScope(w.users.office.actor),
      filter: { text: '查明3台车' },
      sort: 'id',
      order: 'asc',
      limit: 50,
      offset: 0,
      today: TODAY,
      thresholds: { green: 15, yellow: 7 },
    });
    expect(ledger.items.map((i) => i.id)).toEqual([w.itemA2]);
  });

  it('finds a public comment linked to no item, under its notice’s unit, and not for another unit or a department', async () => {
    const db = handle.db;
    const comment = await buildPublicComment(
      db,
      w.inspectionA,
      '食堂账目公开不及时，群众有意见',
      w.users.unitAdminA.id,
    );
    const hits = await find('食堂账目');
    expect(hits.map((h) => [h.kind, h.sourceId, h.itemId, h.itemTitle])).toEqual([['comment', comment, null, null]]);
    expect((await find('食堂账目', 'unitAdminA')).length).toBe(1);
    expect(await find('食堂账目', 'unitAdminB')).toEqual([]);
    expect(await find('食堂账目', 'deptA1')).toEqual([]);
    // Linked to an item later, it is that item's; the answer is searchable too.
    await db
      .updateTable('public_comments')
      .set({ item_id: w.itemA1, answer: '已在单位内部公示栏按月公开' })
      .where('id', '=', comment)
      .execute();
    expect((await find('内部公示栏')).map((h) => [h.kind, h.itemId])).toEqual([['comment', w.itemA1]]);
  });

  it('finds the items of a problem by the problem’s words, and follows an edit of the problem', async () => {
    const db = handle.db;
    await db
      .updateTable('problems')
      .set({ description: '党组会议议事规则执行走样' })
      .where('id', '=', w.problemA)
      .execute();
    const items = await db.selectFrom('items').select('id').where('problem_id', '=', w.problemA).execute();
    const hits = await find('议事规则执行走样');
    expect(hits.map((h) => h.kind)).toEqual(items.map(() => 'item'));
    expect(hits.map((h) => h.itemId).sort()).toEqual(items.map((i) => i.id).sort());
    expect(await find('议事规则执行走样', 'unitAdminB')).toEqual([]);
    expect((await find('议事规则执行走样', 'deptA1')).length).toBeGreaterThan(0);
  });

  it('moves an item’s texts with it when the item moves to another unit', async () => {
    const db = handle.db;
    const id = await buildProgress(db, { itemId: w.itemA2, entryOn: '2026-08-05', content: '移交核查记录' });
    expect((await find('移交核查', 'unitAdminB')).length).toBe(0);
    await db.updateTable('items').set({ unit_id: w.unitB.id }).where('id', '=', w.itemA2).execute();
    expect((await find('移交核查', 'unitAdminB')).map((h) => h.sourceId)).toEqual([id]);
    expect(await find('移交核查', 'unitAdminA')).toEqual([]);
    await db.updateTable('items').set({ unit_id: w.unitA.id }).where('id', '=', w.itemA2).execute();
    expect((await find('移交核查', 'unitAdminA')).map((h) => h.sourceId)).toEqual([id]);
  });

  it('gives the same answer by each of its ways: a small scope read whole, the newest texts, the index', async () => {
    const ways = {
      small: { smallScope: 1_000_000, recent: 4000, departmentItems: 1000 },
      recent: { smallScope: 0, recent: 1_000_000, departmentItems: 1000 },
      index: { smallScope: 0, recent: 1, departmentItems: 1000 },
      largeDepartmentRecent: { smallScope: 1_000_000, recent: 1_000_000, departmentItems: 0 },
      largeDepartmentIndex: { smallScope: 1_000_000, recent: 1, departmentItems: 0 },
    };
    for (const q of ['北斗', '定位终端', '查明3台车', '12', '公务', '北斗 12台', '不存在的词语', '北_'])
      for (const user of ['office', 'unitAdminA', 'unitAdminB', 'deptA1', 'deptA2'] as const) {
        const answers = await Promise.all(
          Object.values(ways).map(async (thresholds) =>
            (
              await searchDocs(handle.db, {
                scope: readScope(w.users[user].actor),
                terms: searchTerms(q),
                limit: 20,
                withComments: user !== 'deptA1',
                thresholds,
              })
            ).map((h) => h.id),
          ),
        );
        expect({ q, user, answers }).toEqual({ q, user, answers: answers.map(() => answers[0]) });
      }
  });

  it('gives the ledger’s q the same items whether the words are judged common (item by item) or rare (the index)', async () => {
    for (const q of ['北斗', '定位终端', '查明3台车', '12', '公务', '北斗 12台', '不存在的词语', '北_', 'gps-2024']) {
      const ids = async (share: number) =>
        (
          await handle.db
            .selectFrom('items as i')
            .select('i.id')
            .where(await itemsMatching(handle.db, searchTerms(q), share))
            .orderBy('i.id')
            .execute()
        ).map((r) => r.id);
      expect({ q, common: await ids(-1) }).toEqual({ q, common: await ids(2) });
    }
    expect(
      (
        await handle.db
          .selectFrom('items as i')
          .select('i.id')
          .where(await itemsMatching(handle.db, ['北斗'], 2))
          .execute()
      ).length,
    ).toBe(2);
  });

  it('is rebuilt whole by reindex', async () => {
    const before = await find('北斗');
    const counts = await reindexAll(handle.db);
    expect(counts.item).toBe(3);
    expect((await find('北斗')).map((h) => h.sourceId).sort()).toEqual(before.map((h) => h.sourceId).sort());
  });
});
