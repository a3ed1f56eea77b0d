import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageSize, photoPng } from '../../src/test/photo.ts';
import { CHROMIUM_MISSING, type E2E, hasChromium, settled, sidewaysOverflow, startE2E } from './harness.ts';
import { makePdf, pickItem, throttleUploads, viewShot } from './item-fixtures.ts';

/**
 * Issue 14: progress recorded from the home page in three taps on a phone — 记录进展, 拍照/添加照片, 提交 — with the photo
 * shrunk in the browser before it goes up, and each file with its own bar, error and 重试.
 */
describe.skipIf(!hasChromium)(
  `progress with photos from a phone's home page${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E();
    });
    afterAll(async () => {
      await e2e?.close();
    });

    it('记录进展 → 添加照片 → 提交: the entry is saved, the photo shrunk to ≤ 1920 px, every file with its bar', async () => {
      const item = await pickItem(e2e, 'in_progress');
      const db = e2e.handle.db;
      const progressBefore = await db
        .selectFrom('progress_entries')
        .select(db.fn.countAll<number>().as('n'))
        .where('item_id', '=', item.id)
        .executeTakeFirstOrThrow();
      const { context, page } = await e2e.open(item.departmentUser, { phone: true });
      let taps = 0;
      const record = page.getByRole('button', { name: `为“${item.title}”记录进展` });
      await record.waitFor();
      taps++;
      await record.tap();
      const sheet = page.getByRole('dialog').filter({ hasText: '进展情况' });
      await sheet.waitFor();
      // The cursor is in the text at once: the clerk types without a tap.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 30_000 })
        .toBe('TEXTAREA');

      // An empty entry is refused in the sheet with the reason, and nothing is saved.
      await sheet.getByRole('button', { name: /提\s*交/ }).tap();
      await sheet.getByText('请先填写进展情况再提交：进展记录不能为空').waitFor();
      await page.keyboard.type('   ');
      await sheet.getByRole('button', { name: /提\s*交/ }).tap();
      await sheet.getByText('请先填写进展情况再提交：进展记录不能为空').waitFor();

      await sheet.getByLabel('进展情况').fill('已召开专题会议研究整改，现场照片见附件。');
      const big = photoPng(2600, 1950);
      const pdf = makePdf('minutes');
      const chooser = page.waitForEvent('filechooser');
      taps++;
      await sheet.getByRole('button', { name: '拍照/添加照片' }).tap();
      await (await chooser).setFiles([
        { name: 'site-photo.png', mimeType: 'image/png', buffer: big },
        { name: 'minutes.pdf', mimeType: 'application/pdf', buffer: pdf },
        { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
      ]);
      const list = sheet.getByRole('list', { name: '上传列表' });
      // The photo is shrunk before anything is sent, and goes up as a JPEG; the PDF is untouched; the .exe is refused.
      await list.getByText('site-photo.jpg', { exact: true }).waitFor({ timeout: 30_000 });
      await list.getByText(/已压缩/).waitFor();
      await list.getByText(/不支持“\.exe”类型的文件/).waitFor();
      await expect(list.locator('.ant-progress').count()).resolves.toBe(2);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await settled(page);
      await viewShot(page, 'phone-progress-sheet');
      // Many photos at once: the sheet stays on screen (its title visible) and its list scrolls inside it.
      await sheet.locator('input[type=file]').setInputFiles(
        Array.from({ length: 8 }, (_, n) => ({
          name: `extra-${n}.pdf`,
          mimeType: 'application/pdf',
          buffer: makePdf(`extra ${n}`),
        })),
      );
      await list.getByText('extra-7.pdf', { exact: true }).waitFor();
      const title = await sheet.getByText('记录进展', { exact: true }).boundingBox();
      expect(title && title.y >= 0).toBe(true);
      const submit = await sheet.getByRole('button', { name: /提\s*交/ }).boundingBox();
      expect(submit && submit.y + submit.height <= 844).toBe(true);
      await viewShot(page, 'phone-progress-sheet-many');
      for (let n = 0; n < 8; n++) await sheet.getByRole('button', { name: `移除 extra-${n}.pdf` }).tap();
      await expect(list.locator('.upload-entry').count()).resolves.toBe(3);

      // The PDF's first upload fails on the network; the photo goes up regardless, and the entry is saved once.
      let failures = 0;
      await page.route('**/api/items/*/evidence', async (route) => {
        const body = route.request().postDataBuffer();
        if (failures === 0 && body?.includes('minutes.pdf')) {
          failures++;
          await route.abort('connectionreset');
        } else await route.continue();
      });
      const unthrottle = await throttleUploads(page, 1_000_000);
      taps++;
      await sheet.getByRole('button', { name: /提\s*交/ }).tap();
      await expect
        .poll(() => list.locator('[data-status=uploading] .ant-progress').count(), { timeout: 30_000 })
        .toBe(1);
      await sheet.getByRole('button', { name: '重试上传 minutes.pdf' }).waitFor({ timeout: 30_000 });
      await sheet.getByText(/进展已记录；以下文件未上传/).waitFor();
      await expect(list.locator('[data-status=done]').count()).resolves.toBe(1);
      await viewShot(page, 'phone-progress-retry');
      await unthrottle();
      await sheet.getByRole('button', { name: '重试上传 minutes.pdf' }).tap();
      await expect.poll(() => list.locator('[data-status=done]').count(), { timeout: 30_000 }).toBe(2);
      await sheet.getByRole('button', { name: /提\s*交/ }).tap();
      await page.getByText('进展已记录').first().waitFor();
      await sheet.waitFor({ state: 'hidden' });
      expect(taps).toBe(3);

      const progressAfter = await db
        .selectFrom('progress_entries')
        .select(db.fn.countAll<number>().as('n'))
        .where('item_id', '=', item.id)
        .executeTakeFirstOrThrow();
      expect(Number(progressAfter.n)).toBe(Number(progressBefore.n) + 1);
      const stored = await db
        .selectFrom('evidence')
        .select(['id', 'file_name', 'size_bytes', 'content_type', 'note', 'effective_on'])
        .where('item_id', '=', item.id)
        .where('file_name', 'in', ['site-photo.jpg', 'minutes.pdf', 'setup.exe'])
        .execute();
      expect(stored.map((e) => e.file_name).sort()).toEqual(['minutes.pdf', 'site-photo.jpg']);
      const photo = stored.find((e) => e.file_name === 'site-photo.jpg');
      const minutes = stored.find((e) => e.file_name === 'minutes.pdf');
      expect(photo?.content_type).toBe('image/jpeg');
      expect(photo?.note).toContain('已召开专题会议');
      expect(Number(minutes?.size_bytes)).toBe(pdf.length);
      const bytes = Buffer.from(await (await page.request.get(`/api/evidence/${photo?.id}/file`)).body());
      expect(bytes.length).toBe(Number(photo?.size_bytes));
      expect(bytes.length).toBeLessThan(big.length / 3);
      const size = imageSize(bytes);
      expect(size).toEqual({ width: 1920, height: 1440 });

      // The item page shows the entry and both files.
      await page.goto(`/items/${item.id}`);
      await page
        .locator('#progress div.ant-typography', { hasText: '已召开专题会议研究整改，现场照片见附件。' })
        .first()
        .waitFor();
      await page.locator('#evidence').getByText('site-photo.jpg').first().waitFor();
      await page.locator('#evidence').getByText('minutes.pdf').first().waitFor();
      await context.close();
    });

    it('on the item page several files go up at once, each with its bar; a photo is shrunk there too', async () => {
      const item = await pickItem(e2e, 'in_progress');
      const { context, page } = await e2e.open(item.departmentUser, { phone: true });
      await page.goto(`/items/${item.id}`);
      await page.getByText('点击选择文件或拍照').waitFor();
      const unthrottle = await throttleUploads(page, 1_000_000);
      await page
        .locator('#evidence input[type=file]')
        .first()
        .setInputFiles([
          { name: 'wall.png', mimeType: 'image/png', buffer: photoPng(2400, 1800) },
          { name: 'plan.pdf', mimeType: 'application/pdf', buffer: makePdf('plan', 600_000) },
        ]);
      const list = page.locator('#evidence').getByRole('list', { name: '上传列表' });
      await list.getByText('wall.jpg', { exact: true }).waitFor({ timeout: 30_000 });
      await expect.poll(() => list.locator('.ant-progress').count(), { timeout: 30_000 }).toBe(2);
      await expect.poll(() => list.locator('[data-status=uploading]').count(), { timeout: 30_000 }).toBe(1);
      await unthrottle();
      await expect.poll(() => list.locator('[data-status=done]').count(), { timeout: 30_000 }).toBe(2);
      await page.locator('#evidence .ant-list-item').filter({ hasText: 'wall.jpg' }).waitFor();
      await page.locator('#evidence .ant-list-item').filter({ hasText: 'plan.pdf' }).waitFor();

      // The item page's own progress form takes photos with the entry, through the same code as the home page's sheet.
      await page
        .locator('#progress')
        .getByRole('button', { name: /记录进展/ })
        .tap();
      const form = page.getByRole('form', { name: '记录进展' });
      await form.getByLabel('进展情况').fill('整改现场已复查。');
      await form
        .locator('input[type=file]')
        .setInputFiles([{ name: 'recheck.png', mimeType: 'image/png', buffer: photoPng(2100, 1400) }]);
      // 提交 at once, while the photo may still be being shrunk: the send waits for it.
      await form.getByRole('button', { name: /提\s*交/ }).tap();
      // The new entry, not the form's textarea, which under load still holds the same words while it is cleared.
      await page.locator('#progress div.ant-typography', { hasText: '整改现场已复查。' }).first().waitFor();
      const row = page.locator('#evidence .ant-list-item').filter({ hasText: 'recheck.jpg' });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain('进展照片：整改现场已复查。');
      await context.close();
    });
  },
);
