import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { publicationResponses } from '../publications/publications.schema.ts';
import type { publishingResponses, versionResponses } from './publication-versions.schema.ts';

type Version = Static<(typeof versionResponses)[200]>;
type Publishing = Static<(typeof publishingResponses)[200]>;
type Publication = Static<(typeof publicationResponses)[200]>;

const writing = {
  version: 0,
  issuer: '中共测试市交通运输局党组',
  issuedOn: '2026-08-15',
  asOf: '2026-08-15',
  organising: '局党组成立整改工作领导小组，召开专题会议3次。',
  nextSteps: '持续推进阶段性完成事项。',
  publicFrom: '2026-08-16',
  publicTo: '2026-08-30',
  contacts: { phone: ['0731-6661234'], email: ['jtj@ceshi.example.cn'], postal: '测试市通衢路8号', postcode: '410000' },
};
const period = { publicFrom: '2026-08-15', publicTo: '2026-08-29' };

describe.each(testDialects())('publishing as a workflow on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let publisher: TestClient;
  let leader: TestClient;
  let office: TestClient;
  let dept: TestClient;
  let otherUnit: TestClient;
  let publicationId: number;
  afterEach(() => {
    t?.resetClock();
    if (t) t.config.publicationOfficeApproval = false;
  });

  const draft = (client = publisher, body: unknown = period) =>
    client.post(`/api/inspections/${w.inspectionA}/publication-versions`, body);
  const step = (client: TestClient, v: { id: number; version: number }, action: string, extra = {}) =>
    client.post(`/api/publication-versions/${v.id}/${action}`, { version: v.version, ...extra });
  const publishing = async () =>
    (await publisher.get(`/api/inspections/${w.inspectionA}/publishing`)).json<Publishing>();
  const portal = (url: string) => t.app.inject({ method: 'GET', url });
  const expectRefused = async (
    res: Promise<{ statusCode: number; json: <T>() => T }>,
    status: number,
    code: string,
  ) => {
    const before = await tableCounts(handle.db);
    const r = await res;
    expect(r.statusCode).toBe(status);
    expect(r.json<ErrorBody>().error.code).toBe(code);
    expect(await tableCounts(handle.db)).toEqual(before);
  };

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    [publisher, leader, office, dept, otherUnit] = await Promise.all(
      ['unitadmina', 'leadera', 'office', 'depta1', 'unitadminb'].map((u) => t.login(u)),
    );
    const saved = await publisher.inject({
      method: 'PUT',
      url: `/api/inspections/${w.inspectionA}/documents/notice/draft`,
      payload: writing,
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('drafts, submits, and the leader’s approval publishes: each step audited, the publisher told', async () => {
    const before = await tableCounts(handle.db);
    const d = await draft();
    expect(d.statusCode, d.body).toBe(201);
    const v = d.json<Version>();
    expect(v).toMatchObject({ state: 'draft', number: 1, publicationId: null, ...period, events: ['submit'] });
    // The period is the one field: the frozen text states it.
    const text = await publisher.get(`/api/publication-versions/${v.id}`);
    expect(text.json<{ text: string }>().text).toContain('2026年8月29日');

    const submitted = await step(publisher, v, 'submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<Version>()).toMatchObject({ state: 'submitted', needsOffice: false });
    const awaiting = await leader.get('/api/publication-versions/awaiting');
    expect(awaiting.json<{ versions: Version[] }>().versions.map((x) => x.id)).toEqual([v.id]);
    expect(awaiting.json<{ versions: Version[] }>().versions[0].events).toEqual(['approve_unit', 'return_unit']);
    expect((await publisher.get('/api/publication-versions/awaiting')).json()).toEqual({ versions: [] });
    // The leader's 待办 lists it too, linking to the publications page on its inspection.
    const todo = (await leader.get('/api/todos?limit=5')).json<{
      groups: { kind: string; count: number; entries: { link: string }[] }[];
    }>();
    expect(todo.groups.find((g) => g.kind === 'notice_to_approve')).toMatchObject({
      count: 1,
      entries: [{ link: `/publications?inspection=${w.inspectionA}` }],
    });

    const approved = await step(leader, submitted.json<Version>(), 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    const published = approved.json<Version>();
    expect(published).toMatchObject({ state: 'published', leaderByName: 'leaderA' });
    expect(published.publicationId).toBeTypeOf('number');
    publicationId = published.publicationId as number;

    const after = await tableCounts(handle.db);
    expect(after.publications).toBe(before.publications + 1);
    expect(after.publication_versions).toBe(before.publication_versions + 1);
    // draft, submit, approve, publish.
    expect(after.audit_events).toBe(before.audit_events + 4);
    const actions = await handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'publication.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'publication.draft',
      'publication.submit',
      'publication.approve_unit',
      'publication.publish',
    ]);
    const told = await handle.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('kind', 'like', 'workflow.publication_%')
      .orderBy('id')
      .execute();
    expect(told).toEqual([
      { user_id: w.users.leaderA.id, kind: 'workflow.publication_submitted' },
      { user_id: w.users.unitAdminA.id, kind: 'workflow.publication_published' },
    ]);
    expect((await portal(`/public/notices/${publicationId}`)).statusCode).toBe(200);
    const state = await publishing();
    expect(state).toMatchObject({
      prepares: 'correction',
      open: null,
      current: { id: publicationId, shownVersion: 1 },
    });
  });

  it('refuses the wrong role (403), the wrong state (409), another unit (404) and a return without reason, changing nothing', async () => {
    const d = (await draft()).json<Version>();
    expect(d).toMatchObject({ number: 2, publicationId, state: 'draft' });
    const url = (action: string) => `/api/publication-versions/${d.id}/${action}`;
    // Not yet submitted: nobody approves it.
    await expectRefused(step(leader, d, 'approve'), 409, 'publication_version_state');
    await expectRefused(step(dept, d, 'submit'), 403, 'forbidden');
    await expectRefused(step(otherUnit, d, 'submit'), 404, 'not_found');
    for (const action of ['submit', 'approve', 'return']) {
      const body = action === 'return' ? { version: d.version, reason: 'x' } : { version: d.version };
      await expectRefused(otherUnit.post(url(action), body), 404, 'not_found');
    }
    expect((await otherUnit.get(`/api/publication-versions/${d.id}`)).statusCode).toBe(404);
    expect((await otherUnit.get(`/api/inspections/${w.inspectionA}/publishing`)).statusCode).toBe(404);
    await expectRefused(draft(otherUnit), 404, 'not_found');
    await expectRefused(draft(dept), 403, 'forbidden');
    const s = (await step(publisher, d, 'submit')).json<Version>();
    // Under review: no new draft, no second submission, not the publisher's to approve, not the office's step yet.
    await expectRefused(draft(), 409, 'publication_in_review');
    await expectRefused(step(publisher, s, 'submit'), 409, 'publication_version_state');
    await expectRefused(step(publisher, s, 'approve'), 403, 'forbidden');
    await expectRefused(step(leader, s, 'return', { reason: '   ' }), 400, 'validation');
    await expectRefused(step(leader, { ...s, version: s.version - 1 }, 'approve'), 409, 'stale_version');
    // A leader does not approve what they submitted themselves.
    const back = (await step(leader, s, 'return', { reason: '请补充联系电话' })).json<Version>();
    expect(back).toMatchObject({ state: 'returned', returnReason: '请补充联系电话', returnedByName: 'leaderA' });
    const bySelf = (await step(leader, back, 'submit')).json<Version>();
    await expectRefused(step(leader, bySelf, 'approve'), 403, 'forbidden');
    // Back to the publisher, who regenerates the draft (same version row) and submits again.
    const again = await step(leader, bySelf, 'return', { reason: '由发布人员重新提交' });
    expect(again.statusCode).toBe(200);
    const redrafted = await draft();
    expect(redrafted.statusCode).toBe(201);
    expect(redrafted.json<Version>()).toMatchObject({ id: d.id, state: 'draft', number: 2 });
  });

  it('two approvals at once: one publishes the correction, the other gets 409, and the address stays', async () => {
    const open = (await publishing()).open as Version;
    const s = (await step(publisher, open, 'submit')).json<Version>();
    const before = await tableCounts(handle.db);
    const results = await Promise.all([step(leader, s, 'approve'), step(leader, s, 'approve')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = await tableCounts(handle.db);
    expect(after.publications).toBe(before.publications);
    expect(after.publication_versions).toBe(before.publication_versions);
    // approve and correct, once.
    expect(after.audit_events).toBe(before.audit_events + 2);
    const p = (await publisher.get(`/api/publications/${publicationId}`)).json<Publication>();
    expect(p).toMatchObject({ id: publicationId, shownVersion: 2, correctedAt: '2026-08-15', needsCorrection: false });
    const history = (await publishing()).history;
    expect(history.map((v) => [v.number, v.state])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const page = await portal(`/public/notices/${publicationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('本公告于2026年8月15日更正');
    expect(page.body).toContain(`/public/notices/${publicationId}/versions/1`);
    const old = await portal(`/public/notices/${publicationId}/versions/1`);
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('更正前版本');
    expect((await portal(`/public/notices/${publicationId}/versions/2`)).statusCode).toBe(404);
    expect((await portal(`/public/notices/${publicationId}/versions/9`)).statusCode).toBe(404);
    expect((await portal(`/public/notices/${publicationId}/versions/x`)).statusCode).toBe(404);
  });

  it('two drafts at once: both answer, one open version remains', async () => {
    const before = await tableCounts(handle.db);
    const results = await Promise.all([draft(), draft()]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(results[0].json<Version>().id).toBe(results[1].json<Version>().id);
    expect((await tableCounts(handle.db)).publication_versions).toBe(before.publication_versions + 1);
  });

  it('where the office approves too, the leader’s approval waits for it; the office may return it', async () => {
    t.config.publicationOfficeApproval = true;
    const open = (await publishing()).open as Version;
    const s = (await step(publisher, open, 'submit')).json<Version>();
    expect(s.needsOffice).toBe(true);
    const l = (await step(leader, s, 'approve')).json<Version>();
    expect(l).toMatchObject({ state: 'approved', publishedAt: null });
    await expectRefused(step(leader, l, 'approve'), 403, 'forbidden');
    await expectRefused(step(publisher, l, 'approve'), 403, 'forbidden');
    expect(
      (await office.get('/api/publication-versions/awaiting')).json<{ versions: Version[] }>().versions,
    ).toHaveLength(1);
    const returned = (await step(office, l, 'return', { reason: '请核对整改完成率' })).json<Version>();
    expect(returned).toMatchObject({ state: 'returned', returnReason: '请核对整改完成率' });
    const s2 = (await step(publisher, returned, 'submit')).json<Version>();
    const l2 = (await step(leader, s2, 'approve')).json<Version>();
    const o = await step(office, l2, 'approve');
    expect(o.statusCode, o.body).toBe(200);
    expect(o.json<Version>()).toMatchObject({ state: 'published', number: 3, officeByName: 'office' });
  });

  it('a notice withdrawn while its correction is on its way: no approval into it; the redraft is the first text of a new address', async () => {
    const d = (await draft()).json<Version>();
    expect(d).toMatchObject({ publicationId, number: 4, state: 'draft' });
    const p = (await publisher.get(`/api/publications/${publicationId}`)).json<Publication>();
    expect(
      (await publisher.post(`/api/publications/${publicationId}/withdraw`, { version: p.version })).statusCode,
    ).toBe(200);
    // The correction still goes forward to the leader, whose approval is refused (nothing changes); it is returned.
    const submitted = (await step(publisher, d, 'submit')).json<Version>();
    await expectRefused(step(leader, submitted, 'approve'), 409, 'already_withdrawn');
    expect((await step(leader, submitted, 'return', { reason: '通报已撤回，请重新拟稿' })).statusCode).toBe(200);
    const again = (await draft()).json<Version>();
    expect(again).toMatchObject({ id: d.id, publicationId: null, number: 1, state: 'draft' });
    const s = (await step(publisher, again, 'submit')).json<Version>();
    const published = (await step(leader, s, 'approve')).json<Version>();
    expect(published.publicationId).not.toBe(publicationId);
    publicationId = published.publicationId as number;
    expect((await portal(`/public/notices/${publicationId}`)).statusCode).toBe(200);
  });

  it('withholding an item after publishing marks the notice for correction and tells the publisher; the portal keeps its text', async () => {
    const pageBefore = (await portal(`/public/notices/${publicationId}`)).body;
    const item = (await office.get(`/api/items/${w.itemA1}`)).json<{ version: number; title: string }>();
    // The office withholds it (as the plan's editors may); the unit's publisher is told.
    const res = await office.inject({
      method: 'PATCH',
      url: `/api/items/${w.itemA1}`,
      payload: { version: item.version, withheld: true, withheldReason: '涉及个人隐私' },
    });
    expect(res.statusCode, res.body).toBe(204);
    const p = (await publisher.get(`/api/publications/${publicationId}`)).json<Publication>();
    expect(p.needsCorrection).toBe(true);
    expect(p.correctionReason).toContain(item.title);
    const told = await handle.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'workflow.publication_needs_correction')
      .execute();
    expect(told.map((n) => n.user_id)).toEqual([w.users.unitAdminA.id]);
    expect((await portal(`/public/notices/${publicationId}`)).body).toBe(pageBefore);
  });
});
