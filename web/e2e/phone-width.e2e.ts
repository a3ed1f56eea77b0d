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

describe.skipIf(!hasChromium)(`a phone never scrolls sideways${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const phoneAs = (username: string) => e2e.open(username, { phone: true });

  it.each([
    ['unit_leader', 'home'],
    ['unit_admin', 'home'],
    ['department', 'home'],
    ['office', 'home'],
  ])('the %s %s page fits 390 px', async (role) => {
    const { context, page } = await phoneAs(demoUser(e2e.demo, role));
    const wide = await sidewaysOverflow(page);
    if (wide > 0) await shot(page, `phone-width-${role}`);
    expect(wide, (await sidewaysCulprits(page)).join('\n')).toBe(0);
    await context.close();
  });

  it.each([
    ['unit_admin', '/ledger'],
    ['unit_admin', '/notifications'],
    ['unit_admin', '/account/profile'],
    ['unit_admin', '/admin/channels'],
    ['unit_admin', '/exchange'],
    ['office', '/supervision'],
    ['office', '/publications'],
  ])('as %s, %s fits 390 px', async (role, path) => {
    const { context, page } = await phoneAs(demoUser(e2e.demo, role));
    await page.goto(path);
    await page.locator('main h1, main h2, main h3, main h4, main .ant-card').first().waitFor();
    await settled(page);
    const wide = await sidewaysOverflow(page);
    if (wide > 0) await shot(page, `phone-width-${path.replaceAll('/', '_')}`);
    expect(wide, (await sidewaysCulprits(page)).join('\n')).toBe(0);
    await context.close();
  });

  it('the item page fits 390 px, with its measures, progress, evidence form and 延期申请', async () => {
    const item = await pickItem(e2e, 'in_progress');
    const { context, page } = await phoneAs(item.departmentUser);
    await page.goto(`/items/${item.id}`);
    await page.getByText('整改措施', { exact: true }).first().waitFor();
    await settled(page);
    const wide = await sidewaysOverflow(page);
    await shot(page, 'phone-width-item');
    expect(wide, (await sidewaysCulprits(page)).join('\n')).toBe(0);
    await context.close();
  });
});
