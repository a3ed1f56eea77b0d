/**
 * Issue 15 (point 1): publishing as a workflow, in the browser. The unit's administrator drafts the notice and submits
 * it; the unit's leader finds it on the home page (待审批的公告, on a phone) and approves it, which publishes it; then a
 * correction goes the same way and the portal marks the notice 更正 at the same address, with its earlier version.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  consoleProblems,
  DEMO_PASSWORD,
  demoUser,
  type E2E,
  hasChromium,
  PHONE,
  settled,
  shot,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';

describe.skipIf(!hasChromium)(`publishing as a workflow${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let inspectionId: number;
  let unitName: string;
  let publisher: string;
  let leader: string;
  beforeAll(async () => {
    e2e = await startE2E();
    // The demo's published notice, withdrawn (as a unit may), so its inspection is put forward again from the start.
    const p = await e2e.handle.db
      .selectFrom('publications as p')
      .innerJoin('inspections as i', 'i.id', 'p.inspection_id')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .select(['p.id', 'p.inspection_id', 'u.name'])
      .executeTakeFirstOrThrow();
    await e2e.handle.db.updateTable('publications').set({ status: 'withdrawn' }).where('id', '=', p.id).execute();
    inspectionId = p.inspection_id;
    unitName = p.name;
    publisher = demoUser(e2e.demo, 'unit_admin', unitName);
    leader = demoUser(e2e.demo, 'unit_leader', unitName);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** The publisher's page on the inspection: the draft (or correction) made from the checked text, then submitted. */
  async function draftAndSubmit(page: Page, button: '生成草稿' | '生成更正稿') {
    await page.goto(`/publications?inspection=${inspectionId}`);
    const make = page.getByRole('button', { name: button });
    await expect.poll(() => make.isEnabled(), { timeout: 15_000 }).toBe(true);
    await make.click();
    const submit = page.getByRole('button', { name: '提交审批' });
    await submit.waitFor();
    await submit.click();
    await page.getByText('待单位领导审批').first().waitFor();
  }

  /** The leader approves from the publications page the home's task opened. */
  async function approve(page: Page) {
    await page.getByRole('button', { name: '同意发布' }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('已审批同意并发布。').waitFor();
  }

  it('the publisher drafts and submits; the leader sees it on the home page (phone) and approves: published', async () => {
    const desk = await e2e.open(publisher);
    const problems = consoleProblems(desk.page);
    await draftAndSubmit(desk.page, '生成草稿');
    await settled(desk.page);
    await shot(desk.page, 'publication-workflow-01-submitted');
    expect(problems).toEqual([]);
    await desk.context.close();

    const phone = await e2e.open(leader, { phone: true });
    // The home's 待办 lists it among the leader's tasks.
    const tasks = phone.page.getByRole('region', { name: '待审批的公告' });
    await tasks.getByRole('link').first().waitFor();
    await settled(phone.page);
    await shot(phone.page, 'publication-workflow-02-leader-home-phone');
    expect(await sidewaysOverflow(phone.page)).toBeLessThanOrEqual(0);
    await tasks.getByRole('link').first().click();
    await phone.page.waitForURL(/\/publications\?inspection=/);
    await phone.page.getByRole('button', { name: '同意发布' }).waitFor();
    await settled(phone.page);
    await shot(phone.page, 'publication-workflow-03-leader-approve-phone');
    expect(await sidewaysOverflow(phone.page)).toBeLessThanOrEqual(0);
    await approve(phone.page);
    await phone.context.close();

    const published = await e2e.handle.db
      .selectFrom('publications')
      .select(['id', 'status', 'shown_version'])
      .where('inspection_id', '=', inspectionId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    expect(published.shown_version).toBe(1);
  });

  it('a correction goes the same way and the portal marks it 更正 at the same address, with the earlier version', async () => {
    const desk = await e2e.open(publisher);
    await draftAndSubmit(desk.page, '生成更正稿');
    await desk.page.getByText('更正稿（第 2 版）').waitFor();
    await desk.context.close();

    const lead = await e2e.open(leader);
    await lead.page.goto(`/publications?inspection=${inspectionId}`);
    await approve(lead.page);
    await lead.page.getByText('正在公开第 2 版').waitFor();
    await settled(lead.page);
    await shot(lead.page, 'publication-workflow-04-history-internal');
    await lead.context.close();

    const { id } = await e2e.handle.db
      .selectFrom('publications')
      .select('id')
      .where('inspection_id', '=', inspectionId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    for (const [name, phone] of [
      ['desktop', false],
      ['phone', true],
    ] as const) {
      const { page, context } = await e2e.open(undefined, { phone });
      await page.goto(`/public/notices/${id}`);
      await page.getByText(/本公告于.*更正/).waitFor();
      await expect(page.getByRole('link', { name: '查看更正前版本' }).count()).resolves.toBe(1);
      await expect(page.getByRole('heading', { name: /更正记录/ }).count()).resolves.toBe(1);
      if (phone) expect(page.viewportSize()).toEqual(PHONE);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `publication-workflow-05-portal-${name}`);
      // The whole page is long: its top (the 更正 note) and the history, each as a reader sees it.
      await page.screenshot({ path: `test-results/publication-workflow-05-portal-${name}-top.png` });
      await page.locator('section.history').screenshot({
        path: `test-results/publication-workflow-05-portal-${name}-history.png`,
      });
      await page.getByRole('link', { name: '查看更正前版本' }).click();
      await page.getByText(/这是本公告第 1 版/).waitFor();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/publication-workflow-06-portal-earlier-${name}-top.png` });
      await context.close();
    }
  });

  it('an item withheld after publishing: the notice is marked 需更正 for the publisher, the portal keeps its text', async () => {
    const login = await e2e.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'office1', password: DEMO_PASSWORD },
    });
    const headers = {
      cookie: String(login.headers['set-cookie']).split(';')[0],
      'x-csrf-token': login.json().csrfToken,
    };
    const item = await e2e.handle.db
      .selectFrom('items')
      .select(['id', 'title', 'version'])
      .where('inspection_id', '=', inspectionId)
      .where('withheld', '=', 0)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { id } = await e2e.handle.db
      .selectFrom('publications')
      .select('id')
      .where('inspection_id', '=', inspectionId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    // The notice's text (the page's form carries a fresh signed time on each render, so the article is compared).
    const article = async () =>
      /<article[\s\S]*<\/article>/.exec(
        (await e2e.app.inject({ method: 'GET', url: `/public/notices/${id}` })).body,
      )?.[0];
    const before = await article();
    expect(before).toContain(item.title);
    const res = await e2e.app.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      headers,
      payload: { version: item.version, withheld: true, withheldReason: '涉及个人信息' },
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await article()).toBe(before);

    for (const [name, phone] of [
      ['desktop', false],
      ['phone', true],
    ] as const) {
      const { page, context } = await e2e.open(publisher, { phone });
      const problems = consoleProblems(page);
      await page.goto(`/publications?inspection=${inspectionId}`);
      await page.getByText(`需要更正：事项“${item.title}”已设为不宜公开`).waitFor();
      await expect(page.getByText('需更正').count()).resolves.toBeGreaterThan(0);
      await expect(page.getByRole('button', { name: '生成更正稿' }).count()).resolves.toBe(1);
      await settled(page);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `publication-workflow-07-needs-correction-${name}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
