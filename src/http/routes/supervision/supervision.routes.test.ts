import { sql } from 'kysely';
import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { DEFAULT_CHECKLIST } from '../../../domain/evaluation.ts';
import { listAuditEvents } from '../../../repositories/audit.repository.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { Created, ErrorBody } from '../../schemas.ts';
import type { overviewResponse } from '../dashboard/dashboard.schema.ts';
import type { ledgerPage } from '../items/items.schema.ts';
import type {
  checklistResponses,
  createdOrdersResponses,
  evaluationResponses,
  evaluationsResponses,
  lookbackResponses,
  lookbacksResponses,
  orderResponses,
  ordersResponses,
} from './supervision.schema.ts';

type Sent = Static<(typeof createdOrdersResponses)[201]>;
type Orders = Static<(typeof ordersResponses)[200]>;
type Order = Static<(typeof orderResponses)[200]>;
type Lookbacks = Static<(typeof lookbacksResponses)[200]>;
type Lookback = Static<(typeof lookbackResponses)[200]>;
type Evaluation = Static<(typeof evaluationResponses)[200]>;
type Evaluations = Static<(typeof evaluationsResponses)[200]>;

const order = (targets: { unitId: number; itemId?: number }[], extra: Record<string, unknown> = {}) => ({
  targets,
  title: '加快推进整改',
  content: '请于期限内报送整改进展和佐证材料',
  dueOn: '2026-09-01',
  ...extra,
});

const checklist = (deductions: Record<string, number> = {}) =>
  DEFAULT_CHECKLIST.map((e) => ({
    key: e.key,
    label: e.label,
    points: e.points,
    deduction: deductions[e.key] ?? 0,
    note: null,
  }));

