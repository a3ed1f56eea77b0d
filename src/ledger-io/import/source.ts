import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
// Loaded when a workbook is made, not at start: exceljs is about 30 MB of every server process's memory.
import type ExcelJS from 'exceljs';
import { AppError, appError } from '../../errors.ts';
import { type GuardedZip, openGuardedZip, type ZipEntry, zipFile } from '../zip-guard.ts';
import type { CellValue } from './cells.ts';

/** One sheet of the file, its rows read lazily (each sheet must be read to its end before the next one starts). */
export interface SheetSource {
  name: string;
  hidden: boolean;
  rows: AsyncIterable<{ number: number; cells: CellValue[] }>;
}

export interface ReadLimits {
  /** Bytes all parts of an .xlsx may expand to, declared and actual. */
  maxExpandedBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxExpandedBytes: 512 * 1024 * 1024 };

/** Columns past this are ignored: no ledger is that wide, and a stray cell at XFD1 must not cost a 16,384-wide row. */
const MAX_COLUMNS = 64;

/** Excel's own limit for one cell; a longer CSV field is not a ledger (an unclosed quote, usually). */
const MAX_CELL_CHARS = 32_767;
const cellTooLong = (line: number) => appError('cell_too_long', { line });

const ERROR_VALUE = /^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

export type FileKind = 'xlsx' | 'csv';

/** What the bytes say the file is; refuses what cannot be a ledger with a message that says what to do. */
export async function sniff(filePath: string): Promise<FileKind> {
  const size = (await stat(filePath)).size;
  if (size === 0) throw appError('empty_file');
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 4096));
    await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
      // A password-protected .xlsx is a compound file holding an "EncryptedPackage" stream; an old .xls is one too.
      const probe = Buffer.alloc(Math.min(size, 4 * 1024 * 1024));
      await handle.read(probe, 0, probe.length, 0);
      if (probe.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
        throw appError('encrypted_workbook');
      }
      throw appError('legacy_xls');
    }
    // WPS and Excel save "Unicode text" as UTF-16 with a byte-order mark, tab-separated.
    if (head[0] === 0xff && head[1] === 0xfe) return 'csv';
    if (head.includes(0)) {
      throw appError('not_a_spreadsheet');
    }
    return 'csv';
  } finally {
    await handle.close();
  }
}

export async function sha256Of(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const corrupt = () => appError('corrupt_workbook');
const tooBig = (limit: number) => appError('workbook_too_large', { limitBytes: limit });

/** More parts than any workbook has; a directory longer than this is a bomb or damage. */
const MAX_WORKBOOK_PARTS = 10_000;

/**
 * Guards the reader against zip bombs before exceljs inflates anything (zip-guard.ts): declared sizes first, then every
 * part inflated once, counting bytes and stopping at the limit.
 */
/** An uploaded workbook's zip, its directory held against the limits; nothing inflated yet. */
async function openWorkbookZip(filePath: string, limits: ReadLimits): Promise<GuardedZip> {
  const zip = await openGuardedZip(
    zipFile(filePath),
    { maxTotalBytes: limits.maxExpandedBytes, maxEntryBytes: limits.maxExpandedBytes, maxEntries: MAX_WORKBOOK_PARTS },
    { tooLarge: () => tooBig(limits.maxExpandedBytes), corrupt },
  );
  if (!zip.entry('xl/workbook.xml')) {
    throw appError('not_a_workbook');
  }
  return zip;
}

/** Guards the reader against zip bombs before exceljs parses anything: every part inflated once, counted, up to the limit. */
export async function checkWorkbookZip(filePath: string, limits: ReadLimits): Promise<void> {
  await (await openWorkbookZip(filePath, limits)).measureAll();
}

type ExcelCell =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { error: string }
  | { richText: { text: string }[] }
  | { text: string; hyperlink: string }
  | { formula?: string; sharedFormula?: string; result?: unknown };

/** A cell as exceljs gives it, reduced to what the importer reads: formulas by their cached result. */
export function plainCell(value: ExcelCell): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return ERROR_VALUE.test(value.trim()) ? { error: value.trim() } : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    // A workbook saved by a program that does not calculate (some generators) has formulas without results.
    if (value.result === undefined || value.result === null) return { error: '' };
    // The streaming reader parses every non-string result as a number, so an error result arrives as NaN.
    if (typeof value.result === 'number' && Number.isNaN(value.result)) return { error: '#?' };
    return plainCell(value.result as ExcelCell);
  }
  if ('text' in value) return String(value.text);
  return null;
}

