import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The export's title, subtitle and header rows: its first item is on row 4 (src/ledger-io/export/xlsx.ts). */
const FIRST_ITEM_ROW = 4;

async function downloaded(page: Page, button: RegExp): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync((await file.path()) as string);
}

/**
 * The unit's own exported ledger as a clerk sends it back: its first item reworded, and one new row typed the way units
 * type them — the aspect as "一、…方面存在的问题", a lone "1." before the title, 立行立改 without a date.
 */
async function editedExport(exported: Buffer): Promise<{ file: Buffer; title: string; aspect: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const first = ws.getRow(FIRST_ITEM_ROW);
  const title = String(first.getCell(4).value);
  first.getCell(4).value = `${title}（修订）`;
  const aspect = String(first.getCell(2).value).replace(/方面$/, '');
  const department = first.getCell(8).value;
  ws.addRow([
    '1',
    `一、${aspect}方面存在的问题`,
    '新发现的问题（补录）',
    '1.会议签到表未存档',
    '立即补齐签到表',
    '立行立改',
    first.getCell(7).value,
    department,
    null,
    null,
  ]);
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), title, aspect };
}

describe.skipIf(!hasChromium)(
  `/exchange: Excel import into a live ledger${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    let unitAdmin: string;
    let edited: { file: Buffer; title: string; aspect: string };
    beforeAll(async () => {
      e2e = await startE2E();
      unitAdmin = demoUser(e2e.demo, 'unit_admin', '交通运输局');
    });
    afterAll(() => e2e?.close());

    /** Uploads the file and waits for the preview; a recheck when the unmatched names' defaults changed the choices. */
    async function preview(page: Page, file: Buffer) {
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: '交通局台账（修订）.xlsx', mimeType: XLSX, buffer: file });
      await page.getByText(/^预览：/).waitFor();
      if (await page.getByText(/对应关系已改变/).isVisible()) {
        await page.getByRole('button', { name: '按对应关系重新检查' }).click();
        await page.getByText(/对应关系已改变/).waitFor({ state: 'hidden' });
        await page.getByText(/^预览：/).waitFor();
      }
      await settled(page);
    }

    it('downloads the template, previews a re-sent ledger row by row, confirms it, and undoes it', async () => {
      const { page, context } = await e2e.open(unitAdmin);
      const problems = consoleProblems(page);
      await page.goto('/exchange');
      await page.getByText('可识别的列名').waitFor();

      const template = new ExcelJS.Workbook();
      await template.xlsx.load((await downloaded(page, /下载导入模板/)) as unknown as ArrayBuffer);
      expect(template.worksheets.map((w) => w.name)).toEqual(['整改台账', '填写说明']);
      expect(template.getWorksheet('填写说明')?.getColumn(1).values.join('\n')).toMatch(/方面存在的问题/);

      edited = await editedExport(await downloaded(page, /导出台账/));
      await preview(page, edited.file);
      const counts = await page.getByText(/^预览：/).textContent();
      const [, same] = /相同 (\d+) 项/.exec(counts ?? '') ?? [];
      expect(counts).toMatch(/^预览：新增 1 项，与已有事项相同 \d+ 项，将修改 1 项，有错误 0 项$/);
      expect(Number(same)).toBeGreaterThan(0);
      await page.getByText(`具体问题：${edited.title} → ${edited.title}（修订）`).waitFor();
      await page.getByText(/^新增为第 \d+ 项$/).waitFor();
      await expect(page.getByRole('cell', { name: '会议签到表未存档', exact: true }).count()).resolves.toBe(1);
      await shot(page, 'import-live-01-preview');
      // Only the rows to change, as a clerk checks them before confirming.
      await page.getByText(/^修改 1$/).click();
      await settled(page);
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
      await shot(page, 'import-live-02-preview-updates');

      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByText('导入完成').waitFor();
      await page.getByText(/^已新增 1 个事项、1 条措施、1 个反馈问题，更新 1 个已有事项$/).waitFor();
      await page.getByText(/导入“交通局台账（修订）\.xlsx”：新增 1 项，更新 1 项/).waitFor();
      await settled(page);
      await shot(page, 'import-live-03-imported');

      // The new 立行立改 item is due and numbered on, and shown as 立行立改 in the ledger.
      const inspectionId = Number(new URL(page.url()).searchParams.get('inspectionId'));
      const added = await page.evaluate(async (id) => {
        const plan = await (await fetch(`/api/plan/inspections/${id}`)).json();
        return plan.items.find((i: { title: string }) => i.title === '会议签到表未存档');
      }, inspectionId);
      expect(added).toMatchObject({ kind: 'immediate', deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

      await page.getByRole('button', { name: '撤销导入' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /^撤\s*销$/ })
        .click();
      await page.getByText('已撤销：删除 1 个事项，恢复 1 个事项').waitFor();
      await page.getByText('已撤销', { exact: true }).waitFor();
      await settled(page);
      await shot(page, 'import-live-04-undone');
      const after = await page.evaluate(async (id) => {
        const plan = await (await fetch(`/api/plan/inspections/${id}`)).json();
        return plan.items.map((i: { title: string }) => i.title);
      }, inspectionId);
      expect(after).toContain(edited.title);
      expect(after).not.toContain('会议签到表未存档');
      expect(after).not.toContain(`${edited.title}（修订）`);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows the preview as cards on a 390 px phone, with nothing scrolling sideways', async () => {
      const { context, page } = await e2e.open(unitAdmin, { phone: true });
      await page.goto('/exchange');
      await page.getByText('可识别的列名').waitFor();
      await preview(page, edited.file);
      await page.locator('.ant-list-item').filter({ hasText: edited.title }).first().waitFor();
      await expect(sidewaysOverflow(page)).resolves.toBeLessThanOrEqual(0);
      await shot(page, 'import-live-05-phone-preview');
      // Every filter, 错误 included, lies whole on the screen (they wrap; nothing hides behind a sideways scroll).
      const chips = page.getByRole('group', { name: '按类别筛选' }).getByRole('button');
      await expect(chips.count()).resolves.toBe(5);
      for (const chip of await chips.all()) {
        const box = await chip.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      }
      await page.getByRole('button', { name: /^错误 \d+$/ }).waitFor();
      await page.getByRole('button', { name: /^新增 1$/ }).tap();
      await page.locator('.ant-list-item').filter({ hasText: '会议签到表未存档' }).waitFor();
      await settled(page);
      await expect(sidewaysOverflow(page)).resolves.toBeLessThanOrEqual(0);
      await shot(page, 'import-live-06-phone-preview-new');
      await context.close();
    });

    it('asks "did you mean …" for an aspect written otherwise, and imports under the aspect the user confirms', async () => {
      const { page, context } = await e2e.open(unitAdmin);
      const problems = consoleProblems(page);
      await page.goto('/exchange');
      await page.getByText('可识别的列名').waitFor();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('整改台账');
      ws.addRow(['序号', '问题类别', '具体问题', '整改措施', '措施类型', '整改时限']);
      const written = `一、${edited.aspect}工作方面存在的问题`;
      ws.addRow(['1', written, '专题学习记录不全', '补齐学习记录', '立行立改', null]);
      await page.locator('input[type=file]').setInputFiles({
        name: '方面名称不同.xlsx',
        mimeType: XLSX,
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      await page
        .getByText(`表中“${written}”，是否指“${edited.aspect}方面”？`)
        .or(page.getByText(new RegExp(`表中“${written}”，是否指“${edited.aspect}`)))
        .first()
        .waitFor();
      await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
      await settled(page);
      await shot(page, 'import-live-07-did-you-mean');
      await page.getByRole('checkbox', { name: '是，按此方面导入' }).check();
      await page.getByRole('button', { name: '按对应关系重新检查' }).click();
      await page.getByText('预览：新增 1 项，与已有事项相同 0 项，将修改 0 项，有错误 0 项').waitFor();
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByText(/^已新增 1 个事项、1 条措施、0 个反馈问题，更新 0 个已有事项$/).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
