import { createHash, getCiphers, getHashes, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  ChunkDecryptor,
  ChunkEncryptor,
  type EvidenceCipher,
  EvidenceCryptoError,
  EvidenceKey,
  HEADER_BYTES,
  MAGIC,
  parseEvidenceKey,
  plaintextSize,
  sm4Available,
} from './evidence-crypto.ts';

const KEY = new EvidenceKey(Buffer.alloc(32, 7));
const OTHER = new EvidenceKey(Buffer.alloc(32, 9));
const sha = (b: Buffer) => createHash('sha256').update(b).digest();

/** Encrypts in pieces of `piece` bytes (how an upload arrives), with a small chunk size so boundaries are cheap to reach. */
function encrypt(plain: Buffer, cipher: EvidenceCipher, chunk: number, piece = 7, key = KEY): Buffer {
  const e = new ChunkEncryptor(key, cipher, chunk);
  const out: Buffer[] = [];
  for (let at = 0; at < plain.length; at += piece) out.push(...e.push(plain.subarray(at, at + piece)));
  out.push(...e.finish(sha(plain)));
  return Buffer.concat(out);
}

function decrypt(stored: Buffer, address: Buffer, keys = [KEY], piece = 5): Buffer {
  const d = new ChunkDecryptor(keys, address);
  const out: Buffer[] = [];
  for (let at = 0; at < stored.length; at += piece) out.push(...d.push(stored.subarray(at, at + piece)));
  out.push(...d.finish());
  return Buffer.concat(out);
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof EvidenceCryptoError) return error.reason;
    throw error;
  }
  return 'accepted';
}

const CIPHERS: EvidenceCipher[] = sm4Available() ? ['sm4', 'aes-256-gcm'] : ['aes-256-gcm'];

describe('SM4 availability', () => {
  // OpenSSL 3.0 (Node 20) has sm4-ctr and sm3 but no sm4-gcm or sm4-ccm: hence CTR + HMAC-SM3 rather than an AEAD mode.
  it('offers the SM4 suite exactly when OpenSSL has SM4-CTR and SM3', () => {
    expect(sm4Available()).toBe(getCiphers().includes('sm4-ctr') && getHashes().includes('sm3'));
  });
});

