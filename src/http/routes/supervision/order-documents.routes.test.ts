import { strFromU8, unzipSync } from 'fflate';
import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { readOfd } from '../../../notices/generate/ofd-reader.ts';
import {
  createTestApp,
  expectRefusals,
  multipart,
  type Refusal,
  type TestApp,
  type TestClient,
} from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_NOW, tableCounts, testConfig, type World } from '../../../test/factories.ts';
import { hasLibreOffice } from '../../../test/libreoffice.ts';
import type { bulkLookbackResponses, orderFileResponses } from './order-documents.schema.ts';
import type { createdOrdersResponses, orderResponses, ordersResponses } from './supervision.schema.ts';

type Sent = Static<(typeof createdOrdersResponses)[201]>;
type Orders = Static<(typeof ordersResponses)[200]>;
type Order = Static<(typeof orderResponses)[200]>;
type OrderFile = Static<(typeof orderFileResponses)[201]>;
type Bulk = Static<(typeof bulkLookbackResponses)[201]>;

const order = (targets: { unitId: number; itemId?: number }[], extra: Record<string, unknown> = {}) => ({
  targets,
  title: '加快推进整改',
  content: '请于期限内报送整改进展和佐证材料。\n逾期未完成的说明原因。',
  dueOn: '2026-09-01',
  ...extra,
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const docxText = (bytes: Buffer) => {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml'] as Uint8Array);
  return xml.replace(/<[^>]+>/g, '');
};

describe.each(testDialects())('督办 as documents on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  let t: TestApp;
  afterEach(() => t?.resetClock());
  let office: TestClient;
  let unitAdminA: TestClient;
  let leaderA: TestClient;
  let unitAdminB: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    t = await createTestApp(handle, TEST_NOW, testConfig({ RECTIFY_ORDER_NUMBER_PREFIX: '市委巡察办督' }));
    office = await t.login('office');
    unitAdminA = await t.login('unitadmina');
    leaderA = await t.login('leadera');
    unitAdminB = await t.login('unitadminb');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const send = async (targets: { unitId: number; itemId?: number }[], extra: Record<string, unknown> = {}) => {
    const res = await office.post('/api/supervision/orders', order(targets, extra));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Sent>().ids;
  };
  const orderOf = async (client: TestClient, id: number) =>
    (await client.get('/api/supervision/orders')).json<Orders>().orders.find((o) => o.id === id);
  const seqOf = (docNumber: string | null | undefined) => Number(/第(\d+)号/.exec(docNumber ?? '')?.[1]);

  describe('numbers', () => {
    it('gives each order of a sending the next number of the year, with the prefix, shown to office and unit', async () => {
      const [a, b] = await send([{ unitId: world.unitA.id, itemId: world.itemA1 }, { unitId: world.unitB.id }]);
      const first = await orderOf(office, a as number);
      const second = await orderOf(office, b as number);
      expect(first?.docNumber).toMatch(/^市委巡察办督〔2026〕第\d+号$/);
      expect(seqOf(second?.docNumber)).toBe(seqOf(first?.docNumber) + 1);
      expect((await orderOf(unitAdminA, a as number))?.docNumber).toBe(first?.docNumber);
      const [c] = await send([{ unitId: world.unitA.id }]);
      expect(seqOf((await orderOf(office, c as number))?.docNumber)).toBe(seqOf(second?.docNumber) + 1);
    });

    it('a refused sending takes no number: the next one follows on without a gap', async () => {
      const [before] = await send([{ unitId: world.unitA.id }]);
      const counts = await tableCounts(handle.db);
      const refused = await office.post(
        '/api/supervision/orders',
        order([{ unitId: world.unitA.id }], { dueOn: '2020-01-01' }),
      );
      expect(refused.statusCode).toBe(400);
      expect(await tableCounts(handle.db)).toEqual(counts);
      const [after] = await send([{ unitId: world.unitA.id }]);
      expect(seqOf((await orderOf(office, after as number))?.docNumber)).toBe(
        seqOf((await orderOf(office, before as number))?.docNumber) + 1,
      );
    });

    it('two sendings at once take two consecutive numbers, neither twice', async () => {
      const results = await Promise.all([
        office.post('/api/supervision/orders', order([{ unitId: world.unitA.id }])),
        office.post('/api/supervision/orders', order([{ unitId: world.unitB.id }])),
        office.post('/api/supervision/orders', order([{ unitId: world.unitA.id }, { unitId: world.unitB.id }])),
      ]);
      for (const r of results) expect(r.statusCode, r.body).toBe(201);
      const ids = results.flatMap((r) => r.json<Sent>().ids);
      const all = (await office.get('/api/supervision/orders')).json<Orders>().orders;
      const seqs = ids.map((id) => seqOf(all.find((o) => o.id === id)?.docNumber)).sort((x, y) => x - y);
      expect(new Set(seqs).size).toBe(4);
      expect(seqs[3] - seqs[0]).toBe(3);
      // And no gap or repeat over the whole year.
      const everySeq = all.map((o) => seqOf(o.docNumber)).sort((x, y) => x - y);
      expect(everySeq).toEqual(everySeq.map((_, i) => i + 1));
    });

    it('numbers per round, printing the round, when so configured', async () => {
      const perRound = await createTestApp(
        handle,
        TEST_NOW,
        testConfig({ RECTIFY_ORDER_NUMBER_PER: 'round', RECTIFY_ORDER_NUMBER_PATTERN: '〔{year}〕R{round}-{n}' }),
      );
      try {
        const client = await perRound.login('office');
        const res = await client.post(
          '/api/supervision/orders',
          order([{ unitId: world.unitA.id, itemId: world.itemA2 }]),
        );
        expect(res.statusCode, res.body).toBe(201);
        const row = await handle.db
          .selectFrom('supervision_orders')
          .select(['doc_number', 'number_scope', 'number_seq'])
          .where('id', '=', res.json<Sent>().ids[0] as number)
          .executeTakeFirstOrThrow();
        expect(row.number_scope).toBe(`round:${world.roundId}`);
        expect(row.doc_number).toMatch(/^〔2026〕R.+-1$/);
      } finally {
        await perRound.app.close();
      }
    });
  });

  describe('the 督办通知书', () => {
    it('prints the number, the unit, what is asked, the items and the deadline; another unit gets 404', async () => {
      const [id] = await send([
        { unitId: world.unitA.id, itemId: world.itemA1 },
        { unitId: world.unitA.id, itemId: world.itemA2 },
      ]);
      const got = await unitAdminA.get(`/api/supervision/orders/${id}/document.docx`);
      expect(got.statusCode, got.body).toBe(200);
      expect(got.headers['content-type']).toContain('wordprocessingml');
      expect(String(got.headers['content-disposition'])).toContain("filename*=UTF-8''");
      const text = docxText(got.rawPayload);
      const { docNumber } = (await orderOf(office, id as number)) as Order;
      expect(text).toContain(docNumber);
      expect(text).toContain('督办通知书');
      expect(text).toContain(`${world.unitA.name}：`);
      expect(text).toContain('请于2026年9月1日前办结');
      expect(text).toContain('巡察工作领导小组办公室');
      expect(text).toContain('督办涉及以下 2 项整改事项');
      const titles = await handle.db
        .selectFrom('items')
        .select('title')
        .where('id', 'in', [world.itemA1, world.itemA2])
        .execute();
      for (const { title } of titles) expect(text).toContain(title);
      const ofd = await unitAdminA.get(`/api/supervision/orders/${id}/document.ofd`);
      expect(ofd.statusCode, ofd.body).toBe(200);
      expect(ofd.headers['content-type']).toBe('application/ofd');
      expect(decodeURIComponent(String(ofd.headers['content-disposition']))).toMatch(
        /^attachment;.*督办通知书.*\.ofd$/,
      );
      const ofdText = readOfd(ofd.rawPayload)
        .pages.flatMap((p) => p.texts.map((t) => t.text))
        .join('');
      expect(ofdText).toContain(docNumber);
      expect(ofdText).toContain(`${world.unitA.name}：`);
      for (const { title } of titles) expect(ofdText).toContain(title);
      for (const ext of ['docx', 'pdf', 'ofd']) {
        const other = await unitAdminB.get(`/api/supervision/orders/${id}/document.${ext}`);
        expect(other.statusCode).toBe(404);
      }
    });

    it.skipIf(!hasLibreOffice() || dialect !== 'sqlite')(
      'answers the PDF through LibreOffice where it is installed',
      async () => {
        const [id] = await send([{ unitId: world.unitA.id, itemId: world.itemA1 }]);
        const res = await unitAdminA.get(`/api/supervision/orders/${id}/document.pdf`);
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      },
      180_000,
    );

    it('answers 503 soffice_missing for the PDF where LibreOffice is not at the configured path', async () => {
      const noOffice = await createTestApp(handle, TEST_NOW, testConfig({ RECTIFY_SOFFICE: '/nonexistent/soffice' }));
      try {
        const client = await noOffice.login('office');
        const [id] = await send([{ unitId: world.unitA.id }]);
        const res = await client.get(`/api/supervision/orders/${id}/document.pdf`);
        expect(res.statusCode).toBe(503);
        expect(res.json().error.code).toBe('soffice_missing');
      } finally {
        await noOffice.app.close();
      }
    });
  });

  describe('edit and recall while unanswered', () => {
    it('the office edits an open order (audited); stale, answered or not the office: refused, nothing changed', async () => {
      const [id] = await send([{ unitId: world.unitA.id }]);
      const edited = await office.patch(`/api/supervision/orders/${id}`, {
        version: 1,
        title: '加快推进整改（更正）',
        dueOn: '2026-09-15',
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json<Order>()).toMatchObject({ title: '加快推进整改（更正）', dueOn: '2026-09-15', version: 2 });
      const audit = await handle.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity', '=', 'supervision_order')
        .where('entity_id', '=', id as number)
        .execute();
      expect(audit.map((a) => a.action)).toContain('supervision_order.edit');
      const answered = await unitAdminA.post(`/api/supervision/orders/${id}/answer`, { answer: '已整改', version: 2 });
      expect(answered.statusCode, answered.body).toBe(200);

      const [open] = await send([{ unitId: world.unitA.id }]);
      const before = await tableCounts(handle.db);
      const rowBefore = await handle.db
        .selectFrom('supervision_orders')
        .selectAll()
        .where('id', 'in', [id as number, open as number])
        .execute();
      const cases: Refusal[] = [
        [
          'answered: edit',
          () => office.patch(`/api/supervision/orders/${id}`, { version: 3, title: 'x' }),
          409,
          'order_not_editable',
        ],
        [
          'answered: recall',
          () => office.post(`/api/supervision/orders/${id}/recall`, { version: 3 }),
          409,
          'order_not_editable',
        ],
        [
          'stale version',
          () => office.patch(`/api/supervision/orders/${open}`, { version: 9, title: 'x' }),
          409,
          'stale_version',
        ],
        [
          'due in the past',
          () => office.patch(`/api/supervision/orders/${open}`, { version: 1, dueOn: '2026-01-01' }),
          400,
          'due_in_past',
        ],
        [
          'the unit may not edit',
          () => unitAdminA.patch(`/api/supervision/orders/${open}`, { version: 1, title: 'x' }),
          403,
          'forbidden',
        ],
        [
          'the unit may not recall',
          () => leaderA.post(`/api/supervision/orders/${open}/recall`, { version: 1 }),
          403,
          'forbidden',
        ],
        [
          'another unit: edit',
          () => unitAdminB.patch(`/api/supervision/orders/${open}`, { version: 1, title: 'x' }),
          404,
          'not_found',
        ],
        [
          'another unit: recall',
          () => unitAdminB.post(`/api/supervision/orders/${open}/recall`, { version: 1 }),
          404,
          'not_found',
        ],
      ];
      await expectRefusals(cases, expect);
      expect(await tableCounts(handle.db)).toEqual(before);
      expect(
        await handle.db
          .selectFrom('supervision_orders')
          .selectAll()
          .where('id', 'in', [id as number, open as number])
          .execute(),
      ).toEqual(rowBefore);
    });

    it('a recalled order leaves the unit’s list, the unit is told and can no longer answer; the office still sees it', async () => {
      const [id] = await send([{ unitId: world.unitA.id }]);
      const recalled = await office.post(`/api/supervision/orders/${id}/recall`, { version: 1, reason: '发错单位' });
      expect(recalled.statusCode, recalled.body).toBe(200);
      expect(recalled.json<Order>()).toMatchObject({
        status: 'recalled',
        recalledOn: '2026-08-15',
        recallReason: '发错单位',
      });
      expect(await orderOf(unitAdminA, id as number)).toBeUndefined();
      expect((await orderOf(office, id as number))?.status).toBe('recalled');
      const told = await handle.db
        .selectFrom('notifications')
        .select(['user_id', 'body'])
        .where('kind', '=', 'workflow.supervision_recalled')
        .execute();
      expect(told.some((n) => n.user_id === world.users.unitAdminA.id && n.body.includes('发错单位'))).toBe(true);
      const answer = await unitAdminA.post(`/api/supervision/orders/${id}/answer`, { answer: '已整改', version: 2 });
      expect(answer.statusCode).toBe(404);
      expect((await unitAdminA.get(`/api/supervision/orders/${id}/document.docx`)).statusCode).toBe(404);
      expect(docxText((await office.get(`/api/supervision/orders/${id}/document.docx`)).rawPayload)).toContain(
        '已撤回',
      );
    });

    it('a recall and an answer at once: one wins, the other is refused, and the order is in one state', async () => {
      const [id] = await send([{ unitId: world.unitA.id }]);
      const [recall, answer] = await Promise.all([
        office.post(`/api/supervision/orders/${id}/recall`, { version: 1 }),
        unitAdminA.post(`/api/supervision/orders/${id}/answer`, { answer: '已整改', version: 1 }),
      ]);
      const codes = [recall.statusCode, answer.statusCode].sort();
      expect(codes[0]).toBe(200);
      expect([404, 409]).toContain(codes[1]);
      const row = await handle.db
        .selectFrom('supervision_orders')
        .select(['status', 'version'])
        .where('id', '=', id as number)
        .executeTakeFirstOrThrow();
      expect(row.version).toBe(2);
      expect(row.status).toBe(recall.statusCode === 200 ? 'recalled' : 'answered');
    });
  });

  describe('answers with files', () => {
    const upload = (client: TestClient, id: number, name = '整改情况.pdf', content = PDF) =>
      client.inject({
        method: 'POST',
        url: `/api/supervision/orders/${id}/files`,
        ...multipart({}, { name, content }),
      });

    it('the unit attaches a file, the office downloads it, another unit gets 404; once answered no more files', async () => {
      const [id] = await send([{ unitId: world.unitA.id }]);
      const up = await upload(unitAdminA, id as number);
      expect(up.statusCode, up.body).toBe(201);
      const file = up.json<OrderFile>();
      expect(file).toMatchObject({ orderId: id, fileName: '整改情况.pdf', contentType: 'application/pdf' });
      expect((await orderOf(office, id as number))?.files.map((f) => f.id)).toEqual([file.id]);
      const down = await office.get(`/api/supervision/order-files/${file.id}`);
      expect(down.statusCode).toBe(200);
      expect(down.rawPayload.equals(PDF)).toBe(true);
      expect((await unitAdminA.get(`/api/supervision/order-files/${file.id}`)).statusCode).toBe(200);
      const answered = await unitAdminA.post(`/api/supervision/orders/${id}/answer`, {
        answer: '已整改，见附件',
        version: 1,
      });
      expect(answered.statusCode).toBe(200);
      expect(answered.json<Order>().files).toHaveLength(1);

      const before = await tableCounts(handle.db);
      const cases: Refusal[] = [
        ['another unit downloads', () => unitAdminB.get(`/api/supervision/order-files/${file.id}`), 404, 'not_found'],
        [
          'another unit removes',
          () => unitAdminB.inject({ method: 'DELETE', url: `/api/supervision/order-files/${file.id}` }),
          404,
          'not_found',
        ],
        ['another unit uploads', () => upload(unitAdminB, id as number), 404, 'not_found'],
        ['answered: upload', () => upload(unitAdminA, id as number), 409, 'order_files_closed'],
        [
          'answered: remove',
          () => unitAdminA.inject({ method: 'DELETE', url: `/api/supervision/order-files/${file.id}` }),
          409,
          'order_files_closed',
        ],
        ['the office does not answer', () => upload(office, id as number), 403, 'forbidden'],
        ['no such file', () => office.get('/api/supervision/order-files/999999'), 404, 'not_found'],
      ];
      await expectRefusals(cases, expect);
      expect(await tableCounts(handle.db)).toEqual(before);
    });

    it('refuses a file of an unknown type and removes one from an unsent answer', async () => {
      const [id] = await send([{ unitId: world.unitA.id }]);
      const before = await tableCounts(handle.db);
      const bad = await upload(unitAdminA, id as number, 'run.exe', Buffer.from('MZ'));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('unsupported_file_type');
      expect(await tableCounts(handle.db)).toEqual(before);
      const file = (await upload(leaderA, id as number)).json<OrderFile>();
      const removed = await unitAdminA.inject({ method: 'DELETE', url: `/api/supervision/order-files/${file.id}` });
      expect(removed.statusCode, removed.body).toBe(204);
      expect((await orderOf(unitAdminA, id as number))?.files).toEqual([]);
    });
  });

  describe('回头看 for a whole unit or round', () => {
    const closeItems = (ids: number[]) =>
      handle.db.updateTable('items').set({ state: 'closed', closed_on: '2026-08-01' }).where('id', 'in', ids).execute();
    const pending = async () =>
      (await handle.db.selectFrom('lookbacks').select(['item_id']).where('status', '=', 'scheduled').execute())
        .map((r) => r.item_id)
        .sort();

    it('schedules one per closed item without one pending, in one request; refusals change nothing', async () => {
      await closeItems([world.itemA1, world.itemA2, world.itemB1]);
      const lockedOut = await tableCounts(handle.db);
      const cases: Refusal[] = [
        ['neither unit nor round', () => office.post('/api/supervision/lookbacks/bulk', {}), 400, 'validation'],
        [
          'both',
          () => office.post('/api/supervision/lookbacks/bulk', { unitId: world.unitA.id, roundId: world.roundId }),
          400,
          'validation',
        ],
        [
          'date in the past',
          () => office.post('/api/supervision/lookbacks/bulk', { unitId: world.unitA.id, dueOn: '2026-01-01' }),
          400,
          'due_in_past',
        ],
        [
          'the unit may not',
          () => unitAdminA.post('/api/supervision/lookbacks/bulk', { unitId: world.unitA.id }),
          403,
          'forbidden',
        ],
        [
          'another unit may not',
          () => unitAdminB.post('/api/supervision/lookbacks/bulk', { unitId: world.unitA.id }),
          404,
          'not_found',
        ],
        [
          'another unit, the round',
          () => unitAdminB.post('/api/supervision/lookbacks/bulk', { roundId: world.roundId }),
          403,
          'forbidden',
        ],
      ];
      await expectRefusals(cases, expect);
      expect(await tableCounts(handle.db)).toEqual(lockedOut);

      const res = await office.post('/api/supervision/lookbacks/bulk', { unitId: world.unitA.id, afterDays: 30 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Bulk>().count).toBe(2);
      expect(await pending()).toEqual([world.itemA1, world.itemA2].sort());
      const dues = await handle.db
        .selectFrom('lookbacks')
        .select('due_on')
        .where('id', 'in', res.json<Bulk>().ids)
        .execute();
      expect(dues.map((d) => d.due_on)).toEqual(['2026-08-31', '2026-08-31']);

      const before = await tableCounts(handle.db);
      const again = await office.post('/api/supervision/lookbacks/bulk', { unitId: world.unitA.id });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('lookback_scope_empty');
      expect(await tableCounts(handle.db)).toEqual(before);

      // The round reaches unit B's closed item, the one left.
      const round = await office.post('/api/supervision/lookbacks/bulk', {
        roundId: world.roundId,
        dueOn: '2026-10-01',
      });
      expect(round.statusCode, round.body).toBe(201);
      expect(round.json<Bulk>().count).toBe(1);
      expect(await pending()).toEqual([world.itemA1, world.itemA2, world.itemB1].sort());
    });

    it('refuses an archived round, and two schedulings at once create each look-back once', async () => {
      await handle.db.deleteFrom('lookbacks').execute();
      await closeItems([world.itemA1, world.itemA2, world.itemB1]);
      // Archived as the office would once every item is closed out (set here directly: the world has open orders).
      const archive = (at: string | null) =>
        handle.db.updateTable('rounds').set({ archived_at: at }).where('id', '=', world.roundId).execute();
      await archive(TEST_NOW.toISOString());
      try {
        const before = await tableCounts(handle.db);
        const archived = await office.post('/api/supervision/lookbacks/bulk', { roundId: world.roundId });
        expect(archived.statusCode).toBe(409);
        expect(archived.json().error.code).toBe('round_archived');
        const unitInArchived = await office.post('/api/supervision/lookbacks/bulk', { unitId: world.unitA.id });
        expect(unitInArchived.json().error.code).toBe('lookback_scope_empty');
        expect(await tableCounts(handle.db)).toEqual(before);
      } finally {
        await archive(null);
      }
      const both = await Promise.all([
        office.post('/api/supervision/lookbacks/bulk', { roundId: world.roundId }),
        office.post('/api/supervision/lookbacks/bulk', { unitId: world.unitA.id }),
      ]);
      const created = both.filter((r) => r.statusCode === 201).reduce((n, r) => n + r.json<Bulk>().count, 0);
      expect(created).toBe(3);
      for (const r of both) expect([201, 409], r.body).toContain(r.statusCode);
      expect(await pending()).toEqual([world.itemA1, world.itemA2, world.itemB1].sort());
    });
  });
});
