import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  chooseOption,
  type E2E,
  hasChromium,
  settled,
  shot,
  sidewaysCulprits,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';

/**
 * Issue 16: a notice pasted into the import page rather than uploaded. Users select the article on the office's website
 * (the clipboard then carries text/html and text/plain) or copy the page's source; both read as the saved page would.
 */
const LINES = [
  '中共江澜市水务局党组关于八届市委第七轮巡察整改进展情况的通报',
  '根据市委统一部署，2025年9月2日至10月24日，市委第二巡察组对中共江澜市水务局党组进行了巡察。2025年11月12日，市委第二巡察组向局党组反馈了巡察意见。',
  '一、履行巡察整改主体责任情况',
  '截至2026年1月15日，巡察反馈的2个方面涉及的3个细化问题，已完成整改2个，阶段性完成整改1个。',
  '二、巡察反馈问题整改落实情况',
  '（一）关于落实全面从严治党战略部署方面',
  '1.河道采砂监管存在盲区',
  '整改结果：完成',
  '整改情况：一是开展河道采砂专项巡查；二是在重点河段安装视频监控。',
  '2.农村饮水工程运维经费不足',
  '整改结果：阶段性完成',
  '整改情况：一是争取专项运维资金；二是制定分年度保障方案。',
  '（二）关于落实新时代党的组织路线方面',
  '3.基层站所干部交流不够',
  '整改结果：完成',
  '整改情况：一是制定站所干部轮岗办法；二是完成首批轮岗交流。',
  '三、下一步打算',
  '局党组将持续推进阶段性完成事项。',
  '中共江澜市水务局党组',
  '2026年1月20日',
];

/** What Chrome puts on the clipboard when the article is selected on the site: styles inline, the site's lines kept. */
const SELECTION_HTML = `<meta charset='utf-8'><h1 class="title" style="color: rgb(51, 51, 51); font-size: 22px; text-align: center;">${LINES[0]}</h1><div class="info" style="color: rgb(153, 153, 153);">来源：江澜市水务局　发布时间：2026-01-20 09:30　浏览次数：87</div><div class="TRS_Editor" style="font-family: 仿宋_GB2312;">${LINES.slice(
  1,
)
  .map((l) => `<p style="text-indent: 2em; line-height: 2;"><span style="font-size: 16pt;">${l}</span></p>`)
  .join(
    '',
  )}</div><div class="share" style="color: rgb(102, 102, 102);">分享到：<a href="#">微信</a><a href="#">微博</a></div>`;
const SELECTION_TEXT = [
  LINES[0],
  '来源：江澜市水务局　发布时间：2026-01-20 09:30　浏览次数：87',
  ...LINES.slice(1),
  '分享到：微信微博',
].join('\n');

