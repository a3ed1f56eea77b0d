import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import { publicationOf, publishViaWorkflow } from '../../../test/publishing.ts';
import type { ErrorBody, lintFinding } from '../../schemas.ts';
import type { commentResponses, commentsResponses } from '../comments/comments.schema.ts';
import type { listResponses, previewResponses, publicationResponses, summaryResponses } from './publications.schema.ts';

type Publication = Static<(typeof publicationResponses)[200]>;
type Publications = Static<(typeof listResponses)[200]>;
type Preview = Static<(typeof previewResponses)[200]>;
type Comments = Static<(typeof commentsResponses)[200]>;
type Comment = Static<(typeof commentResponses)[200]>;
type Summary = Static<(typeof summaryResponses)[200]>;
/** A refusal to publish carries the linter's findings in its details. */
type Finding = Static<typeof lintFinding>;

/** What the unit writes for its notice; the period given when publishing replaces the draft's. */
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

describe.each(testDialects())('publishing, the portal and public comments on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  // This file moves the clock; every test starts from the app's own moment whatever ran before it.
  afterEach(() => t?.resetClock());
  let w: World;
  let unitAdmin: TestClient;
  let publicationId: number;
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const comment = (payload: unknown, ip = '203.0.113.7', id = publicationId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/notices/${id}/comments`,
      payload: payload as Record<string, unknown>,
      remoteAddress: ip,
    });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    unitAdmin = await t.login('unitadmina');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  describe('publishing', () => {
    it('refuses while the linter finds errors, with the findings, and changes nothing', async () => {
      const before = await tableCounts(handle.db);
      const res = await unitAdmin.post(`/api/inspections/${w.inspectionA}/publication-versions`, period);
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('lint_failed');
      const codes = (res.json<ErrorBody>().error.details as { findings: Finding[] }).findings.map((f) => f.code);
      expect(codes.length).toBeGreaterThan(0);
      expect(await tableCounts(handle.db)).toEqual(before);
    });

    it('refuses bad periods and callers who may not publish', async () => {
      expect(
        (
          await unitAdmin.inject({
            method: 'PUT',
            url: `/api/inspections/${w.inspectionA}/documents/notice/draft`,
            payload: writing,
          })
        ).statusCode,
      ).toBe(200);
      const [dept, supervisor, otherUnit] = await Promise.all(
        ['depta1', 'supervisor', 'unitadminb'].map((u) => t.login(u)),
      );
      const before = await tableCounts(handle.db);
      const url = `/api/inspections/${w.inspectionA}/publication-versions`;
      const cases: [unknown, number, string][] = [
        [{ publicFrom: '2026-08-20', publicTo: '2026-08-20' }, 400, 'bad_period'],
        [{ publicFrom: '2026-08-20', publicTo: '2026-08-10' }, 400, 'bad_period'],
        [{ publicFrom: '2026-07-01', publicTo: '2026-07-10' }, 400, 'bad_period'],
        [{ publicFrom: '2026-02-30', publicTo: '2026-03-10' }, 400, 'validation'],
        [{ publicFrom: '2026-08-20' }, 400, 'validation'],
        [{ ...period, status: 'published' }, 400, 'validation'],
      ];
      for (const [body, status, code] of cases) {
        const res = await unitAdmin.post(url, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status);
        expect(res.json<ErrorBody>().error.code).toBe(code);
      }
      expect((await dept.post(url, period)).statusCode).toBe(403);
      expect((await supervisor.post(url, period)).statusCode).toBe(403);
      expect((await otherUnit.post(url, period)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'POST', url, payload: period })).statusCode).toBe(401);
      expect(await tableCounts(handle.db)).toEqual(before);
    });

    it('publishes the linted public notice with the chosen period, audited, once', async () => {
      const preview = await unitAdmin.get(
        `/api/inspections/${w.inspectionA}/publications/preview?publicFrom=${period.publicFrom}&publicTo=${period.publicTo}`,
      );
      expect(preview.statusCode).toBe(200);
      expect(preview.json<Preview>().findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(preview.json<Preview>().text).toContain('2026年8月29日');
      const leader = await t.login('leadera');
      const before = await tableCounts(handle.db);
      // Issue 15: the unit's administrator drafts and submits, its leader approves, which publishes.
      const approved = await publishViaWorkflow(unitAdmin, leader, w.inspectionA, period);
      expect(approved.statusCode, approved.body).toBe(200);
      publicationId = publicationOf(approved);
      const res = await unitAdmin.get(`/api/publications/${publicationId}`);
      expect(res.json<Publication>()).toMatchObject({
        ...period,
        status: 'published',
        state: 'public',
        inspectionId: w.inspectionA,
        shownVersion: 1,
        correctedAt: null,
      });
      const after = await tableCounts(handle.db);
      expect(after.publications).toBe(before.publications + 1);
      // The draft, the submission, the approval and the publication itself.
      expect(after.audit_events).toBe(before.audit_events + 4);
      // A notice public already is not published twice: the next draft is a correction at the same address.
      const publishing = await unitAdmin.get(`/api/inspections/${w.inspectionA}/publishing`);
      expect(publishing.json()).toMatchObject({ prepares: 'correction', current: { id: publicationId } });

      const list = await unitAdmin.get('/api/publications');
      expect(list.json<Publications>().publications.map((p) => p.id)).toEqual([publicationId]);
      expect((await (await t.login('unitadminb')).get('/api/publications')).json<Publications>().publications).toEqual(
        [],
      );
      expect((await (await t.login('unitadminb')).get(`/api/publications/${publicationId}`)).statusCode).toBe(404);
    });
  });

  describe('the portal', () => {
    it('lists the notice and shows it under a strict CSP, no sign-in', async () => {
      const list = await t.app.inject({ method: 'GET', url: '/public' });
      expect(list.statusCode).toBe(200);
      expect(list.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(list.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
      expect(list.body).toContain(`/public/notices/${publicationId}`);
      expect(list.body).toContain('lang="zh-CN"');
      const page = await t.app.inject({ method: 'GET', url: `/public/notices/${publicationId}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('2026年8月15日至2026年8月29日');
      expect(page.body).toContain('0731-6661234');
      expect(page.body).toContain('name="issued"');
      expect(page.body).not.toMatch(/<script>|<style>| style="/);
      for (const url of ['/public/assets/portal.css', '/public/assets/comment.js']) {
        expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      }
      expect((await t.app.inject({ method: 'GET', url: '/public/notices/99999' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/public/notices/abc' })).statusCode).toBe(404);
    });
  });

  describe('comments', () => {
    it('takes a comment (201), stores script text as text and never renders it as markup', async () => {
      const content = '<script>alert(1)</script> 公车私用问题仍有反映';
      const res = await comment({ content: `  ${content}  `, name: '张三', contact: '13800000000' });
      expect(res.statusCode, res.body).toBe(201);
      const comments = await unitAdmin.get(`/api/publications/${publicationId}/comments`);
      expect(comments.json<Comments>().comments[0]).toMatchObject({ content, name: '张三', status: 'new' });
      const row = await handle.db.selectFrom('public_comments').selectAll().executeTakeFirstOrThrow();
      expect(row.address_hash).not.toContain('203.0.113.7');
      const list = await unitAdmin.get('/api/publications');
      expect(list.json<Publications>().publications[0].comments).toEqual({ new: 1, answered: 0, handled: 0 });
    });

    it('refuses bad input with 400 and stores nothing', async () => {
      const before = await tableCounts(handle.db);
      const cases: [unknown, string][] = [
        [{}, 'validation'],
        [{ content: '   ' }, 'bad_comment'],
        [{ content: '好'.repeat(2001) }, 'bad_comment'],
        [{ content: '好', name: '名'.repeat(51) }, 'bad_comment'],
        [{ content: '好', contact: '1'.repeat(101) }, 'bad_comment'],
        [{ content: '好', extra: 1 }, 'validation'],
        [{ content: { text: '好' } }, 'validation'],
        [{ content: '见 http://a.example http://b.example www.c.example' }, 'too_many_links'],
        [{ content: '好', issued: '123.forged' }, 'bad_form'],
      ];
      for (const [body, code] of cases) {
        const res = await comment(body, '198.51.100.1');
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json<ErrorBody>().error.code, JSON.stringify(body)).toBe(code);
      }
      const huge = await comment({ content: 'x'.repeat(20_000) }, '198.51.100.1');
      expect(huge.statusCode).toBe(413);
      const hugeForm = await t.app.inject({
        method: 'POST',
        url: `/api/public/notices/${publicationId}/comments`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `content=${'x'.repeat(20_000)}`,
        remoteAddress: '198.51.100.1',
      });
      expect(hugeForm.statusCode).toBe(413);
      const xml = await t.app.inject({
        method: 'POST',
        url: `/api/public/notices/${publicationId}/comments`,
        headers: { 'content-type': 'text/xml' },
        payload: '<content>x</content>',
        remoteAddress: '198.51.100.1',
      });
      expect(xml.statusCode).toBe(415);
      expect(await tableCounts(handle.db)).toEqual(before);
    });

    it('answers a filled honeypot like a success but stores nothing', async () => {
      const before = await tableCounts(handle.db);
      const res = await comment({ content: '广告', website: 'http://spam.example' }, '198.51.100.2');
      expect(res.statusCode).toBe(201);
      expect(await tableCounts(handle.db)).toEqual(before);
    });

    it('takes the HTML form only after a person could have read the page', async () => {
      const page = await t.app.inject({ method: 'GET', url: `/public/notices/${publicationId}` });
      const issued = /name="issued" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const form = (content: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/public/notices/${publicationId}/comments`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ content, name: '', contact: '', website: '', issued }).toString(),
          remoteAddress: '198.51.100.3',
        });
      const fast = await form('太快了');
      expect(fast.statusCode).toBe(400);
      expect(fast.headers['content-type']).toMatch(/text\/html/);
      expect(fast.body).toContain('提交过快');
      expect(fast.body).toContain('太快了');
      at('2026-08-15T02:00:10Z');
      const ok = await form('表单提交 <b>粗体</b>');
      expect(ok.statusCode).toBe(303);
      // Issue 15: to the receipt's page, which shows the receipt to save.
      expect(ok.headers.location).toMatch(
        /^\/public\/comments\/[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}\?new=1$/,
      );
      const back = await t.app.inject({ method: 'GET', url: ok.headers.location as string });
      expect(back.body).toContain('意见建议已提交');
      expect(back.body).toContain('请保存回执号');
      at('2026-08-16T03:00:00Z');
      expect((await form('隔天')).statusCode).toBe(400);
      at('2026-08-15T02:00:00Z');
    });

    it('limits one address per hour (429 with Retry-After) but not another', async () => {
      t.config.commentsPerHour = 3;
      at('2026-08-15T04:00:00Z');
      for (let i = 0; i < 3; i++) expect((await comment({ content: `第${i}条` }, '192.0.2.50')).statusCode).toBe(201);
      const limited = await comment({ content: '第4条' }, '192.0.2.50');
      expect(limited.statusCode).toBe(429);
      expect(limited.json<ErrorBody>().error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBe(3600);
      expect((await comment({ content: '另一地址' }, '192.0.2.51')).statusCode).toBe(201);
      at('2026-08-15T05:00:01Z');
      expect((await comment({ content: '一小时后' }, '192.0.2.50')).statusCode).toBe(201);
      t.config.commentsPerHour = 5;
      at('2026-08-15T02:00:00Z');
    });

    it('refuses unknown notices with 404', async () => {
      expect((await comment({ content: '好' }, '192.0.2.9', 99999)).statusCode).toBe(404);
    });
  });

  describe('answering', () => {
    it('lets the unit answer and close; others may not', async () => {
      const list = (await unitAdmin.get(`/api/publications/${publicationId}/comments`)).json<Comments>().comments;
      const target = list[0];
      const url = `/api/comments/${target.id}/answer`;
      // Issue 15: a department sees only the comments passed to it (转办); this one was not.
      expect((await (await t.login('depta1')).post(url, { version: target.version, answer: '收到' })).statusCode).toBe(
        404,
      );
      expect(
        (await (await t.login('unitadminb')).post(url, { version: target.version, answer: '收到' })).statusCode,
      ).toBe(404);
      expect((await (await t.login('unitadminb')).get(`/api/publications/${publicationId}/comments`)).statusCode).toBe(
        404,
      );
      expect((await unitAdmin.post(url, { version: target.version })).json<ErrorBody>().error.code).toBe(
        'answer_required',
      );
      const answered = await unitAdmin.post(url, { version: target.version, answer: '已转交办公室核实。' });
      expect(answered.statusCode).toBe(200);
      expect(answered.json<Comment>()).toMatchObject({ status: 'answered', answer: '已转交办公室核实。' });
      expect((await unitAdmin.post(url, { version: target.version, handled: true })).statusCode).toBe(409);
      const leader = await t.login('leadera');
      const handled = await leader.post(url, { version: target.version + 1, handled: true });
      expect(handled.json<Comment>()).toMatchObject({ status: 'handled', answer: '已转交办公室核实。' });
      const corrected = await leader.post(url, { version: target.version + 2, answer: '已核实，情况属实，已整改。' });
      expect(corrected.json<Comment>()).toMatchObject({ status: 'handled', answer: '已核实，情况属实，已整改。' });
      const summary = await unitAdmin.get('/api/publications/summary');
      expect(summary.json<Summary>()).toMatchObject({ published: 1, comments: { handled: 1 } });
      expect(summary.json<Summary>().comments.total).toBe(list.length);
    });
  });

  describe('the end of the period', () => {
    it('archives after public_to when so configured: still readable, no form, comments refused with 410', async () => {
      t.config.publicExpiry = 'archive';
      at('2026-08-30T02:00:00Z');
      const list = await t.app.inject({ method: 'GET', url: '/public' });
      expect(list.body).toContain('已归档');
      expect(list.body).toContain(`/public/notices/${publicationId}`);
      const page = await t.app.inject({ method: 'GET', url: `/public/notices/${publicationId}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<form');
      const late = await comment({ content: '晚了' }, '192.0.2.77');
      expect(late.statusCode).toBe(410);
      expect(late.json<ErrorBody>().error.code).toBe('period_over');
      const mine = (await (await t.login('unitadmina')).get(`/api/publications/${publicationId}`)).json<Publication>();
      expect(mine.state).toBe('archived');
    });

    it('withdraws after public_to when so configured: gone from the portal', async () => {
      t.config.publicExpiry = 'withdraw';
      at('2026-08-30T02:00:00Z');
      const list = await t.app.inject({ method: 'GET', url: '/public' });
      expect(list.body).not.toContain(`/public/notices/${publicationId}`);
      const page = await t.app.inject({ method: 'GET', url: `/public/notices/${publicationId}` });
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('不再公开');
      expect((await comment({ content: '晚了' }, '192.0.2.78')).statusCode).toBe(404);
      t.config.publicExpiry = 'archive';
    });

    it('withdraws early, audited; the notice vanishes and it may be published again', async () => {
      const p = (await unitAdmin.get(`/api/publications/${publicationId}`)).json<Publication>();
      expect(
        (await (await t.login('depta1')).post(`/api/publications/${publicationId}/withdraw`, { version: p.version }))
          .statusCode,
      ).toBe(403);
      const before = await tableCounts(handle.db);
      const res = await unitAdmin.post(`/api/publications/${publicationId}/withdraw`, { version: p.version });
      expect(res.statusCode).toBe(200);
      expect(res.json<Publication>()).toMatchObject({ status: 'withdrawn', state: 'withdrawn' });
      expect((await tableCounts(handle.db)).audit_events).toBe(before.audit_events + 1);
      expect(
        (await unitAdmin.post(`/api/publications/${publicationId}/withdraw`, { version: p.version + 1 })).statusCode,
      ).toBe(409);
      expect((await t.app.inject({ method: 'GET', url: `/public/notices/${publicationId}` })).statusCode).toBe(410);
      expect((await comment({ content: '还在吗' }, '192.0.2.79')).statusCode).toBe(404);
      // Withdrawn, the notice can be put forward again (a new address once approved).
      const again = await unitAdmin.post(`/api/inspections/${w.inspectionA}/publication-versions`, period);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toMatchObject({ publicationId: null, number: 1, state: 'draft' });
    });
  });
});
