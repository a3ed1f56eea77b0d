import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import {
  CHROMIUM_MISSING,
  consoleProblems,
  DEMO_PASSWORD,
  type E2E,
  hasChromium,
  settled,
  shot,
  startE2E,
} from './harness.ts';

interface Row {
  id: number;
  title: string;
  unitId: number;
  unit: string;
  inspectionId: number;
  roundId: number;
  aspectId: number | null;
}

describe.skipIf(!hasChromium)(
  `recurrence: common problems across units and one order to all${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    let sharedUnits: string[] = [];

    /** The office's API session, to give a second and third unit the demo's 公务用车 problem in other words. */
    async function asOffice() {
      const login = await e2e.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'office1', password: DEMO_PASSWORD },
      });
      const headers = {
        cookie: String(login.headers['set-cookie']).split(';')[0],
        'x-csrf-token': login.json().csrfToken,
      };
      return {
        get: async (url: string) => (await e2e.app.inject({ method: 'GET', url, headers })).json(),
        post: (url: string, payload: object) => e2e.app.inject({ method: 'POST', url, headers, payload }),
      };
    }

    beforeAll(async () => {
      e2e = await startE2E();
      const office = await asOffice();
      const found = (await office.get(`/api/items?q=${encodeURIComponent('公务用车使用管理不严')}`)).items as Row[];
      const car = found[0];
      const { inspections } = (await office.get('/api/inspections')) as {
        inspections: { id: number; roundId: number; unitId: number; unitName: string }[];
      };
      const others = inspections.filter((i) => i.roundId === car.roundId && i.unitId !== car.unitId).slice(0, 2);
      const titles = ['公务用车使用管理不规范', '公务用车管理不严格'];
      for (const [k, inspection] of others.entries()) {
        const res = await office.post('/api/items', {
          inspectionId: inspection.id,
          aspectId: car.aspectId,
          title: titles[k],
          kind: 'deadline',
          deadline: addDays(e2e.today, 90),
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      sharedUnits = [car.unit, ...others.map((i) => i.unitName)];
    });
    afterAll(() => e2e?.close());

    it('shows the office a problem shared by three units and sends one order to each of them', async () => {
      const { page, context } = await e2e.open('office1');
      const problems = consoleProblems(page);
      await page.goto('/recurrence');
      await page.getByRole('heading', { name: '举一反三与屡查屡犯' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: '公务用车' }).first();
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(/公务用车.*3/);
      await settled(page);
      await shot(page, 'recurrence-01-common-problems');

      await row.getByRole('button', { name: /展开/ }).click();
      for (const unit of sharedUnits) await page.getByRole('cell', { name: unit }).first().waitFor();
      await settled(page);
      await shot(page, 'recurrence-02-group-expanded');

      const before = await e2e.handle.db
        .selectFrom('supervision_orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await row.getByRole('button', { name: '下发督办' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.textContent()).resolves.toContain('将向以下 3 个单位各下发一份督办单');
      await expect(dialog.getByLabel('督办事项').inputValue()).resolves.toContain('举一反三');
      await settled(page);
      await shot(page, 'recurrence-03-order-dialog');
      await dialog.getByRole('button', { name: '下发督办' }).click();
      await page.getByText('已向 3 个单位下发督办').waitFor();
      const orders = await e2e.handle.db
        .selectFrom('supervision_orders as o')
        .innerJoin('units as u', 'u.id', 'o.unit_id')
        .select(['u.name', 'o.title'])
        .orderBy('o.id', 'desc')
        .limit(3)
        .execute();
      expect(orders.map((o) => o.name).sort()).toEqual([...sharedUnits].sort());
      const after = await e2e.handle.db
        .selectFrom('supervision_orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n) - Number(before.n)).toBe(3);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows an inspection’s repeats and carried-over items, and carries over on request', async () => {
      const { page, context } = await e2e.open('office1');
      const problems = consoleProblems(page);
      await page.goto('/recurrence?tab=inspection');
      await page.getByRole('combobox', { name: '选择巡察（被巡察单位 · 巡察组）' }).click();
      await page.locator('.ant-select-item-option').first().click();
      await page.getByText('未发现与以往巡察相近的问题').waitFor();
      await page.getByRole('button', { name: '结转未完成事项' }).click();
      await page.getByText('没有需要新结转的事项').waitFor();
      await settled(page);
      await shot(page, 'recurrence-04-inspection');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('lets the supervisor read without the order button, in English too', async () => {
      const { page, context } = await e2e.open('supervisor1', { lang: 'en' });
      const problems = consoleProblems(page);
      await page.goto('/recurrence');
      await page.getByRole('heading', { name: 'Common and repeated problems' }).waitFor();
      await page.getByRole('row').filter({ hasText: '公务用车' }).first().waitFor();
      await expect(page.getByRole('button', { name: 'Send order' }).count()).resolves.toBe(0);
      await settled(page);
      await shot(page, 'recurrence-05-supervisor-en');
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
