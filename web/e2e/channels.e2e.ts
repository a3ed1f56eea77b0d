import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function bothWidths(page: Page, name: string) {
  await settled(page);
  await shot(page, `${name}-1366`);
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe.skipIf(!hasChromium)(`channels: profile and unit robots${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('a person sets their own e-mail, mobile and channels from the account menu; a bad address is refused', async () => {
    const username = demoUser(e2e.demo, 'department');
    const { page, context } = await e2e.open(username);
    const problems = consoleProblems(page);
    await page.getByRole('button', { name: /账号|Account/ }).click();
    await page.getByRole('menuitem', { name: /个人资料与消息接收/ }).click();
    await page.getByRole('heading', { name: '个人资料与消息接收' }).waitFor();
    await page.getByLabel('电子邮箱').fill('not-an-address');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('电子邮箱格式不正确').first().waitFor();
    const row = await e2e.handle.db
      .selectFrom('users')
      .where('username', '=', username)
      .select('email')
      .executeTakeFirst();
    expect(row?.email ?? null).toBeNull();

    await page.getByLabel('电子邮箱').fill('zhao.ke@jl.example');
    await page.getByLabel('手机号码').fill('13800001111');
    await page.getByRole('checkbox', { name: /政务短信/ }).check();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    const saved = await e2e.handle.db
      .selectFrom('users')
      .where('username', '=', username)
      .select(['email', 'phone', 'notify_sms'])
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ email: 'zhao.ke@jl.example', phone: '13800001111', notify_sms: 1 });
    await bothWidths(page, 'channels-01-profile');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a unit administrator sets the unit’s robots; the page shows only the tokens’ last characters', async () => {
    const { page, context } = await e2e.open(demoUser(e2e.demo, 'unit_admin'));
    const problems = consoleProblems(page);
    await page.goto('/admin/channels');
    await page.getByRole('heading', { name: '消息机器人与短信接口' }).waitFor();
    await page.getByLabel('Webhook 地址（含 access_token）').fill('ftp://oapi.dingtalk.com/robot/send?access_token=x');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/钉钉机器人地址应为 http\(s\) 地址/).waitFor();

    const token = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    await page
      .getByLabel('Webhook 地址（含 access_token）')
      .fill(`https://oapi.dingtalk.com/robot/send?access_token=${token}`);
    await page.getByLabel('加签密钥（SEC 开头，可选）').fill('SEC0123456789abcdef0123');
    await page
      .getByLabel('Webhook 地址（含 key）')
      .fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-77aa-4bc4-97a0-0ec2sifa5aaa');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    await page.getByText(/access_token=\*\*\*\*c5d6/).waitFor();
    expect(await page.content()).not.toContain(token);
    expect(await page.content()).not.toContain('SEC0123456789abcdef0123');
    await bothWidths(page, 'channels-02-unit-robots');
    // The refused address above is the one expected failure the browser reports.
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    await context.close();
  });
});
