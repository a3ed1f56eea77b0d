/**
 * Browser tests run the real server (SQLite file, demo city, built pages) on a free loopback port and drive Debian's
 * Chromium through playwright-core. Screenshots go to test-results/ so people can look at every main page.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DEMO_PASSWORD, type DemoSummary, seedDemo } from '../../src/demo/seed.ts';
import { type IsoDate, todayInChina } from '../../src/domain/dates.ts';
import { buildApp } from '../../src/http/app.ts';
import { configureAuditChain } from '../../src/repositories/audit.repository.ts';
import { resolveAuditKey } from '../../src/storage/audit-files.ts';
import { EvidenceStore } from '../../src/storage/evidence-store.ts';
import { CHROMIUM, launchChromium } from '../../src/test/chromium.ts';

export const hasChromium = existsSync(CHROMIUM);
export const CHROMIUM_MISSING = 'Chromium is not installed: apt-get install chromium fonts-noto-cjk';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results');
export { DEMO_PASSWORD };

export interface E2E {
  baseUrl: string;
  app: FastifyInstance;
  handle: DatabaseHandle;
  demo: DemoSummary;
  /** The day the demo city was dated around (China's today when the server started): type dates relative to it. */
  today: IsoDate;
  browser: Browser;
  /**
   * A fresh browser context (its own cookies) at 1366×768 — or, with `phone`, a 390×844 touch phone — signed in as
   * `username` when given.
   */
  open(
    username?: string,
    options?: { lang?: 'zh' | 'en'; init?: () => void; phone?: boolean },
  ): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** `port`: a port chosen beforehand, where the address must be known before the server starts (a provider's redirect). */
export async function startE2E(options: { port?: number; env?: Record<string, string> } = {}): Promise<E2E> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-'));
  // A hard lock after 3 failures (slowed after 2), so the accounts page's lock can be produced in a second, not hours.
  const config = loadConfig({
    RECTIFY_DATA_DIR: dataDir,
    RECTIFY_LOCKOUT_ATTEMPTS: '3',
    RECTIFY_LOGIN_DELAY_AFTER: '2',
    ...options.env,
  });
  const handle = openSqlite(path.join(dataDir, 'rectify.sqlite'));
  await migrateToLatest(handle);
  // The demo's audit events are chained under the key the app will use (the data folder's key file).
  configureAuditChain({ algorithm: config.auditHash, key: resolveAuditKey(config) });
  const today = todayInChina();
  const demo = await seedDemo(handle.db, {
    today,
    adminPassword: 'Admin-e2e-2026!',
    evidence: new EvidenceStore(path.join(dataDir, 'evidence')),
  });
  const app = await buildApp({ db: handle.db, config, webDir: inject('webDir') });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });

  const open: E2E['open'] = async (username, options = {}) => {
    const context = await browser.newContext({
      ...(options.phone
        ? { viewport: PHONE, hasTouch: true, isMobile: true }
        : { viewport: { width: 1366, height: 768 } }),
      locale: 'zh-CN',
      baseURL: baseUrl,
    });
    if (options.lang === 'en') await context.addInitScript(() => localStorage.setItem('rectify.lang', 'en'));
    if (options.init) await context.addInitScript(options.init);
    const page = await context.newPage();
    if (username) await (options.phone ? signInOnPhone(page, username) : signIn(page, username));
    return { context, page };
  };

  return {
    baseUrl,
    app,
    handle,
    demo,
    today,
    browser,
    open,
    close: async () => {
      await browser.close();
      await app.close();
      await handle.close();
    },
  };
}

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/');
  await page.getByLabel(/用户名|User name/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.getByRole('navigation').waitFor();
}

/** Signs in on a phone, where the menu is folded away: the header's 待办 button says the shell is there. */
async function signInOnPhone(page: Page, username: string) {
  await page.goto('/');
  await page.getByLabel(/用户名|User name/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).tap();
  await page.getByRole('button', { name: /^(待办，\d+ 项|To do, \d+ waiting)$/ }).waitFor();
  await settled(page);
}

/** How far the page reaches past the window's right edge, in CSS pixels (0 or less: nothing to scroll sideways). */
export const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

/** The elements that stick out past the right edge, named by tag and class, for the failure message. */
export const sidewaysCulprits = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
      .slice(0, 8)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)}`,
      ),
  );

/** The phone every phone test uses (an iPhone 12–15's CSS size). */
export const PHONE = { width: 390, height: 844 };

/**
 * Waits until the page has stopped moving: no loading spinner or skeleton, and every finite CSS animation and
 * transition (antd's fades, zooms and slides) finished. A condition, not a fixed pause, so a slow machine waits longer
 * and a fast one not at all. Infinite animations (a spinner elsewhere, a blinking caret) are not waited for.
 */
export async function settled(page: Page, timeout = 15_000) {
  await page.waitForFunction(
    () =>
      !document.querySelector('.ant-spin-spinning, .ant-skeleton') &&
      document
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    undefined,
    { timeout, polling: 50 },
  );
}

/**
 * Clicks an option of an open antd Select and waits for it to leave the list, as a chosen option does. On a busy
 * two-core machine a click can land while the list re-renders under it (after typing a search): the list stays open and
 * nothing is chosen — seen in CI, where the form then saved the old value. Clicked again, at most three times.
 */
export async function chooseOption(option: Locator) {
  for (let attempt = 1; ; attempt++) {
    await option.click();
    const gone = await option
      .waitFor({ state: 'hidden', timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (gone) return;
    if (attempt === 3) throw new Error('the option stayed in the list after three clicks');
  }
}

/** A full-page screenshot under test-results/, for people to look at. */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Console errors and warnings (React and antd deprecations among them) the page prints while the test runs. */
export function consoleProblems(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  return seen;
}

/** The first demo account with this role (and, optionally, whose unit name contains `unit`). */
export function demoUser(demo: DemoSummary, role: string, unit?: string): string {
  const user = demo.users.find((u) => u.role === role && (!unit || u.unit.includes(unit)));
  if (!user) throw new Error(`no demo user with role ${role}${unit ? ` in ${unit}` : ''}`);
  return user.username;
}

/** Whether a card's title shows whole: not clipped (no ellipsis, no hidden overflow) and inside the screen. */
export async function titleWhole(title: Locator) {
  return title.evaluate(
    (e) => e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().right <= window.innerWidth + 1,
  );
}

/** The narrowest phone the pages must fit (older Android phones' CSS width). */
export const NARROW_PHONE = { width: 360, height: 780 };
