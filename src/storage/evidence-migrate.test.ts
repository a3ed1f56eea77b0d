import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { putStoredBytes, startedTestS3, storedBytes } from '../test/s3.ts';
import { type EvidenceBackend, LocalEvidenceBackend } from './evidence-backend.ts';
import { EvidenceKey } from './evidence-crypto.ts';
import { checkStored, migrateStore } from './evidence-migrate.ts';
import { EvidenceStore } from './evidence-store.ts';

const s3 = startedTestS3();
const KEY = new EvidenceKey(randomBytes(32));
const MAX = 10 * 1024 * 1024;
const pdf = (n: number) => Buffer.concat([Buffer.from(`%PDF-1.7 file ${n}\n`), randomBytes(20_000 + n * 3000)]);
const local = () => new LocalEvidenceBackend(mkdtempSync(path.join(tmpdir(), 'rectify-migrate-')));

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Three files in the clear and three encrypted under KEY, as a store that was encrypted part-way holds them. */
async function seed(backend: EvidenceBackend) {
  const contents = new Map<string, Buffer>();
  for (let i = 0; i < 6; i += 1) {
    const store = new EvidenceStore(backend, i < 3 ? null : { current: KEY, cipher: 'sm4', older: [] });
    const content = pdf(i);
    contents.set((await store.save(`${i}.pdf`, Readable.from([content]), MAX)).sha256, content);
  }
  return contents;
}

async function expectSameStoredBytes(a: EvidenceBackend, b: EvidenceBackend, contents: Map<string, Buffer>) {
  const reader = new EvidenceStore(b, { current: KEY, cipher: 'sm4', older: [] });
  for (const [sha256, content] of contents) {
    expect((await storedBytes(b, sha256)).equals(await storedBytes(a, sha256))).toBe(true);
    expect((await readAll(await reader.open(sha256))).equals(content)).toBe(true);
  }
}

describe('migrating the evidence between backends', () => {
  it('copies every file as stored (ciphertext stays ciphertext) and checks each copy', async () => {
    const source = local();
    const target = s3().backend();
    const contents = await seed(source);
    const report = await migrateStore(source, target, { keys: [KEY] });
    expect(report).toMatchObject({ copied: 6, present: 0, repaired: [], failed: [] });
    expect(report.bytes).toBeGreaterThan([...contents.values()].reduce((n, c) => n + c.length, 0));
    await expectSameStoredBytes(source, target, contents);
    const encrypted = await new EvidenceStore(target).form([...contents.keys()][5]);
    expect(encrypted).toMatchObject({ encrypted: true, keyId: KEY.idHex });
  });

  it('picks up where an interrupted run stopped, checking what is there instead of copying it again', async () => {
    const source = local();
    const target = s3().backend();
    const contents = await seed(source);
    const stop = new Error('interrupted');
    await expect(
      migrateStore(source, target, {
        keys: [KEY],
        afterFile: (_sha, _outcome, so) => {
          if (so.copied === 2) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    const rerun = await migrateStore(source, target, { keys: [KEY] });
    expect(rerun).toMatchObject({ copied: 4, present: 2, repaired: [], failed: [] });
    await expectSameStoredBytes(source, target, contents);
    expect(await migrateStore(source, target, { keys: [KEY] })).toMatchObject({ copied: 0, present: 6, bytes: 0 });
  });

  it('reports a damaged or cut-short copy in the target and replaces it', async () => {
    const source = local();
    const target = s3().backend();
    const contents = await seed(source);
    await migrateStore(source, target, { keys: [KEY] });
    const [clear, , , encrypted] = contents.keys();
    for (const sha256 of [clear, encrypted]) {
      const flipped = await storedBytes(target, sha256);
      flipped[flipped.length - 10] ^= 1;
      await putStoredBytes(target, sha256, flipped);
    }
    const [, short] = contents.keys();
    await putStoredBytes(target, short, (await storedBytes(target, short)).subarray(0, 100));
    const rerun = await migrateStore(source, target, { keys: [KEY] });
    expect(rerun.failed).toEqual([]);
    expect(rerun.present).toBe(3);
    expect(rerun.repaired.map((r) => r.sha256).sort()).toEqual([clear, encrypted, short].sort());
    expect(rerun.repaired.find((r) => r.sha256 === clear)?.reason).toMatch(/damaged \(its contents hash to/);
    expect(rerun.repaired.find((r) => r.sha256 === encrypted)?.reason).toMatch(/damaged \(evidence chunk 0 fails/);
    expect(rerun.repaired.find((r) => r.sha256 === short)?.reason).toMatch(/had 100 bytes/);
    await expectSameStoredBytes(source, target, contents);
  });

  it('fails a file that is damaged at the source, or encrypted under a key it was not given, and goes on', async () => {
    const source = local();
    const target = s3().backend();
    const contents = await seed(source);
    const [clear] = contents.keys();
    const damaged = await storedBytes(source, clear);
    damaged[50] ^= 1;
    await putStoredBytes(source, clear, damaged);
    const report = await migrateStore(source, target, { keys: [] });
    expect(report.copied).toBe(2);
    const reasons = report.failed.map((f) => f.reason);
    expect(reasons).toHaveLength(4);
    expect(reasons.filter((r) => /cannot be checked without its key \(set RECTIFY_EVIDENCE_KEY/.test(r))).toHaveLength(
      3,
    );
    expect(reasons).toContainEqual(
      expect.stringMatching(/hash to [0-9a-f]{64}, not to its address \(the source is so too\)/),
    );
  });

  it('goes back from the bucket to a local folder', async () => {
    const source = s3().backend();
    const target = local();
    const contents = await seed(source);
    expect(await migrateStore(source, target, { keys: [KEY] })).toMatchObject({ copied: 6, failed: [] });
    await expectSameStoredBytes(source, target, contents);
    expect((await checkStored(target, [...contents.keys()][0], []))?.problem).toBeNull();
  });
});
