import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../test/libreoffice.ts';
import { prng, randomSnapshot, writing } from './generate/fixtures.ts';
import { buildDocument, renderDocument } from './generate/index.ts';
import { NoticeInputError, parseNoticeText, readNoticeFile } from './parse.ts';
import {
  dropPageFurniture,
  isPageNumber,
  joinPdfLines,
  type PdfLine,
  type PdfPage,
  pdfText,
  runsToLines,
  type TextRun,
  uprightRuns,
} from './read-pdf.ts';

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

describe('hung punctuation, columns, turned pages, watermarks and seals (the pure part)', () => {
  it('a ， hung past the margin (as Word and WPS print it) stays, and the paragraph goes on', () => {
    const text = joinPdfLines([
      page([
        ['一是完成老旧管网改造12公里，二是建立漏损监测平台', true, true],
        { text: '三是开展专项考核，四是完善长效机制，五是加强队伍建设，', x0: 79.5, x1: 537.5, y: 711, size: 16 },
        ['六是健全制度。', false],
        ['2.项目资金拨付滞后', true],
      ]),
    ]);
    expect(text.split('\n')).toEqual([
      '一是完成老旧管网改造12公里，二是建立漏损监测平台三是开展专项考核，四是完善长效机制，五是加强队伍建设，六是健全制度。',
      '2.项目资金拨付滞后',
    ]);
  });

  const run = (str: string, x: number, y: number, angle = 0, size = 16): TextRun => ({
    str,
    x,
    y,
    width: [...str].reduce((w, ch) => w + (ch < '\u2e80' ? 0.5 : 1), 0) * size,
    size,
    angle,
  });

  it('turns a page whose text runs up the sheet, and drops a diagonal watermark and a seal', () => {
    const turned = uprightRuns([
      run('二、存在问题', 100, 100, 90),
      run('整改结果：完成', 129, 100, 90),
      run('内部资料', 300, 300, 45, 60),
    ]);
    expect(runsToLines(turned).map((l) => l.text)).toEqual(['二、存在问题', '整改结果：完成']);
    // A seal over the signature: its ring (one character at the top runs level) and 专用章 across its foot go.
    const ring = [...'江澜市交通运输局党组'].map((ch, i) => {
      const a = 150 - i * 30;
      const t = (a * Math.PI) / 180;
      return run(ch, 420 + 50 * Math.cos(t), 150 + 50 * Math.sin(t), Math.abs(a - 90) < 2 ? 0 : a - 90, 12);
    });
    const lines = runsToLines([
      run('局党组将持续跟踪阶段性完成事项，巩固整改成果。', 111.5, 200),
      ...ring,
      run('中共江澜市交通运输局党组', 350, 150),
      run('专用章', 400, 115, 0, 9),
      run('2025年12月5日', 370, 121),
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      '局党组将持续跟踪阶段性完成事项，巩固整改成果。',
      '中共江澜市交通运输局党组',
      '2025年12月5日',
    ]);
  });

  it('reads two columns one after the other, and keeps a table’s rows whole', () => {
    // The left column justified: its full lines end at one edge; the right one goes on where the left one stops.
    const left = ['（一）关于落实交通强市', '部署方面', '整改情况：一是制定农村', '公路养护考核办法，二是'];
    const right = ['完成养护检查4轮，三是对', '2个乡镇约谈提醒。', '2.项目审批效率不高', '整改结果：阶段性完成，一'];
    const columns = runsToLines([
      run('中共江澜市交通运输局党组关于巡察整改进展情况的通报', 79.5, 770, 0, 22),
      ...left.flatMap((t, i) => [run(t, 79.5, 700 - i * 29), run(right[i], 312, 700 - i * 29)]),
    ]);
    expect(columns.map((l) => l.text)).toEqual([
      '中共江澜市交通运输局党组关于巡察整改进展情况的通报',
      ...left,
      ...right,
    ]);
    // Three cells a row, or a column as narrow as 完成: a table, read row by row.
    const rows = [
      ['1', '农村公路养护不到位，一是制定考核办法', '完成'],
      ['2', '项目审批效率不高，一是梳理审批事项清单', '阶段性完成'],
      ['3', '违规发放加班补贴，一是清退违规发放补贴', '完成'],
      ['4', '固定资产账实不符，一是开展资产清查工作', '完成'],
    ];
    const table = runsToLines(
      rows.flatMap(([n, problem, status], i) => [
        run(n, 79.5, 700 - i * 29),
        run(problem, 120, 700 - i * 29),
        run(status, 460, 700 - i * 29),
      ]),
    );
    expect(table.map((l) => l.text)).toEqual(rows.map((r) => r.join('\t')));
    const two = runsToLines(
      rows.flatMap(([, problem, status], i) => [run(problem, 79.5, 700 - i * 29), run(status, 460, 700 - i * 29)]),
    );
    expect(two.map((l) => l.text)).toEqual(rows.map(([, p, st]) => `${p}\t${st}`));
    // Fields set side by side by a tab stop: their lines end where their words do, and stay whole.
    const fields = [
      ['联系人：市交通运输局办公室王明', '联系电话：0731-6667788'],
      ['电子邮箱：jtj@jianglan.example.cn', '邮政编码：410000'],
      ['邮政地址：江澜市通衢路8号', '传真：0731-6667789'],
    ];
    const contact = runsToLines(fields.flatMap(([a, b], i) => [run(a, 79.5, 300 - i * 29), run(b, 400, 300 - i * 29)]));
    expect(contact.map((l) => l.text)).toEqual(fields.map(([a, b]) => `${a}\t${b}`));
  });
});

