import { Worker } from 'node:worker_threads';
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
  const usualLeft = mode(body.map((b) => b.x0));
  const usualRight = median(body.map((b) => b.x1));
  // Loops, not Math.min(...xs): a long PDF has more lines than a call may take arguments.
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  for (const l of body) {
    if (Math.abs(l.x0 - usualLeft) < size * 4) left = Math.min(left, l.x0);
    if (l.x1 > usualRight - size * 3) right = Math.max(right, l.x1);
  }
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

interface WorkerAnswer {
  id: number;
  pages?: { width: number; height: number; runs: TextRun[] }[];
  refused?: 'pdf_encrypted' | 'pdf_damaged' | 'pdf_too_many_pages';
  reason?: string;
  pageCount?: number;
}

/** A PDF may take this long in the worker; past it the worker is ended and the file refused. */
export const PDF_TIMEOUT_MS = 60_000;
/** An idle worker is ended after this long; the next PDF starts a new one (about a second). */
const IDLE_MS = 5 * 60_000;

interface Waiting {
  resolve: (a: WorkerAnswer) => void;
  reject: (e: unknown) => void;
}

/** The worker in use and the PDFs it is reading; a worker that is ended fails only its own. */
interface Reader {
  worker: Worker;
  pending: Map<number, Waiting>;
  idle: NodeJS.Timeout | null;
}

let current: Reader | null = null;
let nextId = 1;

function failAll(reader: Reader, error: unknown) {
  for (const { reject } of reader.pending.values()) reject(error);
  reader.pending.clear();
}

function retire(reader: Reader) {
  if (current === reader) current = null;
  void reader.worker.terminate();
}

function pdfReader(): Reader {
  if (current) return current;
  // A hostile PDF can make pdfjs allocate without bound: the worker's heap is capped, and the cap ends only it.
  const worker = new Worker(new URL('./pdf-worker.mjs', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: 512 },
    execArgv: [],
  });
  const reader: Reader = { worker, pending: new Map(), idle: null };
  worker.on('message', (message: WorkerAnswer | { ready: true }) => {
    if ('ready' in message) return;
    const waiting = reader.pending.get(message.id);
    reader.pending.delete(message.id);
    waiting?.resolve(message);
  });
  worker.on('error', (error) => {
    if (current === reader) current = null;
    failAll(reader, new NoticeInputError('pdf_damaged', { reason: error.message }));
  });
  worker.on('exit', () => {
    if (current === reader) current = null;
    failAll(reader, new NoticeInputError('pdf_damaged', { reason: 'the PDF reader stopped' }));
  });
  // After the 'message' listener, which refs the worker's port again: unref'd before it, an idle worker kept a CLI
  // (rectify parse, rectify search reindex) or a bench alive until IDLE_MS ended it.
  worker.unref();
  current = reader;
  return reader;
}

function ask(bytes: Uint8Array, maxPages: number, timeoutMs: number): Promise<WorkerAnswer> {
  const reader = pdfReader();
  if (reader.idle) clearTimeout(reader.idle);
  const id = nextId++;
  return new Promise<WorkerAnswer>((resolve, reject) => {
    const timer = setTimeout(() => {
      reader.pending.delete(id);
      reject(new NoticeInputError('pdf_damaged', { reason: `reading took over ${Math.round(timeoutMs / 1000)} s` }));
      // Whatever it is stuck on, the worker is ended; PDFs it was also reading fail and are tried again by their users.
      retire(reader);
    }, timeoutMs);
    reader.pending.set(id, {
      resolve: (a) => {
        clearTimeout(timer);
        resolve(a);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    // A copy is handed over (transferred): pdfjs detaches the buffer it reads, and the caller keeps its bytes.
    const copy = new Uint8Array(bytes);
    reader.worker.postMessage({ id, bytes: copy, maxPages }, [copy.buffer]);
  }).finally(() => {
    if (reader.pending.size === 0 && current === reader) {
      reader.idle = setTimeout(() => {
        if (reader.pending.size === 0) retire(reader);
      }, IDLE_MS);
      reader.idle.unref();
    }
  });
}

/**
 * Reads the text of a PDF page by page and joins it. pdfjs runs in a worker thread (pdf-worker.mjs: no worker of its
 * own, no fonts loaded, no eval), kept for the next PDF while it is used.
 */
export async function pdfText(
  bytes: Uint8Array,
  options: { maxPages?: number; timeoutMs?: number } = {},
): Promise<string> {
  const maxPages = options.maxPages ?? MAX_PDF_PAGES;
  const answer = await ask(bytes, maxPages, options.timeoutMs ?? PDF_TIMEOUT_MS);
  if (answer.refused === 'pdf_encrypted') throw new NoticeInputError('pdf_encrypted', undefined);
  if (answer.refused === 'pdf_too_many_pages') {
    throw new NoticeInputError('pdf_too_many_pages', { pages: answer.pageCount ?? 0, maxPages });
  }
  if (answer.refused || !answer.pages) {
    throw new NoticeInputError('pdf_damaged', { reason: answer.reason ?? 'no pages' });
  }
  const pages: PdfPage[] = answer.pages.map((p) => ({ width: p.width, height: p.height, lines: runsToLines(p.runs) }));
  const text = joinPdfLines(pages);
  if (text.trim() === '') throw new NoticeInputError('pdf_without_text', undefined);
  return text;
}
