/**
 * node --import tsx bench/notices.ts — parsing a published notice and generating a 50-item .docx, each against a baseline
 * measured in the same run (absolute times drift on a shared machine): splitting the same text into lines with one regex
 * per line, and docx's Packer over the same paragraphs without any styling.
 * Budgets (issue 4): parse a seed-sized notice ≤ 20 ms; generate a 50-item .docx ≤ 300 ms.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import { randomSnapshot, writing } from '../src/notices/generate/fixtures.ts';
import { buildDocument, renderDocument } from '../src/notices/generate/index.ts';
import { renderTxt } from '../src/notices/generate/text.ts';
import { parseNoticeText } from '../src/notices/parse.ts';

const SEEDS = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));

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
const ms = (v: number) => v.toFixed(2);

/** The largest published notice in shared/seeds, or a generated one of the same size when the seeds are absent. */
function seedSizedNotice(): { text: string; source: string } {
  if (existsSync(SEEDS)) {
    const files = readdirSync(SEEDS)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(SEEDS, f))
      .sort((a, b) => statSync(b).size - statSync(a).size);
    if (files.length > 0)
      return { text: readFileSync(files[0], 'utf8'), source: `shared/seeds/${path.basename(files[0])}` };
  }
  const doc = buildDocument(randomSnapshot(7, { items: 30 }), writing(), {
    kind: 'notice',
    publicVersion: true,
    today: '2026-11-20',
  });
  return { text: renderTxt(doc), source: 'generated, 30 items' };
}

const LINE_RE = /^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,3}[.、])/;

const notice = seedSizedNotice();
const parse = await timings(200, 20, () => parseNoticeText(notice.text));
const split = await timings(200, 20, () => {
  let n = 0;
  for (const line of notice.text.split('\n')) if (LINE_RE.test(line)) n++;
  return n;
});

const fiftySnapshot = randomSnapshot(2026, { items: 50, withheldRate: 0 });
const options = { kind: 'notice', publicVersion: true, today: '2026-11-20' } as const;
const fifty = buildDocument(fiftySnapshot, writing(), options);
const generate = await timings(50, 5, () => renderDocument(buildDocument(fiftySnapshot, writing(), options), 'docx'));
const lines = renderTxt(fifty).split('\n');
const plain = await timings(50, 5, () =>
  Packer.toBuffer(new Document({ sections: [{ children: lines.map((text) => new Paragraph({ text })) }] })),
);

const chars = notice.text.length;
console.log(`notice parsed: ${notice.source}, ${chars} characters, ${notice.text.split('\n').length} lines`);
console.log(
  `notice generated: ${fifty.totals.items} items, ${fifty.totals.measures} measures, ${lines.length} paragraphs\n`,
);
console.log('| case | p50 ms | p95 ms | baseline | baseline p50 ms | baseline p95 ms | p50 ratio | budget |');
console.log('|---|---:|---:|---|---:|---:|---:|---|');
console.log(
  `| parse a seed-sized notice (200 runs) | ${ms(pct(parse, 50))} | ${ms(pct(parse, 95))} | split lines + one regex a line | ${ms(pct(split, 50))} | ${ms(pct(split, 95))} | ${(pct(parse, 50) / pct(split, 50)).toFixed(1)}× | ≤ 20 ms ${pct(parse, 95) <= 20 ? 'met' : 'MISSED'} |`,
);
console.log(
  `| build + render a 50-item .docx (50 runs) | ${ms(pct(generate, 50))} | ${ms(pct(generate, 95))} | Packer, same paragraphs, no styling | ${ms(pct(plain, 50))} | ${ms(pct(plain, 95))} | ${(pct(generate, 50) / pct(plain, 50)).toFixed(1)}× | ≤ 300 ms ${pct(generate, 95) <= 300 ? 'met' : 'MISSED'} |`,
);
