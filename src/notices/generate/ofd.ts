/**
 * Issue 16: the notice, the reports and the 督办通知书 as OFD (GB/T 33190-2016), the format offices keep their documents
 * in. The package is a zip: OFD.xml (the entry: document info and where the document's root is), Doc_0/Document.xml
 * (CommonData with the A4 PhysicalBox and the public resources, the page list), Doc_0/PublicRes.xml (the fonts, named as
 * the .docx names them) and one Doc_0/Pages/Page_N/Content.xml a page, of TextObject/TextCode elements placed in mm with
 * DeltaX for every glyph's advance, and PathObject for rules. The layout itself is ofd-layout.ts. Pure: the same
 * document gives the same bytes.
 */
import { strToU8, zipSync } from 'fflate';
import { type Block, type GeneratedDocument, itemHeading, measuresText, zhDate } from './build.ts';
import { FONTS } from './docx.ts';
import {
  type BlockSpec,
  BODY_LINE_MM,
  BODY_SIZE_PT,
  emWidth,
  type LaidPage,
  layOut,
  MM_PER_PT,
  PAGE_MM,
  type ParagraphSpec,
  RED,
  type Rgb,
  twipsToMm,
} from './ofd-layout.ts';
import type { OrderNotice } from './supervision-notice.ts';

export const OFD_CONTENT_TYPE = 'application/ofd';
const NS = 'http://www.ofdspec.org/2016';

/** The generic family each office face falls back to, for a reader without it. */
const FAMILY: Record<string, string> = {
  [FONTS.body]: '仿宋',
  [FONTS.title]: '宋体',
  [FONTS.level1]: '黑体',
  [FONTS.level2]: '楷体',
  [FONTS.pageNumber]: '宋体',
};

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Characters XML 1.0 cannot carry at all are dropped. */
const xml = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping what XML 1.0 cannot carry is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);
const n = (v: number) => String(Math.round(v * 1000) / 1000);
const rgb = (c: Rgb) => c.join(' ');

/** DeltaX with runs of one advance written as `g count value` (GB/T 33190 11.3): a line of CJK is mostly one run. */
export function compactDeltas(ds: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ds.length; ) {
    let j = i + 1;
    while (j < ds.length && n(ds[j] as number) === n(ds[i] as number)) j++;
    if (j - i >= 3) out.push(`g ${j - i} ${n(ds[i] as number)}`);
    else for (let k = i; k < j; k++) out.push(n(ds[k] as number));
    i = j;
  }
  return out.join(' ');
}

// ——— The notice and the reports: the .docx's styles (docx.ts) as paragraph specs ———

/** The .docx condenses every run by 0.25 pt so 28 characters of 3号 fill the 156 mm line. */
const CONDENSE_PT = -0.25;
const body = (text: string, extra: Partial<ParagraphSpec> = {}): ParagraphSpec => ({
  kind: 'paragraph',
  text,
  font: FONTS.body,
  sizePt: BODY_SIZE_PT,
  spacingPt: CONDENSE_PT,
  align: 'justify',
  indentChars: 2,
  lineMm: BODY_LINE_MM,
  ...extra,
});

function blockSpecs(b: Block): ParagraphSpec[] {
  switch (b.type) {
    case 'heading':
      return [body(b.number + b.text, { font: b.level === 1 ? FONTS.level1 : FONTS.level2, keepNext: true })];
    case 'problem':
      return [body(b.text, { keepNext: true })];
    case 'paragraph':
      return [body(b.text)];
    case 'item': {
      const out = [body(itemHeading(b), { keepNext: true })];
      if (b.facts) out.push(body(b.facts));
      if (b.measures.length > 0) out.push(body(measuresText(b.measures)));
      return out;
    }
  }
}

const widthInChars = (s: string) => Array.from(s).reduce((w, c) => w + emWidth(c), 0);

export function noticeSpecs(doc: GeneratedDocument): BlockSpec[] {
  const specs: ParagraphSpec[] = doc.titleLines.map((text, i) => ({
    kind: 'paragraph',
    text,
    font: FONTS.title,
    sizePt: 22,
    spacingPt: CONDENSE_PT,
    align: 'center',
    lineMm: twipsToMm(700),
    afterMm: i === doc.titleLines.length - 1 ? BODY_LINE_MM : 0,
    keepNext: true,
  }));
  if (doc.addressee) specs.push(body(doc.addressee, { align: 'left', indentChars: 0 }));
  for (const b of doc.blocks) specs.push(...blockSpecs(b));
  // GB/T 9704 allows no page that holds the signature alone: the last paragraph travels with it.
  const last = specs[specs.length - 1] as ParagraphSpec;
  specs[specs.length - 1] = { ...last, keepNext: true };
  // Date four characters from the right margin, signer centred over it (GB/T 9704 7.3.5.1).
  const char = BODY_SIZE_PT * MM_PER_PT + CONDENSE_PT * MM_PER_PT;
  const dateRight = 4 * char;
  const signerRight = Math.max(
    0,
    dateRight + ((widthInChars(doc.signature.date) - widthInChars(doc.signature.signer)) * char) / 2,
  );
  specs.push(
    body(doc.signature.signer, {
      align: 'right',
      indentChars: 0,
      rightIndentMm: signerRight,
      beforeMm: 2 * BODY_LINE_MM,
      keepNext: true,
    }),
    body(doc.signature.date, { align: 'right', indentChars: 0, rightIndentMm: dateRight }),
  );
  return specs;
}

