import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../src/domain/dates.ts';
import {
  CHROMIUM_MISSING,
  consoleProblems,
  demoUser,
  type E2E,
  hasChromium,
  settled,
  shot,
  startE2E,
} from './harness.ts';

/**
 * Issue 14, "nothing changed silently": each bad value typed as a person would is kept in its field with words saying
 * why, nothing is saved, Enter in a date picker never sends a dialog, and the page logs no error, no uncaught
 * exception and no unhandled promise rejection (a failed validateFields once left one each time).
 */

/** Unhandled rejections reach the console as errors, which consoleProblems collects. */
function reportRejections() {
  window.addEventListener('unhandledrejection', (event) => {
    console.error(`unhandledrejection: ${String(event.reason?.message ?? event.reason)}`);
  });
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

interface Plan {
  inspection: { id: number; feedbackOn: string | null };
  items: { id: number; measures: { id: number; deadline: string | null }[] }[];
}

/** The message a form field shows under itself (antd's explain line), found by its words. */
const fieldError = (scope: ReturnType<Page['getByRole']>, words: string) =>
  scope.locator('.ant-form-item-explain-error', { hasText: words });

/** Types a date into a picker as a person would: click, select what is there, type, and leave with Enter. */
async function typeDate(page: Page, field: ReturnType<Page['getByLabel']>, date: string) {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(date);
  await field.press('Enter');
  await page.waitForTimeout(300);
}

describe.skipIf(!hasChromium)(
  `refused input is kept and explained, never changed${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    let unitAdmin: string;
    beforeAll(async () => {
      e2e = await startE2E();
      unitAdmin = demoUser(e2e.demo, 'unit_admin');
    });
    afterAll(() => e2e?.close());

    /** Signed in at the desktop size or on a phone (touch), with rejections reported to the console. */
    async function as(username: string, phone: boolean): Promise<{ context: BrowserContext; page: Page }> {
      return e2e.open(username, { init: reportRejections, phone });
    }

    it.each([
      ['desktop', false],
      ['phone', true],
    ])('a measure deadline before the feedback date, and Enter in the dialog’s picker (%s)', async (size, phone) => {
      const { page, context } = await as(unitAdmin, phone);
      const problems = consoleProblems(page);
      await page.goto('/feedback');
      const picker = page.getByLabel(/选择巡察/);
      await picker.waitFor();
      if (!(await page.getByRole('tree').isVisible())) {
        await picker.click();
        await page.locator('.ant-select-item-option').first().click();
      }
      await page.getByRole('tree').waitFor();
      const id = new URL(page.url()).searchParams.get('inspection');
      const inspections = await getJson<{ inspections: { id: number }[] }>(page, '/api/inspections');
      const planUrl = `/api/plan/inspections/${id ?? inspections.inspections[0].id}`;
      const before = await getJson<Plan>(page, planUrl);
      const feedbackOn = before.inspection.feedbackOn;
      expect(feedbackOn).not.toBeNull();
      const count = (p: Plan) => p.items.reduce((n, i) => n + i.measures.length, 0);

      await page.getByRole('tab', { name: '整改方案' }).click();
      await page.getByRole('button', { name: '为多个事项添加措施' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('适用的具体问题').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      // The list stays open after a choice; a click on the dialog's title closes it, as a person would.
      await dialog.locator('.ant-modal-title').click();
      await dialog.getByLabel('措施内容').fill('举一反三，开展同类问题专项自查');
      const early = addDays(feedbackOn ?? e2e.today, -1);
      const deadline = dialog.getByLabel('整改时限');
      // Enter finishes the typed day; it neither sends the dialog nor throws the typed day away.
      await typeDate(page, deadline, early);
      await fieldError(dialog, `整改时限不能早于反馈日期 ${feedbackOn}`).waitFor();
      expect(await deadline.inputValue()).toBe(early);
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await settled(page);
      await shot(page, `input-refusals-01-measure-deadline-${size}`);
      // Pressing 新增 is refused in the page too, and the server is never asked.
      await dialog.getByRole('button', { name: /新\s*增/ }).click();
      await page.waitForTimeout(300);
      expect(count(await getJson<Plan>(page, planUrl))).toBe(count(before));

      // A good day, again finished with Enter: still nothing sent until 新增 is pressed.
      const good = addDays(feedbackOn ?? e2e.today, 30);
      await typeDate(page, deadline, good);
      await expect.poll(() => fieldError(dialog, '整改时限不能早于反馈日期').count()).toBe(0);
      expect(await dialog.isVisible()).toBe(true);
      expect(count(await getJson<Plan>(page, planUrl))).toBe(count(before));
      await page.keyboard.press('Escape');

      if (!phone) {
        // The plan's table edits a row in place, with no form line under the field: the picker says why itself.
        await page
          .getByRole('button', { name: /^编辑第 \d+ 行$/ })
          .first()
          .click();
        const cell = page.locator('.ant-table-row').getByLabel('整改时限');
        await typeDate(page, cell, early);
        await page
          .getByRole('alert')
          .filter({ hasText: `整改时限不能早于反馈日期 ${feedbackOn}` })
          .waitFor();
        expect(await cell.inputValue()).toBe(early);
        await shot(page, 'input-refusals-01b-plan-row-deadline');
        await page.getByRole('button', { name: /取\s*消/ }).click();
      }
      expect(problems).toEqual([]);
      await context.close();
    });

    it.each([
      ['desktop', false],
      ['phone', true],
    ])('a 督办 due date before today keeps the typed day and says why (%s)', async (size, phone) => {
      const { page, context } = await as('office1', phone);
      const problems = consoleProblems(page);
      const orders = async () =>
        (await getJson<{ orders: unknown[]; total?: number }>(page, '/api/supervision/orders')).orders.length;
      const before = await orders();
      await page.goto('/supervision');
      await page.getByRole('button', { name: '下发督办' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: '被巡察单位' }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await dialog.locator('.ant-modal-title').click();
      await dialog.getByLabel('督办事项').fill('关于加快整改进度的督办');
      await dialog.getByLabel('督办内容').fill('请于期限内报送整改进展。');
      // Six days ago: the day the page used to swap for its default of today + 15.
      const past = addDays(e2e.today, -6);
      const due = dialog.getByLabel('办理期限');
      await typeDate(page, due, past);
      // The page's today is China's when it checks: past China's midnight (16:00 UTC) it is the day after e2e.today.
      await fieldError(dialog, '办理期限不能早于今天').waitFor();
      await expect(fieldError(dialog, '办理期限不能早于今天').textContent()).resolves.toMatch(
        new RegExp(`办理期限不能早于今天 (${e2e.today}|${todayInChina()})`),
      );
      expect(await due.inputValue()).toBe(past);
      expect(await dialog.isVisible()).toBe(true);
      await page.getByRole('button', { name: '下发督办' }).last().click();
      await page.waitForTimeout(300);
      expect(await due.inputValue()).toBe(past);
      await settled(page);
      await shot(page, `input-refusals-02-order-due-${size}`);
      expect(await orders()).toBe(before);
      await page.keyboard.press('Escape');
      expect(problems).toEqual([]);
      await context.close();
    });

    it.each([
      ['desktop', false],
      ['phone', true],
    ])('deductions of 30 and −5 are refused in words, not clamped, and not saved (%s)', async (size, phone) => {
      const { page, context } = await as('office1', phone);
      const problems = consoleProblems(page);
      const evaluations = async () =>
        (await getJson<{ evaluations: { version: number }[] }>(page, '/api/supervision/evaluations')).evaluations;
      const before = await evaluations();
      await page.goto('/supervision?tab=evaluation');
      await page.getByLabel('选择巡察（被巡察单位 · 巡察组）').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      const completion = page.getByRole('spinbutton', { name: '按期完成率 扣分' });
      const plan = page.getByRole('spinbutton', { name: '整改方案 扣分' });
      await completion.fill('30');
      await plan.fill('-5');
      await plan.blur();
      await page.getByText('扣分应在 0 到 25 之间').waitFor();
      await page.getByText('扣分应在 0 到 15 之间').waitFor();
      // Shown in the step's half points (30.0), but the number typed, not the entry's 25 or 0.
      expect(await completion.inputValue()).toMatch(/^30(\.0)?$/);
      expect(await plan.inputValue()).toMatch(/^-5(\.0)?$/);
      await page.getByRole('button', { name: '保存评估' }).click();
      await page.getByText('有填写不符合要求的项').waitFor();
      expect(await completion.inputValue()).toMatch(/^30(\.0)?$/);
      await settled(page);
      await shot(page, `input-refusals-03-deductions-${size}`);
      expect(await evaluations()).toEqual(before);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('the item page’s measure form refuses an early deadline and a blank content without an uncaught rejection', async () => {
      const { page, context } = await as(unitAdmin, false);
      const problems = consoleProblems(page);
      const user = await e2e.handle.db
        .selectFrom('users')
        .select('unit_id')
        .where('username', '=', unitAdmin)
        .executeTakeFirstOrThrow();
      const item = await e2e.handle.db
        .selectFrom('items as i')
        .innerJoin('inspections as ins', 'ins.id', 'i.inspection_id')
        .innerJoin('measures as m', 'm.item_id', 'i.id')
        .select(['i.id', 'ins.feedback_on', 'm.id as measure_id', 'm.deadline', 'm.content'])
        .where('i.unit_id', '=', user.unit_id)
        .where('i.state', '=', 'in_progress')
        .where('ins.feedback_on', 'is not', null)
        .orderBy('i.id')
        .executeTakeFirstOrThrow();
      const feedbackOn = item.feedback_on ?? '';
      await page.goto(`/items/${item.id}`);
      await page.getByRole('button', { name: '编辑 措施 1' }).click();
      const drawer = page.getByRole('dialog');
      const deadline = drawer.getByLabel('整改时限');
      const early = addDays(feedbackOn, -10);
      await typeDate(page, deadline, early);
      await drawer.getByLabel('措施内容').fill('');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await fieldError(drawer, `整改时限不能早于反馈日期 ${feedbackOn}`).waitFor();
      await fieldError(drawer, '请填写此项').waitFor();
      expect(await deadline.inputValue()).toBe(early);
      await settled(page);
      await shot(page, 'input-refusals-04-item-measure');
      const saved = await e2e.handle.db
        .selectFrom('measures')
        .select(['deadline', 'content'])
        .where('id', '=', item.measure_id)
        .executeTakeFirstOrThrow();
      expect(saved).toEqual({ deadline: item.deadline, content: item.content });
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
