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

/** Waits until every chart on the page has drawn into its canvas. */
async function chartsDrawn(page: Page, count: number) {
  await page.waitForFunction((n) => document.querySelectorAll('figure canvas').length >= n, count, { timeout: 15_000 });
}

describe.skipIf(!hasChromium)(`the home page per role${hasChromium ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('shows the office a round across its units with charts, and drills into a unit', async () => {
    const { page, context } = await e2e.open('office1');
    const problems = consoleProblems(page);
    await page.getByRole('heading', { name: '巡察整改总览' }).waitFor();
    await expect(page.getByRole('combobox', { name: '选择巡察轮次' }).count()).resolves.toBe(1);
    await chartsDrawn(page, 3);
    const figures = page.locator('figure');
    await expect(figures.first().getAttribute('aria-label')).resolves.toMatch(/各单位整改完成情况：共 \d+ 组/);
    const table = page.getByRole('table', { name: '各单位风险排序' });
    await table.getByRole('row').nth(1).waitFor();
    // The demo publishes one notice and nobody has commented on it yet.
    const publicSummary = page.getByRole('region', { name: '通报公开与群众意见' });
    await publicSummary.getByText(/已办结\s*\d/).waitFor();
    await expect(publicSummary.textContent()).resolves.toMatch(
      /公开通报\s*1\s*·\s*群众意见\s*总数\s*0\s*\/\s*待办\s*0\s*\/\s*已办结\s*0/,
    );
    await expect(publicSummary.getByRole('link', { name: '查看公开与意见' }).getAttribute('href')).resolves.toBe(
      '/publications',
    );
    await settled(page);
    await shot(page, 'home-office');

    const firstView = table.getByRole('button', { name: /^查看.+的整改情况$/ }).first();
    const label = (await firstView.getAttribute('aria-label')) ?? '';
    const unit = label.replace(/^查看/, '').replace(/的整改情况$/, '');
    await firstView.click();
    await page.getByRole('heading', { name: `${unit}整改情况` }).waitFor();
    await expect(page.url()).toMatch(/unit=\d+/);
    await chartsDrawn(page, 1);
    await page.getByRole('table', { name: '逾期事项' }).waitFor();
    await expect(page.getByRole('link', { name: `在台账中查看${unit}` }).getAttribute('href')).resolves.toMatch(
      /^\/ledger\?unitId=\d+&roundId=\d+$/,
    );
    await settled(page);
    await shot(page, 'home-office-unit');
    await page.getByRole('button', { name: '返回总览' }).click();
    await table.waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the office overview in English', async () => {
    const { page, context } = await e2e.open('office1', { lang: 'en' });
    const problems = consoleProblems(page);
    await page.getByRole('heading', { name: 'Round overview' }).waitFor();
    await chartsDrawn(page, 3);
    await page.getByRole('table', { name: 'Units by risk' }).getByRole('row').nth(1).waitFor();
    await settled(page);
    await shot(page, 'home-office-en');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives the supervisor the same views without action buttons', async () => {
    const { page, context } = await e2e.open(demoUser(e2e.demo, 'supervisor'));
    const problems = consoleProblems(page);
    await page.getByRole('heading', { name: '巡察整改总览' }).waitFor();
    await page.getByText('只读视图').waitFor();
    await chartsDrawn(page, 3);
    await expect(page.getByRole('button', { name: /导入导出|反馈录入/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: /待巡察办确认/ }).count()).resolves.toBe(0);
    await settled(page);
    await shot(page, 'home-supervisor');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a team its own units', async () => {
    const { page, context } = await e2e.open(demoUser(e2e.demo, 'team'));
    const problems = consoleProblems(page);
    await page.getByRole('heading', { name: '巡察整改总览' }).waitFor();
    await chartsDrawn(page, 3);
    await settled(page);
    await shot(page, 'home-team');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists a department’s tasks by urgency, filters by colour, and opens an item to record progress', async () => {
    const { page, context } = await e2e.open(demoUser(e2e.demo, 'department'));
    const problems = consoleProblems(page);
    await page.getByRole('heading', { name: '我的整改任务' }).waitFor();
    const tasks = page.getByRole('table', { name: '我的整改任务' });
    await tasks.getByRole('row').nth(1).waitFor();
    await settled(page);
    await shot(page, 'home-department');

    // Overdue first: the first row's deadline is never later than the last's.
    const deadlines = (await tasks.locator('tbody tr td:nth-child(4)').allTextContents())
      .map((s) => /\d{4}-\d{2}-\d{2}/.exec(s)?.[0])
      .filter((d): d is string => Boolean(d));
    expect(deadlines).toEqual([...deadlines].sort());

    const red = page.getByRole('button', { name: /^已逾期：\d+$/ });
    const redCount = Number(((await red.getAttribute('aria-label')) ?? '').split('：')[1]);
    await red.click();
    await expect(red.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForFunction(
      (n) => document.querySelectorAll('table[aria-label="我的整改任务"] tbody tr.ant-table-row').length === n,
      Math.min(redCount, 50),
    );

    const record = tasks.getByRole('button', { name: /^为“.+”记录进展$/ }).first();
    await record.click();
    await page.waitForURL(/\/items\/\d+\?record=1$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a unit leader the requests awaiting review, the totals and the late items', async () => {
    const { page, context } = await e2e.open(demoUser(e2e.demo, 'unit_leader'));
    const problems = consoleProblems(page);
    await page.getByRole('heading', { name: /^待我审核（\d+）$/ }).waitFor();
    await page.getByText('完成率').waitFor();
    await page.getByRole('table', { name: '逾期事项' }).waitFor();
    await settled(page);
    await shot(page, 'home-unit-leader');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a unit administrator the whole picture and the report due date', async () => {
    const { page, context } = await e2e.open(demoUser(e2e.demo, 'unit_admin'));
    const problems = consoleProblems(page);
    await page.getByText('整改情况报告', { exact: true }).waitFor();
    await page.getByText(/应于 \d{4}-\d{2}-\d{2} 前报送/).waitFor();
    await page.getByRole('heading', { name: '按问题类别' }).waitFor();
    await page.getByRole('heading', { name: '按责任部门' }).waitFor();
    await chartsDrawn(page, 2);
    await expect(page.getByRole('button', { name: '通报与报告' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: '导入导出' }).count()).resolves.toBe(1);
    await settled(page);
    await shot(page, 'home-unit-admin');
    expect(problems).toEqual([]);
    await context.close();
  });
});
