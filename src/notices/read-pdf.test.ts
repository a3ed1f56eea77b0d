import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../test/libreoffice.ts';
import { prng, randomSnapshot, writing } from './generate/fixtures.ts';
import { buildDocument, renderDocument } from './generate/index.ts';
import { NoticeInputError, parseNoticeText, readNoticeFile } from './parse.ts';
import { dropPageFurniture, isPageNumber, joinPdfLines, type PdfLine, type PdfPage, pdfText } from './read-pdf.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-read-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A page laid out as LibreOffice sets a GB/T 9704 notice: 16 pt body, 28 characters between x=79.5 and x=521.5, the
 * first line of a paragraph indented two characters; each line given as [text, indented?, full width?].
 */
function page(
  rows: ([string, boolean?, boolean?] | PdfLine)[],
  opts: { header?: string; footer?: string } = {},
): PdfPage {
  const lines: PdfLine[] = [];
  let y = 740;
  if (opts.header) lines.push({ text: opts.header, x0: 250, x1: 350, y: 800, size: 10.5 });
  for (const row of rows) {
    if (!Array.isArray(row)) {
      lines.push(row);
      y = row.y - 29;
      continue;
    }
    const [text, indented = false, full = false] = row;
    const x0 = indented ? 111.5 : 79.5;
    lines.push({
      text,
      x0,
      x1: full ? 521.5 : x0 + Math.min(text.length * 16, 420 - (indented ? 32 : 0)),
      y,
      size: 16,
    });
    y -= 29;
  }
  if (opts.footer) lines.push({ text: opts.footer, x0: 280, x1: 320, y: 66, size: 14 });
  return { width: 595, height: 842, lines };
}

describe('joinPdfLines (the pure part)', () => {
  it('re-joins wrapped lines into paragraphs by the margin and the first-line indent', () => {
    const text = joinPdfLines([
      page(
        [
          { text: '中共江澜市水务局党组关于', x0: 150, x1: 450, y: 760, size: 22 },
          { text: '十三届市委第二轮巡察整改进展情况的通报', x0: 110, x1: 490, y: 726, size: 22 },
          ['根据市委统一部署，2025年3月3日至4月28日，市委第六巡察', true, true],
          ['组对市水务局进行了巡察。', false, false],
          ['一、履行巡察整改主体责任情况', true],
          ['（一）关于落实全面从严治党战略部署方面存在的问题和不足之', true, true],
          ['处', false],
          ['1.供水管网漏损率偏高（完成）', true],
          ['一是完成老旧管网改造12公里。二是建立漏损监测平台。', true, true],
          ['三是开展专项考核。', false],
          ['2.项目资金拨付滞后', true],
        ],
        { footer: '— 1 —' },
      ),
    ]);
    expect(text.split('\n')).toEqual([
      '中共江澜市水务局党组关于十三届市委第二轮巡察整改进展情况的通报',
      '',
      '根据市委统一部署，2025年3月3日至4月28日，市委第六巡察组对市水务局进行了巡察。',
      '一、履行巡察整改主体责任情况',
      '（一）关于落实全面从严治党战略部署方面存在的问题和不足之处',
      '1.供水管网漏损率偏高（完成）',
      // The line ends with 。 at the margin, yet the next is not indented: the same paragraph goes on.
      '一是完成老旧管网改造12公里。二是建立漏损监测平台。三是开展专项考核。',
      '2.项目资金拨付滞后',
    ]);
  });

  it('carries a paragraph over a page break and drops running headers and page numbers of every form', () => {
    const header = '江澜市水务局巡察整改进展情况';
    const text = joinPdfLines([
      page([['一是完成老旧管网改造12公里，二是建立漏损监测', true, true]], { header, footer: '- 1 -' }),
      page(
        [
          ['平台，三是开展专项考核。', false],
          ['2.项目资金拨付滞后', true],
        ],
        { header, footer: '第 2 页 共 3 页' },
      ),
      page([['整改结果：完成', true]], { header, footer: '第3页/共3页' }),
    ]);
    expect(text.split('\n')).toEqual([
      '一是完成老旧管网改造12公里，二是建立漏损监测平台，三是开展专项考核。',
      '2.项目资金拨付滞后',
      '整改结果：完成',
    ]);
  });

  it('without first-line indents, a line ending a sentence or a short line ends its paragraph', () => {
    const text = joinPdfLines([
      page([
        ['一是完成老旧管网改造12公里，二是建立漏损监测平台，三是开展', false, true],
        ['专项考核。', false],
        ['整改结果：完成，整改期限为二〇二五年六月底前，责任单位为局办', false, true],
        ['公室。', false],
        ['整改情况：已完成管网改造，漏损率由百分之十五下降到百分之九。', false, true],
        ['2.项目资金拨付滞后', false],
      ]),
    ]);
    expect(text.split('\n')).toEqual([
      '一是完成老旧管网改造12公里，二是建立漏损监测平台，三是开展专项考核。',
      '整改结果：完成，整改期限为二〇二五年六月底前，责任单位为局办公室。',
      '整改情况：已完成管网改造，漏损率由百分之十五下降到百分之九。',
      '2.项目资金拨付滞后',
    ]);
  });

  it('keeps table rows (cells far apart) as lines of their own', () => {
    const text = joinPdfLines([
      page([
        ['序号\t问题\t整改结果', false, true],
        ['1\t供水管网漏损率偏高\t完成', false, true],
      ]),
    ]);
    expect(text).toBe('序号\t问题\t整改结果\n1\t供水管网漏损率偏高\t完成');
  });

  it('knows page numbers and leaves a body line that only looks alike', () => {
    for (const s of [
      '— 1 —',
      '- 2 -',
      '－3－',
      '第 3 页 共 5 页',
      '第3页',
      '共5页 第3页',
      '3/5',
      '3 / 5',
      'Page 3 of 5',
      '12',
    ])
      expect(isPageNumber(s), s).toBe(true);
    for (const s of ['1.供水管网', '第三条', '一、总体情况', '2025年']) expect(isPageNumber(s), s).toBe(false);
    // A one-page document has no running header to compare with; only the page number goes.
    const [only] = dropPageFurniture([page([['整改结果：完成', true]], { header: '江澜市水务局', footer: '— 1 —' })]);
    expect(only.lines.map((l) => l.text)).toEqual(['江澜市水务局', '整改结果：完成']);
  });
});