/** A text placed on a page: where its baseline starts, its size, the direction it runs (degrees). */
interface TinyText {
  text: string;
  x: number;
  y: number;
  size?: number;
  angle?: number;
}

/**
 * A PDF written by hand, for what LibreOffice does not print: text at any angle, a page turned by /Rotate, a page that
 * is only a picture. One Type0 font (Identity-H, not embedded) whose ToUnicode map gives each character back.
 */
function tinyPdf(pages: { width?: number; height?: number; rotate?: number; texts?: TinyText[]; image?: boolean }[]) {
  const chars = [...new Set(pages.flatMap((p) => (p.texts ?? []).flatMap((t) => [...t.text])))];
  const cid = (ch: string) => (chars.indexOf(ch) + 1).toString(16).padStart(4, '0');
  const unicode = (ch: string) => (ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0');
  const stream = (dict: string, data: string) => `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;
  const bf: string[] = [];
  for (let i = 0; i < chars.length; i += 100) {
    const part = chars.slice(i, i + 100);
    bf.push(`${part.length} beginbfchar\n${part.map((c) => `<${cid(c)}> <${unicode(c)}>`).join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    ...bf,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '', // the page tree, once the pages are numbered
    '<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>',
    stream('', cmap),
    '<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
    stream(
      '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode',
      '00FFFF00>',
    ),
  ];
  const kids: number[] = [];
  for (const p of pages) {
    const [w, h] = [p.width ?? 595, p.height ?? 842];
    const ops = p.image ? [`q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q`] : [];
    for (const t of p.texts ?? []) {
      const r = ((t.angle ?? 0) * Math.PI) / 180;
      const [c, s] = [Math.cos(r), Math.sin(r)].map((v) => Number(v.toFixed(6)));
      ops.push(
        `BT /F1 ${t.size ?? 16} Tf ${c} ${s} ${-s} ${c} ${t.x} ${t.y} Tm <${[...t.text].map(cid).join('')}> Tj ET`,
      );
    }
    objects.push(stream('', ops.join('\n')));
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] ${p.rotate ? `/Rotate ${p.rotate} ` : ''}/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 7 0 R >> >> /Contents ${objects.length} 0 R >>`,
    );
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.7\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

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

describe('pdfText: pages LibreOffice does not make', () => {
  it('reads a landscape page printed sideways (/Rotate 90) among portrait ones, without the watermark', async () => {
    const text = await pdfText(
      tinyPdf([
        {
          texts: [
            { text: '一、履行巡察整改主体责任情况', x: 111.5, y: 740 },
            { text: '局党组成立巡察整改工作领导小组，召开专题会议5次，建立', x: 111.5, y: 711 },
            { text: '整改台账，实行对账销号。', x: 79.5, y: 682 },
            { text: '内部资料', x: 180, y: 300, size: 60, angle: 45 },
          ],
        },
        {
          rotate: 90,
          texts: [
            { text: '二、巡察反馈问题整改落实情况', x: 100, y: 100, angle: 90 },
            { text: '1.农村公路养护不到位', x: 129, y: 100, angle: 90 },
            { text: '整改结果：完成', x: 158, y: 100, angle: 90 },
            { text: '内部资料', x: 300, y: 300, size: 60, angle: 135 },
          ],
        },
      ]),
    );
    expect(text.split('\n')).toEqual([
      '一、履行巡察整改主体责任情况',
      '局党组成立巡察整改工作领导小组，召开专题会议5次，建立整改台账，实行对账销号。',
      '二、巡察反馈问题整改落实情况',
      '1.农村公路养护不到位',
      '整改结果：完成',
    ]);
  });

  it('refuses a scan (pictures, no text layer, or only a stamp’s words) in Chinese', async () => {
    for (const pages of [
      [{ image: true }, { image: true }],
      [{ image: true, texts: [{ text: '内部资料', x: 250, y: 800 }] }, { image: true }],
    ]) {
      const err = await pdfText(tinyPdf(pages)).catch((e) => e);
      expect(err).toBeInstanceOf(NoticeInputError);
      expect(err.key).toBe('pdf_without_text');
      expect(err.messageIn('zh')).toBe('PDF 中没有文字层（可能是扫描件），请上传原始 .docx 或文字版 PDF');
    }
  });
});

/** What the brief asks the PDF to give back: the items, statuses, measures and totals. */
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
      // The measures word for word: a comma LibreOffice hung past the margin used to be missing from its PDF.
      items: s.items.map((i) => ({ number: i.number, title: i.title, status: i.status, measures: i.measures })),
    })),
  };
}

describe.skipIf(!hasLibreOffice())(
  `notices printed to PDF read back as their .docx${hasLibreOffice() ? '' : ` (skipped: ${LIBREOFFICE_MISSING})`}`,
  () => {
    it('ledger → notice .docx → PDF → parse: the same items, statuses, measures and totals (6 ledgers)', async () => {
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

    it('a ， or 。 at the right margin survives our .docx → PDF (LibreOffice used to leave a hung mark out)', async () => {
      const doc = buildDocument(randomSnapshot(5, { items: 3 }), writing(), {
        kind: 'notice',
        publicVersion: true,
        today: '2026-11-20',
      });
      // 26 characters fill the indented first line and 28 the next: the mark falls 53rd to 57th, the 55th hanging.
      const head =
        '根据市委统一部署市委第六巡察组对市水务局进行了巡察现将整改情况予以公布如下一是建立问题台账逐项销号网络安全全面规范二是建立问题台账逐项销号财务报销按期';
      const paragraphs = Array.from(
        { length: 10 },
        (_, i) => `${head.slice(0, 52 + (i >> 1))}${i % 2 ? '。' : '，'}二是建立漏损监测平台，三是开展专项考核。`,
      );
      doc.blocks.push(...paragraphs.map((text) => ({ type: 'paragraph' as const, text, role: 'body' as const })));
      const docx = path.join(dir, 'margin-marks.docx');
      writeFileSync(docx, await renderDocument(doc, 'docx'));
      const { pdf } = await convertToPdf(docx, dir);
      const lines = (await readNoticeFile(pdf)).split('\n');
      for (const p of paragraphs) expect(lines, p).toContain(p);
    }, 120_000);

    it('a page in two columns and a landscape page read in order: the same notice as its text', async () => {
      const { AlignmentType, Document, LineRuleType, Packer, PageOrientation, Paragraph, SectionType, TextRun } =
        await import('docx');
      const text = readFileSync(path.join(import.meta.dirname, 'fixtures', 'clean-notice.txt'), 'utf8');
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      const font = { ascii: '仿宋_GB2312', hAnsi: '仿宋_GB2312', eastAsia: '仿宋_GB2312' };
      const para = (t: string, title = false) =>
        new Paragraph({
          alignment: title ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
          overflowPunctuation: true,
          spacing: { line: title ? 700 : 578, lineRule: LineRuleType.EXACT },
          indent: title ? undefined : { firstLine: 640 },
          children: [new TextRun({ text: t, font, size: title ? 44 : 32 })],
        });
      // Part 二 set in two columns under part 一, from （二） on a landscape page.
      const two = lines.findIndex((l) => l.startsWith('二、'));
      const wide = lines.findIndex((l) => l.startsWith('（二）'));
      const size = { width: 11906, height: 16838 };
      const margin = { top: 2098, bottom: 1984, left: 1587, right: 1474 };
      const docx = path.join(dir, 'columns.docx');
      const document = new Document({
        sections: [
          { properties: { page: { size, margin } }, children: lines.slice(0, two).map((l, i) => para(l, i === 0)) },
          {
            properties: { type: SectionType.CONTINUOUS, column: { count: 2, space: 567 }, page: { size, margin } },
            children: lines.slice(two, wide).map((l) => para(l)),
          },
          {
            properties: {
              type: SectionType.NEXT_PAGE,
              page: { size: { ...size, orientation: PageOrientation.LANDSCAPE }, margin },
            },
            children: lines.slice(wide).map((l) => para(l)),
          },
        ],
      });
      writeFileSync(docx, await Packer.toBuffer(document));
      const { pdf, pages } = await convertToPdf(docx, dir);
      expect(pages).toBe(3);
      const read = await readNoticeFile(pdf);
      // The paragraph that runs from the foot of the left column to the top of the right one is whole.
      expect(read.split('\n')).toContain(
        '整改情况：一是制定农村公路养护考核办法；二是完成养护检查4轮；三是对2个乡镇约谈提醒。',
      );
      const { warnings: _a, ...fromPdf } = parseNoticeText(read);
      const { warnings: _b, ...fromText } = parseNoticeText(text);
      expect(fromPdf).toEqual(fromText);
    }, 120_000);

    it('a PDF that asks a password to open is refused in Chinese; one that only restricts printing reads', async () => {
      const export_ = (name: string, options: Record<string, { type: string; value: string }>) => {
        const out = path.join(dir, name);
        execFileSync(
          'soffice',
          [
            `-env:UserInstallation=file://${dir}/lo-${name}`,
            '--headless',
            '--convert-to',
            `pdf:writer_pdf_Export:${JSON.stringify(options)}`,
            '--outdir',
            out,
            path.join(dir, 'short.txt'),
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        return readFileSync(path.join(out, 'short.pdf'));
      };
      writeFileSync(
        path.join(dir, 'short.txt'),
        readFileSync(path.join(import.meta.dirname, 'fixtures', 'clean-notice.txt')),
      );
      const locked = export_('locked', {
        EncryptFile: { type: 'boolean', value: 'true' },
        DocumentOpenPassword: { type: 'string', value: 'x' },
      });
      const err = await pdfText(locked).catch((e) => e);
      expect(err).toBeInstanceOf(NoticeInputError);
      expect(err.key).toBe('pdf_encrypted');
      expect(err.messageIn('zh')).toBe('PDF 文件设有密码，请去除密码后再上传');
      const restricted = export_('restricted', {
        RestrictPermissions: { type: 'boolean', value: 'true' },
        PermissionPassword: { type: 'string', value: 'y' },
        Printing: { type: 'long', value: '0' },
        EnableCopyingOfContent: { type: 'boolean', value: 'false' },
      });
      expect(restricted.includes('/Encrypt')).toBe(true);
      expect(parseNoticeText(await pdfText(restricted)).title).toBe(
        '中共江澜市交通运输局党组关于十三届市委第三轮巡察整改进展情况的通报',
      );
    }, 120_000);

    it('a legacy .doc and a .wps (the same bytes) read through LibreOffice as the .docx', async () => {
      const doc = buildDocument(randomSnapshot(7, { items: 12 }), writing(), {
        kind: 'notice',
        publicVersion: true,
        today: '2026-11-20',
      });
      const docx = path.join(dir, 'legacy.docx');
      writeFileSync(docx, await renderDocument(doc, 'docx'));
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
