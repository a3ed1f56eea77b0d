import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { CHROMIUM_MISSING, consoleProblems, type E2E, hasChromium, settled, shot, startE2E } from './harness.ts';
import { type PickedItem, pickItem, viewShot } from './item-fixtures.ts';

/** Types a date into an antd DatePicker found by its label. */
async function date(page: Page, label: string, value: string) {
  const input = page.getByRole('dialog').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe.skipIf(!hasChromium)(`deadline extensions (延期申请)${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let item: PickedItem;
  let deadline: string;
  beforeAll(async () => {
    e2e = await startE2E();
    item = await pickItem(e2e, 'in_progress');
    // A plain (not 挂牌督办) item of a unit whose plan is submitted: the unit leader alone decides.
    const row = await e2e.handle.db
      .updateTable('items')
      .set({ flagged: 0 })
      .where('id', '=', item.id)
      .returning(['inspection_id', 'deadline'])
      .executeTakeFirstOrThrow();
    deadline = row.deadline ?? e2e.today;
    await e2e.handle.db
      .updateTable('inspections')
      .set({ plan_submitted_at: new Date().toISOString() })
      .where('id', '=', row.inspection_id)
      .execute();
  });
  afterAll(() => e2e?.close());

  async function ask(page: Page, to: string, reason: string) {
    await page.goto(`/items/${item.id}`);
    await page.getByRole('button', { name: '申请延期' }).click();
    const dialog = page.getByRole('dialog', { name: '申请延期' });
    await date(page, '申请延至', to);
    await dialog.getByLabel('延期理由').fill(reason);
    await dialog.getByRole('button', { name: /提交申请/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(reason).waitFor();
  }

  async function decide(page: Page, button: '同意延期' | '不同意延期', note: string) {
    await page.goto(`/items/${item.id}`);
    const card = page.locator('#extensions');
    await card.getByRole('button', { name: button, exact: true }).waitFor();
    if (button === '同意延期') {
      // The approver's view of an open request: its dates, reason and the two decisions.
      await card.scrollIntoViewIfNeeded();
      await settled(page);
      await viewShot(page, 'extensions-00-leader-open-request');
    }
    await card.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: button, exact: true });
    await dialog.getByRole('textbox').fill(note);
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('the department asks, the leader refuses once and then approves; the page keeps the original deadline and the history', async () => {
    const dept = await e2e.open(item.departmentUser);
    const problems = consoleProblems(dept.page);
    const leader = await e2e.open(item.leader);
    for (const p of [dept.page, leader.page]) p.setDefaultTimeout(15_000);

    await ask(dept.page, addDays(deadline, 10), '设备供货商延迟交付，需重新组织验收');
    await decide(leader.page, '不同意延期', '请先与供货商协商，压缩验收时间');
    await ask(dept.page, addDays(deadline, 30), '供货商书面确认延期交付，附函件');
    await decide(leader.page, '同意延期', '同意，请按新时限完成');

    const page = dept.page;
    await page.goto(`/items/${item.id}`);
    const card = page.locator('#extensions');
    await card.getByText('时限调整记录').waitFor();
    await expect(card.getByText('已同意').count()).resolves.toBe(1);
    await expect(card.getByText('未同意').count()).resolves.toBe(1);
    await page.getByText('延期 1 次').waitFor();
    await expect(page.getByText('原定时限', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(card.textContent()).resolves.toContain(`原定时限 ${deadline}`);
    // The edit drawer no longer moves the deadline directly.
    await settled(page);
    await viewShot(page, 'extensions-01-item-1366');
    await shot(page, 'extensions-02-item-1366-full');
    await page.setViewportSize({ width: 390, height: 844 });
    // The page lays itself out again for the phone's width (its sections are drawn anew): scroll once that is done.
    await settled(page);
    await page.locator('#extensions').scrollIntoViewIfNeeded();
    await settled(page);
    await viewShot(page, 'extensions-03-item-390');
    await shot(page, 'extensions-04-item-390-full');
    expect(problems).toEqual([]);

    // The ledger shows 延1 beside the deadline.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/ledger?q=${encodeURIComponent(item.title.slice(0, 8))}`);
    await page.getByText('延1').first().waitFor();
    await dept.context.close();
    await leader.context.close();
  }, 150_000);
});
