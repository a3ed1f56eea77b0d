import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, DEMO_PASSWORD, type E2E, hasChromium, settled, shot, startE2E } from './harness.ts';

/**
 * The code an authenticator shows, one step ahead: the server runs on the wall clock, and the step used to confirm
 * enrolment may not be used again, so the next step's code (accepted as one step of drift) signs in at once.
 */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function openAccountMenuItem(page: Page, name: RegExp) {
  await page.getByRole('button', { name: /账号|Account/ }).click();
  await page.getByRole('menuitem', { name }).click();
}

describe.skipIf(!hasChromium)(`two-factor sign-in and API tokens${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('enrols from the account menu, shows the recovery codes once, signs out and signs in with a code', async () => {
    const { page, context } = await e2e.open('office1');
    await openAccountMenuItem(page, /双因素认证与 API 令牌/);
    await page.getByRole('button', { name: '开始绑定' }).click();
    const secretText = page.getByTestId('totp-secret');
    await secretText.waitFor();
    await expect(page.locator('img[alt="otpauth QR"]').getAttribute('src')).resolves.toMatch(
      /^data:image\/png;base64,/,
    );
    const grouped = ((await secretText.textContent()) ?? '').trim();
    expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = grouped.replace(/\s/g, '');
    await settled(page);
    await shot(page, 'two-factor-01-enrol');

    await page.getByLabel('当前验证码').fill(await generate({ secret }));
    await page.getByRole('button', { name: '确认启用' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    await expect(codes.locator('li').count()).resolves.toBe(10);
    await expect(page.getByText(/请妥善保存/).count()).resolves.toBeGreaterThan(0);
    await settled(page);
    await shot(page, 'two-factor-02-recovery-codes');
    await page.getByRole('button', { name: /我已妥善保存/ }).click();
    await page.getByText('已启用').waitFor();
    await expect(page.getByText(/剩余可用恢复码：10 个/).count()).resolves.toBe(1);

    // A personal API token, shown once, listed by its first characters.
    await page.getByRole('button', { name: '创建令牌' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用途说明').fill('每晚导出台账');
    // The dialog opened and the name typed, then 创建: a click during its opening animation once sent nothing on a
    // loaded machine, and the wait for the token ran out without saying why. Now the request itself is awaited.
    await settled(page);
    const created = page.waitForResponse((r) => r.url().endsWith('/api/api-tokens') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    expect((await created).status()).toBe(201);
    const tokenText = (await dialog.getByTestId('new-api-token').textContent()) ?? '';
    expect(tokenText.trim()).toMatch(/^rct_/);
    await settled(page);
    await shot(page, 'two-factor-03-token-created');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await page.getByRole('cell', { name: '每晚导出台账' }).waitFor();
    const api = await fetch(`${e2e.baseUrl}/api/auth/session`, {
      headers: { authorization: `Bearer ${tokenText.trim()}` },
    });
    expect(api.status).toBe(200);
    await settled(page);
    await shot(page, 'two-factor-04-security-page');
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await shot(page, 'two-factor-05-security-page-390');
    await page.setViewportSize({ width: 1366, height: 768 });

    await openAccountMenuItem(page, /退出登录/);
    await page.getByLabel('用户名').fill('office1');
    await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const code = page.getByLabel('验证码或恢复码');
    await code.waitFor();
    await settled(page);
    await shot(page, 'two-factor-06-sign-in-code');
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await shot(page, 'two-factor-07-sign-in-code-390');
    await page.setViewportSize({ width: 1366, height: 768 });
    await code.fill('000000');
    await page.getByRole('button', { name: /验证并登录/ }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/验证码错误/);
    await code.fill(await nextCode(secret));
    await page.getByRole('button', { name: /验证并登录/ }).click();
    await page.getByRole('navigation').waitFor();
    await context.close();
  });

  it('holds an administrator on the enrolment page while RECTIFY_REQUIRE_2FA is on', async () => {
    e2e.app.services.config.requireTwoFactor = true;
    try {
      const { page, context } = await e2e.open();
      await page.goto('/');
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel(/^密码$/).fill('Admin-e2e-2026!');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('heading', { name: '请先启用双因素认证' }).waitFor();
      await expect(page.getByRole('navigation').count()).resolves.toBe(0);
      await settled(page);
      await shot(page, 'two-factor-08-forced');
      await page.getByRole('button', { name: '开始绑定' }).click();
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await shot(page, 'two-factor-09-forced-390');
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByLabel('当前验证码').fill(await generate({ secret }));
      await page.getByRole('button', { name: '确认启用' }).click();
      await page.getByRole('button', { name: /我已妥善保存/ }).click();
      // Enrolled: the application opens.
      await page.getByRole('navigation').waitFor();
      await context.close();
    } finally {
      e2e.app.services.config.requireTwoFactor = false;
    }
  });
});
