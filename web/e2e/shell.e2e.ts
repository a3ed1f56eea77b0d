import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, type E2E, hasChromium, shot, signIn, startE2E } from './harness.ts';

describe.skipIf(!hasChromium)(
  `the shell: sign-in, menu by role, language, expiry${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E();
    });
    afterAll(() => e2e?.close());

    it('refuses a wrong password in words and signs in with the right one', async () => {
      const { page, context } = await e2e.open();
      await page.goto('/');
      await shot(page, '00-sign-in');
      await page.getByLabel('用户名').fill('office1');
      await page.getByLabel(/^密码$/).fill('wrong-password');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(/用户名或密码/);
      await signIn(page, 'office1');
      await expect(page.getByRole('navigation').textContent()).resolves.toContain('系统管理');
      await context.close();
    });

    it('switches to English and back', async () => {
      const { page, context } = await e2e.open('office1');
      await page.getByText('EN', { exact: true }).click();
      await expect(page.getByRole('navigation').textContent()).resolves.toContain('Ledger');
      await page.getByText('中文', { exact: true }).click();
      await expect(page.getByRole('navigation').textContent()).resolves.toContain('整改台账');
      await context.close();
    });

    it('asks for the password again when the session expires, keeping what was typed', async () => {
      const { page, context } = await e2e.open('office1');
      await page.goto('/account/password');
      await page.getByLabel('当前密码').fill('Not-the-password-1!');
      await page.getByLabel('新密码', { exact: true }).fill('Another-pass-2026!');
      await page.getByLabel('再次输入新密码').fill('Another-pass-2026!');
      await context.clearCookies();
      await page.getByRole('button', { name: '修改密码' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.textContent()).resolves.toContain('登录已过期');
      await shot(page, '01-session-expired');
      await dialog.getByLabel(/^密码$/).fill('Demo@2026');
      await dialog.getByRole('button', { name: /登\s*录/ }).click();
      // The call is repeated after signing in: the server now judges the (wrong) current password.
      await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/密码/);
      await expect(page.getByLabel('当前密码').inputValue()).resolves.toBe('Not-the-password-1!');
      await context.close();
    });
  },
);
