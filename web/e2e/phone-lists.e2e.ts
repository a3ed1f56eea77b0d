/**
 * Issue 14: below 768 px the ledger, the supervision orders and the publications are lists of cards — the whole title
 * first, the deadline in its colour, the state, the one next step — at 390 and at 360 px, for the roles that use them.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import {
  CHROMIUM_MISSING,
  DEMO_PASSWORD,
  demoUser,
  type E2E,
  hasChromium,
  NARROW_PHONE,
  settled,
  shot,
  sidewaysOverflow,
  startE2E,
  titleWhole,
} from './harness.ts';

const WIDTHS = [
  ['390', undefined],
  ['360', NARROW_PHONE],
] as const;

const LONG_ORDER =
  '关于加快推进选人用人、公务用车、办公用房等巡察反馈问题整改并按期报送整改进展及佐证材料的督办（手机卡片测试）';

describe.skipIf(!hasChromium)(`lists as cards on a phone${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let unitAdmin: string;
  let unitLeader: string;
  let department: string;

  /** The office's API session, for the orders and the look-back the demo city does not have. */
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
    return (url: string, payload: object) => e2e.app.inject({ method: 'POST', url, headers, payload });
  }

  beforeAll(async () => {
    e2e = await startE2E();
    unitAdmin = demoUser(e2e.demo, 'unit_admin');
    unitLeader = demoUser(e2e.demo, 'unit_leader');
    department = demoUser(e2e.demo, 'department');
    const { unit_id: unitId } = await e2e.handle.db
      .selectFrom('users')
      .select('unit_id')
      .where('username', '=', unitAdmin)
      .executeTakeFirstOrThrow();
    const open = await e2e.handle.db
      .selectFrom('items')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('state', '=', 'in_progress')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const closed = await e2e.handle.db
      .selectFrom('items')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('state', '=', 'closed')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const post = await asOffice();
    const orders = [
      { targets: [{ unitId }], title: LONG_ORDER, content: '请于期限内报送整改进展。', dueOn: addDays(e2e.today, 7) },
      {
        targets: [{ unitId, itemId: open.id }],
        title: '关于挂牌事项的督办',
        content: '请说明整改进度。',
        dueOn: addDays(e2e.today, 30),
      },
    ];
    for (const order of orders) {
      const res = await post('/api/supervision/orders', order);
      expect(res.statusCode, res.body).toBe(201);
    }
    const lookback = await post(`/api/items/${closed.id}/lookbacks`, { dueOn: addDays(e2e.today, 14) });
    expect(lookback.statusCode, lookback.body).toBeLessThan(300);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** Signed in on a 390 px phone, narrowed to 360 px when asked, at `path`. */
  async function phoneAt(username: string, path: string, size?: { width: number; height: number }) {
    const { context, page } = await e2e.open(username, { phone: true });
    if (size) await page.setViewportSize(size);
    await page.goto(path);
    return { context, page };
  }

  /**
   * The list's cards, each led by its whole title; the page does not scroll sideways. Returns the cards.
   * `tagged`: each card carries a state tag.
   */
  async function expectCards(page: Page, list: Locator, name: string, tagged = true) {
    await list.locator('li.item-card').first().waitFor();
    await settled(page);
    await shot(page, name);
    expect(await sidewaysOverflow(page), name).toBeLessThanOrEqual(0);
    const cards = list.locator('li.item-card');
    const n = await cards.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      const title = card.locator('.item-card-title');
      expect(((await title.textContent()) ?? '').length, `card ${i} of ${name}`).toBeGreaterThan(4);
      expect(await titleWhole(title), `card ${i} of ${name}`).toBe(true);
      const inner = title.locator('a, .ant-typography').first();
      if (await inner.count()) expect(await titleWhole(inner), `card ${i} of ${name}`).toBe(true);
      if (tagged) await expect(card.locator('.ant-tag').count()).resolves.toBeGreaterThan(0);
    }
    // A late deadline's note is red, a near one amber, as on the home page.
    for (const late of await list.getByText(/^（逾期 \d+ 天）$/).all()) {
      await expect(late.getAttribute('class')).resolves.toContain('ant-typography-danger');
    }
    return cards;
  }

  describe('the ledger', () => {
    it.each(WIDTHS)(
      'the department user at %s px: cards, filters in one column, 记录进展 opens the form',
      async (w, size) => {
        const { context, page } = await phoneAt(department, '/ledger', size);
        const list = page.getByRole('list', { name: '整改台账' });
        await expectCards(page, list, `phone-ledger-department-${w}`);
        await expect(page.locator('.ant-table').count()).resolves.toBe(0);
        // The filters stack in one column that fits the screen, the more ones too.
        await page.getByRole('button', { name: /更多筛选/ }).tap();
        await settled(page);
        await shot(page, `phone-ledger-filters-${w}`);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        const state = await page.getByRole('combobox', { name: '状态' }).boundingBox();
        const search = await page.getByRole('searchbox', { name: '搜索标题、措施、进展、佐证等' }).boundingBox();
        expect(state && search && search.y > state.y + state.height - 1).toBe(true);
        // A filter still narrows the cards and lands in the address bar.
        await page.getByRole('searchbox', { name: '搜索标题、措施、进展、佐证等' }).fill('管理');
        await page.getByRole('searchbox', { name: '搜索标题、措施、进展、佐证等' }).press('Enter');
        await page.waitForURL(/[?&]q=/);
        await settled(page);
        for (const text of await list.locator('li.item-card').allTextContents()) expect(text.length).toBeGreaterThan(0);
        await page.goto('/ledger');
        const record = list.getByRole('button', { name: /^为“.+”记录进展$/ }).first();
        await record.waitFor();
        await record.tap();
        await page.waitForURL(/\/items\/\d+\?record=1/);
        await context.close();
      },
    );

    it.each(WIDTHS)('the unit leader at %s px: 审核 on a request at the unit, 查看 otherwise', async (w, size) => {
      const { context, page } = await phoneAt(unitLeader, '/ledger?state=close_requested', size);
      const list = page.getByRole('list', { name: '整改台账' });
      await expectCards(page, list, `phone-ledger-leader-${w}`);
      const review = list.getByRole('button', { name: /^审核“.+”的销号申请$/ }).first();
      await review.waitFor();
      const box = await review.boundingBox();
      expect(box && box.x + box.width <= (size?.width ?? 390)).toBe(true);
      await review.tap();
      await page.waitForURL(/\/items\/\d+$/);
      await context.close();
    });

    it.each(WIDTHS)('the unit administrator at %s px: cards with 查看, and the pager fits', async (w, size) => {
      const { context, page } = await phoneAt(unitAdmin, '/ledger', size);
      const list = page.getByRole('list', { name: '整改台账' });
      await expectCards(page, list, `phone-ledger-unit-admin-${w}`);
      const pager = page.getByRole('navigation', { name: /^第 1 \/ \d+ 页$/ });
      await pager.scrollIntoViewIfNeeded();
      const next = pager.getByRole('button', { name: /下一页/ });
      if (await next.isEnabled()) {
        await next.tap();
        await page.waitForURL(/[?&]page=2/);
        await settled(page);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      }
      const first = list.locator('li.item-card').first();
      const title = (await first.locator('.item-card-title').textContent()) ?? '';
      await first.getByRole('button', { name: /^查看“.+”$/ }).tap();
      await page.waitForURL(/\/items\/\d+$/);
      await page
        .getByRole('heading', { name: new RegExp(title.replace(/^[\d.]+\s*/, '').slice(0, 8)) })
        .first()
        .waitFor();
      await context.close();
    });
  });

  describe('the supervision page', () => {
    it.each(WIDTHS)('the unit administrator at %s px: orders as cards, 答复 opens its dialog', async (w, size) => {
      const { context, page } = await phoneAt(unitAdmin, '/supervision', size);
      const list = page.getByRole('list', { name: '督办列表' });
      const cards = await expectCards(page, list, `phone-supervision-orders-${w}`);
      await expect(cards.filter({ hasText: LONG_ORDER }).count()).resolves.toBe(1);
      await expect(page.locator('.ant-table').count()).resolves.toBe(0);
      const answer = cards.filter({ hasText: LONG_ORDER }).getByRole('button', { name: /^答复督办“.+”$/ });
      await answer.tap();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('办理情况').waitFor();
      await settled(page);
      await shot(page, `phone-supervision-answer-${w}`);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await dialog.getByRole('button', { name: /取\s*消/ }).tap();
      await dialog.waitFor({ state: 'hidden' });
      await context.close();
    });

    it.each(WIDTHS)(
      'the unit leader at %s px: orders, look-backs and evaluations fit and show titles',
      async (w, size) => {
        const { context, page } = await phoneAt(unitLeader, '/supervision', size);
        const orders = page.getByRole('list', { name: '督办列表' });
        await expectCards(page, orders, `phone-supervision-leader-${w}`);
        await orders
          .getByRole('button', { name: /^答复督办“.+”$/ })
          .first()
          .waitFor();

        await page.goto('/supervision?tab=lookbacks');
        const lookbacks = page.getByRole('list', { name: '回头看列表' });
        const cards = await expectCards(page, lookbacks, `phone-supervision-lookbacks-${w}`);
        await cards.first().locator('.item-card-title a').tap();
        await page.waitForURL(/\/items\/\d+$/);

        await page.goto('/supervision?tab=evaluation');
        await page.getByRole('heading', { name: '已评估单位' }).waitFor();
        // The checklist of an inspection, read-only here, fits too (its table scrolls inside itself, not the page).
        await page.getByRole('combobox', { name: '选择巡察（被巡察单位 · 巡察组）' }).tap();
        await page.locator('.ant-select-item-option').first().tap();
        await page.getByTestId('evaluation-score').waitFor();
        await settled(page);
        await shot(page, `phone-supervision-evaluation-${w}`);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await context.close();
      },
    );
  });

  describe('the publications page', () => {
    it.each([
      ['unit_admin', '390'],
      ['unit_admin', '360'],
      ['unit_leader', '390'],
      ['unit_leader', '360'],
    ] as const)('the %s at %s px: notices as cards, the comment counts open the inbox', async (role, w) => {
      const size = w === '360' ? NARROW_PHONE : undefined;
      const { context, page } = await phoneAt(role === 'unit_admin' ? unitAdmin : unitLeader, '/publications', size);
      const list = page.getByRole('list', { name: '已发布的通报' });
      const cards = await expectCards(page, list, `phone-publications-${role}-${w}`);
      const card = cards.first();
      const title = (await card.locator('.item-card-title').textContent()) ?? '';
      await expect(card.locator('.item-card-title a').getAttribute('href')).resolves.toMatch(
        /^\/public\/notices\/\d+$/,
      );
      await card.getByRole('button', { name: /待处理 \d+/ }).tap();
      const inbox = page.getByRole('region', { name: `“${title}”的意见建议` });
      await inbox.waitFor();
      await settled(page);
      await expect.poll(() => inbox.evaluate((e) => e.getBoundingClientRect().top < window.innerHeight)).toBe(true);
      await page.screenshot({ path: `test-results/phone-publications-inbox-${role}-${w}.png` });
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await context.close();
    });
  });

  it('at 1366×768 the three pages keep their tables', async () => {
    const { context, page } = await e2e.open(unitAdmin);
    for (const [path, text] of [
      ['/ledger', '序号'],
      ['/supervision', '督办对象'],
      ['/publications', '意见建议'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('columnheader', { name: text }).first().waitFor();
      await settled(page);
      await expect(page.locator('li.item-card').count()).resolves.toBe(0);
      await shot(page, `desktop-lists${path.replace('/', '-')}`);
    }
    await context.close();
  });
});
