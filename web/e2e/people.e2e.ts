import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_MISSING,
  chooseOption,
  consoleProblems,
  type E2E,
  hasChromium,
  settled,
  shot,
  startE2E,
} from './harness.ts';

/**
 * 责任人 in the browser (issue 13): the demo's measures name accounts and written names; the item page and the 责任清单
 * print both; the edit form opens on what is stored, and what it saves is what the page and the API show after.
 */
describe.skipIf(!hasChromium)(`responsible people${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let picked: {
    itemId: number;
    inspectionId: number;
    unitAdmin: string;
    account: { measureId: number; name: string };
    written: { measureId: number; name: string };
  };

  const measureOf = async (page: Page, measureId: number) => {
    const res = await page.request.get(`/api/items/${picked.itemId}`);
    expect(res.status()).toBe(200);
    const item = (await res.json()) as {
      measures: {
        id: number;
        responsiblePersonId: number | null;
        responsiblePersonName: string | null;
        responsiblePerson: string | null;
      }[];
    };
    return item.measures.find((m) => m.id === measureId);
  };

  beforeAll(async () => {
    e2e = await startE2E();
    // An open item whose measures name an account and a written name, as the demo seeds them.
    const rows = await e2e.handle.db
      .selectFrom('measures as m')
      .innerJoin('items as i', 'i.id', 'm.item_id')
      .leftJoin('users as u', 'u.id', 'm.responsible_person_id')
      .select([
        'm.id',
        'm.item_id',
        'i.inspection_id',
        'i.unit_id',
        'm.responsible_person_id',
        'm.responsible_person_name',
        'u.display_name',
      ])
      .where('i.state', '=', 'in_progress')
      .orderBy('m.item_id')
      .orderBy('m.sort_order')
      .execute();
    const byItem = new Map<number, typeof rows>();
    for (const r of rows) byItem.set(r.item_id, [...(byItem.get(r.item_id) ?? []), r]);
    const [itemId, measures] =
      [...byItem].find(
        ([, ms]) =>
          ms.some((m) => m.responsible_person_id !== null) && ms.some((m) => m.responsible_person_id === null),
      ) ?? [];
    if (!itemId || !measures) throw new Error('no demo item with both an account and a written 责任人');
    const account = measures.find((m) => m.responsible_person_id !== null);
    const written = measures.find((m) => m.responsible_person_id === null);
    const admin = await e2e.handle.db
      .selectFrom('users')
      .select('username')
      .where('unit_id', '=', measures[0].unit_id)
      .where('role', '=', 'unit_admin')
      .executeTakeFirstOrThrow();
    picked = {
      itemId,
      inspectionId: measures[0].inspection_id,
      unitAdmin: admin.username,
      account: { measureId: account?.id ?? 0, name: account?.display_name ?? '' },
      written: { measureId: written?.id ?? 0, name: written?.responsible_person_name ?? '' },
    };
  });
  afterAll(() => e2e?.close());

  it('prints accounts and written names on the item page and the 责任清单, at 1366 and 390 wide', async () => {
    const { page, context } = await e2e.open(picked.unitAdmin);
    const problems = consoleProblems(page);
    await page.goto(`/items/${picked.itemId}`);
    const measures = page.locator('#measures');
    await measures.getByRole('cell', { name: picked.account.name, exact: true }).waitFor();
    await measures.getByRole('cell', { name: picked.written.name, exact: true }).waitFor();
    await settled(page);
    await measures.scrollIntoViewIfNeeded();
    await shot(page, 'people-01-item-page-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await shot(page, 'people-02-item-page-390');

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/feedback?inspection=${picked.inspectionId}`);
    await page.getByRole('tab', { name: '三个清单' }).click();
    await page.getByText('责任清单', { exact: true }).click();
    const list = page.getByRole('table', { name: '责任清单' });
    await list.getByRole('cell', { name: picked.account.name, exact: true }).first().waitFor();
    await list.getByRole('cell', { name: picked.written.name, exact: true }).first().waitFor();
    // No measure of the demo is left without a person.
    const plan = await (await page.request.get(`/api/plan/inspections/${picked.inspectionId}`)).json();
    const unnamed = (plan as { items: { measures: { responsiblePerson: string | null }[] }[] }).items
      .flatMap((i) => i.measures)
      .filter((m) => m.responsiblePerson === null);
    expect(unnamed).toEqual([]);
    await settled(page);
    await shot(page, 'people-03-responsibility-list-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await shot(page, 'people-04-responsibility-list-390');
    expect(problems.filter((p) => !p.includes('Download the React DevTools'))).toEqual([]);
    await context.close();
  });

  it('opens the form on what is stored, and saves what it shows: untouched, a written name, an account', async () => {
    const { page, context } = await e2e.open(picked.unitAdmin);
    await page.goto(`/items/${picked.itemId}`);
    const measures = page.locator('#measures');
    const row = measures.getByRole('row').filter({ has: page.getByRole('cell', { name: picked.account.name }) });
    const drawer = page.getByRole('dialog', { name: '编辑措施' });
    const field = drawer.getByLabel('责任人');
    const openEditor = async () => {
      await row.getByRole('button', { name: /编辑/ }).click();
      await field.waitFor();
      await settled(page);
    };
    const save = async () => {
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await drawer.waitFor({ state: 'hidden' });
    };
    const before = await measureOf(page, picked.account.measureId);

    // The field shows the stored account; saving untouched keeps it, and the page still prints the name.
    await openEditor();
    const personItem = drawer.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: /^责任人$/ }) });
    await expect(personItem.textContent()).resolves.toContain(picked.account.name);
    await shot(page, 'people-05-form-shows-the-account');
    await save();
    await expect(measureOf(page, picked.account.measureId)).resolves.toEqual(before);
    await measures.getByRole('cell', { name: picked.account.name, exact: true }).waitFor();

    // A written name instead: the page, and a re-read through the API, show exactly it, with no account behind it.
    const written = '张某某（分管副局长）';
    await openEditor();
    await field.click();
    await field.pressSequentially(written);
    await chooseOption(page.locator('.ant-select-dropdown:visible').getByText(`填写“${written}”（无账号）`));
    await shot(page, 'people-06-form-written-name');
    await save();
    await measures.getByRole('cell', { name: written, exact: true }).waitFor();
    await expect(measureOf(page, picked.account.measureId)).resolves.toMatchObject({
      responsiblePersonId: null,
      responsiblePersonName: written,
      responsiblePerson: written,
    });

    // The form now opens on the written name; choosing the account again stores the account alone.
    const rowNow = measures.getByRole('row').filter({ has: page.getByRole('cell', { name: written, exact: true }) });
    await rowNow.getByRole('button', { name: /编辑/ }).click();
    await field.waitFor();
    await settled(page);
    await expect(personItem.textContent()).resolves.toContain(written);
    await field.click();
    await field.pressSequentially(picked.account.name);
    await chooseOption(
      page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: `${picked.account.name}（` })
        .first(),
    );
    await save();
    await measures.getByRole('cell', { name: picked.account.name, exact: true }).waitFor();
    await expect(measureOf(page, picked.account.measureId)).resolves.toMatchObject({
      responsiblePersonId: before?.responsiblePersonId,
      responsiblePersonName: null,
      responsiblePerson: picked.account.name,
    });
    await context.close();
  });
});
