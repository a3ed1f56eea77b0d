import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../src/domain/dates.ts';
import {
  CHROMIUM_MISSING,
  chooseOption,
  demoUser,
  type E2E,
  hasChromium,
  settled,
  shot,
  signIn,
  startE2E,
} from './harness.ts';

const ADMIN_PASSWORD = 'Admin-e2e-2026!';
const ROUND = '十一届市委第一轮巡察';
const TEAM = '市委第五巡察组';

/** Picks an option of an antd Select (or TreeSelect) found by its label. */
async function choose(page: Page, label: string | RegExp, option: string, scope: Page | Locator = page) {
  await scope.getByLabel(label, { exact: typeof label === 'string' }).click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.getByTitle(option, { exact: true }).first().click();
  // On a busy machine the list can stay open over the next field; Tab closes it without closing the dialog.
  await dropdown
    .first()
    .waitFor({ state: 'hidden', timeout: 3000 })
    .catch(() => page.keyboard.press('Tab'));
}

/** Types a date into an antd DatePicker found by its label. */
async function date(scope: Page | Locator, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe.skipIf(!hasChromium)(
  `administration: rounds, inspections, units, users${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`,
  () => {
    let e2e: E2E;
    /** The new round starts about three months after the day the demo is dated around; its dates follow from it. */
    let roundFrom: string;
    beforeAll(async () => {
      e2e = await startE2E();
      roundFrom = addDays(e2e.today, 85);
    });
    afterAll(() => e2e?.close());

    it('the office sets up a round with its aspects and a team', async () => {
      const { page, context } = await e2e.open('office1');
      await page.getByRole('navigation').getByText('系统管理').click();
      await page.getByRole('navigation').getByText('轮次与巡察组').click();
      await page.getByRole('heading', { name: '轮次与巡察组' }).waitFor();

      await page.getByRole('button', { name: '新建轮次' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('轮次名称').fill(ROUND);
      await date(dialog, '开始日期', roundFrom);
      await date(dialog, '结束日期', addDays(roundFrom, -28));
      await dialog.getByLabel(/问题方面/).fill('政治监督方面\n作风建设方面\n政治监督方面');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      // Checked in the browser first, in the catalogue's words; nothing is sent.
      await dialog.getByText('结束日期不能早于开始日期').waitFor();
      await dialog.getByText('问题方面有重复：政治监督方面').waitFor();
      await shot(page, 'admin-rounds-dialog');
      await date(dialog, '结束日期', addDays(roundFrom, 91));
      await dialog.getByLabel(/问题方面/).fill('政治监督方面\n作风建设方面\n基层党组织建设方面');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.getByRole('cell', { name: ROUND, exact: true }).click();
      const aspects = page.locator('.ant-card', { hasText: `问题方面 · ${ROUND}` });
      await aspects.getByText('基层党组织建设方面').waitFor();
      await aspects.getByRole('button', { name: '上移“基层党组织建设方面”' }).click();
      await expect
        .poll(() => aspects.locator('.ant-list-item').allTextContents())
        .toEqual([
          expect.stringContaining('政治监督方面'),
          expect.stringContaining('基层党组织建设方面'),
          expect.stringContaining('作风建设方面'),
        ]);
      await aspects.getByLabel('新增问题方面').fill('巡察整改落实方面');
      await aspects.getByRole('button', { name: /新\s*增/ }).click();
      await aspects.getByText('巡察整改落实方面').waitFor();
      await aspects.getByRole('button', { name: '改名 作风建设方面' }).click();
      const rename = page.getByRole('dialog');
      await rename.getByLabel('方面名称').fill('作风纪律建设方面');
      await rename.getByRole('button', { name: /保\s*存/ }).click();
      await rename.waitFor({ state: 'hidden' });
      await aspects.getByText('作风纪律建设方面').waitFor();

      const teams = page.locator('.ant-card', { hasText: `巡察组 · ${ROUND}` });
      await teams.getByRole('button', { name: '新增巡察组' }).click();
      const teamDialog = page.getByRole('dialog');
      await teamDialog.getByLabel('巡察组名称').fill(TEAM);
      await teamDialog.getByLabel('组长').fill('秦组长');
      await teamDialog.getByRole('button', { name: /保\s*存/ }).click();
      await teams.getByRole('cell', { name: TEAM, exact: true }).waitFor();
      await page.mouse.move(0, 0);
      await shot(page, 'admin-rounds');
      await context.close();
    });

    it('the office archives a finished round and takes it back; an unfinished one is refused with its count', async () => {
      const { page, context } = await e2e.open('office1');
      await page.goto('/admin/rounds');
      await page.getByRole('heading', { name: '轮次与巡察组' }).waitFor();
      // The demo's round still has open items: the server's refusal says how many.
      const demoRound = page
        .getByRole('row')
        .filter({ hasNotText: ROUND })
        .filter({ has: page.getByRole('button', { name: /^归档 / }) })
        .first();
      await demoRound.getByRole('button', { name: /^归档 / }).click();
      await page.locator('.ant-popconfirm:visible').getByText('归档后本轮巡察只读', { exact: false }).waitFor();
      await page
        .getByRole('tooltip')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await page
        .getByRole('alert')
        .getByText(/该轮巡察尚未办结，不能归档：还有 \d+ 个整改事项未销号/)
        .waitFor();
      // The refused confirmation may still be open (or closing): gone before the next one opens, so one is on screen.
      if (await page.locator('.ant-popconfirm:visible').count()) await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ant-popconfirm:visible').count()).toBe(0);

      // The new round has nothing open: it archives, shows its tag and reads as read-only.
      const row = page.getByRole('row').filter({ hasText: ROUND });
      await row.getByRole('button', { name: `归档 ${ROUND}` }).click();
      await page
        .locator('.ant-popconfirm:visible')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await row.getByText('已归档', { exact: true }).waitFor();
      expect(await row.getByRole('button', { name: `编辑 ${ROUND}` }).count()).toBe(0);
      await row.click();
      await page.getByText(/本轮已于 .* 归档，只读/).waitFor();
      await page.mouse.move(0, 0);
      await settled(page);
      await shot(page, 'admin-rounds-archived');
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await shot(page, 'admin-rounds-archived-phone');
      await page.setViewportSize({ width: 1366, height: 768 });

      // Out of the ledger's default list; the switch brings its rounds back.
      await page.goto('/ledger');
      const archivedSwitch = page.getByRole('switch');
      await archivedSwitch.waitFor();
      await archivedSwitch.click();
      await expect.poll(() => new URL(page.url()).searchParams.get('archived')).toBe('include');

      await page.goto('/admin/rounds');
      const again = page.getByRole('row').filter({ hasText: ROUND });
      await again.getByRole('button', { name: `取消归档 ${ROUND}` }).click();
      await page.locator('.ant-popconfirm:visible').getByText('恢复可修改', { exact: false }).waitFor();
      await page
        .getByRole('tooltip')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await again.getByRole('button', { name: `编辑 ${ROUND}` }).waitFor();
      await expect.poll(() => again.getByText('已归档', { exact: true }).count()).toBe(0);
      await context.close();
    });

    it('the office records an inspection of a demo unit; the report date follows feedback', async () => {
      const { page, context } = await e2e.open('office1');
      await page.goto('/admin/inspections');
      await page.getByRole('heading', { name: '巡察安排' }).waitFor();
      await page.getByRole('button', { name: '新增巡察安排' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, '巡察轮次', ROUND, dialog);
      await choose(page, '巡察组', TEAM, dialog);
      await choose(page, '被巡察单位', '江澜市交通运输局', dialog);
      await choose(page, '巡察类型', '专项巡察', dialog);
      await date(dialog, '进驻日期', addDays(roundFrom, 9));
      await date(dialog, '结束日期', addDays(roundFrom, 60));
      await date(dialog, '反馈日期', addDays(roundFrom, 50));
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByText('反馈日期须晚于巡察结束日期').waitFor();
      const feedbackOn = addDays(roundFrom, 106);
      const reportDue = addMonths(feedbackOn, 2);
      await date(dialog, '反馈日期', feedbackOn);
      await dialog.getByText(`留空则为反馈日期后 2 个月（${reportDue}）`).waitFor();
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row', { name: new RegExp(`江澜市交通运输局.*${TEAM}`) });
      await expect(row.textContent()).resolves.toContain(reportDue);
      await expect(row.textContent()).resolves.toContain('专项巡察');

      await choose(page, '按轮次筛选', ROUND);
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
      await page.mouse.move(0, 0);
      await shot(page, 'admin-inspections');
      await context.close();
    });

    it('a stale edit is refused with 409 in words and keeps what was typed', async () => {
      const mine = await e2e.open('office1');
      const theirs = await e2e.open('office2');
      for (const { page } of [mine, theirs]) {
        await page.goto('/admin/inspections');
        await page.getByRole('button', { name: new RegExp(`编辑 江澜市交通运输局 ${TEAM}`) }).click();
      }
      await date(theirs.page.getByRole('dialog'), '集中整改期截止', addDays(roundFrom, 213));
      await theirs.page
        .getByRole('dialog')
        .getByRole('button', { name: /保\s*存/ })
        .click();
      await theirs.page.getByRole('dialog').waitFor({ state: 'hidden' });

      const dialog = mine.page.getByRole('dialog');
      const concentratedTo = addDays(roundFrom, 244);
      await date(dialog, '集中整改期截止', concentratedTo);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      const alert = dialog.getByRole('alert');
      await expect(alert.textContent()).resolves.toContain('记录已被他人修改');
      await expect(dialog.getByLabel('集中整改期截止', { exact: true }).inputValue()).resolves.toBe(concentratedTo);
      await shot(mine.page, 'admin-inspections-stale');
      await alert.getByRole('button', { name: '刷新数据' }).click();
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await mine.page.getByRole('cell', { name: concentratedTo, exact: true }).waitFor();
      await mine.context.close();
      await theirs.context.close();
    });

    it('the administrator adds a department and a user for it, deactivates, unlocks and resets', async () => {
      const { page, context } = await e2e.open();
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.goto('/admin/units');
      await page.getByRole('heading', { name: '单位与部门' }).waitFor();
      await page.getByRole('button', { name: '新增下级 中共江澜市滨河街道工作委员会' }).click();
      const unitDialog = page.getByRole('dialog');
      await unitDialog.getByLabel('名称').fill('平安建设办公室');
      await unitDialog.getByLabel('编码').fill('JL BHJD');
      await unitDialog.getByRole('button', { name: /保\s*存/ }).click();
      await unitDialog.getByText('编码只能包含字母、数字和 - _ .，最长 40 位').waitFor();
      await unitDialog.getByLabel('编码').fill('JL-BHJD-PAB');
      await unitDialog.getByRole('button', { name: /保\s*存/ }).click();
      await unitDialog.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: '平安建设办公室', exact: true }).waitFor();
      await expect(page.getByRole('row', { name: /平安建设办公室/ }).textContent()).resolves.toContain('内设部门');
      await page.mouse.move(0, 0);
      await shot(page, 'admin-units');

      await page.goto('/admin/users');
      await page.getByRole('heading', { name: '用户与角色' }).waitFor();
      await page.getByRole('button', { name: '新增用户' }).click();
      const userDialog = page.getByRole('dialog');
      await userDialog.getByLabel('用户名').fill('bhjd.pab');
      await userDialog.getByLabel('姓名').fill('温晓岚');
      await choose(page, '角色', '责任部门', userDialog);
      await userDialog.getByLabel('所属单位').click();
      await userDialog.getByLabel('所属单位').fill('平安建设');
      await chooseOption(page.locator('.ant-select-dropdown:visible').getByTitle('平安建设办公室'));
      await userDialog.getByLabel('初始密码').fill('abcdefgh');
      await userDialog.getByRole('button', { name: /保\s*存/ }).click();
      await userDialog.getByText('密码至少 8 位，且包含大写字母、小写字母、数字、符号中的三种').waitFor();
      await shot(page, 'admin-users-dialog');
      await userDialog.getByRole('button', { name: '随机生成' }).click();
      await userDialog.getByRole('button', { name: /保\s*存/ }).click();
      await userDialog.waitFor({ state: 'hidden' });
      await expect(page.getByLabel('按姓名或用户名搜索').inputValue()).resolves.toBe('bhjd.pab');
      const row = page.getByRole('row', { name: /温晓岚/ });
      await expect(row.textContent()).resolves.toContain('平安建设办公室');

      await row.getByRole('button', { name: '停用 温晓岚' }).click();
      await page
        .getByRole('tooltip')
        .getByRole('button', { name: /停\s*用/ })
        .click();
      await row.getByText('已停用').waitFor();

      // Lock a demo account by failing to sign in (the harness locks after 3, the third waiting out a 1 s delay), then
      // unlock it here.
      const victim = demoUser(e2e.demo, 'unit_leader');
      const victimName = await page.evaluate(async (username) => {
        for (let i = 0; i < 3; i++) {
          if (i === 2) await new Promise((resolve) => setTimeout(resolve, 1500));
          await fetch('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: 'Wrong-pass-1!' }),
          });
        }
        return username;
      }, victim);
      await page.reload();
      await page.getByLabel('按姓名或用户名搜索').fill(victimName);
      const locked = page.getByRole('row', { name: new RegExp(victimName) });
      await locked.getByText(/已锁定/).waitFor();
      await page.mouse.move(0, 0);
      await shot(page, 'admin-users');
      await locked.getByRole('button', { name: /^解锁/ }).click();
      await locked.getByText('正常').waitFor();

      await locked.getByRole('button', { name: /^重置密码/ }).click();
      await page
        .getByRole('tooltip')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      const shown = page.getByRole('dialog');
      await shown.getByText('此密码只显示这一次').waitFor();
      await settled(page);
      const password = (await shown.locator('code').textContent()) ?? '';
      expect(password).toMatch(/^.{12}$/);
      await shot(page, 'admin-users-reset');
      await shown.getByRole('button', { name: /确\s*定/ }).click();
      // A password the administrator set must be changed first: nothing else shows until it is.
      const other = await e2e.open();
      await other.page.goto('/');
      await other.page.getByLabel(/用户名|User name/).fill(victimName);
      await other.page.getByLabel(/^(密码|Password)$/).fill(password);
      await other.page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
      await other.page.getByText('请先修改密码').waitFor();
      await expect(other.page.getByRole('navigation').count()).resolves.toBe(0);
      await other.page.getByLabel('当前密码').fill(password);
      await other.page.getByLabel('新密码', { exact: true }).fill('Owner-chose-2026!');
      await other.page.getByLabel('再次输入新密码').fill('Owner-chose-2026!');
      await other.page.getByRole('button', { name: '修改密码' }).click();
      await other.page.getByRole('navigation').waitFor();
      await other.context.close();
      await context.close();
    });

    it('a unit administrator sees no administration menu and is told so at the address', async () => {
      const { page, context } = await e2e.open(demoUser(e2e.demo, 'unit_admin'));
      await expect(page.getByRole('navigation').textContent()).resolves.not.toContain('系统管理');
      // Its unit's robots and SMS hook (issue 13) are its one setting, in the menu on their own.
      await expect(page.getByRole('navigation').textContent()).resolves.toContain('消息机器人与短信');
      for (const path of ['/admin/rounds', '/admin/inspections', '/admin/units', '/admin/users']) {
        await page.goto(path);
        await page.getByText('无权访问此页面').waitFor();
        await expect(page.getByRole('button', { name: /新增|新建/ }).count()).resolves.toBe(0);
      }
      await shot(page, 'admin-not-allowed');
      // The office may open the accounts page but is told that accounts are the administrator's.
      const office = await e2e.open('office1');
      await office.page.goto('/admin/users');
      await office.page.getByText(/账号与角色只由系统管理员和安全管理员管理/).waitFor();
      await office.context.close();
      await context.close();
    });

    it('the security administrator grants roles and reads the security settings; every page says demo data', async () => {
      const { page, context } = await e2e.open('secadmin');
      const banner = page.locator('.demo-banner', { hasText: '演示数据' });
      await banner.waitFor();
      await expect(banner.textContent()).resolves.toMatch(/rectify demo --remove/);
      const menu = page.getByRole('navigation');
      await expect(menu.textContent()).resolves.not.toMatch(/轮次与巡察组|巡察安排|反馈录入/);
      await menu.getByText('系统管理').click();
      await menu.getByText('安全策略').click();
      await page.getByRole('heading', { name: '安全策略' }).waitFor();
      await page.getByText('连续登录失败锁定次数').waitFor();
      await settled(page);
      await shot(page, 'demo-banner-security-1366');
      await page.goto('/admin/users');
      await page.getByRole('heading', { name: '用户与角色' }).waitFor();
      await page
        .getByRole('button', { name: /调整角色/ })
        .first()
        .waitFor();
      // The security administrator creates no account and resets no password.
      await expect(page.getByRole('button', { name: /新增用户/ }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: /重置密码/ }).count()).resolves.toBe(0);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/');
      await banner.waitFor();
      await settled(page);
      await shot(page, 'demo-banner-390');
      await context.close();
    });

    it('reads in English', async () => {
      const { page, context } = await e2e.open('office1', { lang: 'en' });
      await page.goto('/admin/inspections');
      await page.getByRole('heading', { name: 'Inspections' }).waitFor();
      await page
        .getByRole('cell', { name: /市委第五巡察组/ })
        .first()
        .waitFor();
      await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      await shot(page, 'admin-inspections-en');
      await page.goto('/admin/rounds');
      await page.getByRole('heading', { name: 'Rounds and teams' }).waitFor();
      await page.getByRole('cell', { name: ROUND, exact: true }).click();
      await page.getByText(`Aspects · ${ROUND}`).waitFor();
      await page.mouse.move(0, 0);
      await shot(page, 'admin-rounds-en');
      await context.close();
    });
  },
);