describe('pdfText', () => {
  it('refuses a damaged PDF with a coded error, and leaves the globals of this thread as they were', async () => {
    const natives = [Array.prototype.push, JSON.parse, JSON.stringify, globalThis.TextDecoder];
    const err = await pdfText(new TextEncoder().encode('%PDF-1.7\nthis is not a pdf at all')).catch((e) => e);
    expect(err).toBeInstanceOf(NoticeInputError);
    expect(err.key).toBe('pdf_damaged');
    // pdfjs's legacy build swaps core-js versions in for these as it loads; it loads in the worker only.
    expect([Array.prototype.push, JSON.parse, JSON.stringify, globalThis.TextDecoder]).toEqual(natives);
    expect(Array.prototype.push === natives[0]).toBe(true);
  });

  it('refuses a PDF that takes too long, and reads the next one in a new worker', async () => {
    // Megabytes of objects pdfjs has to search for a cross-reference table: far more than a millisecond's work.
    const big = new TextEncoder().encode(`%PDF-1.7\n${'1 0 obj << /Type /Page >> endobj\n'.repeat(200_000)}`);
    const slow = await pdfText(big, { timeoutMs: 1 }).catch((e) => e);
    expect(slow.key).toBe('pdf_damaged');
    expect(slow.message).toMatch(/took over/);
    const next = await pdfText(new TextEncoder().encode('%PDF-1.7\nstill not a pdf')).catch((e) => e);
    expect(next.key).toBe('pdf_damaged');
    expect(next.message).not.toMatch(/took over/);
  }, 60_000);

  it('reads a .pdf by content whatever its name, and refuses one with too many pages', async () => {
    if (!hasLibreOffice()) return;
    const file = path.join(dir, 'short.txt');
    writeFileSync(file, readFileSync(path.join(import.meta.dirname, 'fixtures', 'clean-notice.txt')));
    const { pdf } = await convertToPdf(file, dir);
    const renamed = path.join(dir, 'notice.bin');
    copyFileSync(pdf, renamed);
    expect(parseNoticeText(await readNoticeFile(renamed)).title).toBe(
      '中共江澜市交通运输局党组关于十三届市委第三轮巡察整改进展情况的通报',
    );
    const err = await pdfText(readFileSync(pdf), { maxPages: 0 }).catch((e) => e);
    expect(err.key).toBe('pdf_too_many_pages');
  }, 120_000);
});