/** The page's source, as Ctrl+U, Ctrl+A, Ctrl+C copies it: plain text only. */
const PAGE_SOURCE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${LINES[0]} - 江澜市水务局</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div><div class="position">当前位置：<a>首页</a> &gt; <a>巡察整改</a></div>
<h1>${LINES[0]}</h1><div class="TRS_Editor">${LINES.slice(1)
  .map((l) => `<p>${l}</p>`)
  .join('\n')}</div><div class="footer">版权所有：江澜市水务局　浙ICP备00000000号</div></body></html>`;

/** A real paste event, as the browser fires it: a DataTransfer carrying the clipboard's HTML and its plain text. */
async function pasteInto(page: Page, html: string, text: string) {
  await page.locator('#notice-paste').evaluate(
    (el, data) => {
      const clipboard = new DataTransfer();
      if (data.html) clipboard.setData('text/html', data.html);
      clipboard.setData('text/plain', data.text);
      (el as HTMLTextAreaElement).focus();
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    },
    { html, text },
  );
}

async function openPasteBox(page: Page) {
  await page.goto('/documents');
  await page.getByRole('tab', { name: '导入往期通报' }).click();
  // The phone's switch says it shorter (粘贴文字或源代码), so it fits.
  await page.getByText(/^粘贴文字或(网页)?源代码$/).click();
  await page.locator('#notice-paste').waitFor();
}

async function chooseTarget(page: Page) {
  const unit = page.getByRole('combobox', { name: /^\*?\s*被巡察单位$/ });
  await unit.fill('水务局');
  await unit.press('Enter');
  await page.getByLabel('巡察轮次').click();
  await chooseOption(page.locator('.ant-select-item-option', { hasText: '九届市委第三轮巡察' }));
}

const preview = (page: Page) => page.locator('button', { hasText: /^预\s*览$/ }).click();
const kindShown = (page: Page) => page.getByTestId('paste-kind').textContent();

describe.skipIf(!hasChromium)(`/documents: paste a notice${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('takes the selection’s HTML from the clipboard, says 网页 and its size, and previews it as its notice', async () => {
    const { page, context } = await e2e.open('office1');
    await openPasteBox(page);
    await pasteInto(page, SELECTION_HTML, SELECTION_TEXT);
    // The box shows the readable text; the HTML is what is sent.
    await expect(page.locator('#notice-paste').inputValue()).resolves.toBe(SELECTION_TEXT);
    await expect(kindShown(page)).resolves.toContain('网页');
    await expect(kindShown(page)).resolves.toContain(
      `将发送网页内容 ${SELECTION_HTML.length.toLocaleString('zh-CN')} 个字符`,
    );
    await chooseTarget(page);
    await preview(page);
    await page.getByText('2 个问题，3 个事项，6 条措施').waitFor();
    await expect(page.getByText('无法导入的原因').count()).resolves.toBe(0);
    await expect(page.locator('.ant-table').getByText('河道采砂监管存在盲区').count()).resolves.toBe(1);
    // Nothing of the site's lines became an item or a problem.
    await expect(
      page
        .locator('.ant-table')
        .getByText(/分享到|来源：|浏览次数/)
        .count(),
    ).resolves.toBe(0);
    await settled(page);
    await shot(page, 'notice-paste-desktop');

    // An edit drops the HTML: the box is read as the text it now shows, and the preview must be asked again.
    await page.locator('#notice-paste').press('End');
    await page.locator('#notice-paste').pressSequentially('。');
    await expect(kindShown(page)).resolves.toContain('纯文本');
    await page.getByText('已修改粘贴的内容，按纯文本读取').waitFor();
    await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);

    // A page's source copied as plain text is known by its content, and reads the same.
    await page.getByRole('button', { name: '清空' }).click();
    await page.locator('#notice-paste').fill(PAGE_SOURCE);
    await expect(kindShown(page)).resolves.toContain('网页');
    await preview(page);
    await page.getByText('2 个问题，3 个事项，6 条措施').waitFor();

    // The selection as plain text only (no HTML came with it): the site's lines are dropped by the server.
    await page.getByRole('button', { name: '清空' }).click();
    await page.locator('#notice-paste').fill(SELECTION_TEXT);
    await expect(kindShown(page)).resolves.toMatch(/纯文本\s*\d/);
    await preview(page);
    await page.getByText('2 个问题，3 个事项，6 条措施').waitFor();
    await expect(
      page
        .locator('.ant-table')
        .getByText(/分享到|来源：|浏览次数/)
        .count(),
    ).resolves.toBe(0);
    // Nothing at all is refused before anything is sent.
    await page.locator('#notice-paste').fill('');
    await preview(page);
    await page.getByText('请粘贴通报，并选择被巡察单位和巡察轮次').waitFor();
    // A paste with no article: the server's words.
    await pasteInto(page, '<html><body><script>var a = 1;</script></body></html>', '');
    await preview(page);
    await page.getByText('网页中找不到正文').waitFor();
    await context.close();
  });

  it('fits a phone: the switch, the box, what was detected and the preview', async () => {
    const { page, context } = await e2e.open('office1', { phone: true });
    await openPasteBox(page);
    await pasteInto(page, SELECTION_HTML, SELECTION_TEXT);
    await expect(kindShown(page)).resolves.toContain('网页');
    await chooseTarget(page);
    await preview(page);
    await page.getByText('2 个问题，3 个事项，6 条措施').waitFor();
    // The items as cards with their whole titles, not a table squeezed to a character a line.
    await expect(page.locator('li.item-card').count()).resolves.toBe(3);
    await page.locator('li.item-card', { hasText: /^2\. 农村饮水工程运维经费不足/ }).waitFor();
    await settled(page);
    await shot(page, 'notice-paste-phone');
    expect(await sidewaysOverflow(page), (await sidewaysCulprits(page)).join('\n')).toBeLessThanOrEqual(0);
    await context.close();
  });
});
