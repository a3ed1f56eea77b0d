import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type ErrorArgs, type ErrorKey, splitErrorArgs } from '../domain/error-codes.ts';
import { openGuardedZip, type ZipLimits, zipBytes } from '../ledger-io/zip-guard.ts';
import { NoticeInputError } from './input-error.ts';
import { decodeHtmlBytes, htmlNoticeText, looksLikeHtml } from './read-html.ts';
import { officeToDocx } from './read-office.ts';
import { pdfText } from './read-pdf.ts';

export { NoticeInputError };

function refuse<K extends ErrorKey>(key: K, ...args: ErrorArgs<K>): NoticeInputError<K> {
  const { params } = splitErrorArgs(key, args);
  return new NoticeInputError(key, params);
}

/** A notice is a few dozen kilobytes; 20 MB is already far beyond any real one and keeps a stray upload harmless. */
export const MAX_NOTICE_BYTES = 20 * 1024 * 1024;
/**
 * document.xml may inflate well beyond the .docx (a long notice's is a few MB); these caps only stop a zip bomb. The
 * total is what the parts may declare together (images included; only the body is inflated), the entry cap what the
 * body may grow to, a part count no Word document comes near.
 */
const DOCX_LIMITS: ZipLimits = {
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 2_000,
};

const ZIP_MAGIC = [0x50, 0x4b];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export interface ReadOptions {
  maxBytes?: number;
}

/**
 * Reads a notice as text: .txt in UTF-8 (or GB18030 when the bytes are not valid UTF-8, as Windows Chinese editors
 * save it), .docx by extracting the paragraphs of word/document.xml, and (issue 16) .pdf, saved web pages and
 * .doc/.wps (textOfNotice). Throws NoticeInputError for anything else.
 */
export async function readNoticeFile(file: string, options: ReadOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_NOTICE_BYTES;
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw refuse('not_a_file', { file });
    }
    size = info.size;
  } catch (error) {
    if (error instanceof NoticeInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw refuse('file_not_found', { file });
    throw refuse('unreadable', { file, reason: code ?? String(error) });
  }
  if (size > maxBytes) {
    throw refuse('notice_file_too_large', { size, maxBytes });
  }
  if (size === 0) throw refuse('notice_file_empty', { file });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse('unreadable', { file, reason: code ?? String(error) });
  }
  const text = await textOfNotice(bytes, file);
  if (text.trim() === '') throw refuse('notice_without_text', { file });
  return text;
}

/** The kinds of notice file read, by extension; content decides where it disagrees (a .txt that is a saved page). */
export const NOTICE_EXTENSIONS = ['.txt', '.docx', '.pdf', '.html', '.htm', '.doc', '.wps'] as const;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** What the bytes are: by their content first (%PDF-, the OLE and zip headers, a page's markup), then by the name. */
export function noticeKind(bytes: Uint8Array, fileName: string): 'pdf' | 'docx' | 'office' | 'html' | 'text' {
  const ext = path.extname(fileName).toLowerCase();
  // Some writers put a few bytes of junk before the header; PDF readers look in the first kilobyte.
  const head = bytes.subarray(0, 1024);
  if (startsWith(bytes, PDF_MAGIC) || (ext === '.pdf' && Buffer.from(head).includes('%PDF-'))) return 'pdf';
  if (startsWith(bytes, OLE_MAGIC)) return 'office';
  if (startsWith(bytes, ZIP_MAGIC)) return ext === '.txt' ? 'text' : 'docx';
  if (ext === '.docx') return 'docx';
  if (ext === '.pdf') return 'pdf';
  if (ext === '.html' || ext === '.htm' || looksLikeHtml(bytes)) return 'html';
  return 'text';
}

/**
 * A notice's bytes as text, whatever it came as: .txt, .docx, .pdf (its text layer, re-joined into paragraphs), a saved
 * web page (its article), or .doc/.wps through LibreOffice. Shared by the file reader and the web upload.
 */
export async function textOfNotice(bytes: Uint8Array, fileName: string): Promise<string> {
  switch (noticeKind(bytes, fileName)) {
    case 'pdf':
      return pdfText(bytes);
    case 'docx':
      return docxText(bytes);
    case 'office':
      return docxText(await officeToDocx(bytes));
    case 'html':
      return htmlNoticeText(decodeHtmlBytes(bytes));
    default:
      return plainText(bytes);
  }
}

/** Decodes a plain-text notice, refusing bytes that are not text in any encoding we accept. */
export function plainText(bytes: Uint8Array): string {
  if (startsWith(bytes, OLE_MAGIC)) {
    throw refuse('legacy_doc');
  }
  if (startsWith(bytes, ZIP_MAGIC)) {
    throw refuse('zip_not_text');
  }
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      try {
        text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      } catch {
        throw notText();
      }
    }
  }
  if (looksBinary(text)) throw notText();
  return text.replace(/^\uFEFF/, '');
}

