import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, consoleProblems, type E2E, hasChromium, shot, startE2E } from './harness.ts';

describe.skipIf(!hasChromium)(
  `notifications: the bell and the list${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E();
    });
    afterAll(() => e2e?.close());

    const bellCount = async (page: import('playwright-core').Page) => {
      const label = await page.getByRole('button', { name: /消息提醒，\d+ 条未读/ }).getAttribute('aria-label');
      return Number(/(\d+)/.exec(label ?? '')?.[1]);
    };

    it('shows the unread count after a sweep and marks notifications read', async () => {
      const { page, context } = await e2e.open('office1');
      const problems = consoleProblems(page);
      await expect(bellCount(page)).resolves.toBe(0);
      await page.getByRole('button', { name: /消息提醒，0 条未读/ }).click();
      await page.getByRole('heading', { name: '消息提醒' }).waitFor();
      await page.getByText('暂无消息').waitFor();

      await page.getByRole('button', { name: '立即扫描' }).click();
      await page.getByRole('status').filter({ hasText: '扫描完成' }).waitFor();
      // The demo city has overdue items: the office hears of every one of them.
      await page.waitForFunction(() =>
        /消息提醒，[1-9]\d* 条未读/.test(
          document.querySelector('button[aria-label^="消息提醒"]')?.getAttribute('aria-label') ?? '',
        ),
      );
      const before = await bellCount(page);
      expect(before).toBeGreaterThan(0);
      const list = page.getByRole('list', { name: '消息提醒' });
      await expect(list.getByRole('listitem').first().getAttribute('aria-label')).resolves.toMatch(/^未读：/);
      await expect(list.textContent()).resolves.toContain('已逾期');
      await shot(page, 'notifications-01-list');

      await list.getByRole('listitem').first().getByRole('button', { name: '标为已读' }).click();
      await page.getByRole('button', { name: `消息提醒，${before - 1} 条未读` }).waitFor();
      await expect(list.getByRole('listitem').first().getAttribute('aria-label')).resolves.not.toMatch(/^未读/);

      await page.getByRole('button', { name: '全部标为已读' }).click();
      await page.getByRole('button', { name: '消息提醒，0 条未读' }).waitFor();
      await page.getByText('仅未读').click();
      await page.getByText('没有未读消息').waitFor();
      await page.getByText('全部', { exact: true }).click();
      await list.getByRole('link', { name: '查看' }).first().click();
      await page.waitForURL(/\/(items|ledger)/);
      await shot(page, 'notifications-02-after-open');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('reads in English', async () => {
      const { page, context } = await e2e.open('office1', { lang: 'en' });
      await page.goto('/notifications');
      await page.getByRole('heading', { name: 'Notifications' }).waitFor();
      await page.getByRole('button', { name: /Notifications, \d+ unread/ }).waitFor();
      await shot(page, 'notifications-03-english');
      await context.close();
    });
  },
);
