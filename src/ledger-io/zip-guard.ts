import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * The one way the server reads an uploaded zip (an .xlsx ledger, a .docx notice): against zip bombs. Declared sizes are
 * checked from the central directory before anything is inflated, and then every inflated byte is counted while it
 * arrives, because declared sizes can lie; reading stops at the first byte over a part's cap or the archive's total.
 * Inflating goes through zlib's streams, which run on libuv's thread pool in chunks, so a big part never holds the
 * event loop the way a synchronous unzip does (issue 11: a .docx bomb blocked /api/health for 10–14 s).
 */

export interface ZipLimits {
  /** Bytes all parts may expand to together, declared and actually inflated. */
  maxTotalBytes: number;
  /** Bytes any one part may expand to. */
  maxEntryBytes: number;
  /** Parts in the archive: the directory is read whole, so its length is bounded too. */
  maxEntries: number;
}

/** What the caller throws: each reader has its own catalogue keys (a damaged workbook is not a damaged .docx). */
export interface ZipRefusals {
  tooLarge(): Error;
  corrupt(): Error;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Where the archive's bytes are: a file on disk (an .xlsx upload) or a buffer (a .docx upload). */
export interface ZipSource {
  size(): Promise<number>;
  read(position: number, length: number): Promise<Buffer>;
  stream(start: number, length: number): Readable;
}

export function zipFile(filePath: string): ZipSource {
  return {
    size: async () => (await stat(filePath)).size,
    read: async (position, length) => {
      const handle = await open(filePath, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    stream: (start, length) => createReadStream(filePath, { start, end: start + length - 1 }),
  };
}

export function zipBytes(bytes: Uint8Array): ZipSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: async () => buffer.length,
    read: async (position, length) => buffer.subarray(position, position + length),
    // Fed in slices so the inflater, not one giant write, sets the pace.
    stream: (start, length) =>
      Readable.from(
        (function* () {
          for (let p = start; p < start + length; p += 64 * 1024) {
            yield buffer.subarray(p, Math.min(p + 64 * 1024, start + length));
          }
        })(),
      ),
  };
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UINT32_MAX = 0xffffffff;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const STORED = 0;
const DEFLATED = 8;
/** A stored part is read in slices, so a large one is never one allocation. */
const STORED_SLICE = 64 * 1024;

/** An archive whose directory passed the declared-size checks; its parts are inflated only through it. */
export class GuardedZip {
  /** Bytes inflated so far, whatever became of them: the proof that reading stopped at the cap. */
  inflatedBytes = 0;

  constructor(
    private readonly source: ZipSource,
    readonly entries: ZipEntry[],
    private readonly directoryOffset: number,
    private readonly limits: ZipLimits,
    private readonly refusals: ZipRefusals,
  ) {}

  entry(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** A part's bytes, refused as soon as they pass the part's cap or the archive's remaining budget. */
  async read(entry: ZipEntry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.chunks(entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /**
   * Inflates every part once, counting and discarding, so a bomb is refused before a reader acts on any part. The parts
   * must follow each other with no room for an unlisted one between them (a gap of at most a data descriptor): what
   * hides between the listed parts is damage or a trick.
   */
  async measureAll(): Promise<void> {
    let previousEnd = 0;
    const follows = (offset: number) =>
      offset - previousEnd >= 0 && offset - previousEnd <= (previousEnd === 0 ? 0 : 24);
    for (const entry of [...this.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)) {
      if (!follows(entry.localHeaderOffset)) throw this.refusals.corrupt();
      previousEnd = (await this.dataStart(entry)) + entry.compressedSize;
      for await (const _ of this.chunks(entry)) {
        // counted by chunks()
      }
    }
    if (!follows(this.directoryOffset)) throw this.refusals.corrupt();
  }

  private async dataStart(entry: ZipEntry): Promise<number> {
    const local = await this.source.read(entry.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw this.refusals.corrupt();
    return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  }

  /**
   * A part's inflated bytes as they arrive, at the pace of whoever reads them (a parser reading a large sheet holds one
   * chunk at a time), refused at the first byte over the part's cap or the archive's remaining budget.
   */
  async *chunks(entry: ZipEntry): AsyncGenerator<Buffer> {
    const start = await this.dataStart(entry);
    if (start + entry.compressedSize > (await this.source.size())) throw this.refusals.corrupt();
    const partBudget = Math.min(this.limits.maxEntryBytes, this.limits.maxTotalBytes - this.inflatedBytes);
    let part = 0;
    const overBudget = (chunk: Buffer) => {
      part += chunk.length;
      this.inflatedBytes += chunk.length;
      return part > partBudget;
    };
    if (entry.method === STORED) {
      if (entry.compressedSize > partBudget) throw this.refusals.tooLarge();
      for (let p = 0; p < entry.compressedSize; p += STORED_SLICE) {
        const slice = await this.source.read(start + p, Math.min(STORED_SLICE, entry.compressedSize - p));
        if (overBudget(slice)) throw this.refusals.tooLarge();
        yield slice;
      }
      return;
    }
    if (entry.method !== DEFLATED) throw this.refusals.corrupt();
    if (entry.compressedSize === 0) return;
    const input = this.source.stream(start, entry.compressedSize);
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    input.on('error', (error) => inflater.destroy(error));
    input.pipe(inflater);
    let tooLarge = false;
    try {
      for await (const chunk of inflater) {
        if (overBudget(chunk as Buffer)) {
          tooLarge = true;
          break;
        }
        yield chunk as Buffer;
      }
    } catch {
      throw this.refusals.corrupt();
    } finally {
      input.destroy();
      inflater.destroy();
    }
    if (tooLarge) throw this.refusals.tooLarge();
  }
}

/** The central directory, read from the end without inflating anything, held against the declared-size limits. */
export async function openGuardedZip(source: ZipSource, limits: ZipLimits, refusals: ZipRefusals): Promise<GuardedZip> {
  const size = await source.size();
  const tailLength = Math.min(size, 65_557);
  const tail = await source.read(size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refusals.corrupt();
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  // ZIP64 (0xffff parts, 0xffffffff offsets) is refused: no ledger or notice needs it.
  if (cdOffset === UINT32_MAX || count === 0xffff || cdOffset + cdSize > size || cdSize > MAX_DIRECTORY_BYTES) {
    throw refusals.corrupt();
  }
  if (count > limits.maxEntries) throw refusals.tooLarge();
  const cd = await source.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let declared = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw refusals.corrupt();
    const nameLength = cd.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.size === UINT32_MAX || entry.compressedSize === UINT32_MAX) throw refusals.tooLarge();
    if (entry.size > limits.maxEntryBytes) throw refusals.tooLarge();
    declared += entry.size;
    if (declared > limits.maxTotalBytes) throw refusals.tooLarge();
    entries.push(entry);
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return new GuardedZip(source, entries, cdOffset, limits, refusals);
}
