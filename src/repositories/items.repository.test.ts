import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import type { ReadScope } from '../policies/policies.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildItem, buildWorld, TEST_NOW, testConfig, type World } from '../test/factories.ts';
import { type ItemListQuery, listItems } from './items.repository.ts';
import { insertUnit } from './units.repository.ts';

type Order = 'asc' | 'desc';
interface Row {
  id: number;
  unit_id: number;
  flagged: number;
  sort_order: number;
}

/**
 * Issue 14: the ledger's default 序号 order is unit, then 挂牌督办 first, then 序号 (and id); asked descending, only 序号
 * and id turn round. A page is read from a position in up to three index ranges (the rest of its unit-and-flag group,
 * the unit's unflagged items, the later units), so these walks put page boundaries on every row, on every group change
 * and on every unit change, by cursor and by offset, in both directions and under each kind of scope.
 */
describe.each(testDialects())('the ledger’s 序号 order on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  let rows: Row[];

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    const db = handle.db;
    const unitC = await insertUnit(
      db,
      { parentId: w.committee.id, name: '测试市教育局', code: 'T-C', kind: 'unit' },
      TEST_NOW,
    );
    const unitD = await insertUnit(
      db,
      { parentId: w.committee.id, name: '测试市民政局', code: 'T-D', kind: 'unit' },
      TEST_NOW,
    );
    // Per unit: how many flagged and unflagged items. B has no flagged ones, C nothing else; the world's three items
    // (A: 2, B: 1, unflagged) come on top. Sort orders repeat within a group, so ties fall to the id.
    const groups: [number, number, number][] = [
      [w.unitA.id, 3, 4],
      [w.unitB.id, 0, 5],
      [unitC.id, 4, 0],
      [unitD.id, 2, 3],
    ];
    const planned: { unitId: number; flagged: number; sortOrder: number }[] = [];
    for (const [unitId, flagged, plain] of groups) {
      for (let n = 0; n < flagged + plain; n++) {
        planned.push({ unitId, flagged: n < flagged ? 1 : 0, sortOrder: 1 + ((n * 7) % 4) });
      }
    }
    // Inserted out of order, so that neither the id nor the insertion order gives the answer away.
    for (let k = 0; k < planned.length; k++) {
      const { unitId, flagged, sortOrder } = planned[(k * 11) % planned.length];
      await buildItem(db, {
        inspection_id: w.inspectionA,
        unit_id: unitId,
        round_id: w.roundId,
        title: `排序事项 ${k}`,
        sort_order: sortOrder,
        flagged,
      });
    }
    rows = await db.selectFrom('items').select(['id', 'unit_id', 'flagged', 'sort_order']).execute();
    expect(rows).toHaveLength(planned.length + 3);
  });
  afterAll(() => handle.close());

  const expected = (order: Order, keep: (r: Row) => boolean = () => true) => {
    const sign = order === 'asc' ? 1 : -1;
    return rows
      .filter(keep)
      .sort(
        (a, b) =>
          a.unit_id - b.unit_id ||
          b.flagged - a.flagged ||
          sign * (a.sort_order - b.sort_order) ||
          sign * (a.id - b.id),
      )
      .map((r) => r.id);
  };

  const list = (extra: Partial<ItemListQuery>) =>
    listItems(handle.db, {
      scope: { kind: 'subtree', path: w.committee.path },
      filter: {},
      sort: 'number',
      order: 'asc',
      limit: 50,
      offset: 0,
      today: '2026-08-15',
      thresholds: testConfig().warnDays,
      ...extra,
    });

  const walkByCursor = async (query: Partial<ItemListQuery>, limit: number) => {
    const seen: number[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const page = await list({ ...query, limit, after });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) return seen;
      after = page.nextCursor;
    }
    throw new Error('the walk did not end');
  };
  const walkByOffset = async (query: Partial<ItemListQuery>, limit: number) => {
    const seen: number[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await list({ ...query, limit, offset });
      seen.push(...page.items.map((i) => i.id));
      if (page.items.length < limit) return seen;
    }
  };

  for (const order of ['asc', 'desc'] as const) {
    it(`orders ${order}: unit, flagged first, then 序号 and id ${order}; the first page is the head of it`, async () => {
      const all = expected(order);
      const page = await list({ order, limit: 100 });
      expect(page.items.map((i) => i.id)).toEqual(all);
      expect(page.total).toBe(all.length);
      // Units ascend and flagged items lead each unit whichever way 序号 runs.
      const units = page.items.map((i) => i.unitId);
      expect(units).toEqual([...units].sort((a, b) => a - b));
      expect((await list({ order, limit: 5 })).items.map((i) => i.id)).toEqual(all.slice(0, 5));
    });

    it(`walks every page by cursor and by offset to the whole order, ${order}`, async () => {
      const all = expected(order);
      for (const limit of [1, 2, 3, 4, 5, 7, all.length - 1, all.length, all.length + 1]) {
        expect(await walkByCursor({ order }, limit), `cursor, ${limit} a page`).toEqual(all);
        expect(await walkByOffset({ order }, limit), `offset, ${limit} a page`).toEqual(all);
      }
    });

    it(`starts a page exactly at each change of flag and of unit, ${order}`, async () => {
      const all = expected(order);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const changes = { flag: [] as number[], unit: [] as number[] };
      for (let p = 1; p < all.length; p++) {
        const [before, at] = [byId.get(all[p - 1]), byId.get(all[p])];
        if (before?.unit_id !== at?.unit_id) changes.unit.push(p);
        else if (before?.flagged !== at?.flagged) changes.flag.push(p);
      }
      expect(changes.unit).toHaveLength(3);
      expect(changes.flag).toHaveLength(2);
      for (const p of [...changes.unit, ...changes.flag]) {
        const head = await list({ order, limit: p });
        expect(head.items.map((i) => i.id)).toEqual(all.slice(0, p));
        const byCursor = await list({ order, limit: 3, after: head.nextCursor ?? undefined });
        expect(
          byCursor.items.map((i) => i.id),
          `cursor at ${p}`,
        ).toEqual(all.slice(p, p + 3));
        const byOffset = await list({ order, limit: 3, offset: p });
        expect(
          byOffset.items.map((i) => i.id),
          `offset ${p}`,
        ).toEqual(all.slice(p, p + 3));
      }
    });
  }

  it.each(['unit', 'team'] as const)('walks the same order within a %s’s scope', async (kind) => {
    // A unit's subtree is read as its unit ids listed (unit_id in (…)); a team's as its inspections (a subquery),
    // here inspection A, which holds items of every unit.
    const scope: ReadScope =
      kind === 'team' ? { kind: 'team', teamId: w.teamA } : { kind: 'subtree', path: w.unitA.path };
    const keep = (r: Row) => (kind === 'team' ? r.id !== w.itemB1 : r.unit_id === w.unitA.id);
    for (const order of ['asc', 'desc'] as const) {
      const all = expected(order, keep);
      expect(all.length).toBeGreaterThan(3);
      for (const limit of [1, 2, 3]) {
        expect(await walkByCursor({ scope, order }, limit), `${kind} ${order} ${limit}`).toEqual(all);
        expect(await walkByOffset({ scope, order }, limit), `${kind} ${order} ${limit}`).toEqual(all);
      }
    }
  });

  it('walks the order under a filter that empties whole groups (unflagged only)', async () => {
    for (const order of ['asc', 'desc'] as const) {
      const all = expected(order, (r) => r.flagged === 0);
      for (const limit of [1, 4]) {
        expect(await walkByCursor({ order, filter: { flagged: false } }, limit)).toEqual(all);
        expect(await walkByOffset({ order, filter: { flagged: false } }, limit)).toEqual(all);
      }
    }
  });

  it('keeps a sort the user picks as asked: by id, no grouping by unit', async () => {
    const byId = await list({ sort: 'id', order: 'desc', limit: 100 });
    expect(byId.items.map((i) => i.id)).toEqual(rows.map((r) => r.id).sort((a, b) => b - a));
  });

  it('refuses a cursor of the old 序号 order (no unit) or with a unit that is not an integer', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of [
      [1, 2, 1],
      [1, 2],
      [1, 2, 1, '3'],
      [1, 2, 2, 3],
      [1, 2, 1, 3.5],
    ]) {
      await expect(list({ after: cursor(bad) }), JSON.stringify(bad)).rejects.toMatchObject({ code: 'bad_cursor' });
    }
  });
});
