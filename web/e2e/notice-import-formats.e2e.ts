import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, type E2E, hasChromium, settled, shot, startE2E } from './harness.ts';

/** A fictional past notice of a demo unit, as its office's website shows it (issue 16: notices saved as web pages). */
const LINES = [
  '中共江澜市水务局党组关于八届市委第六轮巡察整改进展情况的通报',
  '根据市委统一部署，2025年9月1日至10月20日，市委第一巡察组对中共江澜市水务局党组进行了巡察。2025年11月10日，市委第一巡察组向局党组反馈了巡察意见。',
  '一、履行巡察整改主体责任情况',
  '截至2025年12月31日，巡察反馈的2个方面涉及的3个细化问题，已完成整改2个，阶段性完成整改1个。',
  '二、巡察反馈问题整改落实情况',
  '（一）关于落实全面从严治党战略部署方面',
  '1.水资源费征收台账不完整',
  '整改结果：完成',
  '整改情况：一是逐户核对征收台账；二是建立月度对账制度。',
  '2.小型水库安全鉴定滞后',
  '整改结果：阶段性完成',
  '整改情况：一是完成12座水库安全鉴定；二是制定剩余水库鉴定计划。',
  '（二）关于落实新时代党的组织路线方面',
  '3.干部教育培训针对性不强',
  '整改结果：完成',
  '整改情况：一是开展专题培训3期；二是建立培训需求调查制度。',
  '三、下一步打算',
  '局党组将持续推进阶段性完成事项。',
  '中共江澜市水务局党组',
  '2026年1月10日',
];

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${LINES[0]} - 江澜市水务局</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hdjl">互动交流</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a>巡察整改</a></div>
<h1 class="title">${LINES[0]}</h1><div class="info">来源：江澜市水务局　发布时间：2026-01-10　浏览次数：321</div>
<div class="TRS_Editor">${LINES.slice(1)
  .map((l) => `<p>${l}</p>`)
  .join('\n')}</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div><div class="tools">【<a>打印本页</a>】【<a>关闭窗口</a>】</div>
<div class="xgwz"><h3>相关文章</h3><ul><li><a>中共江澜市水务局党组关于七届市委第二轮巡察整改进展情况的通报</a></li></ul></div>
<div class="footer">版权所有：江澜市水务局　浙ICP备00000000号</div></body></html>`;

describe.skipIf(!hasChromium)(
  `/documents: import a notice saved as a web page${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E();
    });
    afterAll(() => e2e?.close());

    it('accepts .pdf, .html, .doc and .wps, and previews a saved page as its notice', async () => {
      const { page, context } = await e2e.open('office1');
      await page.goto('/documents');
      await page.getByRole('tab', { name: '导入往期通报' }).click();
      const input = page.locator('input[type=file]');
      await expect(input.getAttribute('accept')).resolves.toBe('.txt,.docx,.pdf,.html,.htm,.doc,.wps');
      await page.getByText('点击或拖入通报文件（.txt / .docx / .pdf / .html / .doc / .wps）').waitFor();
      await input.setInputFiles({
        name: '水务局整改进展通报.html',
        mimeType: 'text/html',
        buffer: Buffer.from(PAGE, 'utf8'),
      });
      const unit = page.getByRole('combobox', { name: /^\*?\s*被巡察单位$/ });
      await unit.fill('水务局');
      await unit.press('Enter');
      await page.getByLabel('巡察轮次').click();
      await page.locator('.ant-select-item-option', { hasText: '九届市委第三轮巡察' }).click();
      await page.locator('button', { hasText: /^预\s*览$/ }).click();
      await page.getByText('2 个问题，3 个事项，6 条措施').waitFor();
      await expect(page.getByText('无法导入的原因').count()).resolves.toBe(0);
      // Nothing of the site's debris became an item.
      await expect(page.getByText('相关文章').count()).resolves.toBe(0);
      await settled(page);
      await shot(page, 'notice-import-html-preview');
      await context.close();
    });
  },
);
