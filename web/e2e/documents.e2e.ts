import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  consoleProblems,
  demoUser,
  type E2E,
  hasChromium,
  settled,
  shot,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';

/**
 * A past notice of a demo unit, written for this test (fictional). It names no team number and no dates, so the
 * preview asks for them, as real notices often do.
 */
const PAST_NOTICE = `中共江澜市水务局党组关于八届市委第五轮巡察整改进展情况的通报

根据市委统一部署，市委巡察组对中共江澜市水务局党组进行了巡察，并向局党组反馈了巡察意见。按照有关要求，现将巡察整改进展情况予以公布。
一、履行巡察整改主体责任情况
局党组召开专题会议研究整改工作，制定整改方案，建立问题、任务、责任三张清单。
截至2025年12月31日，巡察反馈的2个方面涉及的4个细化问题，已完成整改3个，阶段性完成整改1个。
二、巡察反馈问题整改落实情况
（一）关于落实全面从严治党战略部署方面
1.水利工程质量抽检覆盖面不足
整改结果：完成
整改情况：一是修订工程质量抽检办法；二是对在建工程开展全覆盖抽检。
2.防汛物资台账更新不及时
整改结果：完成
整改情况：一是清点全部防汛仓库；二是建立物资出入库月报制度。
（二）关于落实新时代党的组织路线方面
3.基层党支部组织生活不规范
整改结果：阶段性完成
整改情况：一是开展支部书记轮训；二是每季度抽查支部会议记录。
4.年轻干部交流轮岗偏少
整改结果：完成
整改情况：一是制定干部交流轮岗计划；二是完成首批轮岗。
三、下一步打算
局党组将巩固整改成果，对阶段性完成事项持续推进。
欢迎广大干部群众对巡察整改落实情况进行监督。公开期限：2026年1月10日至2026年1月24日。联系电话：0731-6665678；电子邮箱：slj@jianglan.example.cn。

中共江澜市水务局党组
2026年1月10日
`;

