import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  demoUser,
  type E2E,
  hasChromium,
  settled,
  shot,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';
import { makePdf } from './item-fixtures.ts';

/** Issue 15: the unit records its report's 报送 with the file; the office sees it in the list and in the round summary. */
describe.skipIf(!hasChromium)(`报送 and the round summary${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let unitAdmin: string;
  let unitName: string;
  let roundId: number;
  let feedbackOn: string | null;
  beforeAll(async () => {
    e2e = await startE2E();
    unitAdmin = demoUser(e2e.demo, 'unit_admin');
    // The inspection the unit's home shows: its latest (by feedback, else start).
    const row = await e2e.handle.db
      .selectFrom('users as u')
      .innerJoin('inspections as n', 'n.unit_id', 'u.unit_id')
      .innerJoin('units as un', 'un.id', 'u.unit_id')
      .select(['n.round_id', 'n.feedback_on', 'n.from_on', 'un.name'])
      .where('u.username', '=', unitAdmin)
      .execute();
    const latest = row.sort((a, b) => (b.feedback_on ?? b.from_on).localeCompare(a.feedback_on ?? a.from_on))[0];
    if (!latest) throw new Error('the demo unit administrator has no inspection');
    roundId = latest.round_id;
    feedbackOn = latest.feedback_on;
    unitName = latest.name;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the unit administrator records 报送 with the file, and the countdown gives way to the record', async () => {
    const { context, page } = await e2e.open(unitAdmin);
    const record = page.getByRole('button', { name: '登记报送' });
    await record.waitFor();
    await settled(page);
    await shot(page, 'round-summary-01-unit-home-before');
    await record.click();
    const dialog = page.getByRole('dialog');
    // Today is never before the feedback date in the demo; the server checks both ends again.
    expect(feedbackOn === null || feedbackOn <= e2e.today).toBe(true);
    const day = dialog.getByLabel('报送日期', { exact: true });
    await day.click();
    await day.fill(e2e.today);
    await day.press('Enter');
    await dialog.getByLabel('文号', { exact: true }).fill('〔2026〕12号');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '整改情况报告.pdf', mimeType: 'application/pdf', buffer: makePdf('report') });
    await shot(page, 'round-summary-02-record-dialog');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    const done = page.getByTestId('report-submitted');
    await done.waitFor();
    await expect(done.textContent()).resolves.toContain(`已于 ${e2e.today} 报送`);
    await expect(done.textContent()).resolves.toContain('〔2026〕12号');
    expect(await page.getByText(/已超过 \d+ 天/).count()).toBe(0);
    await settled(page);
    await shot(page, 'round-summary-03-unit-home-after');
    await context.close();
  });

  it('the office sees who has submitted, and the summary row and totals', async () => {
    const { context, page } = await e2e.open('office1');
    await page.goto(`${e2e.baseUrl}/rounds/${roundId}/summary`);
    const reports = page.getByRole('table').last();
    await page.getByText('整改情况报告报送情况').waitFor();
    await settled(page);
    const reportRow = page.locator('tr', { hasText: unitName }).filter({ hasText: '〔2026〕12号' });
    await reportRow.first().waitFor();
    await expect(reportRow.first().textContent()).resolves.toContain('已报送');
    await expect(
      reportRow
        .first()
        .getByRole('link', { name: /整改情况报告\.pdf/ })
        .count(),
    ).resolves.toBe(1);
    void reports;
    // The summary's row for the unit carries the report's date; the totals row counts the units.
    const summaryRow = page.locator('.ant-table-row', { hasText: unitName }).filter({ hasText: e2e.today });
    await expect(summaryRow.count()).resolves.toBeGreaterThan(0);
    const totals = page.locator('.round-summary-totals');
    await expect(totals.textContent()).resolves.toMatch(/合计（\d+ 个单位）/);
    await expect(totals.textContent()).resolves.toMatch(/已报送 [1-9]\d*/);
    await expect(page.getByRole('link', { name: /汇总表 \.xlsx/ }).getAttribute('href')).resolves.toBe(
      `/api/rounds/${roundId}/summary.xlsx`,
    );
    await shot(page, 'round-summary-04-office');
    await context.close();
  });

  it('on a 390 px phone the summary page does not scroll sideways (the tables scroll in their boxes)', async () => {
    const { context, page } = await e2e.open('office1', { phone: true });
    await page.goto(`${e2e.baseUrl}/rounds/${roundId}/summary`);
    await page.locator('.round-summary-totals').waitFor();
    await settled(page);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'round-summary-05-phone');
    await context.close();
    const unit = await e2e.open(unitAdmin, { phone: true });
    await unit.page.getByTestId('report-submitted').waitFor();
    await settled(unit.page);
    expect(await sidewaysOverflow(unit.page)).toBeLessThanOrEqual(0);
    await shot(unit.page, 'round-summary-06-unit-phone');
    await unit.context.close();
  });
});
