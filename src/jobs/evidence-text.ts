import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../db/database.ts';
import { docxText } from '../notices/read.ts';
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

export const NOTE_NO_OCR = '未安装 OCR（tesseract-ocr、tesseract-ocr-chi-sim），图片中的文字未编入检索';
export const NOTE_NO_TEXT = '此类文件不提取文字，仅按文件名和说明检索';
export const NOTE_UNREADABLE = '文件无法读取文字，仅按文件名和说明检索';

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

/** A PDF's text layer, page by page (scans without one give ''). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
      if (pages.join('\n').length > MAX_TEXT) break;
    }
  } finally {
    await doc.destroy();
  }
  return pages.join('\n');
}

/** An image's text through tesseract (chi_sim+eng). */
export async function ocrText(bytes: Uint8Array, fileName: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-ocr-'));
  try {
    const file = path.join(dir, `in${path.extname(fileName).toLowerCase() || '.png'}`);
    await writeFile(file, bytes);
    const { stdout } = await run('tesseract', [file, 'stdout', '-l', 'chi_sim+eng'], { maxBuffer: 16 * 1024 * 1024 });
    // tesseract spaces out Chinese characters; the index matches substrings, so the spaces between them go.
    return stdout.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What the index reads of one file: its text, or why none. */
export async function evidenceText(
  bytes: Uint8Array,
  fileName: string,
  contentType: string,
): Promise<{ text: string; note: string | null }> {
  try {
    if (contentType === 'application/pdf' || /\.pdf$/i.test(fileName))
      return { text: await pdfText(bytes), note: null };
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

/** Reads every pending evidence file into the index, a few at a time; returns how many it read. */
export async function extractPendingEvidence(db: Db, store: EvidenceStore): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await pendingEvidence(db, 10);
    if (batch.length === 0) return done;
    for (const e of batch) {
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