describe.skipIf(!hasChromium)(`/documents: notices and reports${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let unitAdmin: string;
  let unitLeader: string;
  beforeAll(async () => {
    e2e = await startE2E();
    unitAdmin = demoUser(e2e.demo, 'unit_admin', '交通运输局');
    unitLeader = demoUser(e2e.demo, 'unit_leader', '交通运输局');
  });
  afterAll(() => e2e?.close());

  it('writes the notice, saves it, previews the totals, downloads the .docx and runs the check', async () => {
    const { page, context } = await e2e.open(unitAdmin);
    const problems = consoleProblems(page);
    await page.goto('/documents');
    // The unit has one inspection: it opens without asking. The demo seed has already written and published this
    // unit's notice, so the draft opens at a saved version with 一、 filled in: the save below makes the next version,
    // and the field is cleared first so the inserted fact is seen to start it.
    // The fields carry the headings the document prints.
    const organising = page.getByLabel('一、履行巡察整改主体责任情况');
    await organising.waitFor();
    const savedBefore = await page.getByText(/^已保存（第 \d+ 版）$/).textContent();
    const versionBefore = Number(/第 (\d+) 版/.exec(savedBefore ?? '')?.[1]);
    expect(versionBefore).toBeGreaterThan(0);
    await organising.fill('');
    await page
      .getByRole('button', { name: /^插入：/ })
      .first()
      .click();
    await expect(organising.inputValue()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日，成立/);
    // 全部插入: each fact a paragraph of its own after what is there, none glued onto the sentence before it.
    const facts = await page.getByRole('button', { name: /^插入：/ }).count();
    if (facts > 1) {
      await page.getByRole('button', { name: '全部插入' }).click();
      const paragraphs = (await organising.inputValue()).split('\n\n');
      expect(paragraphs).toHaveLength(1 + facts);
      for (const p of paragraphs) expect(p).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日，[^。]+。$/);
    }
    await page.getByLabel('三、下一步工作打算').fill('持续巩固整改成果，对阶段性完成事项挂图作战、按月调度。');
    // Issue 15: the public period is set once, where the notice is prepared for publishing; here it is only shown.
    await page.getByText(/公开期限只在“通报公开”页面准备公告时设定一次/).waitFor();
    await expect(page.getByLabel('公开开始日期').count()).resolves.toBe(0);
    await page.getByLabel('联系电话').fill('0731-6661234');
    await page.getByLabel('联系电话').press('Enter');
    await page.getByLabel('电子邮箱').fill('jtj@jianglan.example.cn');
    await page.getByLabel('电子邮箱').press('Enter');
    await page.getByLabel('邮政编码').fill('410000');
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText(`已保存（第 ${versionBefore + 1} 版）`).waitFor();

    const preview = page.frameLocator('iframe[title="文稿预览"]');
    await preview.getByText('挂图作战').waitFor();
    // The preview prints the headings the form is labelled with.
    await preview.getByText('履行巡察整改主体责任情况').first().waitFor();
    // At 1366×768 the preview stands beside the form, and the form is not boxed into a scroll pane of its own: it is as
    // tall as its fields, and the page scrolls.
    const formBox = await page.getByRole('form', { name: '撰写与预览' }).boundingBox();
    const previewBox = await page.locator('iframe[title="文稿预览"]').boundingBox();
    expect(formBox && previewBox && previewBox.x > formBox.x + formBox.width).toBe(true);
    expect(formBox?.height ?? 0).toBeGreaterThan(768);
    await expect(preview.locator('body').textContent()).resolves.toMatch(/截至\d{4}年\d{1,2}月\d{1,2}日，巡察反馈的/);
    await shot(page, 'documents-01-notice-editor');
    // On a phone (loaded afresh, as a phone would open it): the form, then the preview, one above the other, and
    // nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await preview.getByText('挂图作战').waitFor();
    await settled(page);
    await shot(page, 'documents-01b-notice-editor-390');
    await expect(sidewaysOverflow(page)).resolves.toBeLessThanOrEqual(0);
    const stackedForm = await page.getByRole('form', { name: '撰写与预览' }).boundingBox();
    const stackedPreview = await page.locator('iframe[title="文稿预览"]').boundingBox();
    expect(stackedForm && stackedPreview && stackedPreview.y > stackedForm.y + stackedForm.height).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });

    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '.docx' }).click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/通报.*\.docx$/);

    // Switching the document with unsaved text asks first; staying keeps the text.
    await page.getByLabel('三、下一步工作打算').fill('尚未保存的一句话。');
    await page.getByText('整改情况报告', { exact: true }).click();
    await page.getByRole('dialog').getByText('离开后，未保存的内容将丢失。确定离开吗？').waitFor();
    await page.getByRole('button', { name: '留下继续编辑' }).click();
    await expect(page.getByLabel('三、下一步工作打算').inputValue()).resolves.toBe('尚未保存的一句话。');

    await page.getByRole('tab', { name: '检查' }).click();
    await page.getByRole('button', { name: '开始检查' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/可以发布|不能发布/);
    await page.getByLabel('通报全文').fill(PAST_NOTICE.replace('已完成整改3个', '已完成整改2个'));
    await page.getByRole('button', { name: '检查粘贴的文本' }).click();
    await page.getByText(/已完成数与所列事项不符/).waitFor();
    await page.getByText('有 1 个错误，修正前不能发布').waitFor();
    await shot(page, 'documents-02-lint');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the typed text when someone else saved first (409), then saves it over theirs', async () => {
    const mine = await e2e.open(unitAdmin);
    await mine.page.goto('/documents?kind=report');
    const nextSteps = mine.page.getByLabel('三、下一步工作打算');
    await nextSteps.waitFor();

    const theirs = await e2e.open(unitLeader);
    await theirs.page.goto('/documents?kind=report');
    await theirs.page.getByLabel('主送机关').fill('市委巡察工作领导小组');
    await theirs.page.getByRole('button', { name: /^保\s*存$/ }).click();
    await theirs.page.getByText(/已保存（第 \d+ 版）/).waitFor();
    await theirs.context.close();

    await nextSteps.fill('我的下一步打算：建立长效机制。');
    await mine.page.getByRole('button', { name: /^保\s*存$/ }).click();
    await mine.page.getByText('他人已修改了这份文稿').waitFor();
    await expect(nextSteps.inputValue()).resolves.toBe('我的下一步打算：建立长效机制。');
    await shot(mine.page, 'documents-03-stale');
    await mine.page.getByRole('button', { name: '用我的内容覆盖' }).click();
    await mine.page.getByText(/已保存（第 \d+ 版）/).waitFor();
    await mine.page.frameLocator('iframe[title="文稿预览"]').getByText('建立长效机制').waitFor();
    await mine.context.close();
  });

  it('reads in English', async () => {
    const { page, context } = await e2e.open(unitAdmin, { lang: 'en' });
    await page.goto('/documents');
    await page.getByLabel('一、履行巡察整改主体责任情况 (part I: how the work was organised)').waitFor();
    await page.frameLocator('iframe[title="Document preview"]').locator('body').getByText(/截至/).first().waitFor();
    await shot(page, 'documents-04-english');
    await context.close();
  });

  it('imports a past notice as office1: preview asks for the team and dates, then confirms', async () => {
    const { page, context } = await e2e.open('office1');
    await page.goto('/documents');
    await page.getByRole('tab', { name: '导入往期通报' }).click();
    // antd spaces two-character labels ("预 览"); matched by its text rather than the accessibility tree, which
    // sometimes misses it while a select's dropdown is closing.
    const previewButton = page.locator('button', { hasText: /^预\s*览$/ });
    await page.locator('input[type=file]').setInputFiles({
      name: '水务局整改进展通报.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(PAST_NOTICE, 'utf8'),
    });
    const unit = page.getByRole('combobox', { name: /^\*?\s*被巡察单位$/ });
    await unit.fill('水务局');
    await unit.press('Enter');
    await page.getByLabel('巡察轮次').click();
    await page.locator('.ant-select-item-option', { hasText: '九届市委第三轮巡察' }).click();
    await shot(page, 'documents-05-import-form');
    await previewButton.click();
    await page.getByText('无法导入的原因').waitFor();
    await shot(page, 'documents-06-import-needs-more');

    await page.getByLabel(/^巡察组/).click();
    await page.locator('.ant-select-item-option', { hasText: '市委第一巡察组' }).click();
    for (const [label, date] of [
      ['巡察开始日期', '2025-09-01'],
      ['巡察结束日期', '2025-10-20'],
      ['反馈日期', '2025-11-10'],
    ]) {
      await page.getByLabel(label).fill(date);
      await page.getByLabel(label).press('Enter');
    }
    await previewButton.click();
    await page.getByText('2 个问题，4 个事项，8 条措施').waitFor();
    await expect(page.getByText('无法导入的原因').count()).resolves.toBe(0);
    // Only for the picture: the last date picker has closed.
    await settled(page);
    await shot(page, 'documents-07-import-preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入：4 个事项，8 条措施').waitFor();
    const link = page.getByRole('link', { name: '查看该巡察的台账' });
    await expect(link.getAttribute('href')).resolves.toMatch(/^\/ledger\?inspectionId=\d+$/);
    await shot(page, 'documents-08-imported');
    await context.close();
  });
});
