import { NoticeInputError } from './input-error.ts';

/**
 * Issue 16: a notice printed to PDF. pdfjs gives positioned runs of text; we rebuild the printed lines, drop what every
 * page repeats (running headers and footers, page numbers) and re-join the lines the printer wrapped into the paragraphs
 * the author wrote, so the analyser sees the same text as from the .docx.
 */

/** One printed line: its text and where it sits (PDF points, y up from the page's bottom). */
export interface PdfLine {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
}

/** A notice is a few pages; a thousand is a hostile or mistaken file, refused before any page is read. */
export const MAX_PDF_PAGES = 1_000;

interface TextRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

const CJK = '\\u2e80-\\u9fff\\u3000-\\u303f\\uff00-\\uffef\\uf900-\\ufaff';
/** pdfjs puts a space wherever a run of Latin text starts a little apart from Chinese; the writer never typed it. */
const SPACE_BEFORE_ASCII = new RegExp(`([${CJK}]) +(?=[\\x21-\\x7e])`, 'g');
const SPACE_AFTER_ASCII = new RegExp(`([\\x21-\\x7e]) +(?=[${CJK}])`, 'g');

/** Runs on one baseline become one line, left to right; a wide gap inside a line (a table's columns) becomes a tab. */
export function runsToLines(runs: TextRun[]): PdfLine[] {
  const sorted = runs
    .filter((r) => r.str !== '' && Number.isFinite(r.x) && Number.isFinite(r.y))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of sorted) {
    const last = groups[groups.length - 1];
    const tolerance = Math.max(1, Math.min(run.size, last?.[0].size ?? run.size) * 0.4);
    if (last && Math.abs(last[0].y - run.y) <= tolerance) last.push(run);
    else groups.push([run]);
  }
  const lines: PdfLine[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    let size = 0;
    for (const run of group) {
      if (run.str.trim() === '') {
        if (text !== '') end = Math.max(end, run.x + run.width);
        continue;
      }
      const gap = run.x - end;
      if (text !== '' && gap > run.size * 1.5) text += '\t';
      else if (text !== '' && gap > run.size * 0.25 && !/\s$/.test(text)) text += ' ';
      text += run.str;
      end = Math.max(end, run.x + run.width);
      size = Math.max(size, run.size);
    }
    text = tidy(text);
    if (text === '') continue;
    const first = group.find((r) => r.str.trim() !== '') ?? group[0];
    lines.push({ text, x0: first.x, x1: end, y: group[0].y, size });
  }
  return lines;
}

function tidy(text: string): string {
  return text
    .replace(/[ \u00a0]+/g, ' ')
    .replace(SPACE_BEFORE_ASCII, '$1')
    .replace(SPACE_AFTER_ASCII, '$1')
    .replace(/ *\t */g, '\t')
    .trim();
}

/** Page numbers as offices print them: — 1 —, - 2 -, 第 3 页 共 5 页, 第3页/共5页, 3/5, Page 3 of 5, a bare 3. */
const PAGE_NUMBER =
  /^(?:[—–\-－~～·•]*\s*\d{1,4}\s*[—–\-－~～·•]*|第\s*\d{1,4}\s*页\s*[，,/／]?\s*(?:共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[，,/／]?\s*第\s*\d{1,4}\s*页|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/i;

export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.replace(/\s+/g, ' ').trim());
}

/** A heading or list form that always starts a paragraph. */
const HEADING =
  /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}(?:[.．](?!\d)|、)|[（(]\d{1,3}[）)]|[①-⑳]|第[一二三四五六七八九十百\d]+[条章节部分]|附件\s*\d*[:：]?$)/;
/** Words that end a sentence: a wrapped line ending with one may still go on, but only an indent or the margin tells. */
const STOP = /[。；;：:！!？?]$/;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The most common value, rounded to a point (the body text's size, its left edge). */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = -1;
  for (const [k, c] of counts) {
    if (c > bestCount || (c === bestCount && k < best)) {
      best = k;
      bestCount = c;
    }
  }
  return best;
}

/** Digits vary from page to page in a running header ("第 3 页"), so they are compared without them. */
const shape = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, '');

/**
 * Drops page numbers and the running headers and footers: a line among the first or last two of a page whose shape
 * recurs at the same place on at least half of the pages (and on two at least).
 */
export function dropPageFurniture(pages: PdfPage[]): PdfPage[] {
  const EDGE = 2;
  const counts = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    const n = page.lines.length;
    page.lines.forEach((line, i) => {
      if (i < EDGE) seen.add(`top:${shape(line.text)}`);
      if (i >= n - EDGE) seen.add(`bottom:${shape(line.text)}`);
    });
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const recurring = (key: string) => pages.length >= 2 && (counts.get(key) ?? 0) >= Math.max(2, pages.length / 2);
  return pages.map((page) => {
    const n = page.lines.length;
    const lines = page.lines.filter((line, i) => {
      const atTop = i < EDGE;
      const atBottom = i >= n - EDGE;
      if (!atTop && !atBottom) return true;
      if (isPageNumber(line.text)) return false;
      if (atTop && recurring(`top:${shape(line.text)}`)) return false;
      if (atBottom && recurring(`bottom:${shape(line.text)}`)) return false;
      return true;
    });
    return { ...page, lines };
  });
}

