import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { insertPublication } from '../../../repositories/publications.repository.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_NOW, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { commentDetailResponses, commentResponses, receiptStatus } from './comments.schema.ts';

type Detail = Static<(typeof commentDetailResponses)[200]>;
type Comment = Static<(typeof commentResponses)[200]>;
type Receipt = Static<typeof receiptStatus>;
const RECEIPT = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

/** Issue 15, public comments: receipts and their pages, 办结 with an answer, 转办, links to items, supervisors' remarks. */
describe.each(testDialects())('public comments: receipts, 转办, links and remarks on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let unitAdmin: TestClient;
  /** Signed in once: a sign-in writes an audit event, which the unchanged-database checks would count. */
  const as: Record<string, TestClient> = {};
  let publicationId: number;
  afterEach(() => t?.resetClock());

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    unitAdmin = await t.login('unitadmina');
    for (const name of ['depta1', 'depta2', 'supervisor', 'teama', 'unitadminb']) as[name] = await t.login(name);
    publicationId = await insertPublication(handle.db, {
      inspectionId: w.inspectionA,
      title: '关于巡察整改进展情况的通报',
      body: { html: '<p>通报</p>', text: '通报' },
      publicFrom: '2026-08-10',
      publicTo: '2026-08-30',
      contacts: { phone: ['0731-6661234'], email: [], postal: null, postcode: null },
      publishedBy: w.users.unitAdminA.id,
      publishedAt: TEST_NOW.toISOString(),
    });
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  let ip = 1;
  const send = async (payload: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/public/notices/${publicationId}/comments`,
      payload,
      remoteAddress: `192.0.2.${ip++}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ receipt: string; statusUrl: string; sentBy: string | null }>();
  };
  const idOf = async (content: string) =>
    (
      await handle.db
        .selectFrom('public_comments')
        .select('id')
        .where('content', '=', content)
        .executeTakeFirstOrThrow()
    ).id;
  const detail = async (client: TestClient, id: number) => (await client.get(`/api/comments/${id}`)).json<Detail>();
  const row = (id: number) =>
    handle.db.selectFrom('public_comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** A refusal changes nothing: the counts and the comment's own row. */
  const unchanged = async (id: number, refuse: () => Promise<void>) => {
    const [counts, before] = [await tableCounts(handle.db), await row(id)];
    await refuse();
    expect(await tableCounts(handle.db)).toEqual(counts);
    expect(await row(id)).toEqual(before);
  };
  const lookup = (receipt: string, address = '198.51.100.50') =>
    t.app.inject({ method: 'GET', url: `/api/public/comments/${receipt}`, remoteAddress: address });

  it('answers 201 with a receipt, stores only its keyed hash, and shows the status without the sender', async () => {
    const sent = await send({ content: '建议公开整改资金使用明细。', name: '张三', contact: '13800138000' });
    expect(sent.receipt).toMatch(RECEIPT);
    expect(sent.statusUrl).toBe(`/public/comments/${sent.receipt}`);
    // No SMS hook and no SMTP in the test configuration: the page says to keep it.
    expect(sent.sentBy).toBeNull();
    const id = await idOf('建议公开整改资金使用明细。');
    const stored = await row(id);
    expect(stored.receipt_hash).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain(sent.receipt.replaceAll('-', ''));
    const status = await lookup(sent.receipt.toLowerCase());
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json<Receipt>()).toMatchObject({
      receipt: sent.receipt,
      publicationId,
      title: '关于巡察整改进展情况的通报',
      status: 'received',
      statusZh: '已收到',
      answer: null,
    });
    expect(status.body).not.toContain('张三');
    expect(status.body).not.toContain('13800138000');
    const page = await t.app.inject({ method: 'GET', url: `${sent.statusUrl}?new=1` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(sent.receipt);
    expect(page.body).toContain('请保存回执号');
    expect(page.body).toContain('已收到');
    expect(page.body).not.toContain('张三');
    expect(page.body).not.toContain('13800138000');
  });

  it('sends the receipt by e-mail when mail is configured and the contact is an address', async () => {
    t.config.smtpUrl = 'smtp://localhost:2525';
    try {
      const sent = await send({ content: '请核实公车私用问题。', contact: 'citizen@example.cn' });
      expect(sent.sentBy).toBe('email');
      const mail = await handle.db
        .selectFrom('deliveries')
        .selectAll()
        .where('recipient', '=', 'citizen@example.cn')
        .executeTakeFirstOrThrow();
      expect(mail.channel).toBe('email');
      expect(mail.payload).toContain(sent.receipt);
    } finally {
      t.config.smtpUrl = null;
    }
  });

  it('answers an unknown receipt with a plain 404 page, and limits misses per address (429, Retry-After)', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/public/comments/ABCD-EFGH-JKMN',
      remoteAddress: '198.51.100.9',
    });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('找不到该回执号');
    const address = '198.51.100.10';
    const sent = await send({ content: '查询限流测试。' });
    for (let i = 0; i < 20; i++)
      expect((await lookup(i % 2 ? 'ZZZZ-ZZZZ-ZZZZ' : 'not-a-receipt', address)).statusCode).toBe(404);
    const limited = await lookup(sent.receipt, address);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json<ErrorBody>().error.code).toBe('rate_limited');
    const limitedPage = await t.app.inject({ method: 'GET', url: sent.statusUrl, remoteAddress: address });
    expect(limitedPage.statusCode).toBe(429);
    expect(limitedPage.headers['retry-after']).toBeTruthy();
    // Another address is not held back; after the window the first one is free again.
    expect((await lookup(sent.receipt, '198.51.100.11')).statusCode).toBe(200);
    t.clock.now = new Date(TEST_NOW.getTime() + 601_000);
    expect((await lookup(sent.receipt, address)).statusCode).toBe(200);
  });

  it('refuses 办结 without an answer, changing nothing; publishes the answer once handled', async () => {
    const sent = await send({ content: '办结需要答复。' });
    const id = await idOf('办结需要答复。');
    const c = await row(id);
    await unchanged(id, async () => {
      const res = await unitAdmin.post(`/api/comments/${id}/answer`, { version: c.version, handled: true });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('validation');
      expect(res.json<ErrorBody>().error.message).toContain('办结前请填写答复内容');
      const blank = await unitAdmin.post(`/api/comments/${id}/answer`, {
        version: c.version,
        answer: '  ',
        handled: true,
      });
      expect(blank.statusCode).toBe(400);
    });
    const done = await unitAdmin.post(`/api/comments/${id}/answer`, {
      version: c.version,
      answer: '已公开整改资金明细。',
      handled: true,
    });
    expect(done.statusCode, done.body).toBe(200);
    const status = (await lookup(sent.receipt, '198.51.100.60')).json<Receipt>();
    expect(status).toMatchObject({ status: 'handled', statusZh: '已办结', answer: '已公开整改资金明细。' });
    expect(status.answeredOn).toBe(TEST_NOW.toISOString());
  });

  describe('转办', () => {
    it('passes a comment to a department with a due date; the department sees it in its todos, drafts, and the office closes it', async () => {
      const sent = await send({ content: '转办测试：食堂账目不清。' });
      const id = await idOf('转办测试：食堂账目不清。');
      const dept = as.depta1;
      expect((await dept.get(`/api/comments/${id}`)).statusCode).toBe(404);
      const before = await detail(unitAdmin, id);
      expect(before.can).toMatchObject({ transfer: true, linkItem: true, answer: true, remark: false });
      expect(before.departments.map((d) => d.name)).toEqual(['办公室', '财务科']);
      const res = await unitAdmin.post(`/api/comments/${id}/transfer`, {
        version: before.comment.version,
        departmentId: w.deptA1.id,
        dueOn: '2026-08-20',
        note: '请核实',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Comment>()).toMatchObject({ transferDepartmentName: '办公室', transferDueOn: '2026-08-20' });
      const audit = await handle.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', 'comment.transfer')
        .where('entity_id', '=', id)
        .execute();
      expect(audit).toHaveLength(1);
      expect((await lookup(sent.receipt, '198.51.100.61')).json<Receipt>().status).toBe('transferred');
      // The department's accounts are told (the bell, and their own channels), with a link to the comment's page.
      const told = await handle.db
        .selectFrom('notifications')
        .select(['user_id', 'link', 'body'])
        .where('kind', '=', 'workflow.comment_transferred')
        .where('link', '=', `/comments/${id}`)
        .execute();
      expect(told.map((n) => n.user_id)).toEqual([w.users.deptA1.id]);
      expect(told[0].body).toContain('2026-08-20');
      // The department: in its todos, red once overdue; it may draft but not close.
      const todos = async () =>
        (await dept.get('/api/todos'))
          .json<{
            groups: { kind: string; entries: { id: number; overdue?: boolean; link: string }[] }[];
          }>()
          .groups.find((g) => g.kind === 'comment_transferred');
      expect((await todos())?.entries.find((e) => e.id === id)).toMatchObject({
        overdue: false,
        link: `/comments/${id}`,
      });
      t.clock.now = new Date('2026-08-21T02:00:00Z');
      // Days later: the department signs in again.
      const later = await t.login('depta1');
      const todosLater = async () =>
        (await later.get('/api/todos'))
          .json<{ groups: { kind: string; entries: { id: number; overdue?: boolean }[] }[] }>()
          .groups.find((g) => g.kind === 'comment_transferred');
      expect((await todosLater())?.entries.find((e) => e.id === id)?.overdue).toBe(true);
      // The notice's list shows the department only what was passed to it.
      const listed = (await later.get(`/api/publications/${publicationId}/comments`)).json<{
        comments: { id: number }[];
      }>();
      expect(listed.comments.map((c) => c.id)).toEqual([id]);
      const seen = await detail(later, id);
      expect(seen.can).toMatchObject({ draft: true, answer: false, transfer: false });
      expect(seen.comment.transferOverdue).toBe(true);
      expect((await (await t.login('depta2')).get(`/api/comments/${id}`)).statusCode).toBe(404);
      const drafted = await later.post(`/api/comments/${id}/answer`, {
        version: seen.comment.version,
        answer: '已核实账目。',
      });
      expect(drafted.statusCode, drafted.body).toBe(200);
      const closeByDept = await later.post(`/api/comments/${id}/answer`, {
        version: seen.comment.version + 1,
        handled: true,
      });
      expect(closeByDept.statusCode).toBe(403);
      const office = await t.login('unitadmina');
      const closed = await office.post(`/api/comments/${id}/answer`, {
        version: seen.comment.version + 1,
        handled: true,
      });
      expect(closed.statusCode, closed.body).toBe(200);
      expect((await todosLater())?.entries.find((e) => e.id === id)).toBeUndefined();
      expect((await lookup(sent.receipt, '198.51.100.62')).json<Receipt>()).toMatchObject({
        status: 'handled',
        answer: '已核实账目。',
      });
    });

    it('refuses a past or malformed due date, another unit’s department, a handled comment and a department user, changing nothing', async () => {
      await send({ content: '转办拒绝测试。' });
      const id = await idOf('转办拒绝测试。');
      const version = (await row(id)).version;
      const transfer = (client: TestClient, body: Record<string, unknown>) =>
        client.post(`/api/comments/${id}/transfer`, {
          version,
          departmentId: w.deptA1.id,
          dueOn: '2026-08-20',
          ...body,
        });
      await unchanged(id, async () => {
        const past = await transfer(unitAdmin, { dueOn: '2026-08-14' });
        expect(past.statusCode).toBe(400);
        expect(past.json<ErrorBody>().error.message).toContain('转办期限不能早于今天');
        expect((await transfer(unitAdmin, { dueOn: '2026-02-30' })).statusCode).toBe(400);
        const other = await transfer(unitAdmin, { departmentId: w.deptB1.id });
        expect(other.statusCode).toBe(400);
        expect((await transfer(unitAdmin, { departmentId: w.unitA.id })).statusCode).toBe(400);
        expect((await transfer(as.depta1, {})).statusCode).toBe(404);
        expect((await transfer(as.supervisor, {})).statusCode).toBe(403);
        expect((await transfer(as.unitadminb, {})).statusCode).toBe(404);
        expect((await transfer(unitAdmin, { version: version + 5 })).statusCode).toBe(409);
      });
      await unitAdmin.post(`/api/comments/${id}/answer`, { version, answer: '已办', handled: true });
      await unchanged(id, async () => {
        const res = await transfer(unitAdmin, { version: version + 1 });
        expect(res.statusCode).toBe(409);
        expect(res.json<ErrorBody>().error.code).toBe('comment_already_handled');
      });
    });

    it('takes one of two 转办 sent at once and refuses the other with 409', async () => {
      await send({ content: '并发转办测试。' });
      const id = await idOf('并发转办测试。');
      const version = (await row(id)).version;
      const [a, b] = await Promise.all(
        [w.deptA1.id, w.deptA2.id].map((departmentId) =>
          unitAdmin.post(`/api/comments/${id}/transfer`, { version, departmentId, dueOn: '2026-08-25' }),
        ),
      );
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const winner = (a.statusCode === 200 ? a : b).json<Comment>();
      const stored = await row(id);
      expect(stored.transfer_department_id).toBe(winner.transferDepartmentId);
      expect(stored.version).toBe(version + 1);
      const audits = await handle.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'comment.transfer')
        .where('entity_id', '=', id)
        .execute();
      expect(audits).toHaveLength(1);
    });
  });

  describe('links to items', () => {
    it('links an item of the same inspection, shown on the comment and the item; refuses another inspection’s, changing nothing', async () => {
      const sent = await send({ content: '关联事项测试。' });
      const id = await idOf('关联事项测试。');
      const version = (await row(id)).version;
      await unchanged(id, async () => {
        const other = await unitAdmin.post(`/api/comments/${id}/item`, { version, itemId: w.itemB1 });
        expect(other.statusCode).toBe(400);
        expect(other.json<ErrorBody>().error.message).toContain('只能关联本次巡察的问题');
        expect((await unitAdmin.post(`/api/comments/${id}/item`, { version, itemId: 999999 })).statusCode).toBe(400);
        expect((await as.supervisor.post(`/api/comments/${id}/item`, { version, itemId: w.itemA1 })).statusCode).toBe(
          403,
        );
        expect((await as.unitadminb.post(`/api/comments/${id}/item`, { version, itemId: w.itemB1 })).statusCode).toBe(
          404,
        );
      });
      const linked = await unitAdmin.post(`/api/comments/${id}/item`, { version, itemId: w.itemA1 });
      expect(linked.statusCode, linked.body).toBe(200);
      expect(linked.json<Comment>()).toMatchObject({ itemId: w.itemA1, itemTitle: '财务审批不规范' });
      const onItem = await unitAdmin.get(`/api/items/${w.itemA1}/comments`);
      expect(onItem.json<{ comments: { id: number; publicStatus: string }[] }>().comments).toEqual([
        expect.objectContaining({ id, publicStatus: 'processing' }),
      ]);
      expect((await as.unitadminb.get(`/api/items/${w.itemA1}/comments`)).statusCode).toBe(404);
      expect((await lookup(sent.receipt, '198.51.100.63')).json<Receipt>().status).toBe('processing');
      const unlinked = await unitAdmin.post(`/api/comments/${id}/item`, { version: version + 1, itemId: null });
      expect(unlinked.json<Comment>().itemId).toBeNull();
    });
  });

  describe("supervisors' remarks", () => {
    it('lets the supervisors, the team and the office add internal remarks, never public; refuses the unit, changing nothing', async () => {
      const sent = await send({ content: '监督意见测试。' });
      const id = await idOf('监督意见测试。');
      const supervisor = as.supervisor;
      expect((await detail(supervisor, id)).can).toMatchObject({ remark: true, answer: false, transfer: false });
      const res = await supervisor.post(`/api/comments/${id}/remarks`, {
        body: '请单位核实后如实答复，并关联相应整改事项。',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ remarks: { body: string; authorName: string }[] }>().remarks).toEqual([
        expect.objectContaining({ body: '请单位核实后如实答复，并关联相应整改事项。', authorName: 'supervisor' }),
      ]);
      expect((await as.teama.post(`/api/comments/${id}/remarks`, { body: '组内意见' })).statusCode).toBe(200);
      expect((await detail(unitAdmin, id)).remarks).toHaveLength(2);
      await unchanged(id, async () => {
        const unit = await unitAdmin.post(`/api/comments/${id}/remarks`, { body: '单位自己' });
        expect(unit.statusCode).toBe(403);
        expect((await supervisor.post(`/api/comments/${id}/remarks`, { body: '   ' })).statusCode).toBe(400);
        expect((await as.unitadminb.post(`/api/comments/${id}/remarks`, { body: 'x' })).statusCode).toBe(403);
        expect((await as.unitadminb.get(`/api/comments/${id}`)).statusCode).toBe(404);
      });
      const page = await t.app.inject({ method: 'GET', url: sent.statusUrl, remoteAddress: '198.51.100.64' });
      expect(page.body).not.toContain('请单位核实后如实答复');
      expect((await lookup(sent.receipt, '198.51.100.64')).body).not.toContain('请单位核实');
    });
  });
});
