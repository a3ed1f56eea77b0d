import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, type E2E, hasChromium, settled, shot, signIn, startE2E } from './harness.ts';

const ADMIN_PASSWORD = 'Admin-e2e-2026!';

describe.skipIf(!hasChromium)(`the audit trail page${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('lists the trail, verifies it, says where it breaks, and exports it', async () => {
    const { page, context } = await e2e.open();
    // While 三员分立 is off the built-in administrator still reads the trail (docs/SECURITY.md).
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('navigation').getByText('审计日志').click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.getByRole('button', { name: /校验审计链/ }).click();
    await expect.poll(() => page.getByText(/审计链完整：共 \d+ 条/).count()).toBe(1);
    await settled(page);
    await shot(page, 'audit-trail');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出（JSON Lines/ }).click();
    expect((await download).suggestedFilename()).toMatch(/^audit-trail-.*\.jsonl$/);

    // Someone with the database's password rewrites an event: the page names the number where the chain breaks.
    await e2e.handle.db.updateTable('audit_events').set({ action: 'item.nothing' }).where('seq', '=', 3).execute();
    await page.getByRole('button', { name: /校验审计链/ }).click();
    await expect.poll(() => page.getByText('审计链在第 3 号处断开').count()).toBe(1);
    await settled(page);
    await shot(page, 'audit-trail-broken');
    await context.close();
  });
});