function notText(): NoticeInputError {
  return refuse('not_text');
}

/** Text has almost no control characters; decoded binary junk has them in every few bytes. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  return bad > 8 && bad / Math.max(sample.length, 1) > 0.005;
}

/**
 * Paragraph text of a .docx: one line per w:p (table cells are paragraphs too), w:br breaks the line. Read through the
 * zip guard: only the one body part is inflated, counted while it inflates, off the event loop.
 */
export async function docxText(bytes: Uint8Array): Promise<string> {
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw refuse('not_docx');
  }
  let xmlBytes: Buffer;
  try {
    const zip = await openGuardedZip(zipBytes(bytes), DOCX_LIMITS, {
      tooLarge: () => refuse('docx_body_too_large'),
      corrupt: () => refuse('docx_damaged', { reason: 'bad zip structure' }),
    });
    const bodies = zip.entries.filter((e) => /^word\/document\d*\.xml$/.test(e.name));
    const body = zip.entry('word/document.xml') ?? bodies.sort((a, b) => (a.name < b.name ? -1 : 1))[0];
    if (!body) {
      throw refuse('docx_without_document');
    }
    xmlBytes = await zip.read(body);
  } catch (error) {
    if (error instanceof NoticeInputError) throw error;
    throw refuse('docx_damaged', { reason: (error as Error).message });
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(xmlBytes);
  } catch {
    throw refuse('docx_bad_encoding');
  }
  return documentXmlText(xml);
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] !== '#') return ENTITY[e];
    const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * A linear scan of the XML tokens rather than a DOM: document.xml can be tens of megabytes and we only need the text.
 * Text boxes nest paragraphs inside paragraphs, hence the stack; mc:Fallback repeats a text box for old readers.
 */
export function documentXmlText(xml: string): string {
  const lines: string[] = [];
  const stack: string[] = [];
  let inText = false;
  let fallback = 0;
  let props = 0;
  const token = /<([/?!]?)([A-Za-z_][\w.:-]*)?([^>]*)>|([^<]+)/g;
  for (const m of xml.matchAll(token)) {
    if (m[4] !== undefined) {
      if (inText && fallback === 0 && stack.length > 0) stack[stack.length - 1] += decodeEntities(m[4]);
      continue;
    }
    const kind = m[1];
    const name = m[2] ?? '';
    if (kind === '?' || kind === '!') continue;
    const closing = kind === '/';
    const selfClosing = !closing && m[3].endsWith('/');
    if (name === 'mc:Fallback') {
      if (closing) fallback = Math.max(0, fallback - 1);
      else if (!selfClosing) fallback++;
      continue;
    }
    if (fallback > 0) continue;
    switch (name) {
      case 'w:p':
        if (closing) {
          const text = stack.pop();
          if (text !== undefined) lines.push(...text.split('\n'));
        } else if (selfClosing) {
          lines.push('');
        } else {
          stack.push('');
        }
        break;
      case 'w:t':
        inText = !closing && !selfClosing;
        break;
      case 'w:pPr':
      case 'w:rPr':
        if (closing) props = Math.max(0, props - 1);
        else if (!selfClosing) props++;
        break;
      case 'w:tab':
        if (props === 0 && stack.length > 0) stack[stack.length - 1] += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (stack.length > 0) stack[stack.length - 1] += '\n';
        break;
      case 'w:noBreakHyphen':
        if (stack.length > 0) stack[stack.length - 1] += '-';
        break;
      default:
        break;
    }
  }
  while (stack.length > 0) lines.push(...(stack.shift() ?? '').split('\n'));
  return lines.join('\n');
}
