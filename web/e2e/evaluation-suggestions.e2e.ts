import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  chooseOption,
  consoleProblems,
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

/**
 * Issue 15, point 4: a citizen answers the 群众满意度测评 on the portal (a second answer the same day is refused in
 * words); the office opens the unit's evaluation, sees the ledger's suggestions with their reasons, accepts them all,
 * and saves a final score that weighs the satisfaction in.
 */
describe.skipIf(!hasChromium)(
  `evaluation from the ledger and the satisfaction questionnaire${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    let noticeUrl = '';
    let unitName = '';
    beforeAll(async () => {
      e2e = await startE2E();
    });
    afterAll(() => e2e?.close());

    it('a citizen answers the questionnaire on the notice page; the same day a second answer is refused', async () => {
      const { page, context } = await e2e.open();
      const problems = consoleProblems(page);
      await page.goto('/public');
      await page
        .getByRole('link', { name: /巡察整改进展情况的通报/ })
        .first()
        .click();
      await page.getByRole('heading', { name: /群众满意度测评/ }).waitFor();
      noticeUrl = new URL(page.url()).pathname;
      unitName = (await page.locator('dl.facts dt:has-text("发布单位") + dd').textContent())?.trim() ?? '';
      expect(unitName).not.toBe('');
      const form = page.locator('form.satisfaction');
      await form
        .getByRole('group', { name: /总体评价/ })
        .getByLabel('满意', { exact: true })
        .check();
      await form
        .getByRole('group', { name: /解决了群众反映的问题/ })
        .getByLabel('基本满意')
        .check();
      await form
        .getByRole('group', { name: /公开是否及时/ })
        .getByLabel('满意', { exact: true })
        .check();
      await form
        .getByRole('group', { name: /实际变化/ })
        .getByLabel('满意', { exact: true })
        .check();
      await form.getByLabel(/其他意见/).fill('希望继续加强公车管理');
      await page.locator('#satisfaction').scrollIntoViewIfNeeded();
      await shot(page, 'evaluation-01-questionnaire');
      await page
        .locator('#satisfaction')
        .screenshot({ path: path.join(SCREENSHOTS, 'evaluation-01b-questionnaire.png') });
      // The form refuses posts sooner than a person could read the page (3 s, signed into the form by the server).
      await page.waitForTimeout(3200);
      await form.getByRole('button', { name: '提交评价' }).click();
      await page.locator('#satisfaction-status').getByText('评价已提交，感谢您的参与！').waitFor();
      await context.close();

      // A phone from the same address the same day: the questionnaire fits, and the second answer is refused in words.
      const phone = await e2e.open(undefined, { phone: true });
      await phone.page.goto(noticeUrl);
      const phoneForm = phone.page.locator('form.satisfaction');
      for (const q of [/总体评价/, /解决了群众反映的问题/, /公开是否及时/, /实际变化/])
        await phoneForm.getByRole('group', { name: q }).getByLabel('不满意').check();
      await phone.page.locator('#satisfaction').scrollIntoViewIfNeeded();
      expect(await sidewaysOverflow(phone.page), (await sidewaysCulprits(phone.page)).join('\n')).toBeLessThanOrEqual(
        0,
      );
      await shot(phone.page, 'evaluation-02-questionnaire-phone');
      await phone.page.waitForTimeout(3200);
      await phoneForm.getByRole('button', { name: '提交评价' }).tap();
      await phone.page
        .locator('#satisfaction-status')
        .getByText(/您今天已经对该通报作过满意度评价/)
        .waitFor();
      // The refusal page keeps what was chosen.
      await expect(
        phone.page.locator('form.satisfaction input[name="overall"][value="dissatisfied"]').isChecked(),
      ).resolves.toBe(true);
      await shot(phone.page, 'evaluation-03-questionnaire-refused-phone');
      await phone.page
        .locator('#satisfaction')
        .screenshot({ path: path.join(SCREENSHOTS, 'evaluation-03b-questionnaire-refused-phone.png') });
      await phone.context.close();
      expect(problems).toEqual([]);
    });

    it('the office opens the evaluation, sees suggestions with reasons, accepts all, saves the final score', async () => {
      const { page, context } = await e2e.open('office1');
      const problems = consoleProblems(page);
      await page.goto('/supervision?tab=evaluation');
      await page.getByLabel('选择巡察（被巡察单位 · 巡察组）').click();
      await page.keyboard.type(unitName);
      await chooseOption(page.locator('.ant-select-dropdown:visible .ant-select-item-option').first());
      await page.getByTestId('entry-completion').waitFor();
      await settled(page);
      // The demo's four answers (100, 86.7, 60, 20) and the citizen's (satisfied, basic, satisfied, satisfied:
      // 50 + (60 + 100 + 100) / 3 / 2 = 93.3): (100 + 86.67 + 60 + 20 + 93.33) / 5 = 72.
      await expect(page.getByTestId('satisfaction-score').textContent()).resolves.toBe('72 分（5 份答卷）');
      await page.getByText('最终得分 = 评分表得分 × 90% + 满意度得分 × 10%').waitFor();
      const total = await page.getByTestId('suggested-total').textContent();
      const suggested = Number(/扣 ([\d.]+) 分/.exec(total ?? '')?.[1]);
      expect(suggested).toBeGreaterThan(0);
      // Every entry with a suggestion: its reasons open, and between them they name the items (编号 and title).
      const toggles = page.locator('.evaluation-entry .ant-collapse-header');
      const n = await toggles.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) await toggles.nth(i).click();
      await page.locator('.evaluation-entry a[href^="/items/"]').first().waitFor();
      await settled(page);
      await shot(page, 'evaluation-04-suggestions');

      await page.getByRole('button', { name: '全部采纳建议' }).click();
      const checklist = 100 - suggested;
      await expect.poll(() => page.getByTestId('checklist-score').textContent()).toBe(String(checklist));
      const final = Math.round((checklist * 0.9 + 72 * 0.1) * 10) / 10;
      await expect.poll(() => page.getByTestId('evaluation-score').textContent()).toBe(String(final));
      await page.getByRole('button', { name: '保存评估' }).click();
      await page.getByText(new RegExp(`评估已保存：${String(final).replace('.', '\\.')} 分`)).waitFor();
      await settled(page);
      await shot(page, 'evaluation-05-saved');
      expect(problems).toEqual([]);
      await context.close();

      // On a phone: the same tab, the saved evaluation, nothing sideways.
      const phone = await e2e.open('office1', { phone: true });
      await phone.page.goto('/supervision?tab=evaluation');
      await phone.page.getByLabel('选择巡察（被巡察单位 · 巡察组）').tap();
      await phone.page.keyboard.type(unitName);
      await chooseOption(phone.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first());
      await phone.page.getByTestId('entry-completion').waitFor();
      await expect.poll(() => phone.page.getByTestId('evaluation-score').textContent()).toBe(String(final));
      const reasons = phone.page.locator('.evaluation-entry').filter({ has: phone.page.getByText(/扣分依据/) });
      await reasons
        .first()
        .getByText(/扣分依据（\d+ 条）/)
        .tap();
      await settled(phone.page);
      expect(await sidewaysOverflow(phone.page), (await sidewaysCulprits(phone.page)).join('\n')).toBeLessThanOrEqual(
        0,
      );
      await shot(phone.page, 'evaluation-06-phone');
      await phone.context.close();

      // The unit reads its evaluation: the satisfaction per notice, and what the ledger suggested beside what was given.
      const unit = await e2e.open(demoUser(e2e.demo, 'unit_admin', unitName));
      await unit.page.goto('/supervision?tab=evaluation');
      await unit.page.getByLabel('选择巡察（被巡察单位 · 巡察组）').click();
      await chooseOption(unit.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first());
      await expect.poll(() => unit.page.getByTestId('evaluation-score').textContent()).toBe(String(final));
      await unit.page.getByTestId('satisfaction-score').waitFor();
      await settled(unit.page);
      await shot(unit.page, 'evaluation-07-unit-reads');
      await unit.page
        .getByText(/保存时建议/)
        .first()
        .waitFor();
      await unit.context.close();
    });
  },
);