describe.each(CIPHERS)('evidence encryption with %s', (cipher) => {
  const chunk = 64;
  const tag = cipher === 'sm4' ? 32 : 16;

  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['one short of a chunk', chunk - 1],
    ['exactly one chunk', chunk],
    ['one past a chunk', chunk + 1],
    ['exactly three chunks', 3 * chunk],
    ['many chunks and a tail', 10 * chunk + 17],
  ])('round-trips %s (%i bytes), whatever the pieces it arrives in', (_name, size) => {
    const plain = randomBytes(size);
    for (const piece of [1, 7, chunk, 1000]) {
      const stored = encrypt(plain, cipher, chunk, piece);
      expect(stored.subarray(0, 8)).toEqual(MAGIC);
      expect(decrypt(stored, sha(plain), [KEY], piece === 1 ? 3 : piece)).toEqual(plain);
      expect(plaintextSize(stored.subarray(0, HEADER_BYTES), stored.length)).toBe(size);
    }
  });

  it('ends a file whose size is a multiple of the chunk on a full final chunk, not an empty one', () => {
    const stored = encrypt(randomBytes(2 * chunk), cipher, chunk);
    expect(stored.length).toBe(HEADER_BYTES + 2 * (chunk + tag));
  });

  it('round-trips a multi-chunk file at the real chunk size', () => {
    const plain = randomBytes(3 * CHUNK_BYTES + 12345);
    const stored = encrypt(plain, cipher, CHUNK_BYTES, 50_000);
    expect(stored.includes(plain.subarray(1000, 1032))).toBe(false);
    // Buffer.equals: a deep comparison of 200 KB takes vitest seconds.
    expect(decrypt(stored, sha(plain), [KEY], 70_000).equals(plain)).toBe(true);
  });

  it('writes a different ciphertext each time (a salt per file), so equal files do not show as equal on disk', () => {
    const plain = Buffer.from('同一份材料');
    expect(encrypt(plain, cipher, chunk)).not.toEqual(encrypt(plain, cipher, chunk));
  });

  describe('refuses what was changed', () => {
    const plain = randomBytes(4 * chunk + 10);
    const address = sha(plain);
    const stored = encrypt(plain, cipher, chunk);
    const record = chunk + tag;
    const recordAt = (i: number) => HEADER_BYTES + i * record;

    it('one flipped bit anywhere: header, body, tag, final chunk', () => {
      for (const at of [9, 12, 16, 30, recordAt(0), recordAt(0) + chunk + 1, recordAt(2) + 5, stored.length - 1]) {
        const bad = Buffer.from(stored);
        bad[at] ^= 0x01;
        expect(
          refusal(() => decrypt(bad, address)),
          `byte ${at}`,
        ).not.toBe('accepted');
      }
    });

    it('a truncation inside a chunk, at a chunk boundary, or of the header', () => {
      for (const cut of [stored.length - 1, recordAt(4), recordAt(3), recordAt(1), HEADER_BYTES + 3, 20]) {
        expect(
          refusal(() => decrypt(stored.subarray(0, cut), address)),
          `cut at ${cut}`,
        ).toBe('tampered');
      }
    });

    it('two chunks swapped, a chunk repeated, or one appended after the final chunk', () => {
      const chunks = [0, 1, 2, 3].map((i) => stored.subarray(recordAt(i), recordAt(i + 1)));
      const header = stored.subarray(0, HEADER_BYTES);
      const last = stored.subarray(recordAt(4));
      const swapped = Buffer.concat([header, chunks[1], chunks[0], chunks[2], chunks[3], last]);
      const repeated = Buffer.concat([header, chunks[0], chunks[0], chunks[2], chunks[3], last]);
      const appended = Buffer.concat([stored, chunks[3]]);
      for (const bad of [swapped, repeated, appended]) expect(refusal(() => decrypt(bad, address))).toBe('tampered');
    });

    it('a chunk spliced in from another file under the same key', () => {
      const other = encrypt(randomBytes(4 * chunk + 10), cipher, chunk);
      const spliced = Buffer.concat([
        stored.subarray(0, recordAt(1)),
        other.subarray(recordAt(1), recordAt(2)),
        stored.subarray(recordAt(2)),
      ]);
      expect(refusal(() => decrypt(spliced, address))).toBe('tampered');
    });

    it('a whole stored file put in place of another (the final chunk is bound to the content address)', () => {
      expect(refusal(() => decrypt(stored, sha(Buffer.from('another file'))))).toBe('tampered');
    });

    it('the wrong key, or none, naming RECTIFY_EVIDENCE_KEY', () => {
      expect(refusal(() => decrypt(stored, address, [OTHER]))).toBe('unknown_key');
      expect(refusal(() => decrypt(stored, address, []))).toBe('no_key');
      expect(() => decrypt(stored, address, [OTHER])).toThrow(/RECTIFY_EVIDENCE_KEY/);
      expect(() => decrypt(stored, address, [])).toThrow(/RECTIFY_EVIDENCE_KEY/);
      // During a rotation either key reads.
      expect(decrypt(stored, address, [OTHER, KEY])).toEqual(plain);
    });

    it('a forged key id: the header names the other key but the bytes were written with this one', () => {
      const forged = Buffer.from(stored);
      OTHER.id.copy(forged, 14);
      expect(refusal(() => decrypt(forged, address, [OTHER, KEY]))).toBe('tampered');
    });
  });
});

describe('evidence keys', () => {
  const bytes = randomBytes(32);

  it('reads 64 hex digits or base64 (standard or URL-safe) of 32 bytes, and nothing else', () => {
    expect(parseEvidenceKey(bytes.toString('hex'))?.secret()).toEqual(bytes);
    expect(parseEvidenceKey(bytes.toString('base64'))?.secret()).toEqual(bytes);
    expect(parseEvidenceKey(bytes.toString('base64url'))?.secret()).toEqual(bytes);
    expect(parseEvidenceKey(` ${bytes.toString('hex')}\n`)?.secret()).toEqual(bytes);
    for (const bad of [
      '',
      'secret',
      bytes.toString('hex').slice(2),
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('hex'),
    ])
      expect(parseEvidenceKey(bad), bad).toBeNull();
  });

  it('never shows its bytes when printed, logged or serialised', () => {
    const key = new EvidenceKey(bytes);
    const hex = bytes.toString('hex');
    for (const shown of [
      JSON.stringify({ key }),
      inspect(key),
      inspect({ key }, { depth: 5 }),
      String(key),
      `${Object.keys(key)}`,
    ])
      expect(shown).not.toContain(hex.slice(0, 16));
    expect(JSON.stringify({ key })).toContain(key.idHex);
    expect(key.idHex).toMatch(/^[0-9a-f]{16}$/);
    expect(new EvidenceKey(randomBytes(32)).idHex).not.toBe(key.idHex);
  });
});
