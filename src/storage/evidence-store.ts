import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Config, ConfigError } from '../config.ts';
import { appError } from '../errors.ts';
import {
  ChunkEncryptor,
  decryptStream,
  EvidenceCryptoError,
  type EvidenceKey,
  type EvidenceKeyring,
  HEADER_BYTES,
  isEncrypted,
  parseHeader,
  plaintextSize,
  verifyStream,
} from './evidence-crypto.ts';

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

/** What a stored file is on disk: in the clear (written before a key was set) or encrypted under a key. */
export type StoredForm = { encrypted: false } | { encrypted: true; keyId: string; cipher: string };

const SHA256_NAME = /^[0-9a-f]{64}$/;

/** The catalogue refusal for a file that cannot be decrypted, whose words name RECTIFY_EVIDENCE_KEY where the key is the cause. */
export function evidenceCryptoRefusal(error: EvidenceCryptoError) {
  if (error.reason === 'no_key') return appError('evidence_key_missing', { keyId: error.keyId ?? '' });
  if (error.reason === 'unknown_key') return appError('evidence_key_unknown', { keyId: error.keyId ?? '' });
  return appError('evidence_tampered', { reason: error.message });
}

function refusalOf(error: unknown): unknown {
  return error instanceof EvidenceCryptoError ? evidenceCryptoRefusal(error) : error;
}

/** The store the configuration describes: encrypting when RECTIFY_EVIDENCE_KEY is set. */
export function evidenceStoreFor(config: Config): EvidenceStore {
  const keyring: EvidenceKeyring | null = config.evidenceKey
    ? { current: config.evidenceKey, cipher: config.evidenceCipher, older: config.evidenceOldKeys }
    : null;
  return new EvidenceStore(path.join(config.dataDir, 'evidence'), keyring);
}

/**
 * Content-addressed store under the data folder: files are named by the sha256 of their plaintext, so the same scan
 * uploaded twice is kept once and a file's bytes can be checked against its record at any time. With a keyring, files are
 * encrypted while they stream in (src/storage/evidence-crypto.ts) and decrypted while they stream out; files stored before
 * the key was set keep reading until `rectify evidence encrypt` turns them over.
 */
export class EvidenceStore {
  /** Every key a stored file may be under: the current one first, then those of a rotation in progress. */
  readonly readKeys: EvidenceKey[];

  constructor(
    readonly root: string,
    private readonly keyring: EvidenceKeyring | null = null,
    olderKeys: EvidenceKey[] = keyring?.older ?? [],
  ) {
    this.readKeys = keyring ? [keyring.current, ...olderKeys] : [...olderKeys];
  }

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Streams an upload to disk while hashing (and encrypting) it; refuses unknown types, wrong contents and oversized files. */
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
    const encryptor = this.keyring ? new ChunkEncryptor(this.keyring.current, this.keyring.cipher) : null;
    let digest: Buffer | null = null;
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
            if (encryptor) yield* encryptor.push(chunk);
            else yield chunk;
          }
          digest = hash.digest();
          if (encryptor) yield* encryptor.finish(digest);
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
      // A text file stored in the clear must not look like an encrypted one, or reading it would try to decrypt it.
      if (!encryptor && isEncrypted(head)) throw appError('file_type_mismatch', { ext });
      const sha256 = (digest as Buffer | null)?.toString('hex') ?? hash.digest('hex');
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

  /** The file's first bytes: enough to tell an encrypted file and read its header; null when it is not there. */
  private async head(sha256: string): Promise<{ head: Buffer; bytes: number } | null> {
    const handle = await open(this.pathOf(sha256), 'r').catch(() => null);
    if (!handle) return null;
    try {
      const head = Buffer.alloc(HEADER_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
      return { head: head.subarray(0, bytesRead), bytes: (await handle.stat()).size };
    } finally {
      await handle.close();
    }
  }

  async form(sha256: string): Promise<StoredForm> {
    const found = await this.head(sha256);
    if (!found) throw appError('file_missing');
    if (!isEncrypted(found.head)) return { encrypted: false };
    try {
      const { keyId, suite } = parseHeader(found.head);
      return { encrypted: true, keyId: keyId.toString('hex'), cipher: suite.name };
    } catch (error) {
      throw refusalOf(error);
    }
  }

  /** The size of the file's contents (what a download or the binder delivers), not of its ciphertext. */
  async sizeOf(sha256: string): Promise<number> {
    const found = await this.head(sha256);
    if (!found) throw appError('file_missing');
    if (!isEncrypted(found.head)) return found.bytes;
    try {
      return plaintextSize(found.head, found.bytes);
    } catch (error) {
      throw refusalOf(error);
    }
  }

  /**
   * The file's contents as a stream. An encrypted file is authenticated whole before the first byte is handed out (one
   * extra read, memory flat), so a tampered or mismatched file is refused with its own error instead of breaking off a
   * download halfway; the stream then authenticates each chunk again as it decrypts it, in case the file changed since.
   */
  async open(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    const found = await this.head(sha256);
    if (!found) throw appError('file_missing');
    if (!isEncrypted(found.head)) return createReadStream(file);
    const address = Buffer.from(sha256, 'hex');
    const decrypted = () => decryptStream(createReadStream(file) as AsyncIterable<Buffer>, this.readKeys, address);
    try {
      await verifyStream(createReadStream(file) as AsyncIterable<Buffer>, this.readKeys, address);
    } catch (error) {
      throw refusalOf(error);
    }
    return Readable.from(
      (async function* () {
        try {
          yield* decrypted();
        } catch (error) {
          throw refusalOf(error);
        }
      })(),
      { objectMode: false },
    );
  }

  /** Every stored file's address, shard by shard (the upload folder and temporary files skipped). */
  async *addresses(): AsyncGenerator<string> {
    const list = async (dir: string) =>
      (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name));
    for (const a of await list(this.root)) {
      if (!a.isDirectory() || !/^[0-9a-f]{2}$/.test(a.name)) continue;
      for (const b of await list(path.join(this.root, a.name))) {
        if (!b.isDirectory() || !/^[0-9a-f]{2}$/.test(b.name)) continue;
        for (const f of await list(path.join(this.root, a.name, b.name))) {
          if (f.isFile() && SHA256_NAME.test(f.name) && f.name.startsWith(a.name + b.name)) yield f.name;
        }
      }
    }
  }

  /**
   * Refuses to start when stored files are encrypted under a key the configuration does not hold (a wrong
   * RECTIFY_EVIDENCE_KEY, or none): checked on a sample, so a large store does not slow the start.
   */
  async checkKeys(sample = 20): Promise<void> {
    let seen = 0;
    for await (const sha256 of this.addresses()) {
      const form = await this.form(sha256).catch(() => null);
      if (!form?.encrypted) continue;
      if (!this.readKeys.some((k) => k.idHex === form.keyId)) {
        throw new ConfigError([
          this.readKeys.length === 0
            ? `evidence files are encrypted (key ${form.keyId}) but RECTIFY_EVIDENCE_KEY is not set`
            : `RECTIFY_EVIDENCE_KEY (key ${this.readKeys[0].idHex}) is not the key the evidence files are encrypted with (key ${form.keyId}); during a rotation set the previous key as RECTIFY_EVIDENCE_KEY_OLD`,
        ]);
      }
      seen += 1;
      if (seen >= sample) return;
    }
  }
}
