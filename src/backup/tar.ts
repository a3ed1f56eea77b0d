import type { Writable } from 'node:stream';

/**
 * A minimal POSIX ustar writer and streaming reader: enough for a backup's flat list of regular files. Written here
 * rather than taken from a package because a backup must stream entries of any size (evidence can be gigabytes) both
 * ways, and a reader must say exactly where a damaged archive goes wrong (a cut-short entry, a bad header).
 */

const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777; // 11 octal digits: 8 GiB − 1; larger sizes use the base-256 form GNU tar reads.

/** Something wrong with the archive itself or one of its entries, named for the operator. */
export class BackupProblem extends Error {
  constructor(
    /** The part at fault: an entry name, "manifest.json", or "archive". */
    readonly part: string,
    /** Which check failed: truncated, checksum, rows, header, missing, unexpected, audit_head, format, … */
    readonly check: string,
    detail: string,
  ) {
    super(`${part}: ${detail}`);
  }
}

function header(name: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar entry name too long: ${name}`);
  nameBytes.copy(block, 0);
  block.write('0000644\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  if (size <= MAX_OCTAL_SIZE) {
    block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  } else {
    // Base-256: the top bit of the first byte set, the number big-endian in the remaining bytes.
    let rest = BigInt(size);
    for (let i = 135; i > 124; i--) {
      block[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    block[124] = 0x80;
  }
  block.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    'ascii',
  );
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function parseSize(field: Buffer): number {
  if (field[0] & 0x80) {
    let value = 0n;
    for (let i = 1; i < field.length; i++) value = (value << 8n) | BigInt(field[i]);
    return Number(value);
  }
  const text = field
    .toString('ascii')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]+$/.test(text)) return Number.NaN;
  return Number.parseInt(text, 8);
}

function headerChecksumValid(block: Buffer): boolean {
  const stored = Number.parseInt(
    block
      .subarray(148, 156)
      .toString('ascii')
      .replace(/[\0 ]+$/, ''),
    8,
  );
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return stored === sum;
}

/** Writes entries one after the other to a stream, waiting for it to drain, so memory stays flat whatever the sizes. */
export class TarWriter {
  constructor(
    private readonly out: Writable,
    private readonly mtime: Date,
  ) {}

  private write(chunk: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.out.once('error', onError);
      const flushed = this.out.write(chunk, (error) => {
        this.out.off('error', onError);
        if (error) reject(error);
      });
      if (flushed) {
        this.out.off('error', onError);
        resolve();
      } else {
        this.out.once('drain', () => {
          this.out.off('error', onError);
          resolve();
        });
      }
    });
  }

  /** One entry of a size known beforehand; the body must deliver exactly that many bytes. */
  async add(name: string, size: number, body: AsyncIterable<Buffer> | Buffer): Promise<void> {
    await this.write(header(name, size, this.mtime));
    let written = 0;
    const chunks = Buffer.isBuffer(body) ? [body] : body;
    for await (const chunk of chunks) {
      written += chunk.length;
      if (written > size) throw new Error(`${name} grew while it was being written (expected ${size} bytes)`);
      await this.write(chunk);
    }
    if (written !== size) throw new Error(`${name} gave ${written} bytes, expected ${size}`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) await this.write(Buffer.alloc(pad));
  }

  /** The end marker: two empty blocks. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
  }
}

/** Pulls exact byte counts out of a stream of chunks. */
class ByteReader {
  private pending: Buffer = Buffer.alloc(0);
  private done = false;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, next.value]) : next.value;
    return true;
  }

  /** Up to n bytes (fewer only at the end of the stream). */
  async take(n: number): Promise<Buffer> {
    while (this.pending.length < n && (await this.fill())) {}
    const out = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(out.length);
    return out;
  }

  /** Chunks adding up to at most n bytes, as they arrive; stops early only at the end of the stream. */
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.pending.length === 0 && !(await this.fill())) return;
      const out = this.pending.subarray(0, Math.min(left, this.pending.length));
      this.pending = this.pending.subarray(out.length);
      left -= out.length;
      yield out;
    }
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** The entry's bytes; throws BackupProblem(truncated) when the archive ends inside it. Read it before the next entry. */
  body: AsyncGenerator<Buffer>;
}

/**
 * The entries of an archive in order. A damaged header, an archive that stops inside an entry, or one that stops
 * without its end marker is a BackupProblem naming where.
 */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source);
  let previous = '(start of the archive)';
  for (;;) {
    const block = await reader.take(BLOCK);
    if (block.length < BLOCK)
      throw new BackupProblem(
        'archive',
        'truncated',
        `the file ends after ${previous} without the end marker (truncated)`,
      );
    if (block.every((b) => b === 0)) return;
    if (!headerChecksumValid(block))
      throw new BackupProblem('archive', 'header', `the entry header after ${previous} is damaged`);
    const nameEnd = block.indexOf(0, 0);
    let name = block.subarray(0, nameEnd < 0 || nameEnd > 100 ? 100 : nameEnd).toString('utf8');
    const prefixEnd = block.indexOf(0, 345);
    const prefix = block.subarray(345, prefixEnd < 0 || prefixEnd > 500 ? 500 : prefixEnd).toString('utf8');
    if (prefix) name = `${prefix}/${name}`;
    const size = parseSize(block.subarray(124, 136));
    if (!Number.isFinite(size) || size < 0)
      throw new BackupProblem(name, 'header', 'the entry header gives no valid size');
    let consumed = 0;
    const body = (async function* () {
      for await (const chunk of reader.chunks(size - consumed)) {
        consumed += chunk.length;
        yield chunk;
      }
      if (consumed < size)
        throw new BackupProblem(name, 'truncated', `cut short: ${consumed} of ${size} bytes present (truncated)`);
    })();
    yield { name, size, body };
    // Whatever the consumer left unread is skipped, then the padding to the next block.
    for await (const chunk of reader.chunks(size - consumed)) consumed += chunk.length;
    if (consumed < size)
      throw new BackupProblem(name, 'truncated', `cut short: ${consumed} of ${size} bytes present (truncated)`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad && (await reader.take(pad)).length < pad)
      throw new BackupProblem('archive', 'truncated', `the file ends inside the padding after ${name} (truncated)`);
    previous = name;
  }
}
