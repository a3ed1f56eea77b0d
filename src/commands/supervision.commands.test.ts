import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, tableCounts, type World, worldContext } from '../test/factories.ts';
import { createSupervisionOrders } from './supervision.commands.ts';

describe.each(testDialects())('createSupervisionOrders on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
  });
  afterAll(() => handle.close());

  it('sends one order to several targets at once and can flag the items', async () => {
    const ctx = worldContext(handle.db, world, 'office');
    const { batch, ids } = await createSupervisionOrders(ctx, {
      targets: [{ unitId: world.unitA.id, itemId: world.itemA1 }, { unitId: world.unitB.id }],
      title: '加快整改进度',
      content: '请于期限内报送整改情况',
      dueOn: '2026-09-01',
      flagItems: true,
    });
    expect(ids).toHaveLength(2);
    expect(batch).toMatch(/-/);
    const item = await handle.db
      .selectFrom('items')
      .select('flagged')
      .where('id', '=', world.itemA1)
      .executeTakeFirstOrThrow();
    expect(item.flagged).toBe(1);
  });

  it('writes nothing when one target of many is refused', async () => {
    const ctx = worldContext(handle.db, world, 'office');
    const before = await tableCounts(handle.db);
    await expect(
      createSupervisionOrders(ctx, {
        targets: [{ unitId: world.unitA.id }, { unitId: world.unitB.id, itemId: world.itemA1 }],
        title: '督办',
        content: '内容',
        dueOn: '2026-09-01',
      }),
    ).rejects.toMatchObject({ code: 'item_outside_unit' });
    expect(await tableCounts(handle.db)).toEqual(before);
  });
});
