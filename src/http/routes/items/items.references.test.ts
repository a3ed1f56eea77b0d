import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../../db/database.ts';
import { insertProblem } from '../../../repositories/inspections.repository.ts';
import { insertAspect } from '../../../repositories/rounds.repository.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_NOW, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { itemDetail, ledgerPage } from './items.schema.ts';

type ItemDetail = Static<typeof itemDetail>;
type LedgerPage = Static<typeof ledgerPage>;

/**
 * The attack of issue 11 (hole 5): a unit's administrator pointed its own item at another unit's problem (and at an
 * aspect of another round), then read the problem's title through its own item. Every reference in an item's body must
 * belong to the item's inspection and round; a refused one changes nothing.
 */
describe.each(testDialects())('item references stay within the item’s inspection and round on %s', (dialect) => {
  let handle: DatabaseHandle;
  let db: Db;
  let t: TestApp;
  let w: World;
  let unitAdminB: TestClient;
  let otherRoundAspect: number;
  let problemB: number;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    db = handle.db;
    w = await buildWorld(db);
    t = await createTestApp(handle);
    unitAdminB = await t.login('unitadminb');
    const office = await t.login('office');
    const round = await office.post('/api/rounds', {
      committeeUnitId: w.committee.id,
      name: '十届市委第二轮巡察',
      startsOn: '2026-09-01',
      endsOn: '2026-11-30',
      aspects: ['党的领导方面'],
    });
    expect(round.statusCode).toBe(201);
    otherRoundAspect = (await insertAspect(db, round.json<{ id: number }>().id, '作风建设方面')).id;
    problemB = await insertProblem(
      db,
      {
        inspectionId: w.inspectionB,
        aspectId: w.aspectIds[1],
        number: '1',
        title: '医院党委主体责任落实不到位',
        description: null,
      },
      TEST_NOW,
    );
  });

  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const refusedUnchanged = async (
    client: TestClient,
    itemId: number,
    body: Record<string, unknown>,
    status: number,
    code: string,
  ) => {
    const before = (await client.get(`/api/items/${itemId}`)).json<ItemDetail>();
    const counts = await tableCounts(db);
    const res = await client.patch(`/api/items/${itemId}`, { version: before.version, ...body });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json<ErrorBody>().error.code).toBe(code);
    expect(res.body).not.toContain('落实主体责任有差距');
    expect((await client.get(`/api/items/${itemId}`)).json<ItemDetail>()).toEqual(before);
    const ledger = (await client.get('/api/items')).json<LedgerPage>();
    expect(JSON.stringify(ledger)).not.toContain('落实主体责任有差距');
    expect(await tableCounts(db)).toEqual(counts);
  };

  it("refuses another unit's problem (the attack), and changes nothing", async () => {
    await refusedUnchanged(unitAdminB, w.itemB1, { problemId: w.problemA }, 400, 'problem_outside_inspection');
  });

  it('refuses a problem that does not exist with 404', async () => {
    await refusedUnchanged(unitAdminB, w.itemB1, { problemId: 999_999 }, 404, 'not_found');
  });

  it('refuses an aspect of another round', async () => {
    await refusedUnchanged(unitAdminB, w.itemB1, { aspectId: otherRoundAspect }, 400, 'aspect_outside_round');
  });

  it('refuses an aspect that does not exist with 404', async () => {
    await refusedUnchanged(unitAdminB, w.itemB1, { aspectId: 999_999 }, 404, 'not_found');
  });

  it("refuses another unit's department as lead department", async () => {
    await refusedUnchanged(unitAdminB, w.itemB1, { leadDepartmentId: w.deptA1.id }, 400, 'department_outside_unit');
  });

  it('accepts a problem of its own inspection and an aspect of its own round, and clears them again', async () => {
    const before = (await unitAdminB.get(`/api/items/${w.itemB1}`)).json<ItemDetail>();
    const res = await unitAdminB.patch(`/api/items/${w.itemB1}`, {
      version: before.version,
      problemId: problemB,
      aspectId: w.aspectIds[1],
    });
    expect(res.statusCode, res.body).toBe(204);
    const row = (await unitAdminB.get(`/api/items?inspectionId=${w.inspectionB}`))
      .json<LedgerPage>()
      .items.find((i) => i.id === w.itemB1);
    expect(row).toMatchObject({ problemId: problemB, problem: '医院党委主体责任落实不到位', aspectId: w.aspectIds[1] });
    const after = (await unitAdminB.get(`/api/items/${w.itemB1}`)).json<ItemDetail>();
    const cleared = await unitAdminB.patch(`/api/items/${w.itemB1}`, { version: after.version, problemId: null });
    expect(cleared.statusCode, cleared.body).toBe(204);
  });
});
