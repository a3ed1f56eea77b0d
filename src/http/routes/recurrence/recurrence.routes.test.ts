import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../../db/database.ts';
import { insertItem } from '../../../repositories/items.repository.ts';
import { insertUnit } from '../../../repositories/units.repository.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildInspection, buildWorld, TEST_NOW, tableCounts, type World } from '../../../test/factories.ts';
import type { Created, ErrorBody } from '../../schemas.ts';
import type { ledgerPage } from '../items/items.schema.ts';
import type { roundList } from '../rounds/rounds.schema.ts';
import type {
  carriedOverResponses,
  carryOverResponses,
  commonProblemOrderResponses,
  commonProblemsResponses,
  repeatsResponses,
} from './recurrence.schema.ts';

type CarriedOver = Static<(typeof carriedOverResponses)[200]>;
type CarryOver = Static<(typeof carryOverResponses)[200]>;
type Repeats = Static<(typeof repeatsResponses)[200]>;
type CommonProblems = Static<(typeof commonProblemsResponses)[200]>;
type Ordered = Static<(typeof commonProblemOrderResponses)[201]>;
type LedgerPage = Static<typeof ledgerPage>;

interface ItemSpec {
  inspectionId: number;
  unitId: number;
  roundId: number;
  aspectId: number | null;
  title: string;
  state?: string;
  result?: string;
  deadline?: string | null;
}

function addItem(db: Db, spec: ItemSpec) {
  return insertItem(db, {
    inspection_id: spec.inspectionId,
    unit_id: spec.unitId,
    round_id: spec.roundId,
    aspect_id: spec.aspectId,
    problem_id: null,
    number: null,
    title: spec.title,
    description: null,
    suggestion: null,
    target: null,
    kind: 'deadline',
    deadline: spec.deadline ?? '2026-09-30',
    lead_department_id: null,
    responsible_leader: null,
    state: spec.state ?? 'in_progress',
    result: spec.result ?? 'not_completed',
    closed_on: spec.state === 'closed' ? '2026-08-01' : null,
    close_stage: null,
    close_requested_by: null,
    close_approved_by: null,
    withheld_reason: null,
  });
}

const setState = (db: Db, id: number, state: string, result: string) =>
  db.updateTable('items').set({ state, result }).where('id', '=', id).execute();

