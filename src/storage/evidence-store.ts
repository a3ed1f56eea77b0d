import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appError } from '../errors.ts';

/** Evidence types offices actually file: documents, sheets, scans, photos, archives. */
export const EVIDENCE_TYPES: Record<string, { mime: string; magic: ((b: Buffer) => boolean) | null }> = {
  pdf: { mime: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  png: {
    mime: 'image/png',
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  jpg: { mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: isZip },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: isZip },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: isZip },
  zip: { mime: 'application/zip', magic: isZip },
  doc: { mime: 'application/msword', magic: isOle },
  xls: { mime: 'application/vnd.ms-excel', magic: isOle },
  wps: { mime: 'application/vnd.ms-works', magic: isOle },
  ofd: { mime: 'application/ofd', magic: isZip },
  txt: { mime: 'text/plain', magic: null },
};

function isZip(b: Buffer) {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
function isOle(b: Buffer) {
  return b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

const tooLarge = (maxBytes: number) => appError('file_too_large', { maxBytes }, { maxBytes });

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  contentType: string;
}

/**
 * Content-addressed store under the data folder: files are named by their sha256, so the same scan
 * uploaded twice is kept once and a file's bytes can be checked against its record at any time.
 */
export class EvidenceStore {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Streams an upload to disk while hashing it; refuses unknown types, wrong contents and oversized files. */
  async save(fileName: string, stream: Readable, maxBytes: number): Promise<StoredFile> {
    const ext = path.extname(fileName).slice(1).toLowerCase();
    const type = EVIDENCE_TYPES[ext];
    if (!type) {
      stream.resume();
      throw appError('unsupported_file_type', { ext }, { allowed: Object.keys(EVIDENCE_TYPES) });
    }
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    try {
      await pipeline(
        stream,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > maxBytes) {
              throw tooLarge(maxBytes);
            }
            if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16)]);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(tmp),
      );
      if ((stream as Readable & { truncated?: boolean }).truncated) {
        throw tooLarge(maxBytes);
      }
      if (size === 0) throw appError('empty_file');
      if (type.magic && !type.magic(head)) {
        throw appError('file_type_mismatch', { ext });
      }
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      if (existsSync(target)) await rm(tmp);
      else await rename(tmp, target);
      return { sha256, sizeBytes: size, contentType: type.mime };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async open(sha256: string) {
    const file = this.pathOf(sha256);
    const info = await stat(file).catch(() => null);
    if (!info) throw appError('file_missing');
    return createReadStream(file);
  }
}
