import { generate, generateSecret } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/test/global-setup.ts';
import { startOidcProvider, type TestOidcProvider } from '../../src/test/oidc-provider.ts';
import { CHROMIUM_MISSING, consoleProblems, type E2E, hasChromium, settled, shot, startE2E } from './harness.ts';

/**
 * Single sign-on in the browser: the 统一身份认证登录 button on the sign-in page, the provider's own pages (a real
 * oidc-provider on another site: localhost against the app's 127.0.0.1), and back into the app signed in.
 */
describe.skipIf(!hasChromium)(`single sign-on${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let provider: TestOidcProvider;
  beforeAll(async () => {
    const port = await freePort();
    const redirectUrl = `http://127.0.0.1:${port}/api/auth/oidc/callback`;
    provider = await startOidcProvider(
      redirectUrl,
      {
        'chen.jing': { name: '陈静', groups: ['xczg-office'] },
        'no.role': { name: '无角色', groups: ['staff'] },
      },
      'localhost',
    );
    e2e = await startE2E({
      port,
      env: {
        RECTIFY_OIDC_ISSUER: provider.issuer,
        RECTIFY_OIDC_CLIENT_ID: provider.clientId,
        RECTIFY_OIDC_CLIENT_SECRET: provider.clientSecret,
        RECTIFY_OIDC_REDIRECT_URL: redirectUrl,
        RECTIFY_OIDC_ROLE_MAP: JSON.stringify({ 'xczg-office': { role: 'office', unit: 'JL' } }),
      },
    });
  });
  afterAll(async () => {
    await e2e?.close();
    await provider?.close();
  });

  /**
   * A fresh browser on the sign-in page. The provider's development pages import a web font from the internet, which a
   * closed network never answers: requests off this machine are refused at once instead of timing out.
   */
  async function openSignIn() {
    const opened = await e2e.open();
    await opened.context.route(
      (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
      (route) => route.abort(),
    );
    await opened.page.goto('/');
    return opened;
  }

  /** The provider's development pages: any login, any password, then the consent. */
  async function atProvider(page: Page, login: string) {
    await page.waitForURL((url) => url.hostname === 'localhost');
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any-password');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('shows the button on the sign-in page, at a desk and on a phone', async () => {
    const { page, context } = await openSignIn();
    const problems = consoleProblems(page);
    await page.reload();
    const button = page.getByRole('link', { name: /统一身份认证登录/ });
    await button.waitFor();
    await settled(page);
    await shot(page, 'single-sign-on-01-sign-in-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await shot(page, 'single-sign-on-02-sign-in-390');
    // On the phone the whole card, button included, fits the width.
    const box = await button.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    // The page asks who is signed in before anyone is, and the server answers 401: that one is expected.
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await context.close();
  });

  it('signs in through the provider and lands in the app, as the account the directory maps', async () => {
    const { page, context } = await openSignIn();
    await page.getByRole('link', { name: /统一身份认证登录/ }).click();
    await atProvider(page, 'chen.jing');
    await page.getByRole('navigation').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByText('陈静').first().isVisible()).resolves.toBe(true);
    await settled(page);
    await shot(page, 'single-sign-on-03-signed-in');
    const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()));
    expect(session.user).toMatchObject({ username: 'chen.jing', displayName: '陈静', role: 'office' });
    await context.close();
  });

  it('brings a person the map grants nothing back to the sign-in page with the reason', async () => {
    const { page, context } = await openSignIn();
    await page.getByRole('link', { name: /统一身份认证登录/ }).click();
    await atProvider(page, 'no.role');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/未被授予本系统的角色或单位/);
    // The code is taken off the address, so a reload shows a clean sign-in page.
    expect(new URL(page.url()).search).toBe('');
    await settled(page);
    await shot(page, 'single-sign-on-04-refused');
    await page.reload();
    await page.getByRole('link', { name: /统一身份认证登录/ }).waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await context.close();
  });

  it('asks an account with its own second factor for its code after the provider, then lets it in', async () => {
    const secret = generateSecret();
    await e2e.handle.db
      .updateTable('users')
      .set({ totp_secret: secret, totp_enabled_at: new Date().toISOString(), totp_last_step: null })
      .where('username', '=', 'chen.jing')
      .execute();
    const { page, context } = await openSignIn();
    await page.getByRole('link', { name: /统一身份认证登录/ }).click();
    await atProvider(page, 'chen.jing');
    const code = page.getByLabel('验证码或恢复码');
    await code.waitFor();
    // The challenge came in the fragment and is already off the address.
    expect(new URL(page.url()).hash).toBe('');
    await settled(page);
    await shot(page, 'single-sign-on-05-second-factor');
    await code.fill(await generate({ secret }));
    await page.getByRole('button', { name: /验证并登录/ }).click();
    await page.getByRole('navigation').waitFor();
    await expect(page.getByText('陈静').first().isVisible()).resolves.toBe(true);
    await context.close();
  });
});