describe.each(testDialects())('recurrence routes on %s', (dialect) => {
  let handle: DatabaseHandle;
  let db: Db;
  let t: TestApp;
  // This file moves the clock; every test starts from the app's own moment whatever ran before it.
  afterEach(() => t?.resetClock());
  let w: World;
  let office: TestClient;
  /** Round 2 with an inspection of unit A that began after round 1's. */
  let round2: number;
  let aspect2: number;
  let team2: number;
  let inspectionA2: number;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    db = handle.db;
    w = await buildWorld(db);
    t = await createTestApp(handle);
    office = await t.login('office');
    // Item A1 (财务审批不规范) was completed and closed; A2 (公务用车管理不规范) is still open; B1 belongs to unit B.
    await setState(db, w.itemA1, 'closed', 'completed');
    const round = await office.post('/api/rounds', {
      committeeUnitId: w.committee.id,
      name: '十届市委第二轮巡察',
      startsOn: '2026-09-01',
      endsOn: '2026-11-30',
      aspects: ['党的领导方面', '作风建设方面'],
    });
    expect(round.statusCode).toBe(201);
    round2 = round.json<Created>().id;
    const { rounds } = (await office.get('/api/rounds')).json<Static<typeof roundList>>();
    aspect2 = rounds.find((r) => r.id === round2)?.aspects[0].id as number;
    team2 = (
      await office.post('/api/teams', { roundId: round2, name: '市委第三巡察组', leaderName: null })
    ).json<Created>().id;
  });

  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  describe('carry-over', () => {
    it('carries the open items of the unit when its next inspection is created, and only those', async () => {
      const created = await office.post('/api/inspections', {
        roundId: round2,
        teamId: team2,
        unitId: w.unitA.id,
        kind: 'regular',
        from: '2026-09-05',
        to: '2026-10-20',
      });
      expect(created.statusCode).toBe(201);
      inspectionA2 = created.json<Created>().id;
      const res = await office.get(`/api/inspections/${inspectionA2}/carried-over`);
      expect(res.statusCode).toBe(200);
      const { items } = res.json<CarriedOver>();
      expect(items.map((i) => i.id)).toEqual([w.itemA2]);
      expect(items[0]).toMatchObject({
        title: '公务用车管理不严',
        inspectionId: w.inspectionA,
        roundId: w.roundId,
        round: '十届市委第一轮巡察',
        state: 'not_started',
        deadline: '2026-08-31',
        overdue: false,
      });
      const audit = await db
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'inspection.carry_over')
        .where('entity_id', '=', inspectionA2)
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0].after_json ?? '{}')).toEqual({ itemIds: [w.itemA2] });
    });

    it('marks a carried item overdue once its deadline has passed', async () => {
      t.clock.now = new Date('2026-09-10T02:00:00Z');
      try {
        const later = await t.login('office');
        const { items } = (await later.get(`/api/inspections/${inspectionA2}/carried-over`)).json<CarriedOver>();
        expect(items[0].overdue).toBe(true);
      } finally {
        t.clock.now = new Date('2026-08-15T02:00:00Z');
      }
    });

    it('is idempotent: running it again adds and audits nothing', async () => {
      const before = await tableCounts(db);
      const res = await office.post(`/api/inspections/${inspectionA2}/carry-over`);
      expect(res.statusCode).toBe(200);
      expect(res.json<CarryOver>()).toEqual({ added: 0, itemIds: [] });
      expect(await tableCounts(db)).toEqual(before);
    });

    it('adds an item reopened since, and a closed but only partly completed one', async () => {
      await setState(db, w.itemA1, 'closed', 'partially_completed');
      const res = await office.post(`/api/inspections/${inspectionA2}/carry-over`);
      expect(res.json<CarryOver>()).toEqual({ added: 1, itemIds: [w.itemA1] });
      const ids = (await office.get(`/api/inspections/${inspectionA2}/carried-over`))
        .json<CarriedOver>()
        .items.map((i) => i.id);
      expect(ids.sort()).toEqual([w.itemA1, w.itemA2].sort());
      expect(ids).not.toContain(w.itemB1);
    });

    it('shows carried items in the ledger of the new inspection when asked (includeCarriedOver)', async () => {
      const ids = async (client: TestClient, query: string) =>
        (await client.get(`/api/items?${query}`))
          .json<LedgerPage>()
          .items.map((i) => i.id)
          .sort();
      expect(await ids(office, `inspectionId=${inspectionA2}`)).toEqual([]);
      const withCarried = await ids(office, `inspectionId=${inspectionA2}&includeCarriedOver=true`);
      expect(withCarried).toEqual([w.itemA1, w.itemA2].sort());
      expect(await ids(office, `inspectionId=${inspectionA2}&includeCarriedOver=false`)).toEqual([]);
      const total = (
        await office.get(`/api/items?inspectionId=${inspectionA2}&includeCarriedOver=true`)
      ).json<LedgerPage>().total;
      expect(total).toBe(2);
      // Access is the item's own: unit B's leader sees none of them.
      const leaderB = await t.login('leaderb');
      expect(await ids(leaderB, `inspectionId=${inspectionA2}&includeCarriedOver=true`)).toEqual([]);
      expect((await office.get(`/api/items?inspectionId=${inspectionA2}&includeCarriedOver=maybe`)).statusCode).toBe(
        400,
      );
    });

    it('carries nothing into a first inspection, and nothing of another unit', async () => {
      const res = await office.post(`/api/inspections/${w.inspectionB}/carry-over`);
      expect(res.json<CarryOver>()).toEqual({ added: 0, itemIds: [] });
      expect((await office.get(`/api/inspections/${w.inspectionB}/carried-over`)).json<CarriedOver>().items).toEqual(
        [],
      );
    });

    it('is run by the office only, and hides other trees', async () => {
      const adminA = await t.login('unitadmina');
      const leaderB = await t.login('leaderb');
      const teamA = await t.login('teama');
      const before = await tableCounts(db);
      expect((await adminA.post(`/api/inspections/${inspectionA2}/carry-over`)).statusCode).toBe(403);
      expect((await leaderB.post(`/api/inspections/${inspectionA2}/carry-over`)).statusCode).toBe(404);
      expect((await office.post('/api/inspections/999999/carry-over')).statusCode).toBe(404);
      expect((await leaderB.get(`/api/inspections/${inspectionA2}/carried-over`)).statusCode).toBe(404);
      expect((await teamA.get(`/api/inspections/${inspectionA2}/carried-over`)).statusCode).toBe(404);
      expect((await adminA.get(`/api/inspections/${inspectionA2}/carried-over`)).statusCode).toBe(200);
      expect((await office.get('/api/inspections/abc/carried-over')).statusCode).toBe(400);
      expect(await tableCounts(db)).toEqual(before);
    });
  });

  describe('repeats (屡查屡犯)', () => {
    let repeatId: number;
    let freshId: number;
    let otherUnitsTitleId: number;

    beforeAll(async () => {
      const base = { inspectionId: inspectionA2, unitId: w.unitA.id, roundId: round2, aspectId: aspect2 };
      repeatId = await addItem(db, { ...base, title: '（一）公务用车使用管理不规范' });
      freshId = await addItem(db, { ...base, title: '食堂管理混乱' });
      otherUnitsTitleId = await addItem(db, { ...base, title: '医疗设备采购程序不规范' });
    });

    it('flags an item like an earlier one of the same unit, with its round and similarity', async () => {
      const res = await office.get(`/api/inspections/${inspectionA2}/repeats`);
      expect(res.statusCode).toBe(200);
      const body = res.json<Repeats>();
      expect(body.itemIds).toEqual([repeatId]);
      expect(body.repeats[0].item.id).toBe(repeatId);
      expect(body.repeats[0].earlier).toHaveLength(1);
      expect(body.repeats[0].earlier[0].item).toMatchObject({ id: w.itemA2, round: '十届市委第一轮巡察' });
      expect(body.repeats[0].earlier[0].similarity).toBeGreaterThan(0.45);
      expect(body.itemIds).not.toContain(freshId);
      // The same title in unit B is not unit A's repeat.
      expect(body.itemIds).not.toContain(otherUnitsTitleId);
    });

    it('obeys a stricter threshold and hides other trees', async () => {
      const strict = await office.get(`/api/inspections/${inspectionA2}/repeats?threshold=0.95`);
      expect(strict.json<Repeats>().itemIds).toEqual([]);
      expect((await office.get(`/api/inspections/${inspectionA2}/repeats?threshold=5`)).statusCode).toBe(400);
      const leaderB = await t.login('leaderb');
      expect((await leaderB.get(`/api/inspections/${inspectionA2}/repeats`)).statusCode).toBe(404);
    });
  });

  describe('common problems (举一反三)', () => {
    let unitC: number;
    let itemsByTitle: Record<string, number>;

    beforeAll(async () => {
      const c = await insertUnit(
        db,
        { parentId: w.committee.id, name: '测试市住房和城乡建设局', code: 'T-C', kind: 'unit' },
        TEST_NOW,
      );
      unitC = c.id;
      const inspectionC = await buildInspection(db, { roundId: w.roundId, teamId: w.teamB, unitId: unitC });
      const [first, second] = w.aspectIds;
      const inB = { inspectionId: w.inspectionB, unitId: w.unitB.id, roundId: w.roundId };
      const inC = { inspectionId: inspectionC, unitId: unitC, roundId: w.roundId };
      itemsByTitle = {
        carB: await addItem(db, { ...inB, aspectId: first, title: '公务用车使用管理不规范', deadline: '2026-08-01' }),
        carB2: await addItem(db, {
          ...inB,
          aspectId: first,
          title: '公务用车管理不够规范。',
          state: 'closed',
          result: 'completed',
        }),
        carC: await addItem(db, { ...inC, aspectId: first, title: '公务用车管理不规范' }),
        carOtherAspect: await addItem(db, { ...inC, aspectId: second, title: '公务用车管理不规范' }),
        carOtherAspect2: await addItem(db, { ...inC, aspectId: second, title: '公务用车使用管理不规范' }),
        financeB: await addItem(db, { ...inB, aspectId: first, title: '财务审批程序不规范' }),
        canteenC: await addItem(db, { ...inC, aspectId: first, title: '食堂管理混乱' }),
      };
    });

    it('groups similar items within an aspect across units, most widely shared first, with each unit’s standing', async () => {
      const res = await office.get(`/api/rounds/${w.roundId}/common-problems`);
      expect(res.statusCode).toBe(200);
      const { groups } = res.json<CommonProblems>();
      expect(groups.map((g) => g.unitCount)).toEqual([3, 2]);
      const [cars, finance] = groups;
      expect(cars.label).toBe('公务用车管理不规范');
      expect(cars.aspectId).toBe(w.aspectIds[0]);
      expect(cars.aspect).toBe('党的领导方面');
      expect(cars.key).toBe(`${w.aspectIds[0]}-${w.itemA2}`);
      expect(cars.members.map((m) => m.id).sort()).toEqual(
        [w.itemA2, itemsByTitle.carB, itemsByTitle.carB2, itemsByTitle.carC].sort(),
      );
      expect(cars.members.map((m) => m.id)).not.toContain(itemsByTitle.carOtherAspect);
      const byUnit = Object.fromEntries(cars.units.map((u) => [u.unitId, u]));
      expect(byUnit[w.unitB.id]).toMatchObject({ open: 1, closed: 1, overdue: 1 });
      expect(byUnit[unitC]).toMatchObject({ open: 1, closed: 0, overdue: 0 });
      expect(byUnit[w.unitA.id]).toMatchObject({ open: 1, closed: 0, overdue: 0 });
      expect(cars.members.find((m) => m.id === itemsByTitle.carB)?.overdue).toBe(true);
      expect(finance.members.map((m) => m.id).sort()).toEqual([w.itemA1, itemsByTitle.financeB].sort());
      expect(groups.flatMap((g) => g.members.map((m) => m.id))).not.toContain(itemsByTitle.canteenC);
    });

    it('lets minUnits include problems of one unit, and narrows to what the reader may see', async () => {
      const all = (await office.get(`/api/rounds/${w.roundId}/common-problems?minUnits=1`)).json<CommonProblems>()
        .groups;
      expect(all).toHaveLength(3);
      expect(all[2]).toMatchObject({ unitCount: 1, itemCount: 2, aspectId: w.aspectIds[1] });
      const teamA = await t.login('teama');
      const seenByTeamA = (await teamA.get(`/api/rounds/${w.roundId}/common-problems`)).json<CommonProblems>().groups;
      expect(seenByTeamA).toEqual([]);
      const leaderB = await t.login('leaderb');
      const ownB = (await leaderB.get(`/api/rounds/${w.roundId}/common-problems?minUnits=1`)).json<CommonProblems>()
        .groups;
      for (const g of ownB) for (const m of g.members) expect(m.unitId).toBe(w.unitB.id);
      expect((await office.get('/api/rounds/999999/common-problems')).statusCode).toBe(404);
      expect((await office.get(`/api/rounds/${w.roundId}/common-problems?minUnits=0`)).statusCode).toBe(400);
    });

    it('sends one supervision order to each unit sharing the problem, audited', async () => {
      const key = `${w.aspectIds[0]}-${w.itemA2}`;
      const before = await tableCounts(db);
      const res = await office.post(`/api/rounds/${w.roundId}/common-problems/orders`, {
        groupKey: key,
        title: '举一反三整改公务用车管理问题',
        content: '请对照共性问题全面自查，举一反三抓好整改。',
        dueOn: '2026-09-30',
      });
      expect(res.statusCode).toBe(201);
      const body = res.json<Ordered>();
      expect(body.ids).toHaveLength(3);
      expect(body.unitIds.sort()).toEqual([w.unitA.id, w.unitB.id, unitC].sort());
      const orders = await db
        .selectFrom('supervision_orders')
        .select(['unit_id', 'title'])
        .where('batch', '=', body.batch)
        .execute();
      expect(orders.map((o) => o.unit_id).sort()).toEqual(body.unitIds.sort());
      const after = await tableCounts(db);
      expect(after.supervision_orders - before.supervision_orders).toBe(3);
      expect(after.audit_events).toBeGreaterThan(before.audit_events);
    });

    it('sends to the units of the items named, and refuses bad requests with nothing written', async () => {
      const teamA = await t.login('teama');
      const before = await tableCounts(db);
      const url = `/api/rounds/${w.roundId}/common-problems/orders`;
      const order = { title: '督办', content: '请整改', dueOn: '2026-09-30' };
      const ofRound2 = await db
        .selectFrom('items')
        .select('id')
        .where('round_id', '=', round2)
        .executeTakeFirstOrThrow();
      const refusals: [string, TestClient, unknown, number, string][] = [
        [
          'an item of another round',
          office,
          { ...order, itemIds: [itemsByTitle.carB, ofRound2.id] },
          400,
          'item_outside_round',
        ],
        [
          'an unknown item',
          office,
          { ...order, itemIds: [itemsByTitle.carB, w.itemA2, 999999] },
          400,
          'item_outside_round',
        ],
        ['unknown group', office, { ...order, groupKey: '1-999999' }, 400, 'unknown_group'],
        ['both group and items', office, { ...order, groupKey: '1-1', itemIds: [w.itemA2] }, 400, 'group_or_items'],
        ['neither', office, order, 400, 'group_or_items'],
        [
          'a due date in the past',
          office,
          { ...order, itemIds: [w.itemA2, itemsByTitle.carB], dueOn: '2026-01-01' },
          400,
          'due_in_past',
        ],
        ['no title', office, { ...order, title: '', itemIds: [w.itemA2] }, 400, 'validation'],
      ];
      for (const [name, client, body, status, code] of refusals) {
        const res = await client.post(url, body);
        expect(res.statusCode, name).toBe(status);
        expect(res.json<ErrorBody>().error.code, name).toBe(code);
      }
      expect((await teamA.post(url, { ...order, itemIds: [w.itemA2] })).statusCode).toBe(403);
      expect(await tableCounts(db)).toEqual(before);

      const ok = await office.post(url, { ...order, itemIds: [w.itemA1, itemsByTitle.financeB] });
      expect(ok.statusCode).toBe(201);
      expect(ok.json<Ordered>().unitIds.sort()).toEqual([w.unitA.id, w.unitB.id].sort());
    });
  });
});
