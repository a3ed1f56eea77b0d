import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { AppError } from '../errors.ts';
import { testConfig } from '../test/factories.ts';
import { backendsUnder, putStoredBytes, startedTestS3, storedBytes } from '../test/s3.ts';
import { type EvidenceBackend, LocalEvidenceBackend } from './evidence-backend.ts';
import { CHUNK_BYTES, type EvidenceCipher, EvidenceKey, HEADER_BYTES, MAGIC } from './evidence-crypto.ts';
import { PART_BYTES } from './evidence-s3.ts';
import { EvidenceStore, evidenceStoreFor } from './evidence-store.ts';

const s3 = startedTestS3();

const KEY = new EvidenceKey(randomBytes(32));
const OTHER = new EvidenceKey(randomBytes(32));
const MAX = 60 * 1024 * 1024;
const pdf = (body: Buffer | string) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(body)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const dir = () => mkdtempSync(path.join(tmpdir(), 'rectify-evidence-'));

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'served';
}

const store = (backend: EvidenceBackend, cipher: EvidenceCipher = 'sm4', older: EvidenceKey[] = []) =>
  new EvidenceStore(backend, { current: KEY, cipher, older });

describe.each(backendsUnder(s3))('the evidence store on the %s backend', (kind, backend) => {
  describe.each(['sm4', 'aes-256-gcm'] as const)('the evidence store encrypting with %s', (cipher) => {
    it('stores ciphertext under the plaintext’s address and gives back the plaintext and its size', async () => {
      const s = store(backend(), cipher);
      const content = pdf(`整改会议纪要 ${'x'.repeat(200_000)}`);
      const saved = await s.save('纪要.pdf', Readable.from([content]), MAX);
      expect(saved).toEqual({ sha256: sha(content), sizeBytes: content.length, contentType: 'application/pdf' });
      const onDisk = await storedBytes(s.backend, saved.sha256);
      expect(onDisk.subarray(0, 8)).toEqual(MAGIC);
      expect(onDisk.includes(Buffer.from('整改会议纪要'))).toBe(false);
      expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
      expect((await readAll(await s.open(saved.sha256))).equals(content)).toBe(true);
      expect(await s.sizeOf(saved.sha256)).toBe(content.length);
      expect(await s.form(saved.sha256)).toEqual({ encrypted: true, keyId: KEY.idHex, cipher });
    });

    it('keeps one copy of the same content uploaded twice (dedup works on the plaintext address)', async () => {
      const s = store(backend(), cipher);
      const content = pdf('same');
      const a = await s.save('a.pdf', Readable.from([content]), MAX);
      const before = await storedBytes(s.backend, a.sha256);
      const b = await s.save('b.pdf', Readable.from([content]), MAX);
      expect(b.sha256).toBe(a.sha256);
      expect(await storedBytes(s.backend, a.sha256)).toEqual(before);
    });

    it('still checks type, size and emptiness on the plaintext', async () => {
      const s = store(backend(), cipher);
      expect(await refusalOf(s.save('x.pdf', Readable.from([Buffer.from('not a pdf')]), MAX))).toBe(
        'file_type_mismatch',
      );
      expect(await refusalOf(s.save('x.pdf', Readable.from([pdf('y'.repeat(100))]), 50))).toBe('file_too_large');
      expect(await refusalOf(s.save('x.txt', Readable.from([]), MAX))).toBe('empty_file');
      // Nothing refused was kept, not even under a temporary name.
      expect(await s.backend.removeTemporaries()).toBe(0);
      for await (const _ of s.addresses()) expect.unreachable('a refused upload was stored');
    });
  });

  describe('the evidence store refuses what it cannot vouch for', () => {
    const content = pdf(randomBytes(3 * CHUNK_BYTES + 100));

    it('refuses a file with one byte flipped, before handing out any of it', async () => {
      const s = store(backend());
      const { sha256 } = await s.save('a.pdf', Readable.from([content]), MAX);
      const good = await storedBytes(s.backend, sha256);
      for (const at of [HEADER_BYTES + 5, HEADER_BYTES + 2 * CHUNK_BYTES + 100, good.length - 3]) {
        const bad = Buffer.from(good);
        bad[at] ^= 0x40;
        await putStoredBytes(s.backend, sha256, bad);
        expect(await refusalOf(s.open(sha256)), `byte ${at}`).toBe('evidence_tampered');
      }
      await putStoredBytes(s.backend, sha256, good.subarray(0, HEADER_BYTES + CHUNK_BYTES + 32));
      expect(await refusalOf(s.open(sha256))).toBe('evidence_tampered');
    });

    it('refuses a stored file moved under another file’s name', async () => {
      const s = store(backend());
      const a = await s.save('a.pdf', Readable.from([content]), MAX);
      const b = await s.save('b.pdf', Readable.from([pdf('other')]), MAX);
      await putStoredBytes(s.backend, b.sha256, await storedBytes(s.backend, a.sha256));
      expect(await refusalOf(s.open(b.sha256))).toBe('evidence_tampered');
    });

    it('refuses with a wrong key or none, naming RECTIFY_EVIDENCE_KEY, and reads with the old key during a rotation', async () => {
      const root = backend();
      const { sha256 } = await store(root).save('a.pdf', Readable.from([content]), MAX);
      const wrong = new EvidenceStore(root, { current: OTHER, cipher: 'sm4', older: [] });
      const none = new EvidenceStore(root);
      expect(await refusalOf(wrong.open(sha256))).toBe('evidence_key_unknown');
      expect(await refusalOf(none.open(sha256))).toBe('evidence_key_missing');
      await expect(wrong.open(sha256)).rejects.toThrow(/RECTIFY_EVIDENCE_KEY/);
      await expect(none.open(sha256)).rejects.toThrow(/RECTIFY_EVIDENCE_KEY/);
      const rotating = new EvidenceStore(root, { current: OTHER, cipher: 'sm4', older: [KEY] });
      expect((await readAll(await rotating.open(sha256))).equals(content)).toBe(true);
    });

    it('refuses to start on a wrong key or none, and starts with the right one', async () => {
      const root = backend();
      await store(root).save('a.pdf', Readable.from([content]), MAX);
      await expect(new EvidenceStore(root, { current: OTHER, cipher: 'sm4', older: [] }).checkKeys()).rejects.toThrow(
        ConfigError,
      );
      await expect(new EvidenceStore(root, { current: OTHER, cipher: 'sm4', older: [] }).checkKeys()).rejects.toThrow(
        /RECTIFY_EVIDENCE_KEY/,
      );
      await expect(new EvidenceStore(root).checkKeys()).rejects.toThrow(/RECTIFY_EVIDENCE_KEY is not set/);
      await expect(store(root).checkKeys()).resolves.toBeUndefined();
      await expect(new EvidenceStore(backend()).checkKeys()).resolves.toBeUndefined();
    });

    it('keeps reading files stored in the clear before the key was set', async () => {
      const root = backend();
      const { sha256 } = await new EvidenceStore(root).save('old.pdf', Readable.from([content]), MAX);
      const s = store(root);
      expect(await s.form(sha256)).toEqual({ encrypted: false });
      expect((await readAll(await s.open(sha256))).equals(content)).toBe(true);
      expect(await s.sizeOf(sha256)).toBe(content.length);
    });

    it('without a key, refuses a text file that would pass for an encrypted one', async () => {
      const fake = Buffer.concat([MAGIC, Buffer.from('hello')]);
      expect(await refusalOf(new EvidenceStore(backend()).save('x.txt', Readable.from([fake]), MAX))).toBe(
        'file_type_mismatch',
      );
      // With a key it is just text, encrypted like any other.
      expect(await refusalOf(store(backend()).save('x.txt', Readable.from([fake]), MAX))).toBe('served');
    });

    it('is built from the configuration: encrypting only when RECTIFY_EVIDENCE_KEY is set', async () => {
      const where = kind === 's3' ? { RECTIFY_STORAGE: 's3', ...s3().env } : {};
      const plain = await evidenceStoreFor(testConfig(where));
      const keyed = await evidenceStoreFor(
        testConfig({ ...where, RECTIFY_EVIDENCE_KEY: randomBytes(32).toString('hex') }),
      );
      expect(plain.backend.kind).toBe(kind);
      const a = await plain.save('a.pdf', Readable.from([content]), MAX);
      const b = await keyed.save('a.pdf', Readable.from([pdf('keyed')]), MAX);
      expect(await plain.form(a.sha256)).toEqual({ encrypted: false });
      expect(await keyed.form(b.sha256)).toMatchObject({ encrypted: true, cipher: 'sm4' });
    });
  });

  describe('the stored bytes', () => {
    it('are written once per address, read whole or by range, listed, and removed', async () => {
      const b = backend();
      const bytes = randomBytes(5000);
      const address = sha(bytes);
      expect(await b.head(address)).toBeNull();
      expect(await b.read(address)).toBeNull();
      await b.write(address, Readable.from([bytes]));
      await b.write(address, Readable.from([Buffer.from('other')]));
      expect(await b.head(address)).toEqual({ bytes: 5000 });
      expect(await storedBytes(b, address)).toEqual(bytes);
      const range = await b.read(address, { start: 10, end: 19 });
      const parts: Buffer[] = [];
      for await (const part of range as AsyncIterable<Buffer>) parts.push(part);
      expect(Buffer.concat(parts)).toEqual(bytes.subarray(10, 20));
      const listed: string[] = [];
      for await (const a of b.list()) listed.push(a);
      expect(listed).toEqual([address]);
      await b.remove(address);
      expect(await b.head(address)).toBeNull();
      await expect(b.ping()).resolves.toBeUndefined();
      expect(b.describe()).toMatch(
        kind === 's3' ? /S3 bucket rectify-test at http:\/\/127\.0\.0\.1:\d+/ : /local folder/,
      );
    });

    it('removes the temporaries a killed process left, by purpose and age', async () => {
      const b = backend();
      const staged = await b.stage(Readable.from([Buffer.from('half')]), 'rekey');
      await b.stage(Readable.from([Buffer.from('upload')]), 'upload');
      expect(await b.removeTemporaries({ tag: 'rekey', olderThanMs: 3_600_000 })).toBe(0);
      expect(await b.removeTemporaries({ tag: 'rekey' })).toBe(1);
      expect(await b.removeTemporaries()).toBe(1);
      await staged.discard();
    });
  });
});