/**
 * Splits a byte stream only between UTF-8 characters. exceljs's streaming reader decodes every inflated chunk on its own
 * (utils/parse-sax.js, exceljs 4.4.0, issues #2063 and #2084), so a character cut by a chunk's end became two U+FFFD:
 * one Chinese cell in a few hundred of a large sheet, read wrong without a word. The bytes of an unfinished character
 * wait for the next chunk.
 */
export async function* wholeUtf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes: Buffer = carry.length > 0 ? Buffer.concat([carry, Buffer.from(chunk)]) : Buffer.from(chunk);
    let cut = bytes.length;
    // The last character's lead byte lies at most three bytes back; continuation bytes are 10xxxxxx.
    for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
      const byte = bytes[i];
      if ((byte & 0xc0) === 0x80) continue;
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (i + length > bytes.length) cut = i;
      break;
    }
    carry = bytes.subarray(cut);
    if (cut > 0) yield bytes.subarray(0, cut);
  }
  if (carry.length > 0) yield carry;
}

/** Workbook parts exceljs reads before any sheet, in the order it needs them. */
const WORKBOOK_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

type PartParsers = {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
};

let guardedReader: Promise<new (zip: GuardedZip, options: object) => AsyncIterable<unknown>> | null = null;

/**
 * exceljs's WorkbookReader, fed its parts from the guarded zip (zip-guard.ts) by the central directory instead of
 * walking the local headers with unzipper. Its own walk lost the archive's last part now and then (about one read in
 * two hundred, more on a busy machine: xl/workbook.xml, which exceljs writes last, so a sound file was refused as
 * damaged), and it copied every sheet that comes before the shared strings to a temp file. Read by the directory, the
 * parts come in the order the parser needs, every inflated byte under the caps, and each sheet streams straight to
 * the importer.
 */
function guardedWorkbookReader() {
  guardedReader ??= import('exceljs').then(({ default: Excel }: { default: typeof ExcelJS }) => {
    // The parts' parsers are the reader's own (undocumented) methods: a newer exceljs that renames them fails every
    // ledger test loudly rather than reading wrong.
    const Base = Excel.stream.xlsx.WorkbookReader as unknown as new (
      input: string,
      options: object,
    ) => AsyncIterable<unknown> & PartParsers;
    return class GuardedWorkbookReader extends Base {
      constructor(
        private readonly zip: GuardedZip,
        options: object,
      ) {
        super('', options);
      }
      async *parse(): AsyncGenerator<unknown> {
        const part = (name: string) => this.zip.entry(name);
        // exceljs decodes each chunk alone (see wholeUtf8Chunks), so every part is fed whole characters.
        const chunks = (entry: ZipEntry) => wholeUtf8Chunks(this.zip.chunks(entry));
        const stream = (entry: ZipEntry) => Readable.from(chunks(entry), { objectMode: false });
        for (const name of WORKBOOK_PARTS) {
          const entry = part(name);
          if (!entry) continue;
          if (name === 'xl/_rels/workbook.xml.rels') await this._parseRels(stream(entry));
          else if (name === 'xl/workbook.xml') await this._parseWorkbook(stream(entry));
          else if (name === 'xl/sharedStrings.xml') yield* this._parseSharedStrings(stream(entry));
          else await this._parseStyles(stream(entry));
        }
        const sheets = this.zip.entries
          .filter((entry) => WORKSHEET_PART.test(entry.name))
          .sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
        for (const entry of sheets) {
          yield* this._parseWorksheet(chunks(entry), WORKSHEET_PART.exec(entry.name)?.[1] ?? '');
        }
      }
    };
  });
  return guardedReader;
}

