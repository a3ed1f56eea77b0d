import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import {
  CHROMIUM_MISSING,
  chooseOption,
  consoleProblems,
  type E2E,
  hasChromium,
  settled,
  shot,
  sidewaysOverflow,
  startE2E,
} from './harness.ts';

const RECEIPT = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/;

/**
 * Issue 15: a citizen comments on the portal and gets a receipt; the status page shows 已收到; the unit passes it to a
 * department (转办), the department drafts the answer from its todos, the unit closes it (办结); the citizen reads the
 * answer on the status page.
 */
describe.skipIf(!hasChromium)(
  `a public comment's receipt, 转办 and answer${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    let publicationId: number;
    let unitAdmin: string;
    let department: { username: string; name: string };
    let receipt = '';
    const content = '小区门口道路整改后又出现积水，建议相关部门再次核查排水设施。';
    const answer = '经核查，排水管道已疏通并加装雨水篦子，今后将定期巡查。';

    beforeAll(async () => {
      e2e = await startE2E();
      const db = e2e.handle.db;
      const p = await db
        .selectFrom('publications as p')
        .innerJoin('inspections as i', 'i.id', 'p.inspection_id')
        .innerJoin('units as u', 'u.id', 'i.unit_id')
        .select(['p.id', 'u.id as unit_id', 'u.path'])
        .orderBy('p.id')
        .executeTakeFirstOrThrow();
      publicationId = p.id;
      unitAdmin = (
        await db
          .selectFrom('users')
          .select('username')
          .where('unit_id', '=', p.unit_id)
          .where('role', '=', 'unit_admin')
          .executeTakeFirstOrThrow()
      ).username;
      const dept = await db
        .selectFrom('users as us')
        .innerJoin('units as u', 'u.id', 'us.unit_id')
        .select(['us.username', 'u.name'])
        .where('us.role', '=', 'department')
        .where('u.path', 'like', `${p.path}%`)
        .orderBy('u.sort_order')
        .orderBy('u.id')
        .executeTakeFirstOrThrow();
      department = { username: dept.username, name: dept.name };
    });
    afterAll(() => e2e?.close());

    const commentId = async () =>
      (
        await e2e.handle.db
          .selectFrom('public_comments')
          .select('id')
          .where('content', '=', content)
          .executeTakeFirstOrThrow()
      ).id;

    async function sendComment(page: Page, text: string) {
      await page.goto(`/public/notices/${publicationId}`);
      await page.getByLabel(/意见建议内容/).fill(text);
      // The form refuses posts sooner than a person could read the page (3 s, signed into the form by the server).
      await page.waitForTimeout(3200);
      await page.getByRole('button', { name: '提交意见建议' }).click();
      await page.getByRole('heading', { name: /意见建议已提交/ }).waitFor();
    }

    it('gives the citizen a receipt after sending, and a status page, on a desktop and a phone', async () => {
      const { page, context } = await e2e.open();
      const problems = consoleProblems(page);
      await sendComment(page, content);
      const code = (await page.locator('#receipt-code').textContent())?.trim() ?? '';
      expect(code).toMatch(RECEIPT);
      receipt = code;
      expect(page.url()).toContain(`/public/comments/${receipt}?new=1`);
      await expect(page.getByText('请保存回执号').count()).resolves.toBe(1);
      await expect(page.locator('.receipt-status').textContent()).resolves.toBe('已收到');
      await shot(page, 'comment-receipt-desktop');
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      // The status page by its address, as the citizen opens it later; the lookup form finds it however it is typed.
      await page.goto('/public/comments');
      await page.getByLabel(/回执号/).fill(receipt.toLowerCase().replaceAll('-', ' '));
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByRole('heading', { name: /意见建议办理情况/ }).waitFor();
      expect(page.url()).toContain(`/public/comments/${receipt}`);
      await expect(page.getByText('办结后，答复将在本页公布').count()).resolves.toBe(1);
      await shot(page, 'comment-status-received-desktop');
      expect(problems).toEqual([]);
      await context.close();

      const phone = await e2e.open(undefined, { phone: true });
      await sendComment(phone.page, '手机上提交的意见：建议公开整改台账。');
      await expect(phone.page.locator('#receipt-code').textContent()).resolves.toMatch(RECEIPT);
      await shot(phone.page, 'comment-receipt-phone');
      expect(await sidewaysOverflow(phone.page)).toBeLessThanOrEqual(0);
      await phone.context.close();
    });

    it('the unit passes it to a department, which drafts the answer from its todos; the unit closes it', async () => {
      const id = await commentId();
      const admin = await e2e.open(unitAdmin);
      const problems = consoleProblems(admin.page);
      await admin.page.goto(`/comments/${id}`);
      await admin.page.getByRole('heading', { name: '群众意见建议' }).waitFor();
      await admin.page.getByLabel('承办部门').click();
      await chooseOption(admin.page.locator('.ant-select-item-option', { hasText: department.name }).first());
      await admin.page.getByLabel('答复期限').fill(addDays(e2e.today, 5));
      await admin.page.getByLabel('答复期限').press('Enter');
      await admin.page.getByLabel('转办说明（选填）').fill('请实地核查后起草答复。');
      await admin.page.getByRole('button', { name: /^转\s*办$/ }).click();
      await admin.page.getByText(`已转办至 ${department.name}`).waitFor();
      // Linked to an item of the same inspection: shown on the comment and on the item's page.
      await admin.page.getByLabel('选择本次巡察的整改事项').click();
      const option = admin.page.locator('.ant-select-item-option').first();
      const itemLabel = ((await option.textContent()) ?? '').trim();
      await chooseOption(option);
      await admin.page.getByRole('button', { name: /^关\s*联$/ }).click();
      const itemLink = admin.page.getByRole('link', { name: itemLabel });
      await itemLink.waitFor();
      await settled(admin.page);
      await shot(admin.page, 'comment-transferred-desktop');
      expect(problems).toEqual([]);
      await itemLink.click();
      const linked = admin.page.getByText('关联的群众意见建议');
      await linked.waitFor();
      await linked.scrollIntoViewIfNeeded();
      await expect(admin.page.getByRole('link', { name: content }).count()).resolves.toBe(1);
      await shot(admin.page, 'comment-on-item-desktop');
      await admin.page.goBack();

      const dept = await e2e.open(department.username, { phone: true });
      await dept.page.getByRole('link', { name: content }).click();
      await dept.page.getByRole('heading', { name: '群众意见建议' }).waitFor();
      await dept.page.getByLabel('答复', { exact: true }).fill(answer);
      await dept.page.getByRole('button', { name: '保存答复' }).tap();
      await dept.page.getByText(/于 .* 答复/).waitFor();
      await expect(dept.page.getByRole('button', { name: '答复并办结' }).count()).resolves.toBe(0);
      await settled(dept.page);
      await shot(dept.page, 'comment-department-phone');
      expect(await sidewaysOverflow(dept.page)).toBeLessThanOrEqual(0);
      await dept.context.close();

      await admin.page.reload();
      await admin.page.getByRole('heading', { name: '群众意见建议' }).waitFor();
      await expect(admin.page.getByLabel('答复', { exact: true }).inputValue()).resolves.toBe(answer);
      await admin.page.getByRole('button', { name: '答复并办结' }).click();
      await admin.page.locator('.ant-tag', { hasText: '已办结' }).waitFor();
      await admin.context.close();
    });

    it('shows the citizen the status and the answer, never the unit’s notes', async () => {
      for (const phone of [false, true]) {
        const { page, context } = await e2e.open(undefined, { phone });
        await page.goto(`/public/comments/${receipt}`);
        await expect(page.locator('.receipt-status').textContent()).resolves.toBe('已办结');
        await expect(page.locator('.receipt-answer').textContent()).resolves.toBe(answer);
        expect(await page.content()).not.toContain('请实地核查后起草答复');
        await shot(page, phone ? 'comment-status-handled-phone' : 'comment-status-handled-desktop');
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        await context.close();
      }
      const { page, context } = await e2e.open();
      const missing = await page.goto('/public/comments/ZZZZ-ZZZZ-ZZZZ');
      expect(missing?.status()).toBe(404);
      await page.getByRole('heading', { name: '找不到该回执号' }).waitFor();
      await context.close();
    });
  },
);
