/**
 * Issue 16: our OFD read by an OFD reader someone else wrote — ofd.js (DLTech21, Apache-2.0), the open, pure-JavaScript
 * one (0.2.x: JSZip + an XML parser, SVG rendering), run in real Chromium with no network. It parses each package,
 * renders every page, and we read back from its DOM: the page count, each page's size, every text object's place, glyph
 * positions, text, colour and the font family it chose, and the rules. They must agree with what we wrote (ofd-reader.ts
 * reads the same bytes) and hold the notice's words.
 *
 * Where the reader comes from: node_modules/ofd.js/lib/ofd.umd.min.js (ofd.js 0.2.6), or RECTIFY_OFDJS=<path to
 * ofd.umd(.min).js>. ofd.js 1.5.0 is no use here: its WebAssembly core refuses every file, its own demo files included,
 * without a paid authorisation code ("授权信息错误"), so with only 1.5.0 installed the test skips, saying so.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../../test/chromium.ts';
import { FONTS } from './docx.ts';
import { randomSnapshot, writing } from './fixtures.ts';
import { buildDocument, type GeneratedDocument, renderDocument } from './index.ts';
import { noticePages, orderNoticePages, renderOrderNoticeOfd } from './ofd.ts';
import type { LaidPage } from './ofd-layout.ts';
import { type ReadOfd, readOfd } from './ofd-reader.ts';
import type { OrderNotice } from './supervision-notice.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../test-results');

/** The reader's script, or why there is none. */
function findOfdJs(): { lib: string; why?: undefined } | { lib?: undefined; why: string } {
  const fromEnv = process.env.RECTIFY_OFDJS;
  if (fromEnv) return existsSync(fromEnv) ? { lib: fromEnv } : { why: `RECTIFY_OFDJS=${fromEnv} does not exist` };
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('ofd.js/package.json'));
  } catch {
    return { why: 'ofd.js is not installed (npm i -D ofd.js@0.2.6)' };
  }
  const lib = path.join(dir, 'lib/ofd.umd.min.js');
  if (existsSync(lib)) return { lib };
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return {
    why:
      `ofd.js ${version} is installed, whose WebAssembly core reads no file without a paid authorisation code ` +
      '(授权信息错误); the open ofd.js 0.2.6 (lib/ofd.umd.min.js) is the reader this test drives',
  };
}

const ofdJs = findOfdJs();
const skipWhy = !existsSync(CHROMIUM) ? `Chromium is missing (${CHROMIUM}): apt-get install chromium` : ofdJs.why;

/** 850 px for a 210 mm page: ofd.js scales to (width − 10) / 210 = 4 px a millimetre. */
const SCREEN_WIDTH = 850;

/** Runs in the page, as plain JavaScript (no transpiled helpers there). */
const IN_PAGE = `
window.readWithOfdJs = (b64) => new Promise((resolve) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  ofd.parseOfdDocument({
    ofd: bytes.buffer,
    success(docs) {
      try {
        const doc = docs[0];
        const divs = ofd.renderOfd(${SCREEN_WIDTH}, doc);
        document.getElementById('pages').replaceChildren(...divs);
        const scale = Number(ofd.getPageScale());
        const mm = (px) => parseFloat(px) / scale;
        const pages = divs.map((div) => {
          const texts = [];
          const paths = [];
          for (const svg of div.querySelectorAll('svg')) {
            const left = mm(svg.style.left);
            const top = mm(svg.style.top);
            const glyphs = [...svg.querySelectorAll('text')];
            if (glyphs.length > 0)
              texts.push({
                left, top,
                text: glyphs.map((g) => g.textContent).join(''),
                xs: glyphs.map((g) => mm(g.getAttribute('x'))),
                y: mm(glyphs[0].getAttribute('y')),
                size: mm(glyphs[0].style.fontSize),
                family: glyphs[0].style.fontFamily,
                fill: glyphs[0].getAttribute('fill'),
              });
            for (const p of svg.querySelectorAll('path'))
              paths.push({ left, top, stroke: p.getAttribute('stroke'), width: mm(p.getAttribute('stroke-width') || '0') });
          }
          return { width: mm(div.style.width), height: mm(div.style.height), texts, paths };
        });
        resolve({ ok: true, pageCount: doc.pages.length, scale, pages });
      } catch (e) {
        resolve({ ok: false, error: String((e && e.stack) || e) });
      }
    },
    fail(e) { resolve({ ok: false, error: String(e) }); },
  });
});`;

interface SeenText {
  left: number;
  top: number;
  text: string;
  xs: number[];
  y: number;
  size: number;
  family: string;
  fill: string;
}
interface Seen {
  pageCount: number;
  scale: number;
  pages: {
    width: number;
    height: number;
    texts: SeenText[];
    paths: { left: number; top: number; stroke: string; width: number }[];
  }[];
}

