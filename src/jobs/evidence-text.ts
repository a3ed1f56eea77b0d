import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../db/database.ts';
import { NoticeInputError } from '../notices/input-error.ts';
import { docxText } from '../notices/read.ts';
import { pdfText } from '../notices/read-pdf.ts';
import { pendingEvidence, setEvidenceText } from '../repositories/search.repository.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';

/**
 * Issue 16: the text of evidence files joins the search index in the background, never in the upload's request. The
 * index rows are the queue: an upload's trigger writes its row 'pending'; this worker reads the file (a PDF's text layer
 * through pdfjs, a .docx's paragraphs, a photo or scan through tesseract's Chinese and English OCR when installed) and
 * writes the text, or 'skipped' with the reason. One worker per database runs at a time; it is kicked after each upload
 * and when the server starts (rows left pending by a server that stopped).
 */

const run = promisify(execFile);
/** The text kept per file: enough for any notice or report, bounded for a scanned book. */
const MAX_TEXT = 200_000;
const IMAGE = /\.(jpe?g|png|tiff?|bmp|gif|webp)$/i;
/** Pages of a scanned PDF read through OCR: a scanned report, not a book (about a minute of OCR per 30 pages here). */
export const MAX_OCR_PAGES = 30;
/** A PDF whose text layer has fewer characters than this is taken for a scan (a stamp or a page number aside). */
const SCAN_MIN_CHARS = 20;

export const NOTE_NO_OCR = '未安装 OCR（tesseract-ocr、tesseract-ocr-chi-sim），图片中的文字未编入检索';
export const NOTE_NO_TEXT = '此类文件不提取文字，仅按文件名和说明检索';
export const NOTE_UNREADABLE = '文件无法读取文字，仅按文件名和说明检索';
export const NOTE_NO_PDFTOPPM = '未安装 poppler-utils（pdftoppm），扫描件 PDF 中的文字未编入检索';
export const noteOcrPagesCut = (pages: number) => `扫描件共 ${pages} 页，仅前 ${MAX_OCR_PAGES} 页的文字编入检索`;

