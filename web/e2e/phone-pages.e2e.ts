import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  demoUser,
  type E2E,
  hasChromium,
  settled,
  shot,
  sidewaysCulprits,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';
import { pickItem } from './item-fixtures.ts';

/**
 * Issue 14: every page a department user's or a unit leader's menu offers, at 390 and 360 px, neither scrolls sideways
 * nor clips an item's title. Home, 台账, 督办 and 发布 are another check's (phone-width, phone-tasks); this one takes
 * the item page and the pages behind the account menu, the bell and the rest of the menu.
 */

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 360, height: 780 },
];

/** Menu entries left to the home, ledger, supervision and publications checks. */
const ELSEWHERE = ['/', '/ledger', '/supervision', '/publications'];

/**
 * The visible links to an item whose text is cut: by an ellipsis, past the screen's edge, or by a box around it that
 * hides what overflows (a table scrolled sideways inside the page).
 */
const clippedTitles = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('main a[href*="/items/"]')]
      .filter((a) => a.getClientRects().length > 0 && (a.textContent ?? '').trim().length > 0)
      .filter((a) => {
        const box = a.getBoundingClientRect();
        if (a.scrollWidth > a.clientWidth + 1 || box.right > window.innerWidth + 1) return true;
        for (let up = a.parentElement; up && up.tagName !== 'MAIN'; up = up.parentElement) {
          const style = getComputedStyle(up);
          const hides = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
          if (hides && (up.scrollWidth > up.clientWidth + 1 || box.right > up.getBoundingClientRect().right + 1))
            return true;
        }
        return false;
      })
      .map((a) => (a.textContent ?? '').trim()),
  );

/**
 * Tables that hide part of themselves on the phone: a cell cut with an ellipsis, or a table wider than its box (it
 * scrolls sideways inside the page, and what is off to the right is not read).
 */
const cutTables = (page: Page) =>
  page.evaluate(() => [
    ...[...document.querySelectorAll<HTMLElement>('main .ant-table-cell-ellipsis')]
      .filter((c) => c.getClientRects().length > 0 && c.scrollWidth > c.clientWidth + 1)
      .map((c) => `cut cell: ${(c.textContent ?? '').trim().slice(0, 30)}`),
    ...[...document.querySelectorAll<HTMLElement>('main .ant-table-content, main .ant-table-body')]
      .filter((b) => b.getClientRects().length > 0 && b.scrollWidth > b.clientWidth + 1)
      .map(
        (b) => `table wider than its box (in #${b.closest('[id]')?.id ?? '?'}): ${b.scrollWidth} > ${b.clientWidth}`,
      ),
  ]);

/** Which of the sider menu's entries the signed-in user has (their routes), read from the menu itself. */
const menuEntries = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('nav .ant-menu-item')]
      .map((e) => e.getAttribute('data-menu-id')?.replace(/^.*?-(?=\/)/, '') ?? '')
      .filter(Boolean),
  );

