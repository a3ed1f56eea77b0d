import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalEvidenceBackend } from '../storage/evidence-backend.ts';
import { EvidenceKey } from '../storage/evidence-crypto.ts';
import { S3EvidenceBackend } from '../storage/evidence-s3.ts';
import { EvidenceStore } from '../storage/evidence-store.ts';
import { captureIo } from '../test/cli.ts';
import { putStoredBytes, startTestS3, storedBytes, type TestS3 } from '../test/s3.ts';
import { main } from './main.ts';

const pdf = (text: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n${text}\n`), randomBytes(2000)]);

describe('rectify storage migrate', () => {
  const saved = { ...process.env };
  let s3: TestS3;
  let local: LocalEvidenceBackend;
  let bucket: S3EvidenceBackend;
  let files: Map<string, Buffer>;
  const key = randomBytes(32).toString('hex');

  beforeEach(async () => {
    s3 = await startTestS3();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-cli-storage-'));
    process.env = { ...saved, RECTIFY_DATA_DIR: dataDir, ...s3.env, RECTIFY_EVIDENCE_KEY: key };
    delete process.env.DATABASE_URL;
    delete process.env.RECTIFY_STORAGE;
    local = new LocalEvidenceBackend(path.join(dataDir, 'evidence'));
    // What the server itself reads with RECTIFY_STORAGE=s3: the default prefix, evidence/.
    bucket = new S3EvidenceBackend(s3.settings);
    files = new Map();
    const keyed = new EvidenceStore(local, {
      current: new EvidenceKey(Buffer.from(key, 'hex')),
      cipher: 'sm4',
      older: [],
    });
    for (const [i, text] of ['会议纪要', '整改报告', '制度文件', '台账'].entries()) {
      const store = i % 2 ? keyed : new EvidenceStore(local);
      const content = pdf(text);
      files.set((await store.save(`${text}.pdf`, Readable.from([content]), 1e6)).sha256, content);
    }
  });
  afterEach(async () => {
    process.env = saved;
    await s3.stop();
  });

  it('copies the data folder to the bucket, says to set RECTIFY_STORAGE=s3, and a rerun finds it all there', async () => {
    const c = captureIo();
    expect(await main(['storage', 'migrate', '--to', 's3'], c.io)).toBe(0);
    const out = c.out.join('\n');
    expect(out).toMatch(/from local folder .* to S3 bucket rectify-test at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/4 files: copied 4, already there 0, repaired 0, failed 0/);
    expect(out).toMatch(/now set RECTIFY_STORAGE=s3/);
    expect(c.err).toEqual([]);
    for (const sha256 of files.keys())
      expect((await storedBytes(bucket, sha256)).equals(await storedBytes(local, sha256))).toBe(true);

    const again = captureIo();
    expect(await main(['storage', 'migrate', '--to', 's3'], again.io)).toBe(0);
    expect(again.out.join('\n')).toMatch(/4 files: copied 0, already there 4/);

    // The server on the bucket serves what the folder held.
    process.env.RECTIFY_STORAGE = 's3';
    const { evidenceStoreFor } = await import('../storage/evidence-store.ts');
    const { loadConfig } = await import('../config.ts');
    const served = await evidenceStoreFor(loadConfig());
    expect(served.backend.kind).toBe('s3');
    for (const [sha256, content] of files) {
      const parts: Buffer[] = [];
      for await (const part of await served.open(sha256)) parts.push(part as Buffer);
      expect(Buffer.concat(parts).equals(content)).toBe(true);
    }
  });

  it('reports a corrupted object and copies it again; a file damaged at the source fails the run', async () => {
    expect(await main(['storage', 'migrate', '--to', 's3'], captureIo().io)).toBe(0);
    const [first, second] = files.keys();
    const corrupted = await storedBytes(bucket, first);
    corrupted[corrupted.length - 1] ^= 1;
    await putStoredBytes(bucket, first, corrupted);
    const repaired = captureIo();
    expect(await main(['storage', 'migrate', '--to', 's3'], repaired.io)).toBe(0);
    expect(repaired.err.join('\n')).toContain(`${first}: the copy there was damaged`);
    expect(repaired.out.join('\n')).toMatch(/copied 0, already there 3, repaired 1, failed 0/);

    const damaged = await storedBytes(local, second);
    damaged[damaged.length - 1] ^= 1;
    await putStoredBytes(local, second, damaged);
    await bucket.remove(second);
    const failed = captureIo();
    expect(await main(['storage', 'migrate', '--to', 's3'], failed.io)).toBe(1);
    expect(failed.err.join('\n')).toContain(`${second}: evidence chunk 0 fails authentication`);
    expect(failed.err.join('\n')).toMatch(/1 files failed their check/);
    expect(failed.out.join('\n')).not.toMatch(/now set RECTIFY_STORAGE/);
  });

  it('goes back to the data folder with --to local', async () => {
    expect(await main(['storage', 'migrate', '--to', 's3'], captureIo().io)).toBe(0);
    const emptied = mkdtempSync(path.join(tmpdir(), 'rectify-cli-storage-back-'));
    process.env.RECTIFY_DATA_DIR = emptied;
    process.env.RECTIFY_STORAGE = 's3';
    const c = captureIo();
    expect(await main(['storage', 'migrate', '--to', 'local'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/copied 4[\s\S]*now set RECTIFY_STORAGE=local/);
    const back = new LocalEvidenceBackend(path.join(emptied, 'evidence'));
    for (const sha256 of files.keys())
      expect((await storedBytes(back, sha256)).equals(await storedBytes(local, sha256))).toBe(true);
  });

  it('refuses without S3 settings, with a bucket that is not there, and with a wrong --to', async () => {
    for (const name of Object.keys(s3.env)) delete process.env[name];
    const none = captureIo();
    expect(await main(['storage', 'migrate', '--to', 's3'], none.io)).toBe(2);
    expect(none.err.join('\n')).toMatch(/S3 storage is not configured: set RECTIFY_S3_ENDPOINT, RECTIFY_S3_BUCKET/);

    Object.assign(process.env, s3.env, { RECTIFY_S3_BUCKET: 'not-there' });
    const missing = captureIo();
    expect(await main(['storage', 'migrate', '--to', 's3'], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toMatch(/target .*: S3 bucket not-there .*the bucket does not exist/);

    const usage = captureIo();
    expect(await main(['storage', 'migrate', '--to', 'ftp'], usage.io)).toBe(2);
    expect(usage.err.join('\n')).toMatch(/afterwards set RECTIFY_STORAGE=s3/);
  });

  it('stops `rectify serve` before it listens when the bucket cannot be used', async () => {
    Object.assign(process.env, { RECTIFY_STORAGE: 's3', RECTIFY_S3_BUCKET: 'not-there' });
    const c = captureIo();
    expect(await main(['serve', '--no-web', '--no-demo'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/Evidence storage is not usable .*: S3 bucket not-there .* does not exist/);

    Object.assign(process.env, { RECTIFY_S3_BUCKET: 'rectify-test', RECTIFY_S3_ENDPOINT: 'http://127.0.0.1:1' });
    const unreachable = captureIo();
    expect(await main(['serve', '--no-web', '--no-demo'], unreachable.io)).toBe(2);
    expect(unreachable.err.join('\n')).toMatch(/cannot be reached .*check RECTIFY_S3_ENDPOINT/);

    Object.assign(process.env, { RECTIFY_S3_BUCKET: '' });
    const unset = captureIo();
    expect(await main(['serve', '--no-web', '--no-demo'], unset.io)).toBe(2);
    expect(unset.err.join('\n')).toMatch(/RECTIFY_S3_BUCKET is required for S3 storage/);
  });

  it('is in the help', async () => {
    const c = captureIo();
    expect(await main(['help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/storage migrate --to s3\|local[\s\S]*afterwards set RECTIFY_STORAGE=s3/);
    expect(c.out.join('\n')).toMatch(/RECTIFY_STORAGE \(local\|s3\), RECTIFY_S3_ENDPOINT/);
  });
});