let browser: Browser | undefined;
beforeAll(async () => {
  if (!skipWhy) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** One fresh page a document: ofd.js loaded from the file, every request refused. */
async function readWithOfdJs(bytes: Uint8Array, screenshot?: string): Promise<Seen> {
  const page: Page = await (browser as Browser).newPage({ viewport: { width: SCREEN_WIDTH + 10, height: 1200 } });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('data:')) requests.push(r.url());
  });
  await page.route('**/*', (route) => route.abort());
  try {
    await page.setContent(
      '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#ddd"><div id="pages"></div></body></html>',
    );
    await page.addScriptTag({ path: ofdJs.lib as string });
    await page.addScriptTag({ content: IN_PAGE });
    const result = (await page.evaluate(`readWithOfdJs(${JSON.stringify(Buffer.from(bytes).toString('base64'))})`)) as
      | ({ ok: true } & Seen)
      | { ok: false; error: string };
    if (!result.ok) throw new Error(`ofd.js refused the file: ${result.error}`);
    if (screenshot) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page
        .locator('#pages > div')
        .first()
        .screenshot({ path: path.join(SCREENSHOTS, screenshot) });
    }
    expect(requests, 'ofd.js asked the network for something').toEqual([]);
    return result;
  } finally {
    await page.close();
  }
}

const MM = 0.01;
/** ofd.js's rounding: its scale is px a mm, its positions fractions of px. */
const close = (a: number, b: number) => Math.abs(a - b) <= MM;

/**
 * What ofd.js saw against a list of pages: A4 every one, and every text object in place, glyph by glyph, in its colour.
 * The pages are what our reader reads from the same bytes, and what the layout meant before it was written out.
 */
function expectSame(seen: Seen, pages: ReadOfd['pages'], what: string) {
  expect(seen.scale).toBe(4);
  expect(seen.pageCount, what).toBe(pages.length);
  expect(seen.pages.length, what).toBe(pages.length);
  seen.pages.forEach((page, i) => {
    const where = `${what}, page ${i + 1}`;
    expect(page.width, where).toBeCloseTo(210, 2);
    expect(page.height, where).toBeCloseTo(297, 2);
    const written = pages[i]?.texts ?? [];
    expect(
      page.texts.map((t) => t.text),
      where,
    ).toEqual(written.map((t) => t.text));
    page.texts.forEach((t, k) => {
      const w = written[k];
      if (!w) return;
      const at = `${where} “${t.text}”`;
      expect(close(t.left, w.box[0]) && close(t.top, w.box[1]), `${at} at ${t.left},${t.top} not ${w.box}`).toBe(true);
      expect(close(t.top + t.y, w.y), `${at} baseline`).toBe(true);
      expect(close(t.size, w.size), `${at} size`).toBe(true);
      // Each glyph where DeltaX (with its g-runs) puts it.
      let x = 0;
      const expected = [0, ...w.deltaX.map((d) => (x += d))];
      expect(t.xs.length, at).toBe(expected.length);
      const misplaced = t.xs.flatMap((gx, g) =>
        close(gx, expected[g] as number) ? [] : [`${g}: ${gx} not ${expected[g]}`],
      );
      expect(misplaced, `${at} glyphs`).toEqual([]);
      expect(t.fill, at).toBe(`rgb(${w.color.split(' ').join(', ')})`);
    });
  });
}

/** The layout's pages in the reader's shape. */
const laidOut = (pages: LaidPage[]): ReadOfd['pages'] =>
  pages.map((p) => ({
    paths: [],
    texts: p.texts.map((t) => ({
      box: [t.x, t.top, Math.max(t.width, t.sizeMm), t.height],
      font: t.font,
      size: t.sizeMm,
      color: t.color.join(' '),
      x: t.x,
      y: t.y,
      deltaX: t.deltaX,
      text: t.text,
    })),
  }));

function expectSameAsWritten(seen: Seen, ours: ReadOfd, laid: LaidPage[]) {
  expect(ours.physicalBox).toEqual([0, 0, 210, 297]);
  expectSame(seen, ours.pages, 'as our reader reads the file');
  expectSame(seen, laidOut(laid), 'as the layout placed it');
}

/** The body text as ofd.js shows it, the — N — page numbers left out so a sentence over a page break reads whole. */
const pageText = (seen: Seen) =>
  seen.pages
    .map((p) => p.texts.flatMap((t) => (/^— \d+ —$/.test(t.text) ? [] : [t.text])).join(''))
    .join('')
    .replace(/\s+/g, '');
/** What to look for in pageText: white space left out, as a line break may have eaten a space. */
const words = (s: string) => s.replace(/\s+/g, '');

/** The CSS family ofd.js gives each of our faces: the one GB/T 9704 names, through the FamilyName we write. */
function familiesOf(seen: Seen, ours: ReadOfd) {
  const byFont = new Map<string, string>();
  seen.pages.forEach((p, i) => {
    p.texts.forEach((t, k) => {
      const font = ours.pages[i]?.texts[k]?.font;
      if (font) byFont.set(font, t.family);
    });
  });
  return byFont;
}