// ——— The 督办通知书 (supervision-notice.ts) ———

export function orderNoticeSpecs(o: OrderNotice): BlockSpec[] {
  const flush = { align: 'left' as const, indentChars: 0, spacingPt: 0 };
  const specs: BlockSpec[] = [
    // 版头: the office's name in red 小标宋, the 文号 under it, the red rule.
    {
      kind: 'paragraph',
      text: o.issuer,
      font: FONTS.title,
      sizePt: widthInChars(o.issuer) > 14 ? 26 : 36,
      align: 'center',
      lineMm: twipsToMm(900),
      afterMm: twipsToMm(240),
      color: RED,
    },
    body(o.docNumber ?? '', {
      ...flush,
      align: 'center',
      afterMm: twipsToMm(120),
      // 18 eighths of a point (2.25 pt), 6 pt below the text, as the .docx's bottom border.
      ruleBelow: { gapMm: 6 * MM_PER_PT, widthMm: 2.25 * MM_PER_PT, color: RED },
    }),
    body('', flush),
  ];
  if (o.recalled) specs.push(body('（已撤回）', { ...flush, align: 'center', font: FONTS.level1, color: RED }));
  specs.push(
    {
      kind: 'paragraph',
      text: '督办通知书',
      font: FONTS.title,
      sizePt: 22,
      align: 'center',
      lineMm: twipsToMm(700),
      afterMm: BODY_LINE_MM,
      keepNext: true,
    },
    body(`${o.unit}：`, flush),
    body(`现就“${o.title}”事项进行督办，具体如下：`, { spacingPt: 0 }),
    ...o.content
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => body(line, { spacingPt: 0 })),
  );
  if (o.items.length > 0) {
    specs.push(
      body(`督办涉及以下 ${o.items.length} 项整改事项：`, { spacingPt: 0, font: FONTS.level1, keepNext: true }),
      {
        kind: 'table',
        columns: [0.08, 0.15, 0.52, 0.25],
        header: ['序号', '编号', '整改事项', '整改期限'],
        rows: o.items.map((item, i) => [
          String(i + 1),
          item.number ?? '—',
          item.title,
          item.deadline ? zhDate(item.deadline) : '—',
        ]),
        alignLeft: [false, false, true, false],
        font: FONTS.body,
        headerFont: FONTS.level1,
        // 小四 in the table, as the .docx.
        sizePt: 12,
        lineMm: 15 * MM_PER_PT,
        paddingMm: 1.4,
      },
    );
  }
  specs.push(
    body(`请于${zhDate(o.dueOn)}前办结，并将办理情况书面报送${o.issuer}。逾期未办结的，将按有关规定进一步督办。`, {
      spacingPt: 0,
      keepNext: true,
    }),
  );
  const char = BODY_SIZE_PT * MM_PER_PT;
  const date = zhDate(o.issuedOn);
  const dateRight = 4 * char;
  const signerRight = Math.max(0, dateRight + ((widthInChars(date) - widthInChars(o.issuer)) * char) / 2);
  specs.push(
    body(o.issuer, {
      ...flush,
      align: 'right',
      rightIndentMm: signerRight,
      beforeMm: 2 * BODY_LINE_MM,
      keepNext: true,
    }),
    body(date, { ...flush, align: 'right', rightIndentMm: dateRight }),
  );
  return specs;
}

// ——— The package ———

export interface OfdMeta {
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** Stable per document, so the same document gives the same bytes. */
  docId: string;
}

