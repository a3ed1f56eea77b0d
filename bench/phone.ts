/**
 * node --import tsx bench/phone.ts — a department clerk's day on a phone (issue 14's proof): Chromium as a 390×844 touch
 * phone with its CPU slowed 4× (DevTools' CPU throttling), against the real app on an SQLite file with the demo city.
 *
 *   first paint      — a signed-in cold load of the home page (empty cache): first contentful paint, and the moment the
 *                      first task card is drawn, both on the page's clock from the navigation's start; the baseline
 *                      is the same load unthrottled, and a bare static page at 4× (what the browser alone costs), both
 *                      in the same run.
 *   progress + photo — from the 登录 tap to a progress entry saved and a photo stored: the taps it takes (typing and the
 *                      phone's own file picker not counted) and the seconds.
 *
 * BENCH_RUNS (5) cold loads each; the medians are printed, with every run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { loadConfig } from '../src/config.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';
import { todayInChina } from '../src/domain/dates.ts';
import { buildApp } from '../src/http/app.ts';
import { configureAuditChain } from '../src/repositories/audit.repository.ts';
import { resolveAuditKey } from '../src/storage/audit-files.ts';
import { EvidenceStore } from '../src/storage/evidence-store.ts';
import { launchChromium } from '../src/test/chromium.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SLOWDOWN = 4;
const PHONE = { width: 390, height: 844 };

/** A photo-sized PNG of noise (1600×1200, about 5.8 MB: a phone photo's weight, incompressible as one is). */
function photo(): Buffer {
  const [w, h] = [1600, 1200];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  for (let y = 0; y < h; y++) raw[y * (w * 3 + 1)] = 0;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (ms: number) => Math.round(ms);

async function phoneContext(browser: Browser, baseURL: string, slowdown: number) {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    baseURL,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  return { context, page };
}

/** First contentful paint of the page's last navigation, by the browser's own clock (its entry comes after the load). */
async function firstContentfulPaint(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
  return Number(await handle.jsonValue());
}

/**
 * Notes, on the page's own clock (the one FCP is on), when the first task card enters the page and when the frame that
 * shows it has been drawn: a callback after the next animation frame runs once that frame is painted.
 */
function watchFirstCard() {
  const marks = window as unknown as { __firstCard?: { inPage: number; painted?: number } };
  const seen = new MutationObserver(() => {
    if (marks.__firstCard || !document.querySelector('.item-card')) return;
    seen.disconnect();
    const card = { inPage: performance.now() } as { inPage: number; painted?: number };
    marks.__firstCard = card;
    requestAnimationFrame(() => setTimeout(() => (card.painted = performance.now())));
  });
  seen.observe(document, { childList: true, subtree: true });
}

async function coldHome(browser: Browser, baseURL: string, signedIn: BrowserContext, slowdown: number) {
  const { context, page } = await phoneContext(browser, baseURL, slowdown);
  await context.addCookies(await signedIn.cookies());
  await page.addInitScript(watchFirstCard);
  await page.goto('/');
  const handle = await page.waitForFunction(
    () => (window as unknown as { __firstCard?: { painted?: number } }).__firstCard?.painted,
  );
  const cardShown = Number(await handle.jsonValue());
  const fcp = await firstContentfulPaint(page);
  await context.close();
  return { fcp, cardShown };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-phone-'));
  const webDir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-web-'));
  process.env.NODE_ENV = 'production';
  await build({
    configFile: path.resolve(import.meta.dirname, '../web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDir, emptyOutDir: true },
  });
  writeFileSync(path.join(webDir, 'bare.html'), '<!doctype html><meta charset="utf-8"><p>巡察整改</p>');
  const config = loadConfig({ RECTIFY_DATA_DIR: dataDir });
  const handle = openSqlite(path.join(dataDir, 'rectify.sqlite'));
  await migrateToLatest(handle);
  configureAuditChain({ algorithm: config.auditHash, key: resolveAuditKey(config) });
  const demo = await seedDemo(handle.db, {
    today: todayInChina(),
    adminPassword: 'Admin-bench-2026!',
    evidence: new EvidenceStore(path.join(dataDir, 'evidence')),
  });
  const app = await buildApp({ db: handle.db, config, webDir });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseURL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const clerk = demo.users.find((u) => u.role === 'department' && u.unit === '办公室');
  if (!clerk) throw new Error('the demo has no department clerk');
  const browser = await launchChromium();
  const photoFile = path.join(dataDir, 'photo.png');
  writeFileSync(photoFile, photo());

  try {
    // The clerk's flow, once, at 4×: every tap counted.
    const { context, page } = await phoneContext(browser, baseURL, SLOWDOWN);
    let taps = 0;
    const tap = async (target: ReturnType<Page['locator']>) => {
      taps++;
      await target.tap();
    };
    await page.goto('/');
    await page.getByLabel('用户名').fill(clerk.username);
    await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
    const flowStarted = Date.now();
    await tap(page.getByRole('button', { name: /登\s*录/ }));
    const record = page.getByRole('button', { name: /^为“.+”记录进展$/ }).first();
    await record.waitFor();
    const homeShown = Date.now() - flowStarted;
    await tap(record);
    const text = page.getByLabel('进展情况');
    await tap(text);
    await text.fill('已召开专题会议研究整改，制定制度1项，现场照片见佐证材料。');
    await tap(page.getByRole('form', { name: '记录进展' }).getByRole('button', { name: /提\s*交/ }));
    await page.getByText('进展已记录').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await tap(page.getByText('点击选择文件或拍照'));
    await (await chooser).setFiles(photoFile);
    await page
      .locator('#evidence .ant-table-row')
      .filter({ hasText: 'photo.png' })
      .first()
      .waitFor({ timeout: 120_000 });
    const flowSeconds = (Date.now() - flowStarted) / 1000;

    // Cold loads of the home page, signed in, at 4× and unthrottled, and a bare page at 4×.
    const slow: { fcp: number; cardShown: number }[] = [];
    const fast: { fcp: number; cardShown: number }[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      slow.push(await coldHome(browser, baseURL, context, SLOWDOWN));
      fast.push(await coldHome(browser, baseURL, context, 1));
      const b = await phoneContext(browser, baseURL, SLOWDOWN);
      await b.page.goto('/bare.html');
      bare.push(await firstContentfulPaint(b.page));
      await b.context.close();
    }
    await context.close();

    const result = {
      phone: `${PHONE.width}×${PHONE.height}, touch, CPU ${SLOWDOWN}× slower`,
      progressWithPhoto: {
        taps,
        seconds: Math.round(flowSeconds * 10) / 10,
        homeAfterSignInMs: homeShown,
        photoBytes: photo().length,
      },
      homeColdLoad4x: {
        fcpMs: round(median(slow.map((r) => r.fcp))),
        firstCardMs: round(median(slow.map((r) => r.cardShown))),
      },
      homeColdLoad1x: {
        fcpMs: round(median(fast.map((r) => r.fcp))),
        firstCardMs: round(median(fast.map((r) => r.cardShown))),
      },
      barePage4xFcpMs: round(median(bare)),
      runs: { slow, fast, bare },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await app.close();
    await handle.close();
  }
}

await main();
