import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../src/domain/dates.ts';
import { zhDate } from '../../src/notices/generate/build.ts';
import { CHROMIUM_MISSING, consoleProblems, demoUser, type E2E, hasChromium, shot, startE2E } from './harness.ts';

/**
 * A small customary ledger for the demo transport bureau: one department name the unit does not have (宣传科), one
 * person with no account (李明远), the rest as the unit's own tree names them. The deadline is written in words, as
 * people type it, two months after the day the demo is dated around, so it stays after the unit's feedback date.
 */
async function customaryLedger(today: IsoDate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整改台账');
  ws.addRow(['江澜市交通运输局巡察反馈问题整改台账（补录）']);
  ws.mergeCells('A1:K1');
  ws.addRow([
    '序号',
    '问题类别',
    '反馈问题',
    '具体问题',
    '整改措施',
    '责任领导',
    '责任部门',
    '责任人',
    '整改时限',
    '整改进展',
    '整改结果',
  ]);
  ws.addRow([
    1,
    '落实全面从严治党战略部署方面',
    '廉政风险防控机制不健全',
    '工程变更审批留痕不完整',
    '一是修订工程变更审批流程；二是建立变更台账',
    '陈玉兰',
    '建设管理科',
    '郑国辉',
    zhDate(addDays(today, 60)),
    '已起草审批流程修订稿',
    '',
  ]);
  ws.addRow([
    2,
    '落实全面从严治党战略部署方面',
    '廉政风险防控机制不健全',
    '廉政宣传教育形式单一',
    '开展廉政警示教育月活动',
    '许国栋',
    '宣传科',
    '李明远',
    '长期坚持',
    '',
    '',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(!hasChromium)(
  `/exchange: ledger import and export${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    let unitAdmin: string;
    beforeAll(async () => {
      e2e = await startE2E();
      unitAdmin = demoUser(e2e.demo, 'unit_admin', '交通运输局');
    });
    afterAll(() => e2e?.close());

    it('checks an Excel ledger, maps the unknown department, imports it, and exports the ledger and the binder', async () => {
      const { page, context } = await e2e.open(unitAdmin);
      const problems = consoleProblems(page);
      await page.goto('/exchange');
      await page.getByText('可识别的列名').waitFor();
      await shot(page, 'exchange-01-empty');

      // A slow line, so that the upload progress bar can be seen (and photographed) before the check answers; Chromium
      // reports upload progress before its throttle, so the bar shows its start here rather than a middle.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const uploadAt = (uploadThroughput: number) =>
        cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput,
        });
      await uploadAt(2048);
      await page.locator('input[type=file]').setInputFiles({
        name: '交通局台账补录.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await customaryLedger(e2e.today),
      });
      await page.getByRole('progressbar').waitFor();
      await shot(page, 'exchange-02-uploading');
      await uploadAt(-1);
      await page.getByText('预览：新增 2 项，与已有事项相同 0 项，将修改 0 项，有错误 0 项').waitFor();
      await page.getByText('宣传科', { exact: true }).waitFor();
      await page.getByText('李明远', { exact: true }).waitFor();
      await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
      await shot(page, 'exchange-03-checked');

      await page.getByRole('combobox', { name: '对应到：宣传科' }).click();
      await page.locator('.ant-select-item-option', { hasText: '办公室' }).click();
      await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
      // The person with no account is given to one of the unit's people, chosen by account (the first after "keep").
      await page.getByRole('combobox', { name: '对应到：李明远' }).click();
      const personOption = page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1);
      const personLabel = await personOption.getAttribute('title');
      await personOption.click();
      // 确认导入 applies what a preview showed: the new choices are previewed first.
      await page.getByText(/对应关系已改变/).waitFor();
      await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
      await page.getByRole('button', { name: '按对应关系重新检查' }).click();
      await page.getByText(/对应关系已改变/).waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByText('导入完成').waitFor();
      await page.getByText('已新增 2 个事项、3 条措施、1 个反馈问题，更新 0 个已有事项').waitFor();
      const link = page.getByRole('link', { name: /查看台账/ });
      await expect(link.getAttribute('href')).resolves.toMatch(/^\/ledger\?inspectionId=\d+$/);
      const inspectionId = Number(
        new URL((await link.getAttribute('href')) ?? '', 'http://x').searchParams.get('inspectionId'),
      );
      const owner = await page.evaluate(async (id) => {
        const plan = await (await fetch(`/api/plan/inspections/${id}`)).json();
        const measure = plan.items
          .flatMap((i: { measures: { content: string; responsiblePersonId: number | null }[] }) => i.measures)
          .find((m: { content: string }) => m.content === '开展廉政警示教育月活动');
        const person = plan.people.find((p: { id: number }) => p.id === measure?.responsiblePersonId);
        return person ? `${person.displayName}（${person.unitName}）` : null;
      }, inspectionId);
      expect(owner).toBe(personLabel);
      await shot(page, 'exchange-04-imported');

      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /导出台账/ }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      // The binder is built on the server as a job; the page shows its progress, then the link to the built zip.
      await page.getByRole('button', { name: /下载整改资料册（\.zip）/ }).click();
      await page.getByText('整改资料册已生成').waitFor();
      await shot(page, 'exchange-05-binder-ready');
      const [zip] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /下载整改资料册/ }).click(),
      ]);
      expect(zip.suggestedFilename()).toMatch(/\.zip$/);
      const zipPath = await zip.path();
      expect(zipPath).toBeTruthy();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows the errors table for a ledger with a bad deadline, in English', async () => {
      const { page, context } = await e2e.open(unitAdmin, { lang: 'en' });
      await page.goto('/exchange');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('台账');
      ws.addRow(['序号', '问题类别', '反馈问题', '具体问题', '整改措施', '责任部门', '整改时限']);
      ws.addRow([1, '不存在的方面', '某问题', '某具体问题', '某措施', '办公室', '下辈子']);
      await page.locator('input[type=file]').setInputFiles({
        name: 'bad.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      await page.getByText(/To fix in the file \(\d+\)/).waitFor();
      await expect(page.getByRole('columnheader', { name: 'Sheet' }).count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'Confirm the import', exact: true }).isDisabled()).resolves.toBe(
        true,
      );
      await shot(page, 'exchange-05-errors-english');
      await context.close();
    });

    it('offers the unit leader the exports but not the import', async () => {
      const { page, context } = await e2e.open(demoUser(e2e.demo, 'unit_leader', '交通运输局'));
      await page.goto('/exchange');
      await page.getByText(/导入台账由被巡察单位管理员或巡察办办理/).waitFor();
      await expect(page.locator('input[type=file]').count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: /导出台账/ }).isEnabled()).resolves.toBe(true);
      await context.close();
    });
  },
);
