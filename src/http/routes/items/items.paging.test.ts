import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { addDays } from '../../../domain/dates.ts';
import { ITEM_SORTS } from '../../../domain/views.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildItem, buildWorld, TEST_NOW, type World } from '../../../test/factories.ts';
import type { ledgerPage } from './items.schema.ts';

type LedgerPage = Static<typeof ledgerPage>;

/**
 * Deep pages (issue 12): an offset page is answered by seeking its start in the sort's index and reading on from there
 * as a keyset page, and later pages do not count the list again. These tests hold the seek to the plain order: every
 * sort, both directions, offsets that land on ties, on the 挂牌督办 boundary and past the end.
 */
describe.each(testDialects())('ledger paging on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let unitAdminA: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    // 40 more items: repeated deadlines and sort orders (ties broken by id), undated ones, a few flagged, two change
    // times, so that every sort has equal keys to step over.
    const stamp = TEST_NOW.toISOString();
    const later = new Date(TEST_NOW.getTime() + 60_000).toISOString();
    for (let i = 0; i < 40; i++) {
      const inA = i % 3 !== 0;
      await buildItem(handle.db, {
        inspection_id: inA ? w.inspectionA : w.inspectionB,
        unit_id: inA ? w.unitA.id : w.unitB.id,
        round_id: w.roundId,
        title: `分页事项 ${i}`,
        deadline: i % 5 === 0 ? null : addDays('2026-09-01', i % 7),
        sort_order: i % 9,
        flagged: i % 11 === 0 ? 1 : 0,
        created_at: stamp,
        updated_at: i % 2 ? stamp : later,
      });
    }
    t = await createTestApp(handle);
    [office, unitAdminA] = await Promise.all(['office', 'unitadmina'].map((u) => t.login(u)));
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const page = async (client: TestClient, query: string) => {
    const res = await client.get(`/api/items?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<LedgerPage>();
  };

  for (const sort of ITEM_SORTS) {
    for (const order of ['asc', 'desc'] as const) {
      it(`answers every offset with the rows the whole list has there, sorted by ${sort} ${order}`, async () => {
        const all = await page(office, `sort=${sort}&order=${order}&limit=500`);
        expect(all.total).toBe(43);
        const ids = all.items.map((i) => i.id);
        for (const offset of [1, 2, 3, 4, 7, 10, 20, 33, 41, 42]) {
          const deep = await page(office, `sort=${sort}&order=${order}&limit=4&offset=${offset}`);
          expect(
            deep.items.map((i) => i.id),
            `offset ${offset}`,
          ).toEqual(ids.slice(offset, offset + 4));
        }
        // Walking by cursor from an offset page reaches the same rows as walking the list.
        const fromOffset = await page(office, `sort=${sort}&order=${order}&limit=5&offset=20`);
        const next = await page(office, `sort=${sort}&order=${order}&limit=5&after=${fromOffset.nextCursor}`);
        expect(next.items.map((i) => i.id)).toEqual(ids.slice(25, 30));
      });
    }
  }

  it('answers an offset past the end with no rows, and within a unit scope as the scope has them', async () => {
    const past = await page(office, 'limit=10&offset=43');
    expect(past).toMatchObject({ items: [], nextCursor: null });
    expect((await page(office, 'limit=10&offset=5000')).items).toEqual([]);
    const unitAll = await page(unitAdminA, 'sort=deadline&limit=500&state=not_started');
    expect(unitAll.items.every((i) => i.unitId === w.unitA.id)).toBe(true);
    const unitDeep = await page(unitAdminA, 'sort=deadline&limit=3&offset=6&state=not_started');
    expect(unitDeep.items.map((i) => i.id)).toEqual(unitAll.items.slice(6, 9).map((i) => i.id));
  });

  it('counts the rows on the first page, and on a later page only when asked', async () => {
    const first = await page(office, 'limit=10');
    expect(first.total).toBe(43);
    expect((await page(office, 'limit=10&offset=10')).total).toBeNull();
    expect((await page(office, `limit=10&after=${first.nextCursor}`)).total).toBeNull();
    expect((await page(office, 'limit=10&offset=10&count=true')).total).toBe(43);
    expect((await page(office, `limit=10&after=${first.nextCursor}&count=true&state=not_started`)).total).toBe(43);
    expect((await page(unitAdminA, 'limit=10&offset=10&count=true')).total).toBe(
      (await page(unitAdminA, 'limit=10')).total,
    );
  });
});