async function* xlsxSheets(filePath: string, limits: ReadLimits): AsyncGenerator<SheetSource> {
  const WorkbookReader = await guardedWorkbookReader();
  // A zip of its own: the check before counted every part once against the same budget.
  const reader = new WorkbookReader(await openWorkbookZip(filePath, limits), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as AsyncIterable<{ number: number; values: ExcelCell[] }> & {
        name?: string;
        state?: string;
        id?: number;
      };
      yield {
        name: sheet.name ?? `Sheet${sheet.id ?? ''}`,
        hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden',
        rows: (async function* () {
          try {
            for await (const row of sheet) {
              const values = row.values;
              const width = Math.min(values.length - 1, MAX_COLUMNS);
              const cells: CellValue[] = new Array(Math.max(width, 0));
              for (let c = 0; c < width; c++) cells[c] = plainCell(values[c + 1]);
              yield { number: row.number, cells };
            }
          } catch (error) {
            throw asCorrupt(error);
          }
        })(),
      };
    }
  } catch (error) {
    throw asCorrupt(error);
  }
}

/** The XML parser's and the unzipper's own errors mean a damaged file to the person importing it. */
const asCorrupt = (error: unknown) => (error instanceof AppError ? error : corrupt());

/** .csv as Excel and WPS save it: UTF-8 (with or without BOM), GB18030 or UTF-16; comma or tab separated; RFC 4180 quoting. */
async function* csvSheets(filePath: string, sheetName: string): AsyncGenerator<SheetSource> {
  const encoding = await csvEncoding(filePath);
  yield { name: sheetName, hidden: false, rows: csvRows(filePath, encoding) };
}

type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

async function csvEncoding(filePath: string): Promise<CsvEncoding> {
  const handle = await open(filePath, 'r');
  try {
    const probe = Buffer.alloc(Math.min((await handle.stat()).size, 1024 * 1024));
    await handle.read(probe, 0, probe.length, 0);
    if (probe[0] === 0xff && probe[1] === 0xfe) return 'utf-16le';
    try {
      // stream: true lets a character cut at the probe's end pass; only a real invalid sequence throws.
      new TextDecoder('utf-8', { fatal: true }).decode(probe, { stream: true });
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await handle.close();
  }
}

async function* csvRows(filePath: string, encoding: CsvEncoding) {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let row: CellValue[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let number = 1;
  let separator: string | null = null;
  let pendingCr = false;
  const cell = (text: string): CellValue => (ERROR_VALUE.test(text.trim()) ? { error: text.trim() } : text);
  for await (const chunk of createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw appError('bad_encoding', { line: number, encoding });
    }
    if (number === 1 && row.length === 0 && field === '' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    separator ??=
      (text.split('\n', 1)[0].match(/\t/g)?.length ?? 0) > (text.split('\n', 1)[0].match(/,/g)?.length ?? 0)
        ? '\t'
        : ',';
    const out: { number: number; cells: CellValue[] }[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (pendingCr) {
        pendingCr = false;
        if (ch === '\n') continue;
      }
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else field += ch;
        if (field.length > MAX_CELL_CHARS) throw cellTooLong(number);
        continue;
      }
      if (ch === '"' && field === '' && !afterQuote) {
        quoted = true;
      } else if (ch === separator) {
        if (row.length < MAX_COLUMNS) row.push(cell(field));
        field = '';
        afterQuote = false;
      } else if (ch === '\n' || ch === '\r') {
        if (row.length < MAX_COLUMNS) row.push(cell(field));
        out.push({ number, cells: row });
        number++;
        row = [];
        field = '';
        afterQuote = false;
        pendingCr = ch === '\r';
      } else {
        field += ch;
        if (field.length > MAX_CELL_CHARS) throw cellTooLong(number);
      }
    }
    yield* out;
  }
  if (field !== '' || row.length > 0) {
    row.push(cell(field));
    yield { number, cells: row.slice(0, MAX_COLUMNS) };
  }
}

/** The sheets of a ledger file, whatever it is; bad files are refused before any row is read. */
export async function openLedgerFile(
  filePath: string,
  displayName: string,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<AsyncGenerator<SheetSource>> {
  const kind = await sniff(filePath);
  if (kind === 'xlsx') {
    await checkWorkbookZip(filePath, limits);
    return xlsxSheets(filePath, limits);
  }
  return csvSheets(filePath, displayName.replace(/\.[^.]+$/, '') || 'CSV');
}
