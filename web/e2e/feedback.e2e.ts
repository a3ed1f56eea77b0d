import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { CHROMIUM_MISSING, DEMO_PASSWORD, demoUser, type E2E, hasChromium, shot, startE2E } from './harness.ts';

interface PlanMeasure {
  id: number;
  itemId: number;
  departmentId: number | null;
  deadline: string | null;
}
interface Plan {
  inspection: { id: number };
  items: { id: number; title: string; description: string | null; version: number; measures: PlanMeasure[] }[];
  departments: { id: number; name: string }[];
}

/** Reads through the page's own session, as the page itself would. */
async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/** The plan of whichever inspection the page shows. */
async function currentPlan(page: Page): Promise<Plan> {
  const id = new URL(page.url()).searchParams.get('inspection');
  const inspections = await getJson<{ inspections: { id: number }[] }>(page, '/api/inspections');
  return getJson<Plan>(page, `/api/plan/inspections/${id ?? inspections.inspections[0].id}`);
}

async function openFeedback(page: Page) {
  await page.goto('/feedback');
  const picker = page.getByLabel(/选择巡察|Choose an inspection/);
  await picker.waitFor();
  if (
    !(await page
      .getByRole('tree')
      .isVisible()
      .catch(() => false))
  ) {
    // Several inspections: take the first, as a person would from the list.
    await picker.click();
    await page.locator('.ant-select-item-option').first().click();
  }
  await page.getByRole('tree').waitFor();
}

const card = (page: Page, heading: string | RegExp) =>
  page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: heading }) });