let ocrAvailable: Promise<boolean> | null = null;
/** Whether tesseract with the simplified Chinese model is installed (asked once). */
export function hasOcr(): Promise<boolean> {
  ocrAvailable ??= run('tesseract', ['--list-langs'])
    .then(({ stdout }) => /\bchi_sim\b/.test(stdout))
    .catch(() => false);
  return ocrAvailable;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

/**
 * How tesseract is run. Measured by bench/ocr.ts on 300 dpi pages of a generated notice (2 cores): one OpenMP thread
 * per process and two processes at once read more pages a minute than tesseract's default of every core for one page
 * (its threads mostly wait for each other on Chinese text); `--psm` and the languages are chosen there too.
 */
export interface OcrSettings {
  /** tesseract's -l. */
  lang: string;
  /** --psm (page segmentation); null leaves tesseract's default (3, automatic). */
  psm: number | null;
  /** OMP_THREAD_LIMIT for each process; null leaves tesseract's default (every core). */
  threads: number | null;
  /** --dpi for an image that states none (a photo's 72 dpi is kept); null leaves tesseract's guess. */
  dpi: number | null;
  /** How many tesseract processes run at once in this server. */
  parallel: number;
}

/** What the job ran before issue 16's measurement: one tesseract at a time, all its defaults. */
export const OCR_UNTUNED: OcrSettings = { lang: 'chi_sim+eng', psm: null, threads: null, dpi: null, parallel: 1 };
export const OCR_SETTINGS: OcrSettings = {
  lang: 'chi_sim+eng',
  psm: 6,
  threads: 1,
  dpi: 300,
  parallel: Math.max(1, Math.min(2, availableParallelism())),
};

/** A counting gate: at most `parallel` tesseracts run at once, whoever asks (the job's files, a scan's pages). */
let ocrRunning = 0;
const ocrWaiting: (() => void)[] = [];
async function ocrSlot<T>(parallel: number, work: () => Promise<T>): Promise<T> {
  while (ocrRunning >= parallel) await new Promise<void>((resolve) => ocrWaiting.push(resolve));
  ocrRunning++;
  try {
    return await work();
  } finally {
    ocrRunning--;
    ocrWaiting.shift()?.();
  }
}

/** An image's text through tesseract (chi_sim+eng), in a child process: the event loop is not held. */
export async function ocrText(
  bytes: Uint8Array,
  fileName: string,
  settings: OcrSettings = OCR_SETTINGS,
): Promise<string> {
  return ocrSlot(settings.parallel, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rectify-ocr-'));
    try {
      const file = path.join(dir, `in${path.extname(fileName).toLowerCase() || '.png'}`);
      await writeFile(file, bytes);
      return await tesseract(file, settings, statesDpi(bytes) ? null : settings.dpi);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

/** One tesseract run; `dpi` is told it when the image does not say (null: tesseract guesses). */
async function tesseract(file: string, settings: OcrSettings, dpi: number | null): Promise<string> {
  const args = [file, 'stdout', '-l', settings.lang];
  if (settings.psm !== null) args.push('--psm', String(settings.psm));
  if (dpi !== null) args.push('--dpi', String(dpi));
  const env = settings.threads === null ? process.env : { ...process.env, OMP_THREAD_LIMIT: String(settings.threads) };
  const { stdout } = await run('tesseract', args, { maxBuffer: 16 * 1024 * 1024, env, timeout: 300_000 });
  // tesseract spaces out Chinese characters; the index matches substrings, so the spaces between them go.
  return stdout.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
}

/**
 * Whether an image names its resolution: a PNG's pHYs chunk in metres, a JPEG's JFIF density in dots per inch or
 * centimetre (0 or 1 means "aspect ratio only"). Without one tesseract guesses (often 70 dpi) and reads small print worse.
 */
export function statesDpi(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(1, 4).toString('latin1') === 'PNG') {
    const at = b.indexOf('pHYs', 8, 'latin1');
    return at > 0 && at < 4096 && b[at + 12] === 1 && b.readUInt32BE(at + 4) > 0;
  }
  if (b[0] === 0xff && b[1] === 0xd8) {
    const at = b.indexOf('JFIF\0', 2, 'latin1');
    return at > 0 && at < 64 && b[at + 7] !== 0 && b.readUInt16BE(at + 8) > 1;
  }
  return false;
}

/**
 * A scanned PDF's pages, each drawn by poppler's pdftoppm as a 300 dpi greyscale PGM (raw: PNG's compression cost
 * more than a third of the OCR's time) just before tesseract reads it, in the same OCR slot, so at most `parallel`
 * pages (8.7 MB each for A4) are on disk at once; pages past MAX_OCR_PAGES are left out, and the note says so.
 */
export async function scannedPdfText(
  bytes: Uint8Array,
  settings: OcrSettings = OCR_SETTINGS,
): Promise<{ text: string; note: string | null }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-scan-'));
  try {
    const file = path.join(dir, 'scan.pdf');
    await writeFile(file, bytes);
    let pages: number;
    try {
      const info = await run('pdfinfo', [file], { timeout: 60_000 });
      pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', note: NOTE_NO_PDFTOPPM };
      throw error;
    }
    const read = Math.min(pages, MAX_OCR_PAGES);
    const texts = await Promise.all(
      Array.from({ length: read }, (_, i) =>
        ocrSlot(settings.parallel, async () => {
          const n = String(i + 1);
          const out = path.join(dir, `page-${n}`);
          await run('pdftoppm', ['-r', '300', '-gray', '-f', n, '-l', n, '-singlefile', file, out], {
            timeout: 300_000,
          });
          try {
            return await tesseract(`${out}.pgm`, settings, 300); // as drawn
          } finally {
            await rm(`${out}.pgm`, { force: true });
          }
        }),
      ),
    );
    return { text: texts.join('\n'), note: pages > MAX_OCR_PAGES ? noteOcrPagesCut(pages) : null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A PDF's text: its text layer through read-pdf.ts (pdfjs in a worker thread, lines re-joined into paragraphs, so a
 * word wrapped at a printed line is still found), or, for a scan without one, OCR of its pages.
 */
export async function pdfEvidenceText(bytes: Uint8Array): Promise<{ text: string; note: string | null }> {
  let text = '';
  try {
    text = await pdfText(bytes);
  } catch (error) {
    if (!(error instanceof NoticeInputError && error.key === 'pdf_without_text')) throw error;
  }
  if (text.replace(/\s/g, '').length >= SCAN_MIN_CHARS) return { text, note: null };
  if (!(await hasOcr())) return { text, note: NOTE_NO_OCR };
  const scanned = await scannedPdfText(bytes);
  return { text: [text, scanned.text].filter((t) => t !== '').join('\n'), note: scanned.note };
}

/** What the index reads of one file: its text, or why none. */
export async function evidenceText(
  bytes: Uint8Array,
  fileName: string,
  contentType: string,
): Promise<{ text: string; note: string | null }> {
  try {
    if (contentType === 'application/pdf' || /\.pdf$/i.test(fileName)) return await pdfEvidenceText(bytes);
    if (/\.docx$/i.test(fileName)) return { text: await docxText(bytes), note: null };
    if (/^text\/plain/.test(contentType) || /\.txt$/i.test(fileName))
      return { text: Buffer.from(bytes).toString('utf8'), note: null };
    if (contentType.startsWith('image/') || IMAGE.test(fileName)) {
      if (!(await hasOcr())) return { text: '', note: NOTE_NO_OCR };
      return { text: await ocrText(bytes, fileName), note: null };
    }
    return { text: '', note: NOTE_NO_TEXT };
  } catch {
    return { text: '', note: NOTE_UNREADABLE };
  }
}

/**
 * Reads every pending evidence file into the index, a few at a time (as many at once as tesseracts may run, so the two
 * cores both read scans); returns how many it read. The reading happens in child processes and pdfjs's worker thread.
 */
export async function extractPendingEvidence(db: Db, store: EvidenceStore): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await pendingEvidence(db, 10);
    if (batch.length === 0) return done;
    let next = 0;
    const lane = async () => {
      for (let e = batch[next++]; e !== undefined; e = batch[next++]) {
        let result: { text: string; note: string | null };
        try {
          result = await evidenceText(await readAll(await store.open(e.sha256)), e.file_name, e.content_type);
        } catch {
          result = { text: '', note: NOTE_UNREADABLE };
        }
        // PostgreSQL refuses a NUL in text.
        const text = result.text.replaceAll(String.fromCharCode(0), '').slice(0, MAX_TEXT);
        const body = [e.file_name, e.note ?? '', text].join('\n');
        await setEvidenceText(db, e.id, body, result.note === null ? 'done' : 'skipped', result.note);
        done++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(OCR_SETTINGS.parallel, batch.length) }, lane));
  }
}

const running = new WeakMap<Db, Promise<number>>();
const again = new WeakSet<Db>();

/** Starts the worker on the next turn unless it runs; a kick while it runs makes it look once more when it ends. */
export function kickEvidenceText(db: Db, store: EvidenceStore, log?: (err: unknown) => void): Promise<number> {
  const current = running.get(db);
  if (current) {
    again.add(db);
    return current;
  }
  const work = (async () => {
    await new Promise((r) => setImmediate(r));
    let total = 0;
    do {
      again.delete(db);
      total += await extractPendingEvidence(db, store);
    } while (again.has(db));
    return total;
  })()
    .catch((err) => {
      log?.(err);
      return 0;
    })
    .finally(() => running.delete(db));
  running.set(db, work);
  return work;
}
