import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  getCiphers,
  getHashes,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { inspect } from 'node:util';
import { decodeKeyText } from '../domain/key-text.ts';

/**
 * Evidence encryption at rest. A file is a 38-byte header, then its plaintext in chunks of CHUNK_BYTES, each encrypted
 * and authenticated on its own, so a 50 MB scan is encrypted while it uploads and decrypted while it downloads without
 * ever being held whole.
 *
 * Header: magic (8) · version (1) · cipher (1) · chunk size (4, big-endian) · key id (8) · salt (16).
 * Each file gets its own keys, HKDF(master key, salt), so nonces are simply the chunk index and chunks of one file can
 * never be spliced into another. Each chunk's associated data is the header, its index, a final flag and, on the final
 * chunk, the SHA-256 of the whole plaintext (the file's content address): reordering, dropping or appending chunks,
 * truncating at a chunk boundary, or putting one stored file in place of another all fail authentication.
 *
 * Ciphers: SM4 (GB/T 32907) where OpenSSL has it. OpenSSL 3 ships SM4 in CBC/CTR/ECB/CFB/OFB but no AEAD mode (no
 * sm4-gcm, sm4-ccm), so the SM4 suite is SM4-CTR with HMAC-SM3 over associated data and ciphertext (encrypt-then-MAC),
 * keys from HKDF-SM3. Otherwise AES-256-GCM, keys from HKDF-SHA-256.
 */

export const MAGIC = Buffer.from([0x89, 0x52, 0x45, 0x56, 0x0d, 0x0a, 0x1a, 0x0a]); // \x89REV\r\n\x1a\n
export const HEADER_BYTES = 38;
const VERSION = 1;
export const CHUNK_BYTES = 64 * 1024;

export type EvidenceCipher = 'sm4' | 'aes-256-gcm';

interface Suite {
  id: number;
  name: EvidenceCipher;
  tagBytes: number;
  /** Per-file keys from the master key and the file's salt. */
  derive(master: Buffer, salt: Buffer): { enc: Buffer; mac: Buffer | null };
  seal(keys: { enc: Buffer; mac: Buffer | null }, index: number, aad: Buffer, plain: Buffer): [Buffer, Buffer];
  /** The plaintext, or null when the tag does not match. */
  open(keys: { enc: Buffer; mac: Buffer | null }, index: number, aad: Buffer, body: Buffer, tag: Buffer): Buffer | null;
  /** Whether the tag matches, at the least cost: for SM4 the MAC alone, without decrypting. */
  check(keys: { enc: Buffer; mac: Buffer | null }, index: number, aad: Buffer, body: Buffer, tag: Buffer): boolean;
}

function gcmNonce(index: number) {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

// The chunk index fills the upper half of the CTR block; a 64 KiB chunk counts 4,096 blocks in the lower half, so the
// keystreams of two chunks never overlap.
function ctrIv(index: number) {
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(index), 0);
  return iv;
}

const AES: Suite = {
  id: 1,
  name: 'aes-256-gcm',
  tagBytes: 16,
  derive: (master, salt) => ({
    enc: Buffer.from(hkdfSync('sha256', master, salt, 'rectify evidence v1 aes-256-gcm', 32)),
    mac: null,
  }),
  seal(keys, index, aad, plain) {
    const cipher = createCipheriv('aes-256-gcm', keys.enc, gcmNonce(index));
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return [body, cipher.getAuthTag()];
  },
  open(keys, index, aad, body, tag) {
    const decipher = createDecipheriv('aes-256-gcm', keys.enc, gcmNonce(index));
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const plain = decipher.update(body);
    try {
      return Buffer.concat([plain, decipher.final()]);
    } catch {
      return null;
    }
  },
  check(keys, index, aad, body, tag) {
    return AES.open(keys, index, aad, body, tag) !== null;
  },
};

function sm3Tag(mac: Buffer, aad: Buffer, body: Buffer) {
  return createHmac('sm3', mac).update(aad).update(body).digest();
}

