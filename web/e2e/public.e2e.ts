import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, consoleProblems, demoUser, type E2E, hasChromium, shot, startE2E } from './harness.ts';

describe.skipIf(!hasChromium)(
  `the public portal and its comment form${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    const hostile = '<script>window.__pwned = 1</script>公车私用问题仍有群众反映，请核实。';
    beforeAll(async () => {
      e2e = await startE2E();
    });
    afterAll(() => e2e?.close());

    it('lists the demo notice and shows it, on screen and in print', async () => {
      const { page, context } = await e2e.open();
      const problems = consoleProblems(page);
      await page.goto('/public');
      await expect(page.getByRole('heading', { name: /公开中/ }).count()).resolves.toBe(1);
      await shot(page, 'public-01-list');
      await page
        .getByRole('link', { name: /巡察整改进展情况的通报/ })
        .first()
        .click();
      await page.getByRole('heading', { name: /公开期限与联系方式/ }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
      await expect(page.getByLabel(/意见建议内容/).count()).resolves.toBe(1);
      await shot(page, 'public-02-notice');
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByLabel(/意见建议内容/).isVisible()).resolves.toBe(false);
      await shot(page, 'public-03-notice-print');
      await page.emulateMedia({ media: 'screen' });
      expect(problems).toEqual([]);
      await context.close();
    });

    it('takes a comment through the form, shows a script as text, and refuses a flood in words', async () => {
      const { page, context } = await e2e.open();
      const problems = consoleProblems(page);
      await page.goto('/public');
      await page
        .getByRole('link', { name: /巡察整改进展情况的通报/ })
        .first()
        .click();
      await page.getByLabel(/意见建议内容/).fill(hostile);
      await page.getByLabel(/姓名/).fill('李四');
      await page.getByRole('textbox', { name: /联系方式/ }).fill('13900000000');
      // The form refuses posts sooner than a person could read the page (3 s after rendering, signed into the form by
      // the server): the one pause that is the rule under test, not a guess at how long something takes.
      await page.waitForTimeout(3200);
      const notice = page.url();
      await page.getByRole('button', { name: '提交意见建议' }).click();
      // Issue 15: the receipt's page, with the receipt to keep.
      await page.getByRole('heading', { name: /意见建议已提交/ }).waitFor();
      await shot(page, 'public-04-comment-sent');
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

      // Fill the hour's allowance from the same address, then the form says so in words.
      await page.goto(notice);
      const id = new URL(notice).pathname.split('/').pop();
      for (let i = 0; i < 4; i++) {
        const res = await page.request.post(`/api/public/notices/${id}/comments`, {
          data: { content: `第${i + 2}条意见` },
        });
        expect(res.status()).toBe(201);
      }
      await page.getByLabel(/意见建议内容/).fill('再提一条');
      // The notice page was opened afresh after the receipt's page: the same 3 s rule before its form may post.
      await page.waitForTimeout(3200);
      await page.getByRole('button', { name: '提交意见建议' }).click();
      await page
        .getByRole('status')
        .getByText(/提交过于频繁，请在 \d+ 分钟后再试/)
        .waitFor();
      await shot(page, 'public-05-rate-limited');
      // The browser logs every refused fetch; the 429 is the answer this test asked for.
      expect(problems.filter((p) => !p.includes('status of 429'))).toEqual([]);
      await context.close();
    });

    it('offers 更正 for a notice already public, never 可以发布 and then a refusal', async () => {
      const { page, context } = await e2e.open(demoUser(e2e.demo, 'unit_admin'));
      const problems = consoleProblems(page);
      await page.goto('/publications');
      await page.getByRole('combobox', { name: '选择巡察（被巡察单位 · 巡察组）' }).click();
      await page.locator('.ant-select-item-option').first().click();
      // Issue 15: the notice is public, so the check leads to a correction, through the same approval.
      await page.getByRole('region', { name: '检查结果' }).getByText('检查通过，可以生成更正稿并提交审批').waitFor();
      await expect(page.getByRole('button', { name: '生成更正稿' }).isEnabled()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: '发 布' }).count()).resolves.toBe(0);
      await expect(page.getByText('正在公开第 1 版').count()).resolves.toBe(1);
      await shot(page, 'public-08-publish-check');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows the comment to the unit administrator as text, who answers and closes it', async () => {
      const { page, context } = await e2e.open(demoUser(e2e.demo, 'unit_admin'));
      const problems = consoleProblems(page);
      await page.goto('/publications');
      await page.getByRole('button', { name: /待处理 5/ }).click();
      const card = page.locator('.ant-card-small', { hasText: '李四' });
      // The list refreshes after the filter click: wait for the row rather than counting the one before it.
      await expect.poll(() => card.getByText(hostile).count()).toBe(1);
      await card.getByLabel('答复内容').fill('感谢监督，已转交办公室核实处理。');
      await card.getByRole('button', { name: '答复并办结' }).click();
      await page.locator('.ant-card-small', { hasText: '李四' }).getByText('已办结').waitFor();
      await expect(page.getByRole('button', { name: /已办结 1/ }).count()).resolves.toBe(1);
      await shot(page, 'public-06-inbox');
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(problems).toEqual([]);
      await context.close();
      const english = await e2e.open(demoUser(e2e.demo, 'unit_admin'), { lang: 'en' });
      await english.page.goto('/publications');
      await english.page.getByRole('button', { name: /handled 1/ }).click();
      await english.page.locator('.ant-card-small').first().waitFor();
      await shot(english.page, 'public-07-inbox-en');
      await english.context.close();
    });
  },
);
