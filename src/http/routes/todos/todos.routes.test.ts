import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import type { TodoKind } from '../../../domain/todos.ts';
import { insertPublication } from '../../../repositories/publications.repository.ts';
import { createTestApp, expectRefusals, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { addEvidenceRow, buildWorld, TEST_NOW, tableCounts, type World } from '../../../test/factories.ts';
import type { todosResponses } from './todos.schema.ts';

type Todos = Static<(typeof todosResponses)[200]>;

/**
 * 待办 is computed from the state: each step of the workflow moves the work from one person's list to the next one's,
 * whether or not anybody read a message about it.
 */
describe.each(testDialects())('待办 (GET /api/todos) on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  let t: TestApp;
  const who: Record<string, TestClient> = {};

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    for (const name of ['office', 'office2', 'leadera', 'leaderb', 'unitadmina', 'depta1', 'depta2', 'supervisor']) {
      who[name] = await t.login(name);
    }
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const todos = async (name: string, limit = 5) => {
    const res = await who[name].get(`/api/todos?limit=${limit}`);
    expect(res.statusCode).toBe(200);
    return res.json<Todos>();
  };
  /** A user's counts by kind, as "kind:count". */
  const counts = async (name: string) => (await todos(name)).groups.map((g) => `${g.kind}:${g.count}`);
  const count = async (name: string, kind: TodoKind) =>
    (await todos(name)).groups.find((g) => g.kind === kind)?.count ?? null;
  const version = async (itemId: number) =>
    (await handle.db.selectFrom('items').where('id', '=', itemId).select('version').executeTakeFirstOrThrow()).version;
  const move = async (name: string, itemId: number, event: string, note?: string) => {
    const res = await who[name].post(`/api/items/${itemId}/transitions`, {
      event,
      version: await version(itemId),
      ...(note ? { note } : {}),
    });
    expect(res.statusCode, res.body).toBe(204);
  };

  it('lists for each role exactly the kinds of work it acts on, empty at first', async () => {
    expect(await counts('office')).toEqual(['close_to_confirm:0', 'answer_to_review:0', 'extension_to_decide:0']);
    expect(await counts('leadera')).toEqual([
      'close_to_approve:0',
      'order_to_answer:0',
      'comment_to_handle:0',
      'extension_to_decide:0',
      'notice_to_approve:0',
    ]);
    expect(await counts('unitadmina')).toEqual(['returned_to_redo:0', 'order_to_answer:0', 'comment_to_handle:0']);
    expect(await counts('depta1')).toEqual(['returned_to_redo:0', 'comment_transferred:0']);
    expect(await counts('supervisor')).toEqual([]);
    expect((await todos('office')).total).toBe(0);
  });

  it('refuses a bad page size, changing nothing', async () => {
    const before = await tableCounts(handle.db);
    await expectRefusals(
      [
        ['limit above 50', () => who.office.get('/api/todos?limit=51'), 400, 'validation'],
        ['unknown filter', () => who.office.get('/api/todos?kind=x'), 400, 'validation'],
        ['signed out', () => t.app.inject({ method: 'GET', url: '/api/todos' }), 401, 'unauthorized'],
      ],
      expect,
    );
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('a close-out request waits for its unit leader, not the other unit’s, nor the requester', async () => {
    await addEvidenceRow(handle.db, w.itemA1, w.users.deptA1.id);
    await move('depta1', w.itemA1, 'request_close', '已整改');
    const leader = await todos('leadera');
    expect(leader.total).toBe(1);
    expect(leader.groups[0]).toMatchObject({
      kind: 'close_to_approve',
      count: 1,
      entries: [{ id: w.itemA1, title: '财务审批不规范', unit: '测试市交通运输局', link: `/items/${w.itemA1}` }],
    });
    expect(await count('leaderb', 'close_to_approve')).toBe(0);
    expect(await count('office', 'close_to_confirm')).toBe(0);
  });

  it('returned, it waits for the unit and its department to redo, with 已退回 in the ledger and the reason on the item', async () => {
    await move('leadera', w.itemA1, 'return', '佐证材料不足');
    expect(await count('leadera', 'close_to_approve')).toBe(0);
    expect(await count('depta1', 'returned_to_redo')).toBe(1);
    expect(await count('unitadmina', 'returned_to_redo')).toBe(1);
    expect(await count('depta2', 'returned_to_redo')).toBe(0);
    const ledger = await who.unitadmina.get('/api/items?limit=50');
    const rows = ledger.json<{ items: { id: number; returned: boolean }[] }>().items;
    expect(rows.filter((r) => r.returned).map((r) => r.id)).toEqual([w.itemA1]);
    const item = (await who.depta1.get(`/api/items/${w.itemA1}`)).json();
    expect(item.returned).toMatchObject({ note: '佐证材料不足', by: 'leaderA', at: TEST_NOW.toISOString() });
  });

  it('put forward again and approved, it leaves the returned list and waits for the office (both accounts)', async () => {
    await move('unitadmina', w.itemA1, 'request_close', '补充了材料');
    expect(await count('depta1', 'returned_to_redo')).toBe(0);
    expect((await who.depta1.get(`/api/items/${w.itemA1}`)).json().returned).toBeNull();
    await move('leadera', w.itemA1, 'approve');
    expect(await count('office', 'close_to_confirm')).toBe(1);
    expect(await count('office2', 'close_to_confirm')).toBe(1);
    await move('office', w.itemA1, 'confirm');
    expect(await count('office', 'close_to_confirm')).toBe(0);
    expect(await count('office2', 'close_to_confirm')).toBe(0);
  });

  it('a 督办 order waits for the unit to answer; the answer waits for the office', async () => {
    const sent = await who.office.post('/api/supervision/orders', {
      targets: [{ unitId: w.unitA.id }],
      title: '加快整改进度',
      content: '请于月底前报送',
      dueOn: '2026-08-31',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const orderId = sent.json().ids[0] as number;
    expect(await count('unitadmina', 'order_to_answer')).toBe(1);
    expect(await count('leadera', 'order_to_answer')).toBe(1);
    expect(await count('leaderb', 'order_to_answer')).toBe(0);
    const order = await handle.db
      .selectFrom('supervision_orders')
      .where('id', '=', orderId)
      .select('version')
      .executeTakeFirstOrThrow();
    const answered = await who.leadera.post(`/api/supervision/orders/${orderId}/answer`, {
      answer: '已完成',
      version: order.version,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(await count('unitadmina', 'order_to_answer')).toBe(0);
    expect(await count('office', 'answer_to_review')).toBe(1);
  });

  it('a public comment waits for the unit until answered; the counts alone come with limit=0', async () => {
    const publicationId = await insertPublication(handle.db, {
      inspectionId: w.inspectionA,
      title: '关于巡察整改进展情况的通报',
      body: { html: '<p>通报</p>', text: '通报' },
      publicFrom: '2026-08-10',
      publicTo: '2026-08-30',
      contacts: { phone: ['0731-6661234'], email: [], postal: null, postcode: null },
      publishedBy: w.users.unitAdminA.id,
      publishedAt: TEST_NOW.toISOString(),
    });
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/public/notices/${publicationId}/comments`,
      payload: { content: '希望整改落到实处' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const admin = await todos('unitadmina');
    expect(admin.groups.find((g) => g.kind === 'comment_to_handle')).toMatchObject({
      count: 1,
      entries: [{ title: '希望整改落到实处', link: '/publications' }],
    });
    const bare = await todos('unitadmina', 0);
    expect(bare.total).toBe(admin.total);
    expect(bare.groups.every((g) => g.entries.length === 0)).toBe(true);
  });
});
