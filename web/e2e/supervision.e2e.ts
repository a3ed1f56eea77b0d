import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, consoleProblems, demoUser, type E2E, hasChromium, shot, startE2E } from './harness.ts';

describe.skipIf(!hasChromium)(
  `supervision: orders, look-backs, evaluation${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E();
    });
    afterAll(() => e2e?.close());

    it('the office sends one order to two units, a unit answers it, the office closes it', async () => {
      const office = await e2e.open('office1');
      const problems = consoleProblems(office.page);
      await office.page.goto('/supervision');
      await office.page.getByRole('button', { name: '下发督办' }).click();
      const dialog = office.page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: '被巡察单位' }).click();
      const options = office.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      const units = [
        (await options.nth(0).getAttribute('title')) ?? '',
        (await options.nth(1).getAttribute('title')) ?? '',
      ];
      await options.nth(0).click();
      await options.nth(1).click();
      await dialog.getByLabel('督办事项').fill('关于加快公务用车问题整改的督办');
      await dialog.getByLabel('督办内容').fill('请对照反馈意见，于期限内报送整改进展及佐证材料。');
      await dialog.getByLabel('督办事项').click();
      await shot(office.page, 'supervision-01-new-order');
      await office.page.getByRole('button', { name: '下发督办' }).last().click();
      await office.page.getByText('已下发 2 份督办').waitFor();
      const rows = office.page.locator('.ant-table-row', { hasText: '关于加快公务用车问题整改的督办' });
      await expect.poll(() => rows.count()).toBe(2);
      await shot(office.page, 'supervision-02-orders-office');

      const unit = await e2e.open(demoUser(e2e.demo, 'unit_admin', units[0]));
      await unit.page.goto('/supervision');
      const own = unit.page.locator('.ant-table-row', { hasText: '关于加快公务用车问题整改的督办' });
      await expect.poll(() => own.count()).toBe(1);
      await own.getByRole('button', { name: /答\s*复/ }).click();
      await unit.page.getByRole('dialog').getByLabel('办理情况').fill('已完成车辆清查，处置超标车辆2辆，制度已修订。');
      await unit.page
        .getByRole('dialog')
        .getByRole('button', { name: /答\s*复/ })
        .click();
      await own.getByText('已答复').waitFor();
      await shot(unit.page, 'supervision-03-unit-answered');
      await unit.context.close();

      await office.page.reload();
      const answered = office.page.locator('.ant-table-row', { hasText: '已完成车辆清查' });
      await answered.getByRole('button', { name: /办\s*结/ }).click();
      await office.page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /办\s*结/ })
        .click();
      await answered.getByText('已办结').waitFor();
      await office.page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
      await shot(office.page, 'supervision-04-closed');
      expect(problems).toEqual([]);
      await office.context.close();
    });

    it('a look-back that finds a rebound reopens the item', async () => {
      const { page, context } = await e2e.open('office1');
      await page.goto('/supervision?tab=lookbacks');
      await page.getByRole('button', { name: '安排回头看' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('已销号事项').click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await option.waitFor();
      await option.click();
      await dialog.getByRole('button', { name: '安排回头看' }).click();
      await page.getByText('已安排回头看').waitFor();
      const row = page.locator('.ant-table-row').first();
      const itemTitle = (await row.locator('a').first().textContent()) ?? '';
      await shot(page, 'supervision-05-lookbacks');
      await row.getByRole('button', { name: '记录结果' }).click();
      const result = page.getByRole('dialog');
      await result.getByRole('radio', { name: '反弹', exact: true }).check();
      await result.getByLabel('发现的问题').fill('抽查发现仍有两笔公务接待未按标准审批。');
      await shot(page, 'supervision-06-rebound');
      await result.getByRole('button', { name: '记录结果' }).click();
      await page.getByText('事项已重新打开').waitFor();
      await page.getByLabel('状态').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('反弹', { exact: true }).click();
      const rebound = page.locator('.ant-table-row', { hasText: '抽查发现仍有两笔公务接待' });
      await rebound.getByText('整改中').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      expect(await rebound.textContent()).toContain(itemTitle.trim());
      await shot(page, 'supervision-07-reopened');
      await context.close();
    });

    it('an evaluation shows its score and grade, also on the office home', async () => {
      const { page, context } = await e2e.open('office1');
      await page.goto('/supervision?tab=evaluation');
      await page.getByLabel('选择巡察（被巡察单位 · 巡察组）').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await page.getByRole('spinbutton', { name: '按期完成率 扣分' }).fill('12');
      await page.getByRole('spinbutton', { name: '台账管理 扣分' }).fill('0.5');
      await page.getByLabel('按期完成率 扣分说明').fill('3项逾期未完成');
      await expect.poll(() => page.getByTestId('evaluation-score').textContent()).toBe('87.5');
      await page.getByRole('button', { name: '保存评估' }).click();
      await page.getByText('评估已保存：87.5 分，较好').waitFor();
      await shot(page, 'supervision-08-evaluation');

      const english = await e2e.open('office1', { lang: 'en' });
      await english.page.goto('/supervision?tab=evaluation');
      await english.page.getByText('Fairly good').first().waitFor();
      await shot(english.page, 'supervision-09-evaluation-en');
      await english.context.close();

      await page.goto('/');
      await page.getByRole('table', { name: '各单位风险排序' }).getByText('较好').waitFor();
      await shot(page, 'supervision-10-home-grade');
      await context.close();
    });
  },
);
