/**
 * node --import tsx bench/notice-read.ts — reading a notice printed to PDF and saved as a web page (issue 16), each
 * read from disk and parsed, against reading and parsing the same notice as .txt in the same run (absolute times drift
 * on a shared machine). The PDF is the ledger's generated .docx (about 20 pages) through LibreOffice; the page is its
 * text in a government site's template (navigation, breadcrumb, 来源/发布时间, share, related articles, footer).
 * Budgets: a 20-page PDF parses in ≤ 300 ms, a saved page in ≤ 50 ms. The first PDF of a process also loads pdfjs (its
 * worker code runs in this thread); that one-off cost is shown apart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomSnapshot, writing } from '../src/notices/generate/fixtures.ts';
import { buildDocument, renderDocument } from '../src/notices/generate/index.ts';
import { parseNoticeText, readNoticeFile } from '../src/notices/parse.ts';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../src/test/libreoffice.ts';

async function timings(runs: number, warm: number, f: () => unknown): Promise<number[]> {
  for (let i = 0; i < warm; i++) await f();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (v: number) => v.toFixed(1);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-bench-read-'));
try {
  const doc = buildDocument(randomSnapshot(2026, { items: 120, withheldRate: 0 }), writing(), {
    kind: 'notice',
    publicVersion: true,
    today: '2026-11-20',
  });
  const text = (await renderDocument(doc, 'txt')).toString('utf8');
  const txt = path.join(dir, 'notice.txt');
  writeFileSync(txt, text);
  const [title, ...body] = text.split('\n').filter((l) => l.trim() !== '');
  const html = path.join(dir, 'notice.html');
  const links = (n: number, what: string) =>
    Array.from({ length: n }, (_, i) => `<li><a href="/a/${i}.html">${what}${i + 1}</a></li>`).join('');
  writeFileSync(
    html,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)} - 江澜市交通运输局</title>
<script>var _hmt = _hmt || []; (function(){ /* analytics */ })();</script><style>body{font:16px/1.8 sans-serif}</style></head>
<body><div class="header"><div class="search"><input name="q"></div></div><div class="nav"><ul>${links(12, '栏目')}</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a>政务公开</a> &gt; <a>巡察整改</a></div>
<div class="article"><h1 class="title">${esc(title)}</h1><div class="info">来源：江澜市交通运输局&nbsp; 发布时间：2026-11-20&nbsp; 浏览次数：1024</div>
<div class="TRS_Editor">${body.map((l) => `<p style="text-indent:2em"><span style="font-family:仿宋_GB2312">${esc(l)}</span></p>`).join('\n')}</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div><div class="tools">【<a>打印本页</a>】【<a>关闭窗口</a>】</div></div>
<div class="xgwz"><h3>相关文章</h3><ul>${links(10, '相关通报')}</ul></div>
<div class="footer"><p>主办单位：江澜市人民政府办公室</p><p>浙ICP备12345678号</p></div></body></html>`,
  );

  const read = (file: string) => async () => parseNoticeText(await readNoticeFile(file));
  const items = (file: string) => read(file)().then((n) => n.sections.reduce((s, x) => s + x.items.length, 0));
  const txtItems = await items(txt);
  const htmlItems = await items(html);
  const baseline = await timings(50, 5, read(txt));
  const page = await timings(50, 5, read(html));

  let pdfRow = `| 20-page PDF | — | — | — | — | ≤ 300 ms skipped: ${LIBREOFFICE_MISSING} |`;
  let pdfLine = '';
  if (hasLibreOffice()) {
    const docx = path.join(dir, 'notice.docx');
    writeFileSync(docx, await renderDocument(doc, 'docx'));
    const { pdf, pages } = await convertToPdf(docx, dir);
    const first = performance.now();
    const pdfItems = await items(pdf);
    const cold = performance.now() - first;
    const pdfRuns = await timings(20, 2, read(pdf));
    pdfLine = `PDF: ${pages} pages, ${pdfItems} items read (the .txt has ${txtItems}); first read in the process (loads pdfjs) ${ms(cold)} ms\n`;
    pdfRow = `| ${pages}-page PDF (20 runs) | ${ms(pct(pdfRuns, 50))} | ${ms(pct(pdfRuns, 95))} | ${(pct(pdfRuns, 50) / pct(baseline, 50)).toFixed(0)}× | ${pdfItems}/${txtItems} | ≤ 300 ms ${pct(pdfRuns, 95) <= 300 ? 'met' : 'MISSED'} |`;
  }

  console.log(`notice: ${doc.totals.items} items, ${text.length} characters; saved page ${htmlItems} items read`);
  if (pdfLine) console.log(pdfLine);
  console.log(`| case (read from disk + parse) | p50 ms | p95 ms | p50 vs .txt | items | budget (p95) |`);
  console.log('|---|---:|---:|---:|---:|---|');
  console.log(
    `| same notice as .txt (baseline, 50 runs) | ${ms(pct(baseline, 50))} | ${ms(pct(baseline, 95))} | 1× | ${txtItems}/${txtItems} | — |`,
  );
  console.log(pdfRow);
  console.log(
    `| saved web page (50 runs) | ${ms(pct(page, 50))} | ${ms(pct(page, 95))} | ${(pct(page, 50) / pct(baseline, 50)).toFixed(1)}× | ${htmlItems}/${txtItems} | ≤ 50 ms ${pct(page, 95) <= 50 ? 'met' : 'MISSED'} |`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
