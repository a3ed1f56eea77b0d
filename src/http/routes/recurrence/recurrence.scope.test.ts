import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../../db/database.ts';
import { createTestApp, type TestApp } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import {
  buildInspection,
  buildItem,
  buildMeasure,
  buildUser,
  buildWorld,
  type World,
} from '../../../test/factories.ts';
import type { carriedOverResponses, commonProblemsResponses, repeatsResponses } from './recurrence.schema.ts';

type CarriedOver = Static<(typeof carriedOverResponses)[200]>;
type Repeats = Static<(typeof repeatsResponses)[200]>;
type CommonProblems = Static<(typeof commonProblemsResponses)[200]>;

const WITHHELD_TITLE = '公务用车管理不严问题线索';

/**
 * The attack of issue 11 (hole 4): the look-back views listed items outside the ledger's read scope, a department
 * another department's items and a team the 不宜公开 item of an inspection it did not make.
 */
describe.each(testDialects())('look-back views beside the ledger keep to its read scope on %s', (dialect) => {
  let handle: DatabaseHandle;
  let db: Db;
  let t: TestApp;
  let w: World;
  /** Unit A's second inspection, made by team B, into which items A1 (dept A1) and A2 (dept A2, 不宜公开) are carried. */
  let laterA: number;
  /** Dept A1's item of that inspection, titled like item A2 so that it repeats it. */
  let repeatOfA2: number;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    db = handle.db;
    w = await buildWorld(db);
    t = await createTestApp(handle);
    await db
      .updateTable('items')
      .set({ title: WITHHELD_TITLE, withheld_reason: '问题线索已移交，不宜公开' })
      .where('id', '=', w.itemA2)
      .execute();
    laterA = await buildInspection(db, {
      roundId: w.roundId,
      teamId: w.teamB,
      unitId: w.unitA.id,
      from: '2026-06-01',
      to: '2026-07-01',
    });
    repeatOfA2 = await buildItem(db, {
      inspection_id: laterA,
      unit_id: w.unitA.id,
      round_id: w.roundId,
      aspect_id: w.aspectIds[0],
      title: WITHHELD_TITLE,
      lead_department_id: w.deptA1.id,
    });
    await buildMeasure(db, repeatOfA2, { content: '整改', departmentId: w.deptA1.id });
    await buildUser(db, { username: 'teamb', role: 'team', unit: w.committee, teamId: w.teamB });
    const office = await t.login('office');
    expect((await office.post(`/api/inspections/${laterA}/carry-over`)).statusCode).toBe(200);
  });

  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const carried = async (user: string) => {
    const res = await (await t.login(user)).get(`/api/inspections/${laterA}/carried-over`);
    expect(res.statusCode).toBe(200);
    return res.json<CarriedOver>().items.map((i) => i.id);
  };
  const repeats = async (user: string) => {
    const res = await (await t.login(user)).get(`/api/inspections/${laterA}/repeats`);
    expect(res.statusCode).toBe(200);
    return res.json<Repeats>();
  };

  it('the office reads every carried item and the repeat (the baseline)', async () => {
    expect((await carried('office')).sort()).toEqual([w.itemA1, w.itemA2].sort());
    const { repeats: found } = await repeats('office');
    expect(found.map((r) => [r.item.id, r.earlier.map((e) => e.item.id)])).toEqual([[repeatOfA2, [w.itemA2]]]);
  });

  it('a department lists only the carried items it answers for', async () => {
    expect(await carried('depta1')).toEqual([w.itemA1]);
    expect(await carried('depta2')).toEqual([w.itemA2]);
  });

  it("a department sees no repeat whose earlier item is another department's", async () => {
    const body = await repeats('depta1');
    expect(JSON.stringify(body)).not.toContain(WITHHELD_TITLE);
    expect(body).toEqual({ repeats: [], itemIds: [] });
    // Dept A2 reads the earlier item but not the later one (dept A1's): no repeat either.
    expect(await repeats('depta2')).toEqual({ repeats: [], itemIds: [] });
  });

  it('a team never sees the 不宜公开 item of an inspection it did not make', async () => {
    expect(await carried('teamb')).toEqual([]);
    const body = await repeats('teamb');
    expect(JSON.stringify(body)).not.toContain('问题线索');
    expect(body).toEqual({ repeats: [], itemIds: [] });
  });

  it('a team lists supervision orders about items only when it may read the item', async () => {
    const office = await t.login('office');
    const created = await office.post('/api/supervision/orders', {
      targets: [{ unitId: w.unitA.id, itemId: w.itemA2 }, { unitId: w.unitA.id }],
      title: '督办：公务用车整改',
      content: '请于期限内报送整改情况',
      dueOn: '2026-09-30',
    });
    expect(created.statusCode, created.body).toBe(201);
    const [aboutItem, aboutUnit] = created.json<{ ids: number[] }>().ids;
    const res = await (await t.login('teamb')).get('/api/supervision/orders');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('问题线索');
    const ids = res.json<{ orders: { id: number }[] }>().orders.map((o) => o.id);
    expect(ids).not.toContain(aboutItem);
    expect(ids).toContain(aboutUnit);
    expect(
      (await (await t.login('teama')).get('/api/supervision/orders'))
        .json<{ orders: { id: number }[] }>()
        .orders.map((o) => o.id),
    ).toContain(aboutItem);
  });

  it("a department reads only its own items among the round's common problems", async () => {
    const res = await (await t.login('depta1')).get(`/api/rounds/${w.roundId}/common-problems?minUnits=1`);
    expect(res.statusCode).toBe(200);
    const ids = res.json<CommonProblems>().groups.flatMap((g) => g.members.map((m) => m.id));
    expect(ids).not.toContain(w.itemA2);
    expect(ids).not.toContain(w.itemB1);
  });
});
