import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const shots = [
  ['auditor', '/admin/audit', 'audit'],
  ['secadmin', '/admin/security', 'security-settings'],
  ['secadmin', '/admin/users', 'users-secadmin'],
  ['office1', '/account/security', 'account-security'],
  ['office1', '/account/password', 'password-sessions'],
];
for (const [w, h, tag] of [[1366, 768, 'desk'], [390, 844, 'phone']]) {
  for (const [user, path, name] of shots) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } });
    const page = await ctx.newPage();
    await page.goto(base + '/');
    await page.getByLabel(/用户名/).fill(user);
    await page.getByLabel(/密码/).fill('Demo@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForTimeout(2500);
    await page.goto(base + path);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shots/${name}-${tag}.png`, fullPage: false });
    await ctx.close();
  }
}
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await ctx.newPage();
await page.goto(base + '/');
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/shots/login-phone.png' });
await browser.close();
