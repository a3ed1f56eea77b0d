/**
 * node --import tsx bench/phone.ts — a department clerk's day on a phone (issue 14's proof): Chromium as a 390×844 touch
 * phone with its CPU slowed 4× (DevTools' CPU throttling), against the real app on an SQLite file with the demo city.
 *
 *   first paint      — a signed-in cold load of the home page (empty cache): first contentful paint, and the moment the
 *                      first task card is drawn, both on the page's clock from the navigation's start; the baseline
 *                      is the same load unthrottled, and a bare static page at 4× (what the browser alone costs), both
 *                      in the same run.
 *   progress + photo — from the 登录 tap to a progress entry saved and a photo stored, through the home page's sheet
 *                      (记录进展 → 拍照/添加照片 → 提交): the taps it takes (typing and the phone's own file picker not
 *                      counted) and the seconds; and a 12 MP camera JPEG's bytes as picked and as stored after the
 *                      browser shrank it.
 *
 * BENCH_RUNS (5) cold loads each; the medians are printed, with every run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { imageSize } from '../src/test/photo.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SLOWDOWN = 4;
const PHONE = { width: 390, height: 844 };

/**
 * A camera's photo: 4032×3024 (12 MP), JPEG at quality 0.92 as a phone saves it, made by Chromium itself (unthrottled)
 * from a gradient under noise, so it weighs what one does (a few MB) and does not compress away.
 */
async function cameraPhoto(browser: Browser): Promise<Buffer> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const base64 = await page.evaluate(async () => {
    const [w, h] = [4032, 3024];
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    const image = ctx.createImageData(w, h);
    let seed = 2654435761;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const noise = ((seed >>> 24) - 128) >> 3;
        const o = (y * w + x) * 4;
        image.data[o] = 40 + ((x * 180) / w + noise);
        image.data[o + 1] = 60 + ((y * 160) / h + noise);
        image.data[o + 2] = 150 + noise + ((x ^ y) & 31);
        image.data[o + 3] = 255;
      }
    ctx.putImageData(image, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  });
  await context.close();
  return Buffer.from(base64, 'base64');
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
  const photoFile = path.join(dataDir, 'photo.jpg');
  const original = await cameraPhoto(browser);
  writeFileSync(photoFile, original);

  try {
    // The clerk's flow, once, at 4×: every tap counted. 记录进展 opens a sheet on the home page: the text (the cursor
    // already in it), 拍照/添加照片 and 提交; the photo is shrunk in the browser before it goes up.
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
    const title = ((await record.getAttribute('aria-label')) ?? '').replace(/^为“(.+)”记录进展$/, '$1');
    await tap(record);
    const sheet = page.getByRole('dialog').filter({ hasText: '进展情况' });
    await sheet.getByLabel('进展情况').fill('已召开专题会议研究整改，制定制度1项，现场照片见佐证材料。');
    const chooser = page.waitForEvent('filechooser');
    await tap(sheet.getByRole('button', { name: '拍照/添加照片' }));
    await (await chooser).setFiles(photoFile);
    await tap(sheet.getByRole('button', { name: /提\s*交/ }));
    await page.getByText('进展已记录').first().waitFor({ timeout: 120_000 });
    await sheet.waitFor({ state: 'hidden' });
    const flowSeconds = (Date.now() - flowStarted) / 1000;
    const stored = await handle.db
      .selectFrom('evidence as e')
      .innerJoin('items as i', 'i.id', 'e.item_id')
      .select(['e.id', 'e.file_name', 'e.size_bytes', 'e.content_type'])
      .where('i.title', '=', title)
      .where('e.file_name', 'like', 'photo.%')
      .orderBy('e.id', 'desc')
      .executeTakeFirstOrThrow();
    const storedFile = Buffer.from(await (await page.request.get(`/api/evidence/${stored.id}/file`)).body());

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
        tapsAfterSignIn: taps - 1,
        seconds: Math.round(flowSeconds * 10) / 10,
        homeAfterSignInMs: homeShown,
        photo: {
          picked: { bytes: original.length, ...imageSize(original) },
          stored: {
            name: stored.file_name,
            type: stored.content_type,
            bytes: Number(stored.size_bytes),
            ...imageSize(storedFile),
          },
        },
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