describe.skipIf(!hasChromium)(
  `phone pages of department users and unit leaders${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E();
      // A reminder sweep, as the office runs it, so the notifications pages have rows (the demo starts with none).
      const office = await e2e.open('office1');
      await office.page.goto('/notifications');
      await office.page.getByRole('button', { name: '立即扫描' }).click();
      await office.page.getByRole('status').filter({ hasText: '扫描完成' }).waitFor();
      await office.context.close();
    });
    afterAll(async () => {
      await e2e?.close();
    });

    /** An item the user may open: the department's own in-progress task, or one of the leader's unit awaiting review. */
    async function itemFor(username: string) {
      const user = await e2e.handle.db
        .selectFrom('users')
        .select(['unit_id', 'role'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const column = user.role === 'department' ? 'lead_department_id' : 'unit_id';
      const rows = await e2e.handle.db
        .selectFrom('items')
        .select(['id', 'state'])
        .where(column, '=', user.unit_id)
        .orderBy('id')
        .execute();
      const wanted = user.role === 'department' ? 'in_progress' : 'close_requested';
      const row = rows.find((r) => r.state === wanted) ?? rows[0];
      if (!row) throw new Error(`${username} has no item in the demo`);
      return `/items/${row.id}`;
    }

    async function check(page: Page, path: string, name: string) {
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        await page.goto(path);
        await page.locator('main h1, main h2, main h3, main h4, main .ant-card').first().waitFor();
        await settled(page);
        await shot(page, `${name}-${size.width}`);
        const wide = await sidewaysOverflow(page);
        expect
          .soft(wide, `${path} at ${size.width} px:\n${(await sidewaysCulprits(page)).join('\n')}`)
          .toBeLessThanOrEqual(0);
        expect.soft(await clippedTitles(page), `${path} at ${size.width} px: titles cut`).toEqual([]);
        expect.soft(await cutTables(page), `${path} at ${size.width} px: tables cut`).toEqual([]);
      }
    }

    /** The pages each role's menu offers beyond those left elsewhere, and the pages behind the bell and the account menu. */
    const MENU: Record<string, string[]> = {
      // Issue 16: on a phone the header has no room for the search box, so 全文检索 is a menu entry.
      department: ['/search'],
      unit_leader: ['/search', '/documents', '/exchange'],
    };
    /** 'item': an item of the user's (itemFor). */
    const ALWAYS = ['item', '/notifications', '/account/profile', '/account/password', '/account/security'];

    describe.each(Object.keys(MENU))('as the demo %s', (role) => {
      let context: BrowserContext;
      let page: Page;
      let username: string;
      beforeAll(async () => {
        username = demoUser(e2e.demo, role);
        ({ context, page } = await e2e.open(username, { phone: true }));
      });
      afterAll(async () => {
        await context?.close();
      });

      it('the menu offers the pages this check covers, besides home, ledger, supervision and publications', async () => {
        const offered = await menuEntries(page);
        expect(offered.filter((p) => !ELSEWHERE.includes(p))).toEqual(MENU[role]);
      });

      it.each([...MENU[role], ...ALWAYS])('%s fits 390 and 360 px with every title whole', async (path) => {
        const url = path === 'item' ? await itemFor(username) : path;
        await check(page, url, `phone-${role}-${path === 'item' ? 'item' : path.slice(1).replaceAll('/', '-')}`);
      });
    });

    // Not a department's or a leader's page, but its two columns once squeezed the panel to a sliver on a phone.
    it('the unit administrator’s 反馈录入 puts its panel under the tree at 390 and 360 px', async () => {
      const { context, page } = await e2e.open(demoUser(e2e.demo, 'unit_admin'), { phone: true });
      await check(page, '/feedback', 'phone-unit_admin-feedback');
      const tree = await page.locator('.feedback-tree').boundingBox();
      const panel = await page.locator('.feedback-panel').boundingBox();
      expect(tree && panel && panel.y >= tree.y + tree.height, JSON.stringify({ tree, panel })).toBe(true);
      await context.close();
    });

    describe('the item page on a phone', () => {
      /** The section headers, as the user reads them, and whether each is open. */
      const sections = (page: Page) =>
        page.evaluate(() =>
          [...document.querySelectorAll('.item-sections > .ant-collapse-item')].map((e) => ({
            label: (e.querySelector('.ant-collapse-header')?.textContent ?? '').trim(),
            open: e.classList.contains('ant-collapse-item-active'),
          })),
        );

      /** Whether the progress card starts in the screen's upper half (the page scrolled to it). */
      const progressOnScreen = (page: Page) =>
        page.locator('div#progress').evaluate((e) => {
          const y = e.getBoundingClientRect().y;
          return y >= -1 && y < window.innerHeight / 2;
        });

      it('opens what a department works on and folds the records under headers that count them', async () => {
        const item = await pickItem(e2e, 'in_progress');
        const { context, page } = await e2e.open(item.departmentUser, { phone: true });
        await page.goto(`/items/${item.id}`);
        await page.locator('.item-sections').waitFor();
        await settled(page);
        const seen = await sections(page);
        const open = (label: RegExp) => seen.find((s) => label.test(s.label))?.open;
        expect(open(/^整改措施（\d+）/), JSON.stringify(seen)).toBe(true);
        expect(open(/^整改进展（\d+）/), JSON.stringify(seen)).toBe(true);
        expect(open(/^佐证材料（\d+）/), JSON.stringify(seen)).toBe(true);
        expect(open(/^整改成效（\d+）/), JSON.stringify(seen)).toBe(false);
        expect(open(/^销号审核记录（\d+） · 变更记录/), JSON.stringify(seen)).toBe(false);
        // A folded section opens at a tap on its header.
        await page.locator('.ant-collapse-header', { hasText: '整改成效' }).tap();
        await page.locator('#outcomes').waitFor();
        // A link to a folded section (the header's 延期 n 次 → #extensions) opens it.
        await page.evaluate(() => {
          window.location.hash = 'extensions';
        });
        await page.locator('#extensions').waitFor();
        await settled(page);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await shot(page, 'phone-department-item-in-progress-390');
        // A desktop keeps the cards one under the other, nothing folded.
        const desk = await e2e.open(item.departmentUser);
        await desk.page.goto(`/items/${item.id}`);
        await desk.page.locator('#outcomes').waitFor();
        await expect(desk.page.locator('.item-sections').count()).resolves.toBe(0);
        await Promise.all([context.close(), desk.context.close()]);
      });

      it('comes from 记录进展 with the progress section open and in view', async () => {
        const username = demoUser(e2e.demo, 'department');
        const { context, page } = await e2e.open(username, { phone: true });
        await page.goto(`${await itemFor(username)}?record=1`);
        const form = page.getByRole('form', { name: '记录进展' });
        await form.waitFor();
        await settled(page);
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
        expect(await progressOnScreen(page)).toBe(true);
        await page.screenshot({ path: 'test-results/phone-department-item-record.png' });
        await context.close();
      });

      it('a leader arriving from 记录进展 (nothing to record) still finds the progress section open and in view', async () => {
        const username = demoUser(e2e.demo, 'unit_leader');
        const { context, page } = await e2e.open(username, { phone: true });
        await page.goto(`${await itemFor(username)}?record=1`);
        await page.locator('div#progress').waitFor();
        await settled(page);
        await expect.poll(() => progressOnScreen(page)).toBe(true);
        await page.screenshot({ path: 'test-results/phone-unit_leader-item-record.png' });
        // The folded records, opened, read as blocks rather than squeezed table columns.
        for (const name of ['整改成效', '销号审核记录'])
          await page.locator('.ant-collapse-header', { hasText: name }).tap();
        await page.locator('#history').waitFor();
        await settled(page);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await shot(page, 'phone-unit_leader-item-all-open-390');
        await context.close();
      });
    });
  },
);
