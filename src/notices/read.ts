import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';

/** Bad input the user can fix (missing, too large, not text, not a .docx); the CLI prints it without a stack. */
export class NoticeInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'NoticeInputError';
    this.code = code;
  }
}

/** A notice is a few dozen kilobytes; 20 MB is already far beyond any real one and keeps a stray upload harmless. */
export const MAX_NOTICE_BYTES = 20 * 1024 * 1024;
/** document.xml may legitimately inflate well beyond the .docx; this only stops a zip bomb. */
const MAX_DOCUMENT_XML_BYTES = 200 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(1);
}

export interface ReadOptions {
  maxBytes?: number;
}

/**
 * Reads a notice as text: .txt in UTF-8 (or GB18030 when the bytes are not valid UTF-8, as Windows Chinese editors
 * save it), .docx by extracting the paragraphs of word/document.xml. Throws NoticeInputError for anything else.
 */
export async function readNoticeFile(file: string, options: ReadOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_NOTICE_BYTES;
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new NoticeInputError('not_a_file', `这是一个文件夹，不是文件 / ${file} is a directory, not a file`);
    }
    size = info.size;
  } catch (error) {
    if (error instanceof NoticeInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NoticeInputError('not_found', `找不到文件 / file not found: ${file}`);
    throw new NoticeInputError('unreadable', `无法读取文件 / cannot read ${file}: ${code ?? String(error)}`);
  }
  if (size > maxBytes) {
    throw new NoticeInputError(
      'too_large',
      `文件过大（${mb(size)} MB），上限为 ${mb(maxBytes)} MB / file too large (${mb(size)} MB); the limit is ${mb(maxBytes)} MB`,
    );
  }
  if (size === 0) throw new NoticeInputError('empty', `文件为空 / the file is empty: ${file}`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NoticeInputError('unreadable', `无法读取文件 / cannot read ${file}: ${code ?? String(error)}`);
  }
  const ext = path.extname(file).toLowerCase();
  const text = ext === '.docx' || (ext !== '.txt' && startsWith(bytes, ZIP_MAGIC)) ? docxText(bytes) : plainText(bytes);
  if (text.trim() === '') throw new NoticeInputError('empty', `文件中没有文字 / the file contains no text: ${file}`);
  return text;
}

/** Decodes a plain-text notice, refusing bytes that are not text in any encoding we accept. */
export function plainText(bytes: Uint8Array): string {
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new NoticeInputError(
      'legacy_doc',
      '这是旧版 Word (.doc) 文件，请另存为 .docx 或 .txt / this is a legacy Word .doc file; save it as .docx or .txt',
    );
  }
  if (startsWith(bytes, ZIP_MAGIC)) {
    throw new NoticeInputError(
      'not_text',
      '这是压缩包（可能是 .docx），不是纯文本 / this is a zip archive (perhaps a .docx), not plain text',
    );
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
  return new NoticeInputError(
    'not_text',
    '无法识别的文件内容：既不是 UTF-8/GB18030 文本，也不是 .docx / unrecognised content: neither UTF-8/GB18030 text nor .docx',
  );
}

/** Text has almost no control characters; decoded binary junk has them in every few bytes. */
function looksBinary(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  return bad > 8 && bad / Math.max(sample.length, 1) > 0.005;
}

/** Paragraph text of a .docx: one line per w:p (table cells are paragraphs too), w:br breaks the line. */
export function docxText(bytes: Uint8Array): string {
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new NoticeInputError(
      'not_docx',
      '这不是有效的 .docx 文件（不是 zip 压缩格式） / not a valid .docx file (it is not a zip archive)',
    );
  }
  let files: Record<string, Uint8Array>;
  let tooBig = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!/^word\/document\d*\.xml$/.test(f.name)) return false;
        if (f.originalSize > MAX_DOCUMENT_XML_BYTES) {
          tooBig = true;
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    throw new NoticeInputError(
      'not_docx',
      `.docx 文件已损坏，无法解压 / the .docx is damaged and cannot be unzipped (${(error as Error).message})`,
    );
  }
  if (tooBig) {
    throw new NoticeInputError('too_large', '.docx 正文解压后过大 / the .docx body is too large once unzipped');
  }
  const name = files['word/document.xml'] ? 'word/document.xml' : Object.keys(files).sort()[0];
  if (!name) {
    throw new NoticeInputError(
      'not_docx',
      '.docx 中没有 word/document.xml，可能不是 Word 文档 / the .docx has no word/document.xml; it may not be a Word document',
    );
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(files[name]);
  } catch {
    throw new NoticeInputError('not_docx', '.docx 正文编码无效 / the .docx body is not valid UTF-8 XML');
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