/** What the brief asks the PDF to give back: the items, statuses and totals (a PDF may lose a hung comma). */
function essentials(text: string) {
  const n = parseNoticeText(text);
  return {
    title: n.title,
    issuer: n.issuer,
    issued_on: n.issued_on,
    inspection: n.inspection,
    publication_period: n.publication_period,
    contacts: n.contacts,
    stated_totals: n.stated_totals,
    sections: n.sections.map((s) => ({
      heading: s.heading,
      items: s.items.map((i) => ({ number: i.number, title: i.title, status: i.status, measures: i.measure_count })),
    })),
  };
}

describe.skipIf(!hasLibreOffice())(
  `notices printed to PDF read back as their .docx${hasLibreOffice() ? '' : ` (skipped: ${LIBREOFFICE_MISSING})`}`,
  () => {
    it('ledger → notice .docx → PDF → parse: the same items, statuses and totals (6 ledgers)', async () => {
      for (const seed of [3, 17, 41, 88, 123, 170]) {
        const rnd = prng(seed * 7919);
        const doc = buildDocument(
          randomSnapshot(seed, { items: 10 + (seed % 40), withheldRate: rnd() * 0.3 }),
          writing(),
          {
            kind: 'notice',
            publicVersion: rnd() < 0.5,
            today: '2026-11-20',
          },
        );
        const docx = path.join(dir, `ledger-${seed}.docx`);
        writeFileSync(docx, await renderDocument(doc, 'docx'));
        const { pdf, pages } = await convertToPdf(docx, dir);
        expect(pages).toBeGreaterThan(1);
        const fromPdf = essentials(await readNoticeFile(pdf));
        expect(fromPdf, `seed ${seed}`).toEqual(essentials(await readNoticeFile(docx)));
        expect(fromPdf.sections.flatMap((s) => s.items).length).toBeGreaterThan(5);
      }
    }, 300_000);

    it('our own fixtures as plain text → PDF (no indents, a monospaced page) → parse: the same notice', async () => {
      for (const name of ['clean-notice', 'import-notice', 'provincial-xunshi', 'feedback']) {
        const file = path.join(dir, `${name}.txt`);
        const text = readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.txt`), 'utf8');
        writeFileSync(file, text);
        const { pdf } = await convertToPdf(file, dir);
        const { warnings: _a, ...fromPdf } = parseNoticeText(await readNoticeFile(pdf));
        const { warnings: _b, ...fromText } = parseNoticeText(text);
        expect(fromPdf, name).toEqual(fromText);
      }
    }, 300_000);

    it('a legacy .doc and a .wps (the same bytes) read through LibreOffice as the .docx', async () => {
      const doc = buildDocument(randomSnapshot(7, { items: 12 }), writing(), {
        kind: 'notice',
        publicVersion: true,
        today: '2026-11-20',
      });
      const docx = path.join(dir, 'legacy.docx');
      writeFileSync(docx, await renderDocument(doc, 'docx'));
      const { execFileSync } = await import('node:child_process');
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${dir}/lo-doc`, '--headless', '--convert-to', 'doc', '--outdir', dir, docx],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const legacy = path.join(dir, 'legacy.doc');
      expect(readFileSync(legacy).subarray(0, 4)).toEqual(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
      copyFileSync(legacy, path.join(dir, 'legacy.wps'));
      const { warnings: _a, ...want } = parseNoticeText(await readNoticeFile(docx));
      for (const f of ['legacy.doc', 'legacy.wps']) {
        const { warnings: _b, ...got } = parseNoticeText(await readNoticeFile(path.join(dir, f)));
        expect(got, f).toEqual(want);
      }
    }, 300_000);
  },
);