/** A 50-item ledger whose first item's title carries what XML must escape and a reader must unescape. */
const NASTY = '<b>维修</b> & "定点"_*#\'x\'';
const ledger = randomSnapshot(16, { items: 50, withheldRate: 0 });
ledger.items[0] = { ...(ledger.items[0] as (typeof ledger.items)[number]), title: NASTY };
const notice = buildDocument(ledger, writing(), { kind: 'notice', publicVersion: true, today: '2026-11-20' });
const report = buildDocument(ledger, writing(), { kind: 'report', publicVersion: false, today: '2026-11-20' });
const order: OrderNotice = {
  docNumber: '江巡办督〔2026〕12号',
  issuer: '中共江澜市委巡察工作领导小组办公室',
  unit: '江澜市交通运输局',
  title: '公务用车问题整改滞后',
  content: '经查，你单位公务用车问题整改进度滞后于整改方案。\n请逐项说明原因并提出措施。',
  dueOn: '2026-09-01',
  issuedOn: '2026-08-10',
  items: Array.from({ length: 30 }, (_, i) => ({
    number: `A-${String(i + 1).padStart(3, '0')}`,
    title: i % 4 === 0 ? `维修定点${'不规范'.repeat(10)}` : `车辆派遣登记不全第${i + 1}项`,
    deadline: i % 5 === 0 ? null : '2026-08-30',
  })),
  recalled: false,
};

const itemTitles = (doc: GeneratedDocument) => doc.blocks.flatMap((b) => (b.type === 'item' ? [words(b.title)] : []));

describe.skipIf(!!skipWhy)(
  `ofd.js, an OFD reader written by others, reads our OFD${skipWhy ? ` (skipped: ${skipWhy})` : ''}`,
  () => {
    it('the public notice of a 50-item ledger: every page A4, every text object and glyph where we put them', async () => {
      const bytes = await renderDocument(notice, 'ofd');
      const ours = readOfd(bytes);
      const seen = await readWithOfdJs(bytes, 'ofd-independent-notice.png');
      expectSameAsWritten(seen, ours, noticePages(notice));
      expect(seen.pages.length).toBeGreaterThan(5);
      const text = pageText(seen);
      for (const line of notice.titleLines) expect(text).toContain(words(line));
      expect(text).toContain(words(NASTY));
      const totals = notice.blocks.find((b) => b.type === 'paragraph' && b.role === 'totals');
      expect(totals?.type === 'paragraph' && totals.text.length > 20).toBe(true);
      if (totals?.type === 'paragraph') expect(text).toContain(words(totals.text));
      const titles = itemTitles(notice);
      expect(titles.length).toBe(50);
      for (const title of titles) expect(text).toContain(title);
      expect(text).toContain(words(notice.signature.date));
      // The faces: 小标宋 title falls back to 宋体, body 仿宋, 一、 headings 黑体, （一） headings 楷体.
      const families = familiesOf(seen, ours);
      expect(families.get(FONTS.title)).toMatch(/SimSun/);
      expect(families.get(FONTS.body)).toMatch(/FangSong/);
      expect(families.get(FONTS.level1)).toMatch(/SimHei/);
      expect(families.get(FONTS.level2)).toMatch(/KaiTi/);
    });

    it('the internal report, with the facts line of every item', async () => {
      const bytes = await renderDocument(report, 'ofd');
      const ours = readOfd(bytes);
      const seen = await readWithOfdJs(bytes);
      expectSameAsWritten(seen, ours, noticePages(report));
      const text = pageText(seen);
      for (const line of report.titleLines) expect(text).toContain(words(line));
      if (report.addressee) expect(text).toContain(words(report.addressee));
      for (const title of itemTitles(report)) expect(text).toContain(title);
      const facts = report.blocks.flatMap((b) => (b.type === 'item' && b.facts ? [b.facts] : []));
      expect(facts.length).toBe(50);
      for (const f of facts) expect(text).toContain(words(f));
    });

    it('the 督办通知书: the red head and rule, the table over two pages, the signature', async () => {
      const bytes = renderOrderNoticeOfd(order);
      const ours = readOfd(bytes);
      const seen = await readWithOfdJs(bytes, 'ofd-independent-order.png');
      expectSameAsWritten(seen, ours, orderNoticePages(order));
      expect(seen.pages.length).toBeGreaterThan(1);
      const text = pageText(seen);
      for (const part of [
        order.issuer,
        order.docNumber as string,
        '督办通知书',
        `${order.unit}：`,
        '序号编号整改事项整改期限',
        'A-001',
        'A-030',
        '请于2026年9月1日前办结',
        '2026年8月10日',
      ])
        expect(text).toContain(words(part));
      const first = seen.pages[0];
      expect(first?.texts[0]?.text).toBe(order.issuer);
      expect(first?.texts[0]?.fill).toBe('rgb(230, 0, 18)');
      // The red rule under the 文号, drawn as a stroke of 2.25 pt.
      const red = first?.paths.filter((p) => /230,\s*0,\s*18/.test(p.stroke ?? '')) ?? [];
      expect(red.length).toBe(1);
      expect(red[0]?.width).toBeCloseTo((2.25 * 25.4) / 72, 2);
    });
  },
);