describe.skipIf(!hasChromium)(`feedback entry and the plan${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let unitAdmin: string;
  beforeAll(async () => {
    e2e = await startE2E();
    unitAdmin = demoUser(e2e.demo, 'unit_admin');
  });
  afterAll(() => e2e?.close());

  it('adds a problem, an item and a measure under an aspect, then assigns three measures in bulk', async () => {
    const { page, context } = await e2e.open(unitAdmin);
    await openFeedback(page);
    await shot(page, 'feedback-01-tree');

    const addProblem = card(page, '新增反馈问题');
    await addProblem.getByLabel('标题').fill('会议纪要归档不及时');
    await addProblem.getByLabel('问题描述').fill('部分党组会议纪要未按规定时限归档。');
    await addProblem.getByRole('button', { name: /新\s*增/ }).click();
    await page.getByRole('treeitem', { name: /会议纪要归档不及时/ }).waitFor();

    // The new problem is selected: add an item under it.
    await expect
      .poll(
        () =>
          card(page, /^反馈问题$/)
            .getByLabel('标题')
            .inputValue(),
        { timeout: 10_000 },
      )
      .toBe('会议纪要归档不及时');
    const addItem = card(page, '新增具体问题');
    await addItem.getByLabel('标题').fill('2025年第三季度纪要缺失');
    await addItem.getByLabel('整改建议').fill('补齐纪要并建立归档台账。');
    await addItem.getByRole('button', { name: /新\s*增/ }).click();
    await page.getByRole('treeitem', { name: /2025年第三季度纪要缺失/ }).waitFor();
    await expect
      .poll(() => card(page, '具体问题（整改事项）').getByLabel('标题').inputValue(), { timeout: 10_000 })
      .toBe('2025年第三季度纪要缺失');

    // The new item is selected: add a measure to it.
    await page.getByLabel('措施内容').fill('逐月核对会议记录，补齐缺失纪要');
    await page
      .getByRole('button', { name: /新\s*增/ })
      .last()
      .click();
    await page.getByText('1. 逐月核对会议记录，补齐缺失纪要').waitFor();
    await shot(page, 'feedback-02-item-with-measure');

    await page.getByRole('tab', { name: '整改方案' }).click();
    const plan = await currentPlan(page);
    const ids = plan.items.flatMap((i) => i.measures).map((m) => m.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const n of [1, 2, 3]) await page.getByLabel(`选择第 ${n} 行`, { exact: true }).check();
    const bulk = page.getByRole('region', { name: '已选 3 项措施' });
    // Three months after the day the demo is dated around: after the unit's feedback date, whatever today is.
    const deadline = addDays(e2e.today, 90);
    const department = plan.departments[plan.departments.length - 1];
    await bulk.getByLabel('责任部门').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: department.name }).click();
    await bulk.getByLabel('整改时限').click();
    await bulk.getByLabel('整改时限').fill(deadline);
    await bulk.getByLabel('整改时限').press('Enter');
    await shot(page, 'feedback-03-plan-bulk-selection');
    await bulk.getByRole('button', { name: '应用到所选' }).click();
    await page.getByText('已更新 3 项措施').waitFor();

    const after = await currentPlan(page);
    const rowsInOrder = after.items.flatMap((i) => i.measures);
    const changed = (await page
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows) => rows.slice(0, 3).map((r) => Number(r.getAttribute('data-row-key'))))) as number[];
    for (const id of changed) {
      const m = rowsInOrder.find((x) => x.id === id);
      expect(m).toMatchObject({ departmentId: department.id, deadline });
    }
    // The ledger reads the same rows: the items of those measures are now that department's.
    const itemIds = new Set(rowsInOrder.filter((m) => changed.includes(m.id)).map((m) => m.itemId));
    const ledger = await getJson<{ items: { id: number }[] }>(
      page,
      `/api/items?inspectionId=${after.inspection.id}&departmentId=${department.id}&limit=500`,
    );
    for (const id of itemIds) expect(ledger.items.map((i) => i.id)).toContain(id);
    await shot(page, 'feedback-04-plan-after-bulk');

    // One measure written once for two items.
    await page.getByRole('button', { name: '为多个事项添加措施' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('适用的具体问题').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(0).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1).click();
    await dialog.getByLabel('措施内容').fill('举一反三，开展同类问题专项自查');
    await shot(page, 'feedback-05-add-measure-to-items');
    await dialog.getByRole('button', { name: /新\s*增/ }).click();
    await page.getByText('已为 2 个事项添加措施').waitFor();
    const withNew = (await currentPlan(page)).items.flatMap((i) => i.measures);
    expect(withNew.length).toBe(rowsInOrder.length + 2);

    await page.getByRole('tab', { name: '三个清单' }).click();
    await page.getByRole('table').first().waitFor();
    await shot(page, 'feedback-06-problem-list');
    await page.getByText('任务清单', { exact: true }).click();
    await shot(page, 'feedback-07-task-list');
    await page.getByText('责任清单', { exact: true }).click();
    await expect(page.getByRole('main').textContent()).resolves.toContain(department.name);
    await shot(page, 'feedback-08-responsibility-list');
    await context.close();
  });

  it('keeps the typed title and explains when someone else saved the item first', async () => {
    const { page, context } = await e2e.open(unitAdmin);
    await openFeedback(page);
    const plan = await currentPlan(page);
    const item = plan.items[0];
    await page
      .getByRole('treeitem', { name: new RegExp(item.title.slice(0, 8)) })
      .first()
      .click();
    const form = card(page, '具体问题（整改事项）');
    await form.getByLabel('标题').fill('我正在修改的标题');

    // Meanwhile the inspection office corrects the same item.
    const login = await e2e.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'office1', password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const edit = await e2e.app.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      payload: { version: item.version, description: '巡察办补充的描述' },
    });
    expect(edit.statusCode, edit.body).toBe(204);

    await form.getByRole('button', { name: /保\s*存/ }).click();
    const alert = form.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('已被他人修改');
    await expect(form.getByLabel('标题').inputValue()).resolves.toBe('我正在修改的标题');
    await shot(page, 'feedback-09-stale-edit');

    // Reloading brings the office's description into the untouched field; the typed title stays and now saves.
    await alert.getByRole('button', { name: '刷新数据' }).click();
    await expect.poll(() => form.getByLabel('问题描述').inputValue(), { timeout: 10_000 }).toBe('巡察办补充的描述');
    await expect(form.getByLabel('标题').inputValue()).resolves.toBe('我正在修改的标题');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    const saved = (await currentPlan(page)).items.find((i) => i.id === item.id);
    expect(saved).toMatchObject({ title: '我正在修改的标题', description: '巡察办补充的描述' });
    await context.close();
  });

  it('reads in English and stays read-only for a unit leader', async () => {
    const { page, context } = await e2e.open(unitAdmin, { lang: 'en' });
    await openFeedback(page);
    await expect(page.getByRole('main').textContent()).resolves.toContain('Add a feedback problem');
    await shot(page, 'feedback-10-tree-english');
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByLabel('Select row 1', { exact: true }).check();
    await page.getByRole('region', { name: 'Measures selected: 1' }).waitFor();
    await shot(page, 'feedback-11-plan-english');
    await page.getByRole('tab', { name: 'The three lists' }).click();
    await page.getByText('Responsibility list', { exact: true }).click();
    await shot(page, 'feedback-12-lists-english');
    await context.close();

    const leader = await e2e.open(demoUser(e2e.demo, 'unit_leader'));
    await openFeedback(leader.page);
    await leader.page.getByText('您可查看，但无权修改此处内容').waitFor();
    await expect(leader.page.getByText('新增反馈问题').count()).resolves.toBe(0);
    await leader.page.getByRole('tab', { name: '整改方案' }).click();
    await expect(leader.page.getByLabel('选择第 1 行', { exact: true }).count()).resolves.toBe(0);
    await leader.context.close();
  });
});