interface Layout {
  size: number;
  left: number;
  right: number;
  pitch: number;
  indented: boolean;
}

/** The body text's size, left and right edges, line pitch, and whether its paragraphs start with an indent. */
function layoutOf(pages: PdfPage[]): Layout {
  const all = pages.flatMap((p) => p.lines);
  const size = mode(all.map((l) => l.size)) || 12;
  const body = all.filter((l) => Math.abs(l.size - size) <= size * 0.15);
  const left = Math.min(...body.map((l) => l.x0).filter((x) => Math.abs(x - mode(body.map((b) => b.x0))) < size * 4));
  const right = Math.max(...body.map((l) => l.x1).filter((x) => x > median(body.map((b) => b.x1)) - size * 3));
  const gaps: number[] = [];
  for (const page of pages) {
    for (let i = 1; i < page.lines.length; i++) {
      const gap = page.lines[i - 1].y - page.lines[i].y;
      if (gap > 0 && Math.abs(page.lines[i].size - size) <= size * 0.15) gaps.push(gap);
    }
  }
  const indentedCount = body.filter((l) => l.x0 - left > size * 0.8 && l.x0 - left < size * 4).length;
  return {
    size,
    left: Number.isFinite(left) ? left : 0,
    right: Number.isFinite(right) ? right : 0,
    pitch: mode(gaps) || size * 1.5,
    indented: indentedCount >= Math.max(2, body.length * 0.05),
  };
}

function joinText(a: string, b: string): string {
  return /[A-Za-z,]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

/**
 * The pure part of PDF reading: printed lines (page furniture included) to the author's paragraphs, one a line. A line
 * goes on into the next when it reaches the text column's right margin and the next is neither indented (in a document
 * whose paragraphs are) nor a heading; without indents a line ending a sentence (。；：！？) ends its paragraph too. Lines
 * set larger than the body (the title) join while they follow each other at one size.
 */
export function joinPdfLines(input: PdfPage[]): string {
  const pages = dropPageFurniture(input);
  const layout = layoutOf(pages);
  const { size } = layout;
  const paragraphs: string[] = [];
  let prev: PdfLine | null = null;
  let prevPage = -1;
  pages.forEach((page, pageIndex) => {
    for (const line of page.lines) {
      if (prev && continues(prev, line, layout, pageIndex !== prevPage)) {
        paragraphs[paragraphs.length - 1] = joinText(paragraphs[paragraphs.length - 1], line.text);
      } else {
        // A larger title and the body, or a wide gap, keep a blank line between them as the .docx has.
        if (prev && prev.size > size * 1.15 && line.size <= size * 1.15) paragraphs.push('');
        paragraphs.push(line.text);
      }
      prev = line;
      prevPage = pageIndex;
    }
  });
  return paragraphs.join('\n');
}

function continues(prev: PdfLine, next: PdfLine, layout: Layout, newPage: boolean): boolean {
  const { size, left, right, pitch, indented } = layout;
  if (prev.text.includes('\t') || next.text.includes('\t')) return false;
  const big = (l: PdfLine) => l.size > size * 1.15;
  if (big(prev) || big(next)) {
    // A title set over two or three lines: same size, right under each other.
    return (
      big(prev) &&
      big(next) &&
      Math.abs(prev.size - next.size) < 0.5 &&
      !newPage &&
      prev.y - next.y < prev.size * 2 &&
      !STOP.test(prev.text)
    );
  }
  if (!newPage && prev.y - next.y > pitch * 1.6) return false;
  if (HEADING.test(next.text)) return false;
  if (prev.x1 < right - size * 1.6) return false;
  if (indented) return !(next.x0 - left > size * 0.8);
  return !STOP.test(prev.text);
}

function refuse(error: NoticeInputError): never {
  throw error;
}

/** Reads the text of a PDF page by page (pdfjs in this thread: no worker, no fonts loaded, no eval) and joins it. */
export async function pdfText(bytes: Uint8Array, options: { maxPages?: number } = {}): Promise<string> {
  const maxPages = options.maxPages ?? MAX_PDF_PAGES;
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of (and detaches) the buffer it is given; it gets a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if ((error as Error)?.name === 'PasswordException') {
      refuse(new NoticeInputError('pdf_encrypted', undefined));
    }
    refuse(new NoticeInputError('pdf_damaged', { reason: (error as Error)?.message ?? String(error) }));
  }
  try {
    if (doc.numPages > maxPages) {
      refuse(new NoticeInputError('pdf_too_many_pages', { pages: doc.numPages, maxPages }));
    }
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , d, e, f] = item.transform as number[];
        runs.push({
          str: item.str,
          x: e,
          y: f,
          width: item.width,
          size: Math.hypot(a, b) || Math.abs(d) || item.height,
        });
      }
      pages.push({ width, height, lines: runsToLines(runs) });
      page.cleanup();
    }
    const text = joinPdfLines(pages);
    if (text.trim() === '') refuse(new NoticeInputError('pdf_without_text', undefined));
    return text;
  } catch (error) {
    if (error instanceof NoticeInputError) throw error;
    refuse(new NoticeInputError('pdf_damaged', { reason: (error as Error)?.message ?? String(error) }));
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
