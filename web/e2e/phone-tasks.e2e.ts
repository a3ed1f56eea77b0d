import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  demoUser,
  type E2E,
  hasChromium,
  PHONE,
  settled,
  shot,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';
import { makePdf, pickItem } from './item-fixtures.ts';

/** Whether a card shows its whole title: the link is not clipped (no ellipsis) and lies inside the screen. */
async function titleWhole(link: Locator) {
  return link.evaluate(
    (e) => e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().right <= window.innerWidth + 1,
  );
}

const overlap = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!hasChromium)(`task lists on a phone${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const phoneAs = (username: string) => e2e.open(username, { phone: true });

  /** The menu's fold-out button never lies over the page's title. */
  async function expectTitleUncovered(page: Page) {
    const title = await page.locator('main h1').first().boundingBox();
    const trigger = await page.locator('.ant-layout-sider-zero-width-trigger').boundingBox();
    expect(title).not.toBeNull();
    expect(trigger).not.toBeNull();
    if (title && trigger) expect(overlap(title, trigger), JSON.stringify({ title, trigger })).toBe(false);
  }

  it('the department user sees each task as a card: whole title, deadline, state and 记录进展', async () => {
    const { context, page } = await phoneAs(demoUser(e2e.demo, 'department'));
    const list = page.getByRole('list', { name: '我的整改任务' });
    await list.waitFor();
    await settled(page);
    await shot(page, 'phone-tasks-department');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectTitleUncovered(page);
    const cards = list.locator('li.item-card');
    const n = await cards.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      const link = card.locator('a').first();
      expect(((await link.textContent()) ?? '').length).toBeGreaterThan(4);
      expect(await titleWhole(link)).toBe(true);
      await expect(card.locator('.ant-tag').count()).resolves.toBeGreaterThan(0);
      // A request already with the reviewers has nothing to record; every other task offers its one next step.
      const waiting = /申请销号|待单位审核|待巡察办确认/.test((await card.textContent()) ?? '');
      if (!waiting) await card.getByRole('button', { name: /^为“.+”记录进展$/ }).waitFor();
    }
    await list
      .getByRole('button', { name: /记录进展/ })
      .first()
      .tap();
    // On a phone the entry is written in a sheet over the home page (phone-progress.e2e.ts records one through it).
    await page.getByRole('dialog').filter({ hasText: '进展情况' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });

  it('the leader sees 待我审核 as cards with the whole title and the 审核 button', async () => {
    const leader = demoUser(e2e.demo, 'unit_leader');
    const { context, page } = await phoneAs(leader);
    const list = page.getByRole('list', { name: '待我审核' });
    await page.getByRole('heading', { name: /^待我审核/ }).waitFor();
    await settled(page);
    await shot(page, 'phone-tasks-leader');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectTitleUncovered(page);
    const cards = list.locator('li.item-card');
    const n = await cards.count();
    expect(n, `${leader} has requests to review in the demo`).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      const link = card.locator('a').first();
      expect(await titleWhole(link)).toBe(true);
      const button = card.getByRole('button', { name: /^审核“.+”$|审核/ });
      await button.waitFor();
      const box = await button.boundingBox();
      expect(box && box.x + box.width <= PHONE.width).toBe(true);
    }
    await context.close();
  });

  it('the evidence area says 点击选择文件或拍照 on a phone and lets the camera in', async () => {
    const item = await pickItem(e2e, 'in_progress');
    const { context, page } = await phoneAs(item.departmentUser);
    await page.goto(`/items/${item.id}`);
    const zone = page.getByText('点击选择文件或拍照');
    await zone.waitFor();
    await settled(page);
    await zone.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/phone-tasks-evidence.png' });
    await expect(page.getByText('将文件拖到此处，或点击选择文件').count()).resolves.toBe(0);
    const accept = await page.locator('#evidence input[type=file]').first().getAttribute('accept');
    expect(accept).toContain('image/*');
    expect(await page.locator('#evidence input[type=file]').first().getAttribute('capture')).toBeNull();
    // Several files in one pick all arrive, one after another.
    await page.getByLabel('说明').fill('two at once');
    await page
      .locator('#evidence input[type=file]')
      .first()
      .setInputFiles([
        { name: 'phone-one.pdf', mimeType: 'application/pdf', buffer: makePdf('one') },
        { name: 'phone-two.pdf', mimeType: 'application/pdf', buffer: makePdf('two') },
      ]);
    await page.locator('#evidence').getByText('phone-one.pdf').first().waitFor();
    await page.locator('#evidence').getByText('phone-two.pdf').first().waitFor();
    // The names show in the upload's own list as soon as they are sent; the table's rows (with the note) after its refetch.
    await expect.poll(() => page.locator('#evidence').getByText('two at once').count()).toBe(2);
    await context.close();
  });

  it('at 1366×768 the lists stay tables and the upload still invites a drop', async () => {
    const { context, page } = await e2e.open(demoUser(e2e.demo, 'department'));
    const table = page.getByRole('table', { name: '我的整改任务' });
    await table.waitFor();
    await settled(page);
    await shot(page, 'phone-tasks-desktop-department');
    await expect(page.locator('li.item-card').count()).resolves.toBe(0);
    await expect(table.getByRole('columnheader', { name: '记录进展' }).count()).resolves.toBe(1);
    const { context: leaderContext, page: leaderPage } = await e2e.open(demoUser(e2e.demo, 'unit_leader'));
    await leaderPage.getByRole('table', { name: '待我审核' }).waitFor();
    await settled(leaderPage);
    await shot(leaderPage, 'phone-tasks-desktop-leader');
    const item = await pickItem(e2e, 'in_progress');
    const { context: deptContext, page: deptPage } = await e2e.open(item.departmentUser);
    await deptPage.goto(`/items/${item.id}`);
    await deptPage.getByText('将文件拖到此处，或点击选择文件').waitFor();
    await Promise.all([context.close(), leaderContext.close(), deptContext.close()]);
  });
});