const SM4: Suite = {
  id: 2,
  name: 'sm4',
  tagBytes: 32,
  derive(master, salt) {
    const okm = Buffer.from(hkdfSync('sm3', master, salt, 'rectify evidence v1 sm4-ctr hmac-sm3', 48));
    return { enc: okm.subarray(0, 16), mac: okm.subarray(16) };
  },
  seal(keys, index, aad, plain) {
    const cipher = createCipheriv('sm4-ctr', keys.enc, ctrIv(index));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return [body, sm3Tag(keys.mac as Buffer, aad, body)];
  },
  open(keys, index, aad, body, tag) {
    // Verify before decrypting: nothing of a forged chunk is ever turned into plaintext.
    if (!timingSafeEqual(sm3Tag(keys.mac as Buffer, aad, body), tag)) return null;
    const decipher = createDecipheriv('sm4-ctr', keys.enc, ctrIv(index));
    return Buffer.concat([decipher.update(body), decipher.final()]);
  },
  check(keys, _index, aad, body, tag) {
    return timingSafeEqual(sm3Tag(keys.mac as Buffer, aad, body), tag);
  },
};

const SUITES = [AES, SM4];

/** SM4 needs both the cipher and the hash from the platform's OpenSSL. */
export function sm4Available(): boolean {
  return getCiphers().includes('sm4-ctr') && getHashes().includes('sm3');
}

/**
 * A 32-byte master key. The bytes are kept off the object's enumerable properties, and it prints and serialises as its
 * id alone, so logging the configuration never shows it.
 */
export class EvidenceKey {
  readonly #bytes: Buffer;
  /** 8 bytes that name the key in each file's header, from an HMAC of the key: it tells keys apart, it reveals nothing. */
  readonly id: Buffer;

  constructor(bytes: Buffer) {
    if (bytes.length !== 32) throw new Error('an evidence key is 32 bytes');
    this.#bytes = Buffer.from(bytes);
    this.id = createHmac('sha256', this.#bytes).update('rectify evidence key id').digest().subarray(0, 8);
  }

  get idHex(): string {
    return this.id.toString('hex');
  }

  /** The raw key, for the cipher alone. */
  secret(): Buffer {
    return this.#bytes;
  }

  toJSON() {
    return { keyId: this.idHex };
  }

  [inspect.custom]() {
    return `EvidenceKey(${this.idHex})`;
  }

  toString() {
    return `EvidenceKey(${this.idHex})`;
  }
}

/** 64 hex digits or base64 (standard or URL-safe) of exactly 32 bytes; null when it is neither. */
export function parseEvidenceKey(raw: string): EvidenceKey | null {
  const bytes = decodeKeyText(raw);
  return bytes?.length === 32 ? new EvidenceKey(bytes) : null;
}

/** The key new files are written with, the cipher for them, and older keys still accepted for reading (rotation). */
export interface EvidenceKeyring {
  current: EvidenceKey;
  cipher: EvidenceCipher;
  older: EvidenceKey[];
}

export class EvidenceCryptoError extends Error {
  constructor(
    readonly reason: 'tampered' | 'unknown_key' | 'no_key',
    message: string,
    readonly keyId: string | null = null,
  ) {
    super(message);
    this.name = 'EvidenceCryptoError';
  }
}

export function isEncrypted(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

function aadOf(header: Buffer, index: number, final: boolean, sha256: Buffer | null) {
  const aad = Buffer.alloc(HEADER_BYTES + 8 + 1 + 32);
  header.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), HEADER_BYTES);
  aad[HEADER_BYTES + 8] = final ? 1 : 0;
  if (final && sha256) sha256.copy(aad, HEADER_BYTES + 9);
  return aad;
}

export interface ParsedHeader {
  suite: Suite;
  chunkBytes: number;
  keyId: Buffer;
  salt: Buffer;
}

