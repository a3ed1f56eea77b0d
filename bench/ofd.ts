/**
 * node --import tsx bench/ofd.ts — issue 16: the OFD of a 50-item notice in ≤ 500 ms, against the .docx of the same
 * notice in the same run (docx's Packer, the format offices already get). Pure generation, no database: the ledger is
 * drawn from a seed (fixtures.ts), measures and, in the internal report, the facts line of every item included.
 * BENCH_ITEMS (default 50), BENCH_RUNS (default 15).
 */
import { performance } from 'node:perf_hooks';
import { randomSnapshot, writing } from '../src/notices/generate/fixtures.ts';
import { buildDocument, type GeneratedDocument, renderDocument } from '../src/notices/generate/index.ts';
import { noticePages } from '../src/notices/generate/ofd.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const LIMIT_MS = 500;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

async function time(run: () => Promise<unknown>) {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

const docs: [string, GeneratedDocument][] = [
  [
    'public notice',
    buildDocument(randomSnapshot(16, { items: ITEMS, withheldRate: 0 }), writing(), {
      kind: 'notice',
      publicVersion: true,
      today: '2026-11-20',
    }),
  ],
  [
    'internal report',
    buildDocument(randomSnapshot(16, { items: ITEMS, withheldRate: 0 }), writing(), {
      kind: 'report',
      publicVersion: false,
      today: '2026-11-20',
    }),
  ],
];

let failed = false;
console.log(`OFD vs .docx of a ${ITEMS}-item document, ${RUNS} runs each after a warm-up`);
for (const [name, doc] of docs) {
  const ofd = await time(() => renderDocument(doc, 'ofd'));
  const docx = await time(() => renderDocument(doc, 'docx'));
  const pages = noticePages(doc).length;
  const bytes = (await renderDocument(doc, 'ofd')).length;
  const ok = ofd.p95 <= LIMIT_MS;
  failed ||= !ok;
  console.log(
    `${name.padEnd(16)} ${pages} pages, ${(bytes / 1024).toFixed(0)} KiB: ofd median ${ofd.median.toFixed(1)} ms p95 ${ofd.p95.toFixed(1)} ms; ` +
      `docx median ${docx.median.toFixed(1)} ms p95 ${docx.p95.toFixed(1)} ms; ofd/docx ${(ofd.median / docx.median).toFixed(2)}× ` +
      `${ok ? '✓' : '✗'} (≤ ${LIMIT_MS} ms)`,
  );
}
if (failed) process.exitCode = 1;
