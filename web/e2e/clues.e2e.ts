import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  demoUser,
  type E2E,
  hasChromium,
  SCREENSHOTS,
  settled,
  shot,
  sidewaysCulprits,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';
import { pickItem } from './item-fixtures.ts';

const BODY = '市纪委监委第二监督检查室';

/** Issue 15 (问题线索): the office marks an item, hands it over, records 立案 and 处分; a unit user sees nothing of it. */
describe.skipIf(!hasChromium)(`problem clues${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const dialogOk = async (page: Page, title: string, ok = title) => {
    const dialog = page.getByRole('dialog').filter({ hasText: title });
    await dialog.getByRole('button', { name: ok }).click();
    await dialog.waitFor({ state: 'hidden' });
    await settled(page);
  };

  it('the office marks an item, hands it over, records 立案 and 处分; the list shows it; a unit user sees nothing', async () => {
    const item = await pickItem(e2e, 'in_progress');
    const office = demoUser(e2e.demo, 'office');
    const { context, page } = await e2e.open(office);
    await page.goto(`/items/${item.id}`);
    const section = page.locator('#clues');
    await section.waitFor();
    await settled(page);
    expect(await section.textContent()).toContain('仅巡察办和派驻纪检监察组可见');

    // Mark.
    await section.getByRole('button', { name: '将本事项标记为问题线索' }).click();
    const markDialog = page.getByRole('dialog').filter({ hasText: '线索简要描述' });
    await markDialog.getByLabel('线索简要描述').fill('反映该事项牵头科室负责人在合同签订中收受好处费');
    await dialogOk(page, '线索简要描述', '标记为问题线索');
    await section.getByText('待移交').waitFor();

    // Hand over: the date defaults to today, the deadline three months on; the receiving body is typed.
    await section.getByRole('button', { name: '移交纪委监委' }).click();
    const handOver = page.getByRole('dialog').filter({ hasText: '接收单位' });
    await handOver.getByRole('combobox').fill(BODY);
    await handOver.getByRole('button', { name: '移交纪委监委' }).click();
    await handOver.waitFor({ state: 'hidden' });
    await section.getByText('已移交', { exact: true }).waitFor();
    expect(await section.textContent()).toContain(BODY);

    // The handling: accepted, a case opened, the outcome.
    await section.getByRole('button', { name: '登记受理（初核）' }).click();
    await dialogOk(page, '登记受理（初核）');
    await section.getByText('已受理（初核）').waitFor();
    await section.getByRole('button', { name: '登记立案' }).click();
    await dialogOk(page, '登记立案');
    await section.getByText('已立案', { exact: true }).waitFor();
    await section.getByRole('button', { name: '登记处置结果' }).click();
    const outcome = page.getByRole('dialog').filter({ hasText: '党纪政务处分人数' });
    await outcome.getByRole('spinbutton', { name: '立案件数' }).fill('1');
    await outcome.getByRole('spinbutton', { name: '立案人数' }).fill('2');
    await outcome.getByRole('spinbutton', { name: '党纪政务处分人数' }).fill('2');
    await outcome.getByRole('button', { name: '登记处置结果' }).click();
    await outcome.waitFor({ state: 'hidden' });
    await section.getByText(/立案 1 件 2 人，党纪政务处分 2 人/).waitFor();
    await settled(page);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(SCREENSHOTS, 'clues-item-section.png') });

    // The list: the menu entry, this clue and the demo's kickback clue, overdue first.
    await page.getByRole('menuitem', { name: '问题线索' }).click();
    await page.getByRole('heading', { name: '问题线索' }).waitFor();
    await settled(page);
    const table = page.locator('.ant-table');
    await table.getByText(item.title).waitFor();
    expect(await table.textContent()).toContain('信访反映个别科室收受回扣问题线索');
    await shot(page, 'clues-list');
    await context.close();

    // On a phone: the list as cards, the item's section; nothing scrolls sideways.
    const phone = await e2e.open(office, { phone: true });
    await phone.page.goto('/clues');
    await phone.page.getByRole('list', { name: '问题线索' }).waitFor();
    await settled(phone.page);
    await shot(phone.page, 'clues-list-phone');
    expect(await sidewaysOverflow(phone.page), (await sidewaysCulprits(phone.page)).join('\n')).toBeLessThanOrEqual(0);
    await phone.page.getByRole('list', { name: '问题线索' }).getByRole('button', { name: '查看办理' }).first().tap();
    await phone.page.locator('.ant-drawer .clue-block').waitFor();
    await settled(phone.page);
    await shot(phone.page, 'clues-drawer-phone');
    await phone.page.goto(`/items/${item.id}`);
    const phoneSection = phone.page.locator('#clues');
    await phoneSection.waitFor();
    await settled(phone.page);
    await phoneSection.scrollIntoViewIfNeeded();
    await phoneSection.screenshot({ path: path.join(SCREENSHOTS, 'clues-item-section-phone.png') });
    expect(await sidewaysOverflow(phone.page), (await sidewaysCulprits(phone.page)).join('\n')).toBeLessThanOrEqual(0);
    await phone.context.close();

    // A unit user of that unit: no menu entry, no section, the page and the API refuse.
    const unitAdmin = await e2e.handle.db
      .selectFrom('users')
      .select('username')
      .where('unit_id', '=', item.unitId)
      .where('role', '=', 'unit_admin')
      .executeTakeFirstOrThrow();
    const unit = await e2e.open(unitAdmin.username);
    await unit.page.goto(`/items/${item.id}`);
    await unit.page.getByRole('heading', { name: item.title }).first().waitFor();
    await settled(unit.page);
    expect(await unit.page.locator('#clues').count()).toBe(0);
    expect(await unit.page.getByRole('menuitem', { name: '问题线索' }).count()).toBe(0);
    expect(await unit.page.textContent('body')).not.toContain('收受好处费');
    await unit.page.goto('/clues');
    await unit.page.getByText('403').first().waitFor();
    expect(await unit.page.textContent('body')).not.toContain(BODY);
    expect((await unit.page.request.get('/api/clues')).status()).toBe(403);
    expect((await unit.page.request.get(`/api/items/${item.id}/clues`)).status()).toBe(403);
    await unit.context.close();
  }, 180_000);
});
