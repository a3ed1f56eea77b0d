import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, type E2E, hasChromium, settled, shot, startE2E } from './harness.ts';
import { makePdf, type PickedItem, pickItem, viewShot } from './item-fixtures.ts';

describe.skipIf(!hasChromium)(`the item page${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let item: PickedItem;
  let unitAdmin: string;
  let files: string;
  beforeAll(async () => {
    e2e = await startE2E();
    item = await pickItem(e2e, 'in_progress');
    const admin = await e2e.handle.db
      .selectFrom('users')
      .select('username')
      .where('unit_id', '=', item.unitId)
      .where('role', '=', 'unit_admin')
      .executeTakeFirstOrThrow();
    unitAdmin = admin.username;
    files = mkdtempSync(path.join(tmpdir(), 'rectify-item-e2e-'));
  });
  afterAll(() => e2e?.close());

  it('shows another unit’s item as not found, without its title', async () => {
    const outsider = await e2e.handle.db
      .selectFrom('users')
      .select('username')
      .where('role', '=', 'unit_admin')
      .where('unit_id', '!=', item.unitId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { page, context } = await e2e.open(outsider.username);
    await page.goto(`/items/${item.id}`);
    await page.getByText('该事项不存在，或不在您的查看范围内。').waitFor();
    await expect(page.locator('#main').textContent()).resolves.not.toContain(item.title);
    await expect(page.getByRole('link', { name: '返回台账' }).isVisible()).resolves.toBe(true);
    await shot(page, 'item-01-not-found-other-unit');
    await page.goto('/items/not-a-number');
    await page.getByText('该事项不存在，或不在您的查看范围内。').waitFor();
    await context.close();
  });

  it('keeps the typed title when a stale edit is refused, and saves after loading the latest', async () => {
    const first = await e2e.open(unitAdmin);
    const second = await e2e.open('office1');
    for (const { page } of [first, second]) {
      await page.goto(`/items/${item.id}`);
      await page.getByRole('button', { name: '编辑事项' }).click();
      await page.getByRole('dialog', { name: '编辑事项' }).getByLabel('标题').waitFor();
    }
    const firstTitle = `${item.title}（单位管理员修改）`;
    const firstDrawer = first.page.getByRole('dialog', { name: '编辑事项' });
    await firstDrawer.getByLabel('标题').fill(firstTitle);
    await firstDrawer.getByRole('button', { name: /保\s*存/ }).click();
    await firstDrawer.waitFor({ state: 'hidden' });
    await first.page.getByRole('heading', { level: 3 }).filter({ hasText: '单位管理员修改' }).waitFor();

    const mine = `${item.title}（巡察办修改）`;
    const drawer = second.page.getByRole('dialog', { name: '编辑事项' });
    await drawer.getByLabel('标题').fill(mine);
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    const alert = drawer.getByRole('alert');
    await alert.getByText('保存未成功：记录已被他人修改').waitFor();
    await expect(alert.textContent()).resolves.toContain('您填写的内容仍保留在表单中');
    await expect(drawer.getByLabel('标题').inputValue()).resolves.toBe(mine);
    await viewShot(second.page, 'item-02-stale-edit-refused');

    await alert.getByRole('button', { name: '载入最新版本' }).click();
    await drawer.getByText('已载入最新版本').waitFor();
    await expect(drawer.textContent()).resolves.toContain(firstTitle);
    await expect(drawer.getByLabel('标题').inputValue()).resolves.toBe(mine);
    await viewShot(second.page, 'item-03-latest-beside-mine');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    await second.page.getByRole('heading', { level: 3 }).filter({ hasText: '巡察办修改' }).waitFor();

    // The history shows the two edits as fields, before and after.
    await second.page.getByRole('tab', { name: /变更记录/ }).click();
    const history = second.page.getByRole('tabpanel');
    await expect(history.textContent()).resolves.toMatch(/修改.*标题：.*巡察办修改/s);
    await shot(second.page, 'item-04-history');
    await first.context.close();
    await second.context.close();
  });

  it('previews uploaded images and PDFs, and refuses a wrong file type in words', async () => {
    const { page, context } = await e2e.open(unitAdmin);
    await page.goto(`/items/${item.id}`);
    const png = path.join(files, '现场照片.png');
    writeFileSync(png, await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } }));
    const pdf = path.join(files, '制度文件.pdf');
    writeFileSync(pdf, makePdf('Rules revised 2026'));
    const exe = path.join(files, 'setup.exe');
    writeFileSync(exe, 'MZ');

    const input = page.locator('.ant-upload-drag input[type=file]');
    await input.setInputFiles(exe);
    await page.getByText('不支持“.exe”类型的文件').waitFor();
    await input.setInputFiles(png);
    await page.getByRole('link', { name: '现场照片.png' }).waitFor();
    await input.setInputFiles(pdf);
    await page.getByRole('link', { name: '制度文件.pdf' }).waitFor();

    const thumbnail = page.getByRole('img', { name: '现场照片.png' });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await thumbnail.click();
    await page.locator('.ant-image-preview-img').waitFor();
    await viewShot(page, 'item-05-image-preview');
    await page.keyboard.press('Escape');
    await page.locator('.ant-image-preview-img').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '预览：制度文件.pdf' }).click();
    const frame = page.getByTitle('预览：制度文件.pdf');
    await frame.waitFor();
    const response = await page.request.get((await frame.getAttribute('src')) ?? '');
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toMatch(/^inline;/);
    await (await frame.elementHandle())?.contentFrame().then((f) => f?.waitForLoadState('load'));
    await settled(page);
    await viewShot(page, 'item-06-pdf-preview');
    await context.close();
  });

  it('reads in English', async () => {
    const { page, context } = await e2e.open('office1', { lang: 'en' });
    await page.goto(`/items/${item.id}`);
    await page.getByText('Measures', { exact: true }).waitFor();
    await expect(page.locator('#main').textContent()).resolves.toMatch(
      /Deadline.*Lead department.*Progress.*Evidence/s,
    );
    await shot(page, 'item-07-english');
    await context.close();
  });
});