describe.each(testDialects())('supervision on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  let t: TestApp;
  // This file moves the clock; every test starts from the app's own moment whatever ran before it.
  afterEach(() => t?.resetClock());
  let office: TestClient;
  let supervisor: TestClient;
  let unitAdminA: TestClient;
  let leaderA: TestClient;
  let unitAdminB: TestClient;
  let deptA1: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    supervisor = await t.login('supervisor');
    unitAdminA = await t.login('unitadmina');
    leaderA = await t.login('leadera');
    unitAdminB = await t.login('unitadminb');
    deptA1 = await t.login('depta1');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const closeItem = (itemId: number, closedOn = '2026-08-10') =>
    handle.db.updateTable('items').set({ state: 'closed', closed_on: closedOn }).where('id', '=', itemId).execute();

  describe('orders', () => {
    it('sends one order to two units, the unit answers, the office returns it, it is answered again and closed', async () => {
      const sent = await office.post(
        '/api/supervision/orders',
        order([{ unitId: world.unitA.id, itemId: world.itemA2 }, { unitId: world.unitB.id }], { flagItems: true }),
      );
      expect(sent.statusCode).toBe(201);
      const { ids, batch } = sent.json<Sent>();
      expect(ids).toHaveLength(2);
      const [toA, toB] = ids;

      const officeList = (await office.get('/api/supervision/orders')).json<Orders>().orders;
      expect(officeList.filter((o) => o.batch === batch)).toHaveLength(2);
      const aList = (await unitAdminA.get('/api/supervision/orders')).json<Orders>().orders;
      expect(aList.map((o) => o.id)).toEqual([toA]);
      expect(aList[0]).toMatchObject({ unit: world.unitA.name, itemId: world.itemA2, status: 'open', overdue: false });
      // The order is about itemA2, which is deptA2's: deptA2 reads it, deptA1 (same unit, not its item) does not.
      const deptA2 = await t.login('depta2');
      expect((await deptA2.get('/api/supervision/orders')).json<Orders>().orders.map((o) => o.id)).toEqual([toA]);
      expect((await deptA1.get('/api/supervision/orders')).json<Orders>().orders).toEqual([]);
      // An order to the unit as a whole reaches every department of it.
      const toWholeA = (await office.post('/api/supervision/orders', order([{ unitId: world.unitA.id }]))).json<Sent>()
        .ids[0];
      expect((await deptA1.get('/api/supervision/orders')).json<Orders>().orders.map((o) => o.id)).toEqual([toWholeA]);
      const flagged = await handle.db
        .selectFrom('items')
        .select('flagged')
        .where('id', '=', world.itemA2)
        .executeTakeFirstOrThrow();
      expect(flagged.flagged).toBe(1);

      const answered = await unitAdminA.post(`/api/supervision/orders/${toA}/answer`, {
        answer: '已制定整改时间表，本月底前完成',
        version: 1,
      });
      expect(answered.statusCode).toBe(200);
      expect(answered.json<Order>()).toMatchObject({
        status: 'answered',
        answeredOn: '2026-08-15',
        answeredByName: 'unitAdminA',
      });

      const returned = await office.post(`/api/supervision/orders/${toA}/return`, {
        reason: '请补充佐证材料',
        version: 2,
      });
      expect(returned.json<Order>()).toMatchObject({ status: 'returned', returnReason: '请补充佐证材料' });
      const again = await leaderA.post(`/api/supervision/orders/${toA}/answer`, { answer: '已补充', version: 3 });
      expect(again.json<Order>()).toMatchObject({ status: 'answered', answer: '已补充' });
      const closed = await office.post(`/api/supervision/orders/${toA}/close`, { version: 4 });
      expect(closed.json<Order>()).toMatchObject({ status: 'closed', closedOn: '2026-08-15' });

      const events = await listAuditEvents(handle.db, { entity: 'supervision_order', entityId: toA, limit: 100 });
      expect(events.map((e) => e.action).sort()).toEqual(
        [
          'supervision_order.create',
          'supervision_order.answer',
          'supervision_order.return',
          'supervision_order.answer',
          'supervision_order.close',
        ].sort(),
      );

      // Past its due date an unanswered order is overdue, derived from the clock.
      t.clock.now = new Date('2026-09-05T02:00:00Z');
      const officeLater = await t.login('office2');
      const later = (await officeLater.get('/api/supervision/orders?overdue=true')).json<Orders>().orders;
      expect(later.map((o) => o.id)).toEqual([toB, toWholeA]);
      t.clock.now = new Date('2026-08-15T02:00:00Z');
    });

    it('refuses bad input and wrong actors and changes nothing', async () => {
      const { ids } = (await office.post('/api/supervision/orders', order([{ unitId: world.unitA.id }]))).json<Sent>();
      const id = ids[0];
      const before = await tableCounts(handle.db);
      const post = (client: TestClient, url: string, body: unknown) => () => client.post(url, body);
      const cases: Refusal[] = [
        ['no targets', post(office, '/api/supervision/orders', order([])), 400, 'validation'],
        [
          'blank title',
          post(office, '/api/supervision/orders', order([{ unitId: world.unitA.id }], { title: '  ' })),
          400,
          'required',
        ],
        [
          'no content',
          post(office, '/api/supervision/orders', { ...order([{ unitId: world.unitA.id }]), content: undefined }),
          400,
          'validation',
        ],
        [
          'bad date',
          post(office, '/api/supervision/orders', order([{ unitId: world.unitA.id }], { dueOn: '2026-02-30' })),
          400,
          'validation',
        ],
        [
          'past date',
          post(office, '/api/supervision/orders', order([{ unitId: world.unitA.id }], { dueOn: '2026-08-01' })),
          400,
          'due_in_past',
        ],
        [
          'duplicate target',
          post(office, '/api/supervision/orders', order([{ unitId: world.unitA.id }, { unitId: world.unitA.id }])),
          400,
          'duplicate_target',
        ],
        [
          'a department as target',
          post(office, '/api/supervision/orders', order([{ unitId: world.deptA1.id }])),
          400,
          'not_inspected_unit',
        ],
        [
          'item of another unit (second target)',
          post(
            office,
            '/api/supervision/orders',
            order([{ unitId: world.unitA.id }, { unitId: world.unitB.id, itemId: world.itemA1 }]),
          ),
          400,
          'item_outside_unit',
        ],
        ['unknown unit', post(office, '/api/supervision/orders', order([{ unitId: 99999 }])), 404, 'not_found'],
        [
          'unknown item',
          post(office, '/api/supervision/orders', order([{ unitId: world.unitA.id, itemId: 99999 }])),
          404,
          'not_found',
        ],
        [
          'extra field',
          post(office, '/api/supervision/orders', order([{ unitId: world.unitA.id }], { priority: 1 })),
          400,
          'validation',
        ],
        [
          'supervisor sends',
          post(supervisor, '/api/supervision/orders', order([{ unitId: world.unitA.id }])),
          403,
          'forbidden',
        ],
        [
          'unit sends',
          post(unitAdminA, '/api/supervision/orders', order([{ unitId: world.unitA.id }])),
          403,
          'forbidden',
        ],
        [
          'unit sends to another tree',
          post(unitAdminB, '/api/supervision/orders', order([{ unitId: world.unitA.id }])),
          404,
          'not_found',
        ],
        [
          'other unit answers',
          post(unitAdminB, `/api/supervision/orders/${id}/answer`, { answer: '已办', version: 1 }),
          404,
          'not_found',
        ],
        [
          'department answers',
          post(deptA1, `/api/supervision/orders/${id}/answer`, { answer: '已办', version: 1 }),
          403,
          'forbidden',
        ],
        [
          'supervisor answers',
          post(supervisor, `/api/supervision/orders/${id}/answer`, { answer: '已办', version: 1 }),
          403,
          'forbidden',
        ],
        [
          'blank answer',
          post(unitAdminA, `/api/supervision/orders/${id}/answer`, { answer: ' ', version: 1 }),
          400,
          'required',
        ],
        [
          'stale answer',
          post(unitAdminA, `/api/supervision/orders/${id}/answer`, { answer: '已办', version: 7 }),
          409,
          'stale_version',
        ],
        [
          'close before answer',
          post(office, `/api/supervision/orders/${id}/close`, { version: 1 }),
          409,
          'invalid_status',
        ],
        [
          'return before answer',
          post(office, `/api/supervision/orders/${id}/return`, { reason: '补充', version: 1 }),
          409,
          'invalid_status',
        ],
        ['unit closes', post(unitAdminA, `/api/supervision/orders/${id}/close`, { version: 1 }), 403, 'forbidden'],
        [
          'supervisor closes',
          post(supervisor, `/api/supervision/orders/${id}/close`, { version: 1 }),
          403,
          'forbidden',
        ],
        [
          'return without reason',
          post(office, `/api/supervision/orders/${id}/return`, { version: 1 }),
          400,
          'validation',
        ],
        ['unknown order', post(office, '/api/supervision/orders/99999/close', { version: 1 }), 404, 'not_found'],
        ['bad status filter', () => office.get('/api/supervision/orders?status=lost'), 400, 'validation'],
      ];
      await expectRefusals(cases, expect);
      expect(await tableCounts(handle.db)).toEqual(before);
      expect((await supervisor.get('/api/supervision/orders')).statusCode).toBe(200);
    });
  });

  describe('look-backs', () => {
    it('a rebound reopens the item with the finding, in the same change', async () => {
      await closeItem(world.itemA1);
      const scheduled = await office.post(`/api/items/${world.itemA1}/lookbacks`, {});
      expect(scheduled.statusCode).toBe(201);
      const id = scheduled.json<Created>().id;
      const listed = (await office.get('/api/supervision/lookbacks?status=scheduled')).json<Lookbacks>().lookbacks;
      expect(listed.find((l) => l.id === id)).toMatchObject({
        dueOn: '2026-11-08',
        itemId: world.itemA1,
      });

      const before = await handle.db
        .selectFrom('items')
        .selectAll()
        .where('id', '=', world.itemA1)
        .executeTakeFirstOrThrow();
      const result = await office.post(`/api/lookbacks/${id}/result`, {
        outcome: 'rebound',
        finding: '公务卡报销仍有未按规定审批的情况',
        version: 1,
      });
      expect(result.statusCode).toBe(200);
      expect(result.json<Lookback>()).toMatchObject({ status: 'rebound', itemState: 'in_progress' });
      const after = await handle.db
        .selectFrom('items')
        .selectAll()
        .where('id', '=', world.itemA1)
        .executeTakeFirstOrThrow();
      expect(after).toMatchObject({ state: 'in_progress', closed_on: null, reopened_count: before.reopened_count + 1 });
      const itemEvents = await listAuditEvents(handle.db, { entity: 'item', entityId: world.itemA1, limit: 100 });
      const reopen = itemEvents.find((e) => e.action === 'item.reopen');
      expect(reopen?.after).toMatchObject({ state: 'in_progress', note: '公务卡报销仍有未按规定审批的情况' });
      const review = await handle.db
        .selectFrom('close_reviews')
        .selectAll()
        .where('item_id', '=', world.itemA1)
        .where('event', '=', 'reopen')
        .executeTakeFirstOrThrow();
      expect(review.note).toBe('公务卡报销仍有未按规定审批的情况');
      const lbEvents = await listAuditEvents(handle.db, { entity: 'lookback', entityId: id, limit: 100 });
      expect(lbEvents.map((e) => e.action).sort()).toEqual(['lookback.rebound', 'lookback.schedule']);
    });

    it('records a held look-back on a chosen date and keeps the item closed', async () => {
      await closeItem(world.itemB1, '2026-08-01');
      const id = (await office.post(`/api/items/${world.itemB1}/lookbacks`, { dueOn: '2026-10-01' })).json<Created>()
        .id;
      const held = await office.post(`/api/lookbacks/${id}/result`, { outcome: 'held', version: 1 });
      expect(held.json<Lookback>()).toMatchObject({ status: 'held', itemState: 'closed', recordedOn: '2026-08-15' });
      expect(
        (await unitAdminB.get('/api/supervision/lookbacks')).json<Lookbacks>().lookbacks.map((l) => l.id),
      ).toContain(id);
      expect(
        (await unitAdminA.get('/api/supervision/lookbacks')).json<Lookbacks>().lookbacks.map((l) => l.id),
      ).not.toContain(id);
    });

    it('refuses bad input and wrong actors and changes nothing', async () => {
      await closeItem(world.itemA2, '2026-08-12');
      const id = (await office.post(`/api/items/${world.itemA2}/lookbacks`, { afterDays: 30 })).json<Created>().id;
      const open = (
        await handle.db.selectFrom('items').select('id').where('state', '!=', 'closed').executeTakeFirstOrThrow()
      ).id;
      const before = await tableCounts(handle.db);
      const post = (client: TestClient, url: string, body: unknown) => () => client.post(url, body);
      const cases: Refusal[] = [
        ['item still open', post(office, `/api/items/${open}/lookbacks`, {}), 409, 'item_not_closed'],
        ['second pending look-back', post(office, `/api/items/${world.itemA2}/lookbacks`, {}), 409, 'lookback_pending'],
        [
          'date before close-out',
          post(office, `/api/items/${world.itemB1}/lookbacks`, { dueOn: '2026-07-01' }),
          400,
          'due_before_close',
        ],
        [
          'both date and days',
          post(office, `/api/items/${world.itemB1}/lookbacks`, { dueOn: '2026-10-01', afterDays: 3 }),
          400,
          'one_of',
        ],
        ['zero days', post(office, `/api/items/${world.itemB1}/lookbacks`, { afterDays: 0 }), 400, 'validation'],
        ['unknown item', post(office, '/api/items/99999/lookbacks', {}), 404, 'not_found'],
        ['supervisor schedules', post(supervisor, `/api/items/${world.itemB1}/lookbacks`, {}), 403, 'forbidden'],
        ['unit schedules', post(unitAdminB, `/api/items/${world.itemB1}/lookbacks`, {}), 403, 'forbidden'],
        ['other tree schedules', post(unitAdminA, `/api/items/${world.itemB1}/lookbacks`, {}), 404, 'not_found'],
        [
          'rebound without finding',
          post(office, `/api/lookbacks/${id}/result`, { outcome: 'rebound', version: 1 }),
          400,
          'required',
        ],
        [
          'unknown outcome',
          post(office, `/api/lookbacks/${id}/result`, { outcome: 'maybe', version: 1 }),
          400,
          'validation',
        ],
        [
          'stale version',
          post(office, `/api/lookbacks/${id}/result`, { outcome: 'held', version: 5 }),
          409,
          'stale_version',
        ],
        [
          'supervisor records',
          post(supervisor, `/api/lookbacks/${id}/result`, { outcome: 'held', version: 1 }),
          403,
          'forbidden',
        ],
        [
          'unit records rebound',
          post(unitAdminA, `/api/lookbacks/${id}/result`, { outcome: 'rebound', finding: 'x', version: 1 }),
          403,
          'forbidden',
        ],
        [
          'other tree records',
          post(unitAdminB, `/api/lookbacks/${id}/result`, { outcome: 'held', version: 1 }),
          404,
          'not_found',
        ],
        [
          'unknown look-back',
          post(office, '/api/lookbacks/99999/result', { outcome: 'held', version: 1 }),
          404,
          'not_found',
        ],
        ['bad list filter', () => office.get('/api/supervision/lookbacks?dueBy=soon'), 400, 'validation'],
      ];
      await expectRefusals(cases, expect);
      expect(await tableCounts(handle.db)).toEqual(before);
    });
  });

  describe('evaluations', () => {
    it('scores a unit, grades it, corrects it with its version, and lists it by round', async () => {
      const saved = await office.post('/api/supervision/evaluations', {
        inspectionId: world.inspectionA,
        entries: checklist({ completion: 8, ledger: 3.5 }),
        note: '两项逾期',
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json<Evaluation>()).toMatchObject({
        score: 88.5,
        grade: 'fairly_good',
        unit: world.unitA.name,
        version: 1,
      });
      const corrected = await office.post('/api/supervision/evaluations', {
        inspectionId: world.inspectionA,
        entries: checklist({ completion: 2 }),
        version: 1,
      });
      expect(corrected.json<Evaluation>()).toMatchObject({ score: 98, grade: 'good', version: 2 });
      const listed = (await supervisor.get(`/api/supervision/evaluations?roundId=${world.roundId}`)).json<Evaluations>()
        .evaluations;
      expect(listed).toHaveLength(1);
      expect(listed[0].entries).toHaveLength(DEFAULT_CHECKLIST.length);
      expect((await unitAdminB.get('/api/supervision/evaluations')).json<Evaluations>().evaluations).toEqual([]);
      expect((await unitAdminA.get('/api/supervision/evaluations')).json<Evaluations>().evaluations).toHaveLength(1);
      const events = await listAuditEvents(handle.db, { entity: 'evaluation', entityId: listed[0].id, limit: 100 });
      expect(events.map((e) => e.action).sort()).toEqual(['evaluation.create', 'evaluation.update']);
      const checklistRes = (await unitAdminA.get('/api/supervision/checklist')).json<
        Static<(typeof checklistResponses)[200]>
      >();
      expect(checklistRes.entries.reduce((n, e) => n + e.points, 0)).toBe(100);

      const overview = (await office.get(`/api/rounds/${world.roundId}/overview`)).json<
        Static<typeof overviewResponse>
      >();
      const unitRow = overview.units.find((u) => u.unitId === world.unitA.id);
      expect(unitRow?.grade).toBe('good');
    });

    it('refuses bad input and wrong actors and changes nothing', async () => {
      const before = await tableCounts(handle.db);
      const post = (client: TestClient, body: unknown) => () => client.post('/api/supervision/evaluations', body);
      const body = (extra: Record<string, unknown>) => ({
        inspectionId: world.inspectionB,
        entries: checklist(),
        ...extra,
      });
      const cases: Refusal[] = [
        ['deduction above points', post(office, body({ entries: checklist({ plan: 20 }) })), 400, 'bad_deduction'],
        ['deduction off step', post(office, body({ entries: checklist({ plan: 1.2 }) })), 400, 'bad_deduction'],
        ['points not 100', post(office, body({ entries: checklist().slice(1) })), 400, 'points_not_100'],
        ['repeated entry', post(office, body({ entries: [...checklist(), checklist()[0]] })), 400, 'duplicate_entry'],
        ['no entries', post(office, body({ entries: [] })), 400, 'validation'],
        ['unknown inspection', post(office, body({ inspectionId: 99999 })), 404, 'not_found'],
        [
          'already evaluated without version',
          post(office, body({ inspectionId: world.inspectionA })),
          409,
          'evaluation_exists',
        ],
        ['stale version', post(office, body({ inspectionId: world.inspectionA, version: 1 })), 409, 'stale_version'],
        ['supervisor scores', post(supervisor, body({})), 403, 'forbidden'],
        ['unit scores itself', post(unitAdminB, body({})), 403, 'forbidden'],
        ['other tree scores', post(unitAdminA, body({})), 404, 'not_found'],
      ];
      await expectRefusals(cases, expect);
      expect(await tableCounts(handle.db)).toEqual(before);
    });
  });

  describe('the ledger lists each unit’s flagged items first', () => {
    beforeEach(async () => {
      await handle.db.updateTable('items').set({ flagged: 0 }).execute();
    });

    it('orders 序号 by unit, then 挂牌督办 first, both ways, and keyset pages return every row once', async () => {
      // More rows than one page in each of the two units, a few flagged, spread through the order.
      const copies = [
        { from: world.itemB1, unitId: world.unitB.id },
        { from: world.itemA1, unitId: world.unitA.id },
      ];
      for (const { from } of copies) {
        const base = await handle.db.selectFrom('items').selectAll().where('id', '=', from).executeTakeFirstOrThrow();
        const { id: _id, version: _v, created_at: _c, updated_at: _u, ...copy } = base;
        for (let n = 0; n < 8; n++) {
          await handle.db
            .insertInto('items')
            .values({ ...copy, title: `批量事项${from}-${n}`, sort_order: 100 + n, flagged: n % 4 === 1 ? 1 : 0 })
            .execute();
        }
      }
      const all = await handle.db.selectFrom('items').select(['id', 'unit_id', 'flagged', 'sort_order']).execute();
      expect(all.filter((r) => r.flagged === 1)).toHaveLength(4);
      for (const order of ['asc', 'desc'] as const) {
        const sign = order === 'asc' ? 1 : -1;
        const expected = [...all]
          .sort(
            (a, b) =>
              a.unit_id - b.unit_id ||
              b.flagged - a.flagged ||
              sign * (a.sort_order - b.sort_order) ||
              sign * (a.id - b.id),
          )
          .map((r) => r.id);
        const seen: { id: number; unitId: number; flagged: boolean }[] = [];
        let after: string | null = null;
        do {
          const url: string = `/api/items?limit=4&order=${order}${after ? `&after=${after}` : ''}`;
          const page = (await office.get(url)).json<Static<typeof ledgerPage>>();
          seen.push(...page.items);
          after = page.nextCursor;
        } while (after);
        expect(
          seen.map((r) => r.id),
          order,
        ).toEqual(expected);
        // Unit by unit, and within each the flagged ones lead, whichever way 序号 runs.
        for (const unitId of [world.unitA.id, world.unitB.id]) {
          const flags = seen.filter((r) => r.unitId === unitId).map((r) => r.flagged);
          expect(flags.slice(0, 2), `${order} ${unitId}`).toEqual([true, true]);
          expect(flags.slice(2).some(Boolean), `${order} ${unitId}`).toBe(false);
        }
      }
      // Cursors of the old order (no unit, or no flag) mark a place that no longer exists: refused, not guessed.
      for (const old of [
        [1, 2],
        [100, 2, 1],
      ]) {
        const badCursor = await office.get(
          `/api/items?after=${Buffer.from(JSON.stringify(old)).toString('base64url')}`,
        );
        expect(badCursor.json<ErrorBody>().error.code).toBe('bad_cursor');
      }
    });

    it.runIf(dialect === 'sqlite')(
      'reads the first and later pages of the 序号 order from an index, without sorting',
      async () => {
        const plan = async (query: ReturnType<typeof sql>) =>
          (await sql`explain query plan ${query}`.execute(handle.db)).rows
            .map((r) => (r as { detail: string }).detail)
            .join('\n');
        const first = await plan(
          sql`select i.id, i.title from items as i order by i.unit_id asc, i.flagged desc, i.sort_order asc, i.id asc limit 50`,
        );
        expect(first).toMatch(/SCAN i USING INDEX items_unit_flagged_sort_order\b/);
        expect(first).not.toMatch(/TEMP B-TREE/);
        const firstBack = await plan(
          sql`select i.id, i.title from items as i order by i.unit_id asc, i.flagged desc, i.sort_order desc, i.id desc limit 50`,
        );
        expect(firstBack).toMatch(/SCAN i USING INDEX items_unit_flagged_sort_order_desc/);
        expect(firstBack).not.toMatch(/TEMP B-TREE/);
        const next = await plan(
          sql`select i.id, i.title from items as i where i.unit_id = 3 and i.flagged = 0 and (i.sort_order, i.id) > (5, 5) order by i.unit_id asc, i.flagged desc, i.sort_order asc, i.id asc limit 50`,
        );
        // Either index serves a range inside one (unit, flag) group: its 序号 runs one way, read forward or backward.
        expect(next).toMatch(/items_unit_flagged_sort_order(_desc)? \(unit_id=\? AND flagged=\? AND sort_order>\?\)/);
        expect(next).not.toMatch(/TEMP B-TREE/);
        const back = await plan(
          sql`select i.id, i.title from items as i where i.unit_id = 3 and i.flagged = 0 and (i.sort_order, i.id) < (5, 5) order by i.unit_id asc, i.flagged desc, i.sort_order desc, i.id desc limit 50`,
        );
        expect(back).toMatch(/items_unit_flagged_sort_order(_desc)? \(unit_id=\? AND flagged=\? AND sort_order<\?\)/);
        expect(back).not.toMatch(/TEMP B-TREE/);
        const laterUnits = await plan(
          sql`select i.id, i.title from items as i where i.unit_id > 3 order by i.unit_id asc, i.flagged desc, i.sort_order desc, i.id desc limit 50`,
        );
        expect(laterUnits).toMatch(/items_unit_flagged_sort_order_desc \(unit_id>\?\)/);
        expect(laterUnits).not.toMatch(/TEMP B-TREE/);
      },
    );
  });
});
