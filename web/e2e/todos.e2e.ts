import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionItem } from '../../src/commands/items.commands.ts';
import type { Role } from '../../src/domain/roles.ts';
import { addEvidenceRow } from '../../src/test/factories.ts';
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
import { type PickedItem, pickItem } from './item-fixtures.ts';

/** A phone's viewport (390×844), signed in: the header and the home page must still show 待办 and its count. */
async function openPhone(browser: Browser, baseURL: string, username: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', baseURL });
  const page = await context.newPage();
  // The harness's signIn waits for the side menu, which a phone folds away: wait for the header's 待办 instead.
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /^待办，\d+ 项$/ }).waitFor();
  return { context, page };
}

describe.skipIf(!hasChromium)(`待办 and 已退回 in the browser${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  let item: PickedItem;

  /** Moves the item as the named account would, through the same command the API calls. */
  async function move(username: string, event: 'request_close' | 'return', note: string) {
    const db = e2e.handle.db;
    const user = await db
      .selectFrom('users as u')
      .innerJoin('units as n', 'n.id', 'u.unit_id')
      .where('u.username', '=', username)
      .select(['u.id', 'u.role', 'u.unit_id', 'u.team_id', 'n.path'])
      .executeTakeFirstOrThrow();
    const actor = {
      id: user.id,
      role: user.role as Role,
      unitId: user.unit_id,
      unitPath: user.path,
      teamId: user.team_id,
    };
    const { version } = await db
      .selectFrom('items')
      .where('id', '=', item.id)
      .select('version')
      .executeTakeFirstOrThrow();
    await transitionItem({ db, actor, config: e2e.app.services.config, now: () => new Date() }, item.id, {
      event,
      version,
      note,
    });
  }

  const todoCount = async (page: Page) => {
    const label = await page.getByRole('button', { name: /^待办，\d+ 项$/ }).getAttribute('aria-label');
    return Number(label?.match(/\d+/)?.[0]);
  };

  beforeAll(async () => {
    e2e = await startE2E();
    item = await pickItem(e2e, 'in_progress');
    const departmentUserId = (
      await e2e.handle.db
        .selectFrom('users')
        .where('username', '=', item.departmentUser)
        .select('id')
        .executeTakeFirstOrThrow()
    ).id;
    await addEvidenceRow(e2e.handle.db, item.id, departmentUserId);
  });
  afterAll(() => e2e?.close());

  it('a close-out request is first on the leader’s home page and counted beside the bell', async () => {
    const { page, context } = await e2e.open(item.leader);
    const problems = consoleProblems(page);
    await move(item.departmentUser, 'request_close', '已完成整改，佐证材料已上传。');
    await page.reload();
    const todo = page.getByRole('region', { name: '销号申请待审核' });
    await todo.getByRole('link', { name: item.title }).waitFor();
    // The header counts what the section lists: the same state, read once for both.
    const waiting = Number((await page.getByText(/^共 \d+ 项等待处理$/).textContent())?.match(/\d+/)?.[0]);
    expect(waiting).toBeGreaterThanOrEqual(1);
    await expect.poll(() => todoCount(page)).toBe(waiting);
    await settled(page);
    await shot(page, 'todos-home-leader-1366');
    const phone = await openPhone(e2e.browser, e2e.baseUrl, item.leader);
    await phone.page.getByRole('region', { name: '销号申请待审核' }).getByRole('link', { name: item.title }).waitFor();
    await settled(phone.page);
    await shot(phone.page, 'todos-home-leader-390');
    await phone.context.close();
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('returned, the item shows the reason on top, and the department finds it waiting with 已退回', async () => {
    await move(item.leader, 'return', '佐证材料不完整：缺少制度印发文件，请补充后重新申请。');
    const { page, context } = await e2e.open(item.departmentUser);
    const problems = consoleProblems(page);
    await page.getByRole('region', { name: '已退回，待重新整改' }).getByRole('link', { name: item.title }).waitFor();
    await expect(page.getByRole('table').getByText('已退回').first().isVisible()).resolves.toBe(true);
    await settled(page);
    await shot(page, 'todos-home-department-1366');

    await page.getByRole('region', { name: '已退回，待重新整改' }).getByRole('link', { name: item.title }).click();
    const banner = page.getByRole('alert').filter({ hasText: '销号申请已退回' });
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain(
      '退回理由：佐证材料不完整：缺少制度印发文件，请补充后重新申请。',
    );
    await settled(page);
    await shot(page, 'todos-item-returned-1366');

    const phone = await openPhone(e2e.browser, e2e.baseUrl, item.departmentUser);
    await phone.page.goto(`/items/${item.id}`);
    await phone.page.getByRole('alert').filter({ hasText: '销号申请已退回' }).waitFor();
    await settled(phone.page);
    await shot(phone.page, 'todos-item-returned-390');
    await phone.page.goto('/');
    await phone.page.getByRole('region', { name: '已退回，待重新整改' }).waitFor();
    await settled(phone.page);
    await shot(phone.page, 'todos-home-department-390');
    await phone.context.close();
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