export function parseHeader(header: Buffer): ParsedHeader {
  const tampered = () => new EvidenceCryptoError('tampered', 'the evidence file header is damaged');
  if (header.length < HEADER_BYTES || !isEncrypted(header)) throw tampered();
  if (header[8] !== VERSION) throw tampered();
  const suite = SUITES.find((s) => s.id === header[9]);
  const chunkBytes = header.readUInt32BE(10);
  if (!suite || chunkBytes < 16 || chunkBytes > 16 * 1024 * 1024) throw tampered();
  return { suite, chunkBytes, keyId: header.subarray(14, 22), salt: header.subarray(22, 38) };
}

/** Encrypts a stream pushed to it piece by piece: push() returns the whole chunks ready, finish() the last one. */
export class ChunkEncryptor {
  readonly header: Buffer;
  private readonly suite: Suite;
  private readonly keys: { enc: Buffer; mac: Buffer | null };
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private started = false;

  constructor(
    key: EvidenceKey,
    cipher: EvidenceCipher,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    this.suite = cipher === 'sm4' ? SM4 : AES;
    const salt = randomBytes(16);
    this.header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(this.header, 0);
    this.header[8] = VERSION;
    this.header[9] = this.suite.id;
    this.header.writeUInt32BE(chunkBytes, 10);
    key.id.copy(this.header, 14);
    salt.copy(this.header, 22);
    this.keys = this.suite.derive(key.secret(), salt);
  }

  private emitHeader(out: Buffer[]) {
    if (!this.started) {
      out.push(this.header);
      this.started = true;
    }
  }

  private seal(plain: Buffer, final: boolean, sha256: Buffer | null): Buffer {
    const [body, tag] = this.suite.seal(this.keys, this.index, aadOf(this.header, this.index, final, sha256), plain);
    this.index += 1;
    return Buffer.concat([body, tag]);
  }

  /**
   * A full chunk is sealed only once more data follows it, so a file whose size is a multiple of the chunk size ends on a
   * full final chunk rather than an empty one.
   */
  push(data: Buffer): Buffer[] {
    const out: Buffer[] = [];
    this.emitHeader(out);
    this.pending.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes <= this.chunkBytes) return out;
    let all = Buffer.concat(this.pending);
    while (all.length > this.chunkBytes) {
      out.push(this.seal(all.subarray(0, this.chunkBytes), false, null));
      all = all.subarray(this.chunkBytes);
    }
    this.pending = [all];
    this.pendingBytes = all.length;
    return out;
  }

  /** The final chunk, bound to the SHA-256 of the whole plaintext. */
  finish(sha256: Buffer): Buffer[] {
    const out: Buffer[] = [];
    this.emitHeader(out);
    out.push(this.seal(Buffer.concat(this.pending), true, sha256));
    this.pending = [];
    this.pendingBytes = 0;
    return out;
  }
}

/** Decrypts a stored file pushed to it piece by piece; every chunk is authenticated before any of its plaintext leaves. */
export class ChunkDecryptor {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private parsed: (ParsedHeader & { header: Buffer; keys: { enc: Buffer; mac: Buffer | null } }) | null = null;
  private index = 0;

  /**
   * `keys` are the keys that may have written it; `sha256` is the content address the final chunk must be bound to.
   * `verifyOnly` authenticates every chunk and hands out nothing.
   */
  constructor(
    private readonly keys: EvidenceKey[],
    private readonly sha256: Buffer,
    private readonly verifyOnly = false,
  ) {}

  private take(n: number): Buffer {
    const all = this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.buffered = rest.length ? [rest] : [];
    this.bufferedBytes = rest.length;
    return head;
  }

