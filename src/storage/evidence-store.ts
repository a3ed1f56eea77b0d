import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type Config, ConfigError } from '../config.ts';
import { appError } from '../errors.ts';
import { type EvidenceBackend, LocalEvidenceBackend, type StagedBytes } from './evidence-backend.ts';
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

/** The catalogue refusal for a file that cannot be decrypted, whose words name RECTIFY_EVIDENCE_KEY where the key is the cause. */
export function evidenceCryptoRefusal(error: EvidenceCryptoError) {
  if (error.reason === 'no_key') return appError('evidence_key_missing', { keyId: error.keyId ?? '' });
  if (error.reason === 'unknown_key') return appError('evidence_key_unknown', { keyId: error.keyId ?? '' });
  return appError('evidence_tampered', { reason: error.message });
}

function refusalOf(error: unknown): unknown {
  return error instanceof EvidenceCryptoError ? evidenceCryptoRefusal(error) : error;
}

/** Where the configuration keeps evidence: the data folder, or the S3 bucket with RECTIFY_STORAGE=s3. */
export async function evidenceBackendFor(
  config: Config,
  kind: 'local' | 's3' = config.storage,
): Promise<EvidenceBackend> {
  if (kind === 'local') return new LocalEvidenceBackend(path.join(config.dataDir, 'evidence'));
  if (!config.s3) throw new ConfigError(['S3 storage needs RECTIFY_S3_ENDPOINT and RECTIFY_S3_BUCKET']);
  // Loaded only when used: the SDK is large, and a server on the local folder never needs it.
  const { S3EvidenceBackend } = await import('./evidence-s3.ts');
  return new S3EvidenceBackend(config.s3);
}

/** The keys the configuration holds: the current one first, then those of a rotation in progress. */
export function keyringOf(config: Config): EvidenceKeyring | null {
  return config.evidenceKey
    ? { current: config.evidenceKey, cipher: config.evidenceCipher, older: config.evidenceOldKeys }
    : null;
}

/** The store the configuration describes: in its storage, encrypting when RECTIFY_EVIDENCE_KEY is set. */
export async function evidenceStoreFor(config: Config): Promise<EvidenceStore> {
  return new EvidenceStore(await evidenceBackendFor(config), keyringOf(config));
}

/**
 * Content-addressed evidence: files are named by the sha256 of their plaintext, so the same scan uploaded twice is kept
 * once and a file's bytes can be checked against its record at any time. The bytes live in a backend (a local folder or
 * an S3 bucket, src/storage/evidence-backend.ts). With a keyring, files are encrypted while they stream in
 * (src/storage/evidence-crypto.ts) and decrypted while they stream out; files stored before the key was set keep reading
 * until `rectify evidence encrypt` turns them over.
 */
export class EvidenceStore {
  /** Every key a stored file may be under: the current one first, then those of a rotation in progress. */
  readonly readKeys: EvidenceKey[];

  readonly backend: EvidenceBackend;

  /** `backend` may be given as a folder: the local backend over it. */
  constructor(
    backend: EvidenceBackend | string,
    private readonly keyring: EvidenceKeyring | null = null,
    olderKeys: EvidenceKey[] = keyring?.older ?? [],
  ) {
    this.backend = typeof backend === 'string' ? new LocalEvidenceBackend(backend) : backend;
    this.readKeys = keyring ? [keyring.current, ...olderKeys] : [...olderKeys];
  }

  /** Streams an upload into the store while hashing (and encrypting) it; refuses unknown types, wrong contents and oversized files. */
  async save(fileName: string, stream: Readable, maxBytes: number): Promise<StoredFile> {
    const ext = path.extname(fileName).slice(1).toLowerCase();
    const type = EVIDENCE_TYPES[ext];
    if (!type) {
      stream.resume();
      throw appError('unsupported_file_type', { ext }, { allowed: Object.keys(EVIDENCE_TYPES) });
    }
    const hash = createHash('sha256');
    const encryptor = this.keyring ? new ChunkEncryptor(this.keyring.current, this.keyring.cipher) : null;
    let digest: Buffer | null = null;
    let size = 0;
    let head = Buffer.alloc(0);
    const stored = Readable.from(
      (async function* () {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
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
      })(),
      { objectMode: false },
    );
    // The backend removes its temporary itself when the upload fails on the way in.
    const staged: StagedBytes = await this.backend.stage(stored, 'upload');
    try {
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
      await staged.commit(sha256);
      return { sha256, sizeBytes: size, contentType: type.mime };
    } catch (error) {
      await staged.discard().catch(() => {});
      throw error;
    }
  }

  /** Whether a file is stored under the address. */
  async has(sha256: string): Promise<boolean> {
    return (await this.backend.head(sha256)) !== null;
  }

  /** The file's first bytes (a range read): enough to tell an encrypted file and read its header; null when it is not there. */
  private async peek(sha256: string): Promise<{ head: Buffer; bytes: number } | null> {
    const found = await this.backend.head(sha256);
    if (!found) return null;
    if (found.bytes === 0) return { head: Buffer.alloc(0), bytes: 0 };
    const stream = await this.backend.read(sha256, { start: 0, end: Math.min(HEADER_BYTES, found.bytes) - 1 });
    if (!stream) return null;
    const parts: Buffer[] = [];
    for await (const part of stream as AsyncIterable<Buffer>) parts.push(part);
    return { head: Buffer.concat(parts).subarray(0, HEADER_BYTES), bytes: found.bytes };
  }

  async form(sha256: string): Promise<StoredForm> {
    const found = await this.peek(sha256);
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
    const found = await this.peek(sha256);
    if (!found) throw appError('file_missing');
    if (!isEncrypted(found.head)) return found.bytes;
    try {
      return plaintextSize(found.head, found.bytes);
    } catch (error) {
      throw refusalOf(error);
    }
  }

  private async stored(sha256: string): Promise<Readable> {
    const stream = await this.backend.read(sha256);
    if (!stream) throw appError('file_missing');
    return stream;
  }

  /**
   * The file's contents as a stream. An encrypted file is authenticated whole before the first byte is handed out (one
   * extra read, memory flat), so a tampered or mismatched file is refused with its own error instead of breaking off a
   * download halfway; the stream then authenticates each chunk again as it decrypts it, in case the file changed since.
   */
  async open(sha256: string): Promise<Readable> {
    const found = await this.peek(sha256);
    if (!found) throw appError('file_missing');
    if (!isEncrypted(found.head)) return this.stored(sha256);
    const address = Buffer.from(sha256, 'hex');
    try {
      await verifyStream((await this.stored(sha256)) as AsyncIterable<Buffer>, this.readKeys, address);
    } catch (error) {
      throw refusalOf(error);
    }
    const decrypted = decryptStream((await this.stored(sha256)) as AsyncIterable<Buffer>, this.readKeys, address);
    return Readable.from(
      (async function* () {
        try {
          yield* decrypted;
        } catch (error) {
          throw refusalOf(error);
        }
      })(),
      { objectMode: false },
    );
  }

  /** Every stored file's address (uploads in progress and temporary files skipped). */
  addresses(): AsyncIterable<string> {
    return this.backend.list();
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