describe('the evidence store streams', () => {
  const SIZE = 30 * 1024 * 1024;
  const PIECE = 64 * 1024;

  // RSS is no measure here: the plain store grows it as much between collections (about 30 MB for 30 MB and 40 MB for
  // 120 MB, encrypted or not, measured in a separate process). What shows streaming is that the ciphertext reaches the
  // disk while the upload is still arriving, and that reading hands out chunk-sized pieces.
  it('encrypts a 30 MB upload onto disk while it arrives, and decrypts it back chunk by chunk', async () => {
    const root = dir();
    const s = store(new LocalEvidenceBackend(root));
    const uploads = path.join(root, 'tmp');
    const onDisk = () => {
      try {
        return readdirSync(uploads).reduce((n, f) => n + statSync(path.join(uploads, f)).size, 0);
      } catch {
        return 0;
      }
    };
    let writtenWhenHalfSent = -1;
    async function* source() {
      const piece = Buffer.alloc(PIECE, 0x61);
      Buffer.from('%PDF-').copy(piece);
      for (let sent = 0; sent < SIZE; sent += PIECE) {
        if (sent === SIZE / 2) {
          // Give the write stream a moment to flush what it was handed.
          await new Promise((r) => setTimeout(r, 20));
          writtenWhenHalfSent = onDisk();
        }
        yield piece;
      }
    }
    const { sha256, sizeBytes } = await s.save('big.pdf', Readable.from(source()), MAX);
    expect(sizeBytes).toBe(SIZE);
    expect(writtenWhenHalfSent).toBeGreaterThan(SIZE / 2 - 2 * 1024 * 1024);
    let read = 0;
    let largest = 0;
    const hash = createHash('sha256');
    for await (const part of await s.open(sha256)) {
      read += (part as Buffer).length;
      largest = Math.max(largest, (part as Buffer).length);
      hash.update(part as Buffer);
    }
    expect(read).toBe(SIZE);
    expect(hash.digest('hex')).toBe(sha256);
    expect(largest).toBeLessThanOrEqual(CHUNK_BYTES);
  });
});

