/**
 * Diagnostic for issue 14 (not part of `npm run bench`): where a cold load of the clerk's phone home spends its time,
 * and an A/B of builds under the same machine load (the machine is shared: only same-run comparisons mean anything).
 *
 *   WEB_DIRS=/tmp/old-dist,/tmp/new-dist SLOWS=4,1 RUNS=5 node --import tsx bench/home-trace.ts
 *     medians of FCP and first card drawn (page clock) per build and slowdown, interleaved, with a bare page's FCP;
 *   VERBOSE=1 each load's resource waterfall (start/end ms, KB) and long tasks; PROFILE=1 / TRACE=1 write a CPU
 *   profile / a Chromium trace of the last load to /tmp (build with sourcemaps to read the profile by package).
 * Without WEB_DIRS it builds the web once into a temporary directory.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

const SLOW = Number(process.env.SLOW ?? 4);
const RUNS = Number(process.env.RUNS ?? 2);
const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-trace-'));
const webDirs = (
  process.env.WEB_DIRS ??
  process.env.WEB_DIR ??
  mkdtempSync(path.join(tmpdir(), 'rectify-trace-web-'))
).split(',');
const webDir = webDirs[0];
process.env.NODE_ENV = 'production';
if (!process.env.WEB_DIR && !process.env.WEB_DIRS)
  await build({
    configFile: path.resolve(import.meta.dirname, '../web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDir, emptyOutDir: true },
  });
const config = loadConfig({ RECTIFY_DATA_DIR: dataDir });
const handle = openSqlite(path.join(dataDir, 'rectify.sqlite'));
await migrateToLatest(handle);
configureAuditChain({ algorithm: config.auditHash, key: resolveAuditKey(config) });
const demo = await seedDemo(handle.db, {
  today: todayInChina(),
  adminPassword: 'Admin-bench-2026!',
  evidence: new EvidenceStore(path.join(dataDir, 'evidence')),
});
const apps = [];
for (const dir of webDirs) {
  writeFileSync(path.join(dir, 'bare.html'), '<!doctype html><meta charset="utf-8"><p>巡察整改</p>');
  const a = await buildApp({ db: handle.db, config, webDir: dir });
  await a.listen({ host: '127.0.0.1', port: 0 });
  const ad = a.server.address();
  apps.push({ app: a, url: `http://127.0.0.1:${typeof ad === 'object' && ad ? ad.port : 0}` });
}
const baseURL = apps[0].url;
const clerk = demo.users.find((u) => u.role === 'department' && u.unit === '办公室');
if (!clerk) throw new Error('no clerk');
const browser = await launchChromium();
const opts = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  baseURL,
};
const login = await browser.newContext(opts);
const lp = await login.newPage();
await lp.goto('/');
await lp.getByLabel('用户名').fill(clerk.username);
await lp.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
await lp.getByRole('button', { name: /登\s*录/ }).click();
await lp.locator('.item-card').first().waitFor();
const cookies = await login.cookies();

const SLOWS = (process.env.SLOWS ?? String(SLOW)).split(',').map(Number);
const summary: Record<string, { fcp: number[]; card: number[] }> = {};
for (let run = 0; run < RUNS; run++)
  for (const slow of SLOWS)
    for (let which = -1; which < apps.length; which++) {
      const context = await browser.newContext({ ...opts, baseURL: apps[Math.max(0, which)].url });
      if (which === -1) {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: slow });
        await page.goto('/bare.html');
        const fcp = Number(
          await (
            await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime)
          ).jsonValue(),
        );
        summary[`bare ${slow}x`] ??= { fcp: [], card: [] };
        summary[`bare ${slow}x`].fcp.push(Math.round(fcp));
        await context.close();
        continue;
      }
      const SLOW = slow;
      await context.addCookies(cookies);
      await context.addInitScript(() => {
        const w = window as unknown as { __t: Record<string, unknown> };
        const t: { card?: number; cardPaint?: number; long: number[][] } = { long: [] };
        w.__t = t as unknown as Record<string, unknown>;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) t.long.push([Math.round(e.startTime), Math.round(e.duration)]);
        }).observe({ type: 'longtask', buffered: true });
        const mo2 = new MutationObserver(() => {
          const tb = document.querySelector('.ant-table');
          if (tb && !(t as Record<string, unknown>).table) {
            (t as Record<string, unknown>).table = [
              performance.now(),
              tb.closest('.ant-card')?.textContent?.slice(0, 80),
              tb.outerHTML.slice(0, 200),
            ];
          }
        });
        mo2.observe(document, { childList: true, subtree: true });
        const mo = new MutationObserver(() => {
          if (t.card === undefined && document.querySelector('.item-card')) {
            t.card = performance.now();
            mo.disconnect();
            requestAnimationFrame(() => setTimeout(() => (t.cardPaint = performance.now())));
          }
        });
        mo.observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW });
      const tracing = run === RUNS - 1 && process.env.TRACE;
      if (tracing)
        await browser.startTracing(page, {
          categories: [
            'devtools.timeline',
            'v8.execute',
            'disabled-by-default-devtools.timeline',
            'blink.user_timing',
            'loading',
          ],
        });
      const profiling = run === RUNS - 1 && process.env.PROFILE;
      if (profiling) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const started = Date.now();
      await page.goto('/');
      await page.locator('.item-card').first().waitFor();
      const wall = Date.now() - started;
      await page.waitForFunction(() => (window as unknown as { __t: { cardPaint?: number } }).__t.cardPaint);
      const info = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return {
          t: (window as unknown as { __t: unknown }).__t,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
          nav: {
            responseEnd: nav.responseEnd,
            domInteractive: nav.domInteractive,
            dcl: nav.domContentLoadedEventEnd,
            load: nav.loadEventEnd,
          },
          res: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
            n: r.name.replace(/^https?:\/\/[^/]+/, ''),
            s: Math.round(r.startTime),
            e: Math.round(r.responseEnd),
            kb: Math.round(r.decodedBodySize / 1024),
          })),
        };
      });
      if (profiling) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(`/tmp/home-profile-${SLOW}x.json`, JSON.stringify(profile));
      }
      if (tracing) {
        const buf = await browser.stopTracing();
        writeFileSync(`/tmp/home-trace-${SLOW}x.json`, buf);
      }
      summary[`${webDirs[which]} ${slow}x`] ??= { fcp: [], card: [] };
      const entry = summary[`${webDirs[which]} ${slow}x`];
      entry.fcp.push(Math.round(info.fcp));
      entry.card.push(Math.round((info.t as { cardPaint: number }).cardPaint));
      if (process.env.VERBOSE) console.log(JSON.stringify({ run, slow: SLOW, wall, ...info }));
      await context.close();
    }
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [k, v] of Object.entries(summary))
  console.log(k, 'fcp', med(v.fcp), v.fcp.join('/'), ' card', med(v.card) ?? '', v.card.join('/'));
await browser.close();
for (const a of apps) await a.app.close();
await handle.close();
