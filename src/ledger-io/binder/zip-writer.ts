import type { Writable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A streaming zip writer with ZIP64, for evidence binders of several GB: entries are written as their bytes arrive, with
 * the sizes and checksum after the data (a data descriptor), and only the central directory (about 100 bytes per entry)
 * is kept until the end. fflate's Zip streams too but writes 32-bit offsets only, which silently corrupts an archive past
 * 4 GiB. Names are flagged UTF-8 (bit 11) so Windows Explorer, WPS and 7-Zip show Chinese names.
 */

const UINT32_MAX = 0xffff_ffff;
const UINT16_MAX = 0xffff;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const VERSION_ZIP64 = 45;
const VERSION_PLAIN = 20;
const DIRECTORY_ATTRIBUTE = 0x10;

interface CentralEntry {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  directory: boolean;
}

export interface ZipWriterOptions {
  /** Shown as the entries' modification time (China Standard Time, as offices read it). */
  modified?: Date;
  /** Sizes and offsets from this value on are written as ZIP64; lowered only by tests, to exercise those records. */
  zip64From?: number;
}

/** MS-DOS date and time of a moment in China Standard Time (zip entries carry local time, without a zone). */
function dosDateTime(moment: Date): { date: number; time: number } {
  const d = new Date(moment.getTime() + 8 * 3600_000);
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** Waits until the output wants more, or fails if it is closed first (a download the browser gave up on). */
function drained(output: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      output.off('drain', onDrain);
      output.off('close', onClose);
      output.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the output was closed before the zip was complete'));
    output.on('drain', onDrain);
    output.on('close', onClose);
    output.on('error', done);
  });
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly stamp: { date: number; time: number };
  private readonly zip64From: number;

  constructor(
    private readonly output: Writable,
    options: ZipWriterOptions = {},
  ) {
    this.stamp = dosDateTime(options.modified ?? new Date());
    this.zip64From = options.zip64From ?? UINT32_MAX;
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.output.destroyed) throw new Error('the output was closed before the zip was complete');
    this.offset += chunk.length;
    if (!this.output.write(chunk)) await drained(this.output);
  }

  /**
   * A local header. A ZIP64 one (the entry starts past, or holds more than, 4 GiB) carries both sizes in its extra field,
   * as Info-ZIP and others expect whenever the central record has one; with a data descriptor they are zero there too.
   */
  private localHeader(name: Buffer, flags: number, method: number, crc: number, compressed: number, size: number) {
    const zip64 = this.offset >= this.zip64From || size >= this.zip64From || compressed >= this.zip64From;
    const descriptor = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
    if (descriptor) [compressed, size] = [0, 0];
    const extra = Buffer.alloc(zip64 ? 20 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(compressed), 12);
    }
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_PLAIN, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(zip64 && !descriptor ? UINT32_MAX : compressed, 18);
    h.writeUInt32LE(zip64 && !descriptor ? UINT32_MAX : size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(extra.length, 28);
    return { header: Buffer.concat([h, name, extra]), zip64 };
  }

  private checkName(name: string): Buffer {
    const bytes = Buffer.from(name, 'utf8');
    if (bytes.length > UINT16_MAX) throw new Error(`zip entry name too long: ${name.slice(0, 50)}…`);
    return bytes;
  }

  /**
   * A file streamed as is (stored): scans, photos and PDFs do not shrink, and copying them is as fast as the disk.
   * `size` is what the file is expected to hold; a different count of bytes is refused, as the archive would lie.
   */
  async addStream(name: string, source: AsyncIterable<Buffer | Uint8Array>, expectedSize: number): Promise<void> {
    const nameBytes = this.checkName(name);
    const offset = this.offset;
    const flags = FLAG_DATA_DESCRIPTOR | FLAG_UTF8;
    // The sizes follow in the descriptor; the expected one decides whether the entry is a ZIP64 one.
    const local = this.localHeader(nameBytes, flags, STORED, 0, expectedSize, expectedSize);
    await this.write(local.header);
    const wide = local.zip64;
    let crc = 0;
    let size = 0;
    for await (const chunk of source) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      crc = crc32(buffer, crc);
      size += buffer.length;
      await this.write(buffer);
    }
    if (size !== expectedSize)
      throw new Error(`${name}: expected ${expectedSize} bytes, read ${size} (the file changed while being copied)`);
    const descriptor = Buffer.alloc(wide ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    if (wide) {
      descriptor.writeBigUInt64LE(BigInt(size), 8);
      descriptor.writeBigUInt64LE(BigInt(size), 16);
    } else {
      descriptor.writeUInt32LE(size, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    await this.write(descriptor);
    this.entries.push({
      name: nameBytes,
      flags,
      method: STORED,
      crc,
      compressedSize: size,
      size,
      offset,
      directory: false,
    });
  }

  /** A small generated file (the indexes), compressed in one go; its sizes are known, so no descriptor is needed. */
  async addDeflated(name: string, content: Buffer): Promise<void> {
    const nameBytes = this.checkName(name);
    const offset = this.offset;
    const compressed = deflateRawSync(content, { level: 6 });
    const crc = crc32(content);
    const flags = FLAG_UTF8;
    await this.write(this.localHeader(nameBytes, flags, DEFLATED, crc, compressed.length, content.length).header);
    await this.write(compressed);
    this.entries.push({
      name: nameBytes,
      flags,
      method: DEFLATED,
      crc,
      compressedSize: compressed.length,
      size: content.length,
      offset,
      directory: false,
    });
  }

  /** An empty folder, so an item without evidence still has its place in the binder. */
  async addDirectory(name: string): Promise<void> {
    const folder = name.endsWith('/') ? name : `${name}/`;
    const nameBytes = this.checkName(folder);
    const offset = this.offset;
    await this.write(this.localHeader(nameBytes, FLAG_UTF8, STORED, 0, 0, 0).header);
    this.entries.push({
      name: nameBytes,
      flags: FLAG_UTF8,
      method: STORED,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset,
      directory: true,
    });
  }

  private centralRecord(e: CentralEntry): Buffer {
    const extra: Buffer[] = [];
    const field = (value: number) => {
      if (value < this.zip64From) return value;
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt(value));
      extra.push(b);
      return UINT32_MAX;
    };
    // The ZIP64 extra field lists only the values that overflowed, in this fixed order.
    const size = field(e.size);
    const compressed = field(e.compressedSize);
    const offset = field(e.offset);
    const extraField = extra.length
      ? Buffer.concat([Buffer.from([0x01, 0x00, extra.length * 8, 0x00]), ...extra])
      : Buffer.alloc(0);
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(VERSION_ZIP64, 4);
    h.writeUInt16LE(extra.length ? VERSION_ZIP64 : VERSION_PLAIN, 6);
    h.writeUInt16LE(e.flags, 8);
    h.writeUInt16LE(e.method, 10);
    h.writeUInt16LE(this.stamp.time, 12);
    h.writeUInt16LE(this.stamp.date, 14);
    h.writeUInt32LE(e.crc, 16);
    h.writeUInt32LE(compressed, 20);
    h.writeUInt32LE(size, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt16LE(extraField.length, 30);
    h.writeUInt16LE(0, 32);
    h.writeUInt16LE(0, 34);
    h.writeUInt16LE(0, 36);
    h.writeUInt32LE(e.directory ? DIRECTORY_ATTRIBUTE : 0, 38);
    h.writeUInt32LE(offset, 42);
    return Buffer.concat([h, e.name, extraField]);
  }

  /** Writes the central directory and the end records, then ends the output. Returns the archive's size. */
  async finish(): Promise<number> {
    const start = this.offset;
    let batch: Buffer[] = [];
    for (const e of this.entries) {
      batch.push(this.centralRecord(e));
      if (batch.length === 1000) {
        await this.write(Buffer.concat(batch));
        batch = [];
      }
    }
    if (batch.length) await this.write(Buffer.concat(batch));
    const size = this.offset - start;
    const count = this.entries.length;
    const zip64 = count >= UINT16_MAX || start >= this.zip64From || size >= this.zip64From;
    if (zip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(VERSION_ZIP64, 12);
      record.writeUInt16LE(VERSION_ZIP64, 14);
      record.writeUInt32LE(0, 16);
      record.writeUInt32LE(0, 20);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(size), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeUInt32LE(0, 4);
      locator.writeBigUInt64LE(BigInt(this.offset), 8);
      locator.writeUInt32LE(1, 16);
      await this.write(Buffer.concat([record, locator]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0, 4);
    end.writeUInt16LE(0, 6);
    end.writeUInt16LE(zip64 ? UINT16_MAX : count, 8);
    end.writeUInt16LE(zip64 ? UINT16_MAX : count, 10);
    end.writeUInt32LE(zip64 ? UINT32_MAX : size, 12);
    end.writeUInt32LE(zip64 ? UINT32_MAX : start, 16);
    end.writeUInt16LE(0, 20);
    await this.write(end);
    this.output.end();
    return this.offset;
  }
}
