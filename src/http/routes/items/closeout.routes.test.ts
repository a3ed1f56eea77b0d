import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { listAuditEvents, verifyAuditChain } from '../../../repositories/audit.repository.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildMeasure, buildUser, buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { Created, ErrorBody } from '../../schemas.ts';
import type { itemDetail } from './items.schema.ts';

type Detail = Static<typeof itemDetail>;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');
const DOCX = /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/;

/** Issue 14: close-out done right — withdrawing a request, removing one's own evidence before it, 完成日期 on 销号, the 审批表. */
describe.each(testDialects())('close-out requests, evidence and the 销号审批表 on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let unitAdminA: TestClient;
  let leaderA: TestClient;
  let deptA1: TestClient;
  let deptA1Colleague: TestClient;
  let deptA2: TestClient;
  let deptB1: TestClient;
  let unitAdminB: TestClient;
  afterEach(() => t?.resetClock());

  const detail = async (client: TestClient, id: number) => (await client.get(`/api/items/${id}`)).json<Detail>();
  const upload = async (client: TestClient, itemId: number, name: string, content: Buffer) => {
    const res = await client.inject({
      method: 'POST',
      url: `/api/items/${itemId}/evidence`,
      ...multipart({ effectiveOn: '2026-08-10', note: name }, { name, content }),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Created>().id;
  };
  const move = async (client: TestClient, itemId: number, event: string, note: string | null = null) => {
    const { version } = await detail(office, itemId);
    return client.post(`/api/items/${itemId}/transitions`, { event, version, note });
  };
  const remove = (client: TestClient, evidenceId: number) =>
    client.inject({ method: 'DELETE', url: `/api/evidence/${evidenceId}` });
  const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<ErrorBody>().error.code];

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    await buildUser(handle.db, { username: 'depta1b', role: 'department', unit: w.deptA1 });
    t = await createTestApp(handle);
    [office, unitAdminA, leaderA, deptA1, deptA1Colleague, deptA2, deptB1, unitAdminB] = await Promise.all(
      ['office', 'unitadmina', 'leadera', 'depta1', 'depta1b', 'depta2', 'deptb1', 'unitadminb'].map((u) => t.login(u)),
    );
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  it('withdraws a pending request back to 整改中, audited, and the request can be made again', async () => {
    await upload(deptA1, w.itemA1, '会议纪要.pdf', pdf('withdraw'));
    // Nothing to withdraw yet.
    expect(refusal(await move(deptA1, w.itemA1, 'withdraw'))).toEqual([409, 'invalid_transition']);
    expect((await move(deptA1, w.itemA1, 'request_close', '已整改')).statusCode).toBe(204);
    expect((await detail(deptA1, w.itemA1)).abilities.events).toContain('withdraw');
    expect((await detail(leaderA, w.itemA1)).abilities.events).not.toContain('withdraw');

    const counts = await tableCounts(handle.db);
    // Another unit does not see the item; the leader reviews it but does not withdraw it; another department neither.
    expect((await move(deptB1, w.itemA1, 'withdraw')).statusCode).toBe(404);
    expect((await move(unitAdminB, w.itemA1, 'withdraw')).statusCode).toBe(404);
    expect(refusal(await move(leaderA, w.itemA1, 'withdraw'))).toEqual([403, 'forbidden']);
    expect([403, 404]).toContain((await move(deptA2, w.itemA1, 'withdraw')).statusCode);
    expect(await tableCounts(handle.db)).toEqual(counts);

    expect((await move(deptA1, w.itemA1, 'withdraw', '补充材料后再申请')).statusCode).toBe(204);
    const after = await detail(deptA1, w.itemA1);
    expect(after).toMatchObject({ state: 'in_progress', closeStage: null });
    expect(after.reviews.map((r) => r.event)).toEqual(['request_close', 'withdraw']);
    expect(after.abilities.events).toEqual(['request_close']);
    // A withdrawn request is no longer there to approve.
    expect(refusal(await move(leaderA, w.itemA1, 'approve'))).toEqual([409, 'invalid_transition']);
    expect(refusal(await move(deptA1, w.itemA1, 'withdraw'))).toEqual([409, 'invalid_transition']);
    const events = await listAuditEvents(handle.db, { itemId: w.itemA1, limit: 50 });
    expect(events.find((e) => e.action === 'item.withdraw')).toMatchObject({
      before: { state: 'close_requested', close_stage: 'unit_review' },
      after: expect.objectContaining({ state: 'in_progress', note: '补充材料后再申请' }),
    });

    // The unit's administrator may withdraw a request of the unit's department, too, once approved as well.
    expect((await move(deptA1, w.itemA1, 'request_close', '再次申请')).statusCode).toBe(204);
    expect((await move(leaderA, w.itemA1, 'approve', '同意')).statusCode).toBe(204);
    expect((await move(unitAdminA, w.itemA1, 'withdraw')).statusCode).toBe(204);
    expect(await detail(office, w.itemA1)).toMatchObject({ state: 'in_progress', closeStage: null });
  });

  it('removes one’s own evidence before a request, with its bytes, and refuses everything else', async () => {
    const item = w.itemA2;
    const mine = await upload(deptA2, item, '方案.pdf', pdf('mine-a2'));
    const sha = (await detail(deptA2, item)).evidence.find((e) => e.id === mine)?.sha256 ?? '';
    expect(await t.app.services.evidence.has(sha)).toBe(true);
    expect((await detail(deptA2, item)).evidence.find((e) => e.id === mine)?.removable).toBe(true);
    expect((await detail(leaderA, item)).evidence.find((e) => e.id === mine)?.removable).toBe(false);

    const counts = await tableCounts(handle.db);
    // Another unit: not there. Another department of the same unit, the leader, the office: not theirs to remove.
    expect((await remove(deptB1, mine)).statusCode).toBe(404);
    expect((await remove(unitAdminB, mine)).statusCode).toBe(404);
    expect([403, 404]).toContain((await remove(deptA1, mine)).statusCode);
    expect(refusal(await remove(leaderA, mine))).toEqual([403, 'forbidden']);
    expect((await remove(office, mine)).statusCode).toBe(403);
    expect((await remove(deptA1, 999_999)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/evidence/abc', headers: deptA2Headers() })).statusCode,
    ).toBe(400);
    expect(await tableCounts(handle.db)).toEqual(counts);
    expect(await t.app.services.evidence.has(sha)).toBe(true);

    expect((await remove(deptA2, mine)).statusCode).toBe(204);
    expect((await detail(deptA2, item)).evidence.map((e) => e.id)).not.toContain(mine);
    expect(await t.app.services.evidence.has(sha)).toBe(false);
    expect((await remove(deptA2, mine)).statusCode).toBe(404);
    const events = await listAuditEvents(handle.db, { itemId: item, limit: 50 });
    expect(events.find((e) => e.action === 'evidence.delete')).toMatchObject({
      entity: 'item',
      entityId: item,
      before: expect.objectContaining({ id: mine, fileName: '方案.pdf', sha256: sha, uploadedBy: expect.any(Number) }),
    });
    expect(await verifyAuditChain(handle.db)).toMatchObject({ brokenAt: null });
  });

  function deptA2Headers() {
    return { cookie: deptA2.cookie, 'x-csrf-token': deptA2.csrf };
  }

  it('keeps the bytes while another row holds the same content; a colleague’s file is the unit administrator’s only', async () => {
    const item = w.itemA1;
    const same = pdf('shared-content');
    const first = await upload(deptA1, item, '一.pdf', same);
    const second = await upload(deptA1Colleague, item, '二.pdf', same);
    const sha = (await detail(deptA1, item)).evidence.find((e) => e.id === first)?.sha256 ?? '';

    // A colleague of the same department may not remove it; the unit's administrator may.
    expect(refusal(await remove(deptA1, second))).toEqual([403, 'forbidden']);
    expect((await detail(deptA1, item)).evidence.find((e) => e.id === second)?.removable).toBe(false);
    expect((await detail(unitAdminA, item)).evidence.find((e) => e.id === second)?.removable).toBe(true);

    expect((await remove(deptA1, first)).statusCode).toBe(204);
    expect(await t.app.services.evidence.has(sha)).toBe(true);
    expect((await remove(unitAdminA, second)).statusCode).toBe(204);
    expect(await t.app.services.evidence.has(sha)).toBe(false);
  });

  it('refuses to remove evidence a 延期申请 cites', async () => {
    const item = w.itemA2;
    const cited = await upload(deptA2, item, '延期依据.pdf', pdf('cited'));
    const { deadline } = await detail(deptA2, item);
    const asked = await deptA2.post(`/api/items/${item}/extensions`, {
      deadline: '2026-12-31',
      reason: '需跨年度完成',
      evidenceIds: [cited],
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(deadline).not.toBe('2026-12-31');
    expect((await detail(deptA2, item)).evidence.find((e) => e.id === cited)?.removable).toBe(false);
    const counts = await tableCounts(handle.db);
    expect(refusal(await remove(deptA2, cited))).toEqual([409, 'evidence_cited']);
    expect(await tableCounts(handle.db)).toEqual(counts);
  });

  it('refuses to remove evidence once a request rests on it, and after 销号', async () => {
    const item = w.itemA1;
    const file = await upload(deptA1, item, '佐证.pdf', pdf('locked'));
    expect((await move(deptA1, item, 'request_close', '已整改到位')).statusCode).toBe(204);
    expect((await detail(deptA1, item)).evidence.every((e) => !e.removable)).toBe(true);
    const counts = await tableCounts(handle.db);
    expect(refusal(await remove(deptA1, file))).toEqual([409, 'evidence_locked']);
    expect(refusal(await remove(unitAdminA, file))).toEqual([409, 'evidence_locked']);
    expect(await tableCounts(handle.db)).toEqual(counts);

    // Withdrawn, the file may be replaced again.
    expect((await move(deptA1, item, 'withdraw')).statusCode).toBe(204);
    expect((await detail(deptA1, item)).evidence.find((e) => e.id === file)?.removable).toBe(true);
    expect((await move(deptA1, item, 'request_close', '已整改到位')).statusCode).toBe(204);
    expect((await move(leaderA, item, 'approve')).statusCode).toBe(204);
    expect((await move(office, item, 'confirm')).statusCode).toBe(204);
    expect(refusal(await remove(deptA1, file))).toEqual([409, 'evidence_locked']);
  });

  it('fills the measures’ blank 完成日期 with the close date on 销号 and keeps a written one', async () => {
    const item = w.itemB1;
    const written = await buildMeasure(handle.db, item, {
      content: '已完成的措施',
      sortOrder: 2,
      completedOn: '2026-08-01',
    });
    const deptB1Client = deptB1;
    await upload(deptB1Client, item, '材料.pdf', pdf('b1'));
    expect((await move(deptB1Client, item, 'request_close', '核查属实')).statusCode).toBe(204);
    const leaderB = await t.login('leaderb');
    expect((await move(leaderB, item, 'approve', '同意')).statusCode).toBe(204);
    // Before 销号 the blank stays blank.
    expect((await detail(office, item)).measures.map((m) => m.completedOn)).toEqual([null, '2026-08-01']);
    expect((await move(office, item, 'confirm', '确认')).statusCode).toBe(204);
    const closed = await detail(office, item);
    expect(closed.closedOn).toBe('2026-08-15');
    expect(closed.measures.map((m) => [m.id === written, m.completedOn])).toEqual([
      [false, '2026-08-15'],
      [true, '2026-08-01'],
    ]);
    const events = await listAuditEvents(handle.db, { itemId: item, limit: 50 });
    const filled = events.filter((e) => e.action === 'measure.update');
    expect(filled).toHaveLength(1);
    expect(filled[0]).toMatchObject({ after: { itemId: item, completed_on: '2026-08-15' } });
  });

  it('prints the 销号审批表 of one item and of several, one section each, to whoever reads them', async () => {
    const one = await office.get(`/api/items/${w.itemB1}/closeout-form.docx`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toMatch(DOCX);
    expect(String(one.headers['content-disposition'])).toContain('attachment');
    expect(one.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const bulk = await office.get(`/api/closeout-forms.docx?items=${w.itemA1}&items=${w.itemA2}&items=${w.itemB1}`);
    expect(bulk.statusCode).toBe(200);
    expect(bulk.headers['content-type']).toMatch(DOCX);
    expect(bulk.rawPayload.length).toBeGreaterThan(one.rawPayload.length);

    // Unit B's user hears of no unit A item, whether asked alone or among its own.
    expect((await deptB1.get(`/api/items/${w.itemA1}/closeout-form.docx`)).statusCode).toBe(404);
    expect((await unitAdminB.get(`/api/closeout-forms.docx?items=${w.itemB1}&items=${w.itemA1}`)).statusCode).toBe(404);
    expect((await unitAdminB.get(`/api/closeout-forms.docx?items=${w.itemB1}`)).statusCode).toBe(200);
    // Bad lists: none, not a number, too many.
    expect(refusal(await office.get('/api/closeout-forms.docx'))).toEqual([400, 'validation']);
    expect(refusal(await office.get('/api/closeout-forms.docx?items=x'))).toEqual([400, 'validation']);
    expect(refusal(await office.get('/api/closeout-forms.docx?items=0'))).toEqual([400, 'validation']);
    const many = Array.from({ length: 301 }, (_, i) => `items=${i + 1}`).join('&');
    expect(refusal(await office.get(`/api/closeout-forms.docx?${many}`))).toEqual([400, 'validation']);
  });
});