  private start() {
    const header = Buffer.from(this.take(HEADER_BYTES));
    const parsed = parseHeader(header);
    const key = this.keys.find((k) => k.id.equals(parsed.keyId));
    if (!key) {
      const keyId = parsed.keyId.toString('hex');
      throw this.keys.length === 0
        ? new EvidenceCryptoError('no_key', 'the evidence file is encrypted and RECTIFY_EVIDENCE_KEY is not set', keyId)
        : new EvidenceCryptoError(
            'unknown_key',
            `the evidence file was encrypted with key ${keyId}, which is neither RECTIFY_EVIDENCE_KEY nor RECTIFY_EVIDENCE_KEY_OLD`,
            keyId,
          );
    }
    this.parsed = { ...parsed, header, keys: parsed.suite.derive(key.secret(), parsed.salt) };
  }

  private open(record: Buffer, final: boolean): Buffer {
    const p = this.parsed as NonNullable<typeof this.parsed>;
    const tagAt = record.length - p.suite.tagBytes;
    const args = [
      p.keys,
      this.index,
      aadOf(p.header, this.index, final, this.sha256),
      record.subarray(0, tagAt),
      record.subarray(tagAt),
    ] as const;
    const plain = this.verifyOnly ? (p.suite.check(...args) ? EMPTY : null) : p.suite.open(...args);
    if (!plain)
      throw new EvidenceCryptoError(
        'tampered',
        `evidence chunk ${this.index} fails authentication: the file was altered, truncated or is not ${this.sha256.toString('hex')}`,
      );
    this.index += 1;
    return plain;
  }

  push(data: Buffer): Buffer[] {
    this.buffered.push(data);
    this.bufferedBytes += data.length;
    if (!this.parsed) {
      if (this.bufferedBytes < HEADER_BYTES) return [];
      this.start();
    }
    const p = this.parsed as NonNullable<typeof this.parsed>;
    const record = p.chunkBytes + p.suite.tagBytes;
    const out: Buffer[] = [];
    // A record is known not to be the last only once a byte beyond it has arrived.
    while (this.bufferedBytes > record) out.push(this.open(this.take(record), false));
    return out;
  }

  finish(): Buffer[] {
    if (!this.parsed) {
      if (this.bufferedBytes < HEADER_BYTES)
        throw new EvidenceCryptoError('tampered', 'the evidence file is cut short in its header');
      this.start();
    }
    const p = this.parsed as NonNullable<typeof this.parsed>;
    if (this.bufferedBytes < p.suite.tagBytes)
      throw new EvidenceCryptoError('tampered', 'the evidence file is cut short');
    return [this.open(this.take(this.bufferedBytes), true)];
  }
}

/** The plaintext size of a stored encrypted file, from its header and its size on disk. */
export function plaintextSize(header: Buffer, fileBytes: number): number {
  const { suite, chunkBytes } = parseHeader(header);
  const body = fileBytes - HEADER_BYTES;
  const record = chunkBytes + suite.tagBytes;
  const chunks = Math.max(1, Math.ceil(body / record));
  return body - chunks * suite.tagBytes;
}

export async function* encryptStream(
  source: AsyncIterable<Buffer>,
  key: EvidenceKey,
  cipher: EvidenceCipher,
  sha256: () => Buffer,
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<Buffer> {
  const encryptor = new ChunkEncryptor(key, cipher, chunkBytes);
  for await (const chunk of source) yield* encryptor.push(chunk);
  yield* encryptor.finish(sha256());
}

const EMPTY = Buffer.alloc(0);

/** Authenticates a whole stored file without producing its plaintext; throws EvidenceCryptoError as decryptStream does. */
export async function verifyStream(source: AsyncIterable<Buffer>, keys: EvidenceKey[], sha256: Buffer): Promise<void> {
  const verifier = new ChunkDecryptor(keys, sha256, true);
  for await (const chunk of source) verifier.push(chunk);
  verifier.finish();
}

export async function* decryptStream(
  source: AsyncIterable<Buffer>,
  keys: EvidenceKey[],
  sha256: Buffer,
): AsyncGenerator<Buffer> {
  const decryptor = new ChunkDecryptor(keys, sha256);
  for await (const chunk of source) yield* decryptor.push(chunk);
  yield* decryptor.finish();
}
