import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RoundSummary, type RoundSummaryRow, summaryTotals } from '../domain/round-summary.ts';
import { renderRoundSummaryXlsx } from '../ledger-io/round-summary.ts';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../test/libreoffice.ts';
import { renderRoundSummaryDocx } from './round-summary.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-round-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A round of `n` units: enough rows (45) that the table runs onto a second printed page. */
function summary(n: number): RoundSummary {
  const rows: RoundSummaryRow[] = Array.from({ length: n }, (_, i) => ({
    unitId: i + 1,
    unit: i % 7 === 0 ? `市城市管理综合行政执法局第${i + 1}分局（市政设施养护中心）` : `市第${i + 1}局`,
    problems: 10 + (i % 5),
    items: 30 + i,
    completed: 20,
    partial: 3,
    inProgress: 5 + i,
    overdue: 2,
    rulesMade: i % 4,
    rulesRevised: i % 3,
    peopleHeld: i % 6,
    fundsFen: i * 1_234_567,
    cluesHandedOver: i % 2,
    cluesDisciplined: i % 3 === 1 ? 1 : 0,
    reportSubmittedOn: i % 3 === 0 ? null : '2026-08-10',
    reportDocNumber: i % 3 === 0 ? null : `〔2026〕${i}号`,
    grade: i % 2 === 0 ? 'good' : null,
  }));
  return { roundId: 1, roundName: '十届市委第一轮巡察', asOf: '2026-08-15', rows, totals: summaryTotals(rows) };
}

const pageText = (pdf: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
const isLandscape = (pdf: string) => {
  const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }));
  return !!m && Number(m[1]) > Number(m[2]);
};
/** The pictures a person looks at, when RECTIFY_KEEP_SUMMARY_PNG names a folder. */
const keep = (pdf: string, name: string) => {
  const folder = process.env.RECTIFY_KEEP_SUMMARY_PNG;
  if (folder) execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(folder, name)]);
};

describe.skipIf(!hasLibreOffice())(
  `LibreOffice opens the round summary${hasLibreOffice() ? '' : ` (skipped: ${LIBREOFFICE_MISSING})`}`,
  () => {
    it('the .xlsx prints A4 landscape, every column on the page, the header again on page 2, the totals last', async () => {
      const s = summary(45);
      const file = path.join(dir, 'summary.xlsx');
      writeFileSync(file, await renderRoundSummaryXlsx(s));
      const { pdf, pages } = await convertToPdf(file, dir);
      expect(pages).toBe(2);
      expect(isLandscape(pdf)).toBe(true);
      const first = pageText(pdf, 1);
      expect(first).toContain('十届市委第一轮巡察整改情况汇总表');
      // The last column is on the page (fit to width), and the header row repeats on the second page.
      expect(first).toContain('评估等次');
      const second = pageText(pdf, 2);
      expect(second).toContain('评估等次');
      expect(second).toContain('问题数');
      expect(second.replace(/\s+/g, '')).toContain('合计（45个单位）');
      keep(pdf, 'round-summary-xlsx');
    }, 180_000);

    it('the .docx 汇总报告 opens: title, the totals as sentences, the table', async () => {
      const s = summary(12);
      const file = path.join(dir, 'summary.docx');
      writeFileSync(file, await renderRoundSummaryDocx(s));
      const { pdf, pages } = await convertToPdf(file, dir);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
      expect(isLandscape(pdf)).toBe(true);
      const text = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1))
        .join('')
        .replace(/\s+/g, '');
      expect(text).toContain('十届市委第一轮巡察整改情况汇总报告');
      expect(text).toContain(`形成整改事项${s.totals.items}项`);
      expect(text).toContain('合计（12个单位）');
      expect(text).toContain('评估等次');
      keep(pdf, 'round-summary-docx');
    }, 180_000);
  },
);