function pageContentXml(page: LaidPage, fontIds: Map<string, number>, nextId: () => number): string {
  const objects: string[] = [];
  for (const t of page.texts) {
    const fontId = fontIds.get(t.font) as number;
    const bx = t.x;
    const by = t.top;
    const width = Math.max(t.width, t.sizeMm);
    objects.push(
      `<ofd:TextObject ID="${nextId()}" Boundary="${n(bx)} ${n(by)} ${n(width)} ${n(t.height)}" Font="${fontId}" Size="${n(t.sizeMm)}">` +
        `<ofd:FillColor Value="${rgb(t.color)}"/>` +
        `<ofd:TextCode X="0" Y="${n(t.y - by)}"${t.deltaX.length > 0 ? ` DeltaX="${compactDeltas(t.deltaX)}"` : ''}>${xml(t.text)}</ofd:TextCode>` +
        '</ofd:TextObject>',
    );
  }
  for (const r of page.rules) {
    const x = Math.min(r.x1, r.x2) - r.widthMm / 2;
    const y = Math.min(r.y1, r.y2) - r.widthMm / 2;
    const w = Math.abs(r.x2 - r.x1) + r.widthMm;
    const h = Math.abs(r.y2 - r.y1) + r.widthMm;
    objects.push(
      `<ofd:PathObject ID="${nextId()}" Boundary="${n(x)} ${n(y)} ${n(w)} ${n(h)}" LineWidth="${n(r.widthMm)}" Stroke="true" Fill="false">` +
        `<ofd:StrokeColor Value="${rgb(r.color)}"/>` +
        `<ofd:AbbreviatedData>M ${n(r.x1 - x)} ${n(r.y1 - y)} L ${n(r.x2 - x)} ${n(r.y2 - y)}</ofd:AbbreviatedData>` +
        '</ofd:PathObject>',
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="${nextId()}" Type="Body">${objects.join('')}</ofd:Layer></ofd:Content></ofd:Page>
`;
}

/** Laid-out pages as the OFD zip. */
export function ofdPackage(pages: LaidPage[], meta: OfdMeta): Uint8Array {
  let id = 0;
  const nextId = () => ++id;
  const fonts = [...new Set(pages.flatMap((p) => p.texts.map((t) => t.font)))];
  const fontIds = new Map(fonts.map((f) => [f, nextId()]));
  const pageIds = pages.map(() => nextId());
  const contents = pages.map((p) => pageContentXml(p, fontIds, nextId));
  const files: Record<string, Uint8Array> = {};
  files['OFD.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>${xml(meta.docId)}</ofd:DocID><ofd:Title>${xml(meta.title)}</ofd:Title><ofd:Creator>Rectify</ofd:Creator><ofd:CreationDate>${xml(meta.date)}</ofd:CreationDate></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>
`);
  files['Doc_0/Document.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 ${PAGE_MM.width} ${PAGE_MM.height}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>${pageIds
    .map((pid, i) => `<ofd:Page ID="${pid}" BaseLoc="Pages/Page_${i}/Content.xml"/>`)
    .join('')}</ofd:Pages></ofd:Document>
`);
  files['Doc_0/PublicRes.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res xmlns:ofd="${NS}"><ofd:Fonts>${fonts
    .map((f) => `<ofd:Font ID="${fontIds.get(f)}" FontName="${xml(f)}" FamilyName="${xml(FAMILY[f] ?? f)}"/>`)
    .join('')}</ofd:Fonts></ofd:Res>
`);
  contents.forEach((c, i) => {
    files[`Doc_0/Pages/Page_${i}/Content.xml`] = strToU8(c);
  });
  // A fixed time stamp: the same document, the same bytes.
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

/** A stable 32-hex-digit DocID from the document's text (FNV-1a, four lanes). */
function docIdOf(s: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0xdeadbeef, 0x12345678];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    for (let k = 0; k < 4; k++) lanes[k] = Math.imul((lanes[k] as number) ^ (c + k), 0x01000193) >>> 0;
  }
  return lanes.map((l) => l.toString(16).padStart(8, '0')).join('');
}

export function noticePages(doc: GeneratedDocument): LaidPage[] {
  return layOut(noticeSpecs(doc), { font: FONTS.pageNumber, sizePt: 14, oddEven: true });
}

export function renderOfd(doc: GeneratedDocument): Buffer {
  const pages = noticePages(doc);
  const text = pages.map((p) => p.texts.map((t) => t.text).join('')).join('');
  return Buffer.from(ofdPackage(pages, { title: doc.title, date: doc.issuedOn, docId: docIdOf(text) }));
}

export function orderNoticePages(o: OrderNotice): LaidPage[] {
  // The .docx of the 通知书 carries no page numbers; neither does its OFD.
  return layOut(orderNoticeSpecs(o), null);
}

export function renderOrderNoticeOfd(o: OrderNotice): Buffer {
  const pages = orderNoticePages(o);
  const text = pages.map((p) => p.texts.map((t) => t.text).join('')).join('');
  return Buffer.from(
    ofdPackage(pages, { title: `督办通知书 ${o.docNumber ?? ''}`.trim(), date: o.issuedOn, docId: docIdOf(text) }),
  );
}
