import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, consoleProblems, type E2E, hasChromium, settled, signIn, startE2E } from './harness.ts';
import { viewShot } from './item-fixtures.ts';

const ADMIN_PASSWORD = 'Admin-e2e-2026!';

/** The downloaded workbook as an office edits it: a department and an account added, a name corrected. */
async function edited(downloaded: string, withProblem: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(downloaded);
  const units = wb.getWorksheet('单位');
  const departments = wb.getWorksheet('部门');
  const accounts = wb.getWorksheet('账号');
  if (!units || !departments || !accounts) throw new Error('the export lacks a sheet');
  let unitName = '';
  units.eachRow((row, n) => {
    if (n > 1 && !unitName && row.getCell(4).text === '被巡察单位') unitName = row.getCell(2).text;
  });
  departments.addRow(['', '通讯录测试科', unitName, 99]);
  accounts.getRow(2).getCell(2).value = `${accounts.getRow(2).getCell(2).text}（改）`;
  accounts.addRow(['dirtest01', '测试员甲', '责任部门', unitName, '通讯录测试科', '', 'jia@example.cn', '启用']);
  if (withProblem) {
    accounts.addRow(['dirtest01', '测试员乙', '科员', unitName, '', '', '', '']);
    accounts.addRow(['dirtest02', '测试员丙', '责任部门', '不存在的单位', '', '', '', '']);
  }
  const file = path.join(
    mkdtempSync(path.join(tmpdir(), 'rectify-dir-e2e-')),
    `通讯录${withProblem ? '-有误' : ''}.xlsx`,
  );
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

describe.skipIf(!hasChromium)(`directory workbook${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('the administrator downloads the directory, uploads it edited, reads the dry run, and confirms', async () => {
    const { page } = await e2e.open();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    // Counted from here: the sign-in page's own 401 (no session yet) is not a problem.
    const problems = consoleProblems(page);
    await page.goto('/admin/users');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载通讯录（Excel）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^通讯录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const downloaded = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-dir-dl-')), 'd.xlsx');
    await download.saveAs(downloaded);

    await page.getByRole('button', { name: '导入通讯录' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles(await edited(downloaded, true));
    await dialog.getByText('发现 2 处问题，请修改文件后重新上传').waitFor();
    await dialog.getByRole('cell', { name: '用户名“dirtest01”与第', exact: false }).waitFor();
    await dialog.getByRole('cell', { name: /找不到单位或部门“不存在的单位”/ }).waitFor();
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await settled(page);
    await viewShot(page, 'directory-dry-run');
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await viewShot(page, 'directory-dry-run-phone');
    await page.setViewportSize({ width: 1366, height: 768 });

    await dialog.locator('input[type=file]').setInputFiles(await edited(downloaded, false));
    await dialog.getByText('没有发现问题，可以确认导入').waitFor();
    await dialog.getByRole('cell', { name: '通讯录测试科' }).first().waitFor();
    await settled(page);
    await viewShot(page, 'directory-dry-run-clean');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByText('通讯录已导入').waitFor();
    await dialog.getByText('dirtest01').waitFor();
    await settled(page);
    await viewShot(page, 'directory-imported');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await page.getByText('测试员甲').waitFor();
    // The buttons sit in the accounts page's filter row, which wraps on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await viewShot(page, 'directory-users-phone');
    expect(problems).toEqual([]);
  }, 180_000);
});