describe('the evidence store’s layout', () => {
  it('lists every stored address and nothing else (uploads in progress, temporary files)', async () => {
    const root = dir();
    const s = store(new LocalEvidenceBackend(root));
    const a = await s.save('a.pdf', Readable.from([pdf('a')]), MAX);
    const b = await s.save('b.pdf', Readable.from([pdf('b')]), MAX);
    mkdirSync(path.join(root, 'tmp'), { recursive: true });
    writeFileSync(path.join(root, 'tmp', 'abc'), 'x');
    const shard = path.join(root, a.sha256.slice(0, 2), a.sha256.slice(2, 4));
    writeFileSync(path.join(shard, `.${a.sha256}.123.rekey`), 'x');
    const seen: string[] = [];
    for await (const address of s.addresses()) seen.push(address);
    expect(seen.sort()).toEqual([a.sha256, b.sha256].sort());
  });
});

describe('the evidence store over S3', () => {
  it('streams a large upload to the bucket in parts while it arrives, and reads it back', async () => {
    const backend = s3().backend();
    const commands: string[] = [];
    let sentWhenFirstPartWent = -1;
    let sent = 0;
    backend.client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName as string);
        if (context.commandName === 'UploadPartCommand' && sentWhenFirstPartWent < 0) sentWhenFirstPartWent = sent;
        return next(args);
      },
      { step: 'initialize' },
    );
    const SIZE = 3 * PART_BYTES + 1000;
    const piece = Buffer.alloc(64 * 1024, 0x62);
    async function* source() {
      yield Buffer.from('%PDF-1.7\n');
      sent = 9;
      for (; sent < SIZE; sent += piece.length) yield piece.subarray(0, Math.min(piece.length, SIZE - sent));
    }
    const s = store(backend);
    const { sha256, sizeBytes } = await s.save('big.pdf', Readable.from(source()), MAX);
    expect(sizeBytes).toBe(SIZE);
    expect(commands.filter((c) => c === 'CreateMultipartUploadCommand')).toHaveLength(1);
    expect(commands.filter((c) => c === 'UploadPartCommand').length).toBeGreaterThanOrEqual(4);
    // The first part left before the upload had finished arriving: it was never held whole.
    expect(sentWhenFirstPartWent).toBeGreaterThan(0);
    expect(sentWhenFirstPartWent).toBeLessThan(SIZE - PART_BYTES / 2);
    const hash = createHash('sha256');
    for await (const part of await s.open(sha256)) hash.update(part as Buffer);
    expect(hash.digest('hex')).toBe(sha256);
    expect(await s.backend.removeTemporaries()).toBe(0);
  });

  it('answers file_missing for an address it does not hold', async () => {
    const s = store(s3().backend());
    expect(await refusalOf(s.open('c'.repeat(64)))).toBe('file_missing');
    expect(await refusalOf(s.sizeOf('c'.repeat(64)))).toBe('file_missing');
  });

  it('says why it cannot be used: no such bucket, refused credentials, nothing listening', async () => {
    const { S3EvidenceBackend } = await import('./evidence-s3.ts');
    const settings = s3().settings;
    await expect(new S3EvidenceBackend({ ...settings, bucket: 'no-such-bucket' }).ping()).rejects.toThrow(
      /bucket does not exist \(RECTIFY_S3_BUCKET\)/,
    );
    // s3rver checks the key id, not a V4 signature: an unknown key id stands for wrong credentials.
    await expect(new S3EvidenceBackend({ ...settings, accessKeyId: 'WRONG' }).ping()).rejects.toThrow(
      /access refused; check RECTIFY_S3_ACCESS_KEY_ID/,
    );
    await expect(new S3EvidenceBackend({ ...settings, endpoint: 'http://127.0.0.1:1' }).ping()).rejects.toThrow(
      /cannot be reached .*RECTIFY_S3_ENDPOINT/,
    );
  });
});
