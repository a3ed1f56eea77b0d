import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  consoleProblems,
  demoUser,
  type E2E,
  hasChromium,
  SCREENSHOTS,
  settled,
  shot,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';
import { makePdf } from './item-fixtures.ts';

const NUMBER = /〔\d{4}〕第\d+号/;

describe.skipIf(!hasChromium)(`督办 as documents${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('the office sends numbered orders, prints the 通知书, edits and recalls one; the unit answers with a file; 回头看 for a unit', async () => {
    const office = await e2e.open('office1');
    const problems = consoleProblems(office.page);
    const page = office.page;
    await page.goto('/supervision');

    // Two orders to the same unit: the first is answered, the second edited and then recalled.
    let unitName = '';
    for (const title of ['关于规范公务接待的督办', '关于清退违规补贴的督办']) {
      await page.getByRole('button', { name: '下发督办' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: '被巡察单位' }).click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      unitName = (await option.getAttribute('title')) ?? '';
      await option.click();
      await dialog.getByLabel('督办事项').fill(title);
      await dialog.getByLabel('督办内容').fill('请对照反馈意见逐项整改，按期报送办理情况及佐证材料。');
      await dialog.getByLabel('督办事项').click();
      await page.getByRole('button', { name: '下发督办' }).last().click();
      await page.getByText('已下发 1 份督办').last().waitFor();
      await dialog.waitFor({ state: 'hidden' });
    }
    const first = page.locator('.ant-table-row', { hasText: '关于规范公务接待的督办' });
    const second = page.locator('.ant-table-row', { hasText: '关于清退违规补贴的督办' });
    const numberOf = async (row: typeof first) =>
      NUMBER.exec((await row.locator('.order-number').textContent()) ?? '')?.[0];
    const firstNumber = await numberOf(first);
    const secondNumber = await numberOf(second);
    expect(firstNumber).toMatch(NUMBER);
    expect(Number(/第(\d+)号/.exec(secondNumber ?? '')?.[1])).toBe(
      Number(/第(\d+)号/.exec(firstNumber ?? '')?.[1]) + 1,
    );

    // The 督办通知书 downloads as a .docx holding the number and the unit.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      first.getByRole('link', { name: '下载“关于规范公务接待的督办”的督办通知书（Word）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^督办通知书.*\.docx$/);
    const docx = readFileSync((await download.path()) as string);
    const text = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml'] as Uint8Array).replace(/<[^>]+>/g, '');
    expect(text).toContain(firstNumber);
    expect(text).toContain(`${unitName}：`);

    // Edit the second while unanswered, then recall it.
    await second.getByRole('button', { name: '修改督办“关于清退违规补贴的督办”' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('督办事项').fill('关于清退违规津贴补贴的督办');
    await edit.getByRole('button', { name: /修\s*改/ }).click();
    await page.getByText('督办已修改').waitFor();
    const edited = page.locator('.ant-table-row', { hasText: '关于清退违规津贴补贴的督办' });
    await edited.waitFor();
    expect(await numberOf(edited)).toBe(secondNumber);
    await edited.getByRole('button', { name: '撤回督办“关于清退违规津贴补贴的督办”' }).click();
    const recall = page.getByRole('dialog');
    await recall.getByLabel('撤回说明（选填）').fill('发送对象有误，重新下发');
    await recall.getByRole('button', { name: /撤\s*回/ }).click();
    await page.getByText('督办已撤回').waitFor();
    await edited.getByText('已撤回', { exact: true }).waitFor();
    await settled(page);
    await shot(page, 'supervision-documents-01-orders-office');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // The unit: the recalled order is gone; it answers the first with a file.
    const unit = await e2e.open(demoUser(e2e.demo, 'unit_admin', unitName));
    await unit.page.goto('/supervision');
    const own = unit.page.locator('.ant-table-row', { hasText: '关于规范公务接待的督办' });
    await own.waitFor();
    expect(await unit.page.locator('.ant-table-row', { hasText: '违规津贴补贴' }).count()).toBe(0);
    await own.getByRole('button', { name: /答\s*复/ }).click();
    const answer = unit.page.getByRole('dialog');
    await answer.getByLabel('办理情况').fill('已修订公务接待管理办法，清退超标准接待费用1.2万元。');
    await answer.getByLabel('添加附件').setInputFiles({
      name: '接待费用清退凭证.pdf',
      mimeType: 'application/pdf',
      buffer: makePdf('接待费用清退凭证'),
    });
    await answer.getByText('接待费用清退凭证.pdf').waitFor();
    await shot(unit.page, 'supervision-documents-02a-answer-dialog');
    await answer.getByRole('button', { name: /答\s*复/ }).click();
    await own.getByText('已答复').waitFor();
    await own.getByRole('link', { name: '接待费用清退凭证.pdf' }).waitFor();
    await shot(unit.page, 'supervision-documents-02-unit-answered');
    await unit.context.close();

    // The office sees the file and downloads it.
    await page.reload();
    const answered = page.locator('.ant-table-row', { hasText: '关于规范公务接待的督办' });
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      answered.getByRole('link', { name: '接待费用清退凭证.pdf' }).click(),
    ]);
    expect(
      readFileSync((await file.path()) as string)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // 回头看 for a whole round at once (the demo's closed items).
    await page.goto('/supervision?tab=lookbacks');
    await page.getByRole('button', { name: '批量回头看' }).click();
    const bulk = page.getByRole('dialog');
    await bulk.getByText('按轮次', { exact: true }).click();
    await bulk.getByLabel('巡察轮次').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await shot(page, 'supervision-documents-03a-bulk-dialog');
    await bulk.getByRole('button', { name: '安排回头看' }).click();
    await page.getByText(/已为 \d+ 个事项安排回头看/).waitFor();
    await settled(page);
    await shot(page, 'supervision-documents-03-lookbacks');
    expect(problems).toEqual([]);
    await office.context.close();

    // The orders tab on a phone: cards, the number and the 通知书 links, no sideways scroll.
    const phone = await e2e.open('office1', { phone: true });
    await phone.page.goto('/supervision');
    const list = phone.page.getByRole('list', { name: '督办列表' });
    await list.waitFor();
    await list.getByText(firstNumber as string).waitFor();
    await settled(phone.page);
    await shot(phone.page, 'supervision-documents-04-orders-phone');
    expect(await sidewaysOverflow(phone.page)).toBeLessThanOrEqual(0);
    await phone.page.goto('/supervision?tab=lookbacks');
    await phone.page.getByRole('list', { name: '回头看列表' }).waitFor();
    await phone.page.getByRole('button', { name: '批量回头看' }).waitFor();
    await settled(phone.page);
    // The first screen only: the demo's 40-odd look-backs make the whole page too long to look at.
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'supervision-documents-05-lookbacks-phone.png') });
    expect(await sidewaysOverflow(phone.page)).toBeLessThanOrEqual(0);
    await phone.context.close();
  });
});
