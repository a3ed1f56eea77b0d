import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, type E2E, hasChromium, shot, startE2E } from './harness.ts';
import { makePdf, type PickedItem, pickItem, throttleUploads, totals, viewShot } from './item-fixtures.ts';

describe.skipIf(!hasChromium)(
  `close-out in the browser: department → unit leader → office${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    let item: PickedItem;
    let pdfPath: string;
    beforeAll(async () => {
      e2e = await startE2E();
      item = await pickItem(e2e, 'in_progress');
      pdfPath = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-closeout-')), '整改佐证-会议纪要.pdf');
      // About 1.5 MB, throttled below, so the progress bar is on screen long enough to be seen.
      writeFileSync(pdfPath, makePdf('Rectification evidence', 1_500_000));
    });
    afterAll(() => e2e?.close());

    it('records progress, uploads evidence, requests, approves and confirms, and the totals follow', async () => {
      const office = await e2e.open('office1');
      await office.page.goto('/');
      const before = await totals(office.page, item.unitId);

      // The department user arrives from the home page's one-click link with the form open.
      const dept = await e2e.open(item.departmentUser);
      const page = dept.page;
      await page.goto(`/items/${item.id}?record=1`);
      await page.getByRole('heading', { level: 3 }).filter({ hasText: item.title }).waitFor();
      await shot(page, 'closeout-01-item-department');

      const recordForm = page.getByRole('form', { name: '记录进展' });
      await recordForm.getByLabel('进展情况').fill('已召开专题会议，修订采购内控制度并印发执行。');
      await recordForm.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText('已召开专题会议，修订采购内控制度并印发执行。').waitFor();
      await shot(page, 'closeout-02-progress-recorded');

      const restore = await throttleUploads(page, 300 * 1024);
      await page.getByLabel('说明', { exact: true }).fill('专题会议纪要');
      await page.locator('input[type=file]').setInputFiles(pdfPath);
      const bar = page.getByRole('progressbar');
      await bar.waitFor();
      await page.getByText('正在上传 整改佐证-会议纪要.pdf').waitFor();
      await expect
        .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await bar.scrollIntoViewIfNeeded();
      await viewShot(page, 'closeout-03-uploading');
      await page.getByRole('link', { name: '整改佐证-会议纪要.pdf' }).waitFor({ timeout: 30_000 });
      await restore();
      await expect(page.getByRole('row', { name: /整改佐证-会议纪要\.pdf/ }).textContent()).resolves.toMatch(
        /1\.\d MB/,
      );
      await shot(page, 'closeout-04-evidence-listed');

      await page.getByRole('button', { name: '申请销号' }).click();
      const request = page.getByRole('dialog', { name: '申请销号' });
      await request.getByRole('button', { name: '申请销号' }).click();
      await request.getByText('请填写此项').waitFor();
      await request.getByLabel('核查说明').fill('制度已印发，会议纪要已上传，经核查整改到位。');
      await viewShot(page, 'closeout-05-request-dialog');
      await request.getByRole('button', { name: '申请销号' }).click();
      await request.waitFor({ state: 'detached' });
      await page.getByText('当前环节：待单位审核').waitFor();
      await shot(page, 'closeout-06-requested');
      await dept.context.close();

      const leader = await e2e.open(item.leader);
      await leader.page.goto(`/items/${item.id}`);
      await leader.page.getByRole('button', { name: '审核通过' }).click();
      const approve = leader.page.getByRole('dialog', { name: '审核通过' });
      await approve.getByLabel('审核意见（可选）').fill('同意销号。');
      await approve.getByRole('button', { name: '审核通过' }).click();
      await leader.page.getByText('当前环节：待巡察办确认').waitFor();
      await shot(leader.page, 'closeout-07-leader-approved');
      await leader.context.close();

      await office.page.goto(`/items/${item.id}`);
      await office.page.getByRole('button', { name: '确认销号' }).click();
      const confirm = office.page.getByRole('dialog', { name: '确认销号' });
      await confirm.getByRole('radio', { name: '完成', exact: true }).check();
      await viewShot(office.page, 'closeout-08-office-confirm-dialog');
      await confirm.getByRole('button', { name: '确认销号' }).click();
      await confirm.waitFor({ state: 'detached' });
      const header = office.page.locator('.ant-card').first();
      await expect.poll(() => header.textContent()).toContain('已销号');
      await expect(header.textContent()).resolves.toContain('完成');

      // The review trail names every step with its note.
      await office.page.getByRole('tab', { name: /销号审核记录/ }).click();
      const trail = office.page.getByRole('tabpanel');
      await expect(trail.textContent()).resolves.toMatch(/申请销号.*制度已印发.*审核通过.*同意销号.*确认销号/s);
      await shot(office.page, 'closeout-09-closed');
      await office.page.getByRole('tab', { name: /变更记录/ }).click();
      const history = office.page.getByRole('tabpanel', { name: /变更记录/ });
      await expect(history.textContent()).resolves.toMatch(
        /确认销号.*审核通过.*申请销号.*上传佐证材料.*整改佐证-会议纪要\.pdf.*记录进展/s,
      );
      await shot(office.page, 'closeout-10-history');

      const after = await totals(office.page, item.unitId);
      expect(after.closed).toBe(before.closed + 1);
      expect(after.completed).toBe(before.completed + 1);
      await office.context.close();
    });
  },
);
