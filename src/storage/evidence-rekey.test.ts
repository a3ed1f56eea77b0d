import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { backendsUnder, putStoredBytes, startedTestS3, storedBytes } from '../test/s3.ts';
import { type EvidenceBackend, LocalEvidenceBackend } from './evidence-backend.ts';
import { EvidenceKey } from './evidence-crypto.ts';
import { type RekeyStep, rekeyStore } from './evidence-rekey.ts';
import type { S3EvidenceBackend } from './evidence-s3.ts';
import { EvidenceStore } from './evidence-store.ts';

const s3 = startedTestS3();

const OLD = new EvidenceKey(randomBytes(32));
const NEW = new EvidenceKey(randomBytes(32));
const MAX = 100 * 1024 * 1024;
const _sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (n: number, size = 1000 + n * 40_000) =>
  Buffer.concat([Buffer.from(`%PDF-1.7 file ${n}\n`), randomBytes(size)]);

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** A store holding `plain` files in the clear and `old` files under OLD; returns the contents by address. */
async function seed(root: EvidenceBackend | string, counts: { plain: number; old: number }) {
  const contents = new Map<string, Buffer>();
  const clear = new EvidenceStore(root);
  const underOld = new EvidenceStore(root, { current: OLD, cipher: 'sm4', older: [] });
  for (let i = 0; i < counts.plain + counts.old; i += 1) {
    const content = pdf(i);
    const { sha256 } = await (i < counts.plain ? clear : underOld).save(`${i}.pdf`, Readable.from([content]), MAX);
    contents.set(sha256, content);
  }
  return contents;
}

/** Every file reads back whole through a store holding both keys: nothing was lost or half written. */
async function expectAllIntact(root: EvidenceBackend | string, contents: Map<string, Buffer>) {
  const both = new EvidenceStore(root, { current: NEW, cipher: 'sm4', older: [OLD] });
  for (const [sha256, content] of contents) expect((await readAll(await both.open(sha256))).equals(content)).toBe(true);
}

async function forms(root: EvidenceBackend, contents: Map<string, Buffer>) {
  const s = new EvidenceStore(root);
  const keys: string[] = [];
  for (const sha256 of contents.keys()) {
    const form = await s.form(sha256);
    keys.push(form.encrypted ? (form.keyId === NEW.idHex ? 'new' : 'old') : 'clear');
  }
  return keys.sort();
}

/** The rekey's temporaries in the store: in the local folder, or under the bucket's tmp/ prefix. */
async function leftovers(root: EvidenceBackend | string): Promise<string[]> {
  if (typeof root === 'string' || root instanceof LocalEvidenceBackend) {
    const folder = typeof root === 'string' ? root : root.root;
    return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.rekey'));
  }
  const bucket = root as S3EvidenceBackend;
  const listed = await bucket.client.send(
    new ListObjectsV2Command({ Bucket: bucket.bucket, Prefix: `${bucket.prefix}tmp/` }),
  );
  return (listed.Contents ?? []).map((o) => o.Key ?? '').filter((k) => k.endsWith('.rekey'));
}

describe.each(backendsUnder(s3))('turning the evidence store over to a key, on the %s backend', (_kind, backend) => {
  const dir = backend;

  it('encrypts files stored in the clear, in place, and a second run finds nothing to do', async () => {
    const root = dir();
    const contents = await seed(root, { plain: 3, old: 0 });
    const store = new EvidenceStore(root);
    expect(await rekeyStore(store, { target: NEW, cipher: 'sm4', oldKeys: [] })).toEqual({
      encrypted: 3,
      reencrypted: 0,
      current: 0,
      failed: [],
    });
    expect(await forms(root, contents)).toEqual(['new', 'new', 'new']);
    await expectAllIntact(root, contents);
    expect(await rekeyStore(store, { target: NEW, cipher: 'sm4', oldKeys: [] })).toMatchObject({
      encrypted: 0,
      current: 3,
    });
  });

  it('re-encrypts files under the old key to the new one; afterwards the old key alone reads nothing', async () => {
    const root = dir();
    const contents = await seed(root, { plain: 1, old: 3 });
    const report = await rekeyStore(new EvidenceStore(root), { target: NEW, cipher: 'sm4', oldKeys: [OLD] });
    expect(report).toEqual({ encrypted: 1, reencrypted: 3, current: 0, failed: [] });
    await expectAllIntact(root, contents);
    const oldOnly = new EvidenceStore(root, { current: OLD, cipher: 'sm4', older: [] });
    await expect(oldOnly.open([...contents.keys()][0])).rejects.toThrow(/RECTIFY_EVIDENCE_KEY/);
  });

  it('moves files to another cipher under the same key when RECTIFY_EVIDENCE_CIPHER changes', async () => {
    const root = dir();
    const contents = await seed(root, { plain: 0, old: 2 });
    const report = await rekeyStore(new EvidenceStore(root), { target: OLD, cipher: 'aes-256-gcm', oldKeys: [] });
    expect(report).toMatchObject({ reencrypted: 2, failed: [] });
    const s = new EvidenceStore(root, { current: OLD, cipher: 'aes-256-gcm', older: [] });
    for (const [sha256, content] of contents) {
      expect(await s.form(sha256)).toMatchObject({ cipher: 'aes-256-gcm' });
      expect((await readAll(await s.open(sha256))).equals(content)).toBe(true);
    }
  });

  it('reports and leaves alone what it cannot read: a file under a key not given, a file not matching its name', async () => {
    const root = dir();
    const contents = await seed(root, { plain: 1, old: 1 });
    const [plainSha] = contents.keys();
    const damaged = Buffer.from(contents.get(plainSha) as Buffer);
    damaged[damaged.length - 1] ^= 1;
    await putStoredBytes(root, plainSha, damaged);
    const report = await rekeyStore(new EvidenceStore(root), { target: NEW, cipher: 'sm4', oldKeys: [] });
    expect(report.encrypted + report.reencrypted).toBe(0);
    expect(report.failed.map((f) => f.reason).sort()).toEqual([
      expect.stringMatching(/^encrypted with key [0-9a-f]{16}, which was not given$/),
      expect.stringMatching(/not to its name/),
    ]);
    expect(await storedBytes(root, plainSha)).toEqual(damaged);
    expect(await leftovers(root)).toEqual([]);
  });

  it.each(['staged', 'committed'] as RekeyStep[])(
    'stopped right after a file is %s, leaves every file whole (old or new), and a rerun finishes the job',
    async (stopAt) => {
      const root = dir();
      const contents = await seed(root, { plain: 2, old: 3 });
      let files = 0;
      const crash = new Error('simulated crash');
      await expect(
        rekeyStore(new EvidenceStore(root), {
          target: NEW,
          cipher: 'sm4',
          oldKeys: [OLD],
          afterStep: (step) => {
            if (step === stopAt && ++files === 3) throw crash;
          },
        }),
      ).rejects.toBe(crash);
      await expectAllIntact(root, contents);
      const states = await forms(root, contents);
      // Two files are done; the third is old or new depending on whether it was put in place.
      expect(states.filter((s) => s === 'new')).toHaveLength(stopAt === 'committed' ? 3 : 2);
      expect(await leftovers(root)).toHaveLength(stopAt === 'committed' ? 0 : 1);
      const rerun = await rekeyStore(new EvidenceStore(root), { target: NEW, cipher: 'sm4', oldKeys: [OLD] });
      expect(rerun.current).toBe(stopAt === 'committed' ? 3 : 2);
      expect(rerun.encrypted + rerun.reencrypted + rerun.current).toBe(5);
      expect(rerun.failed).toEqual([]);
      expect(await forms(root, contents)).toEqual(['new', 'new', 'new', 'new', 'new']);
      expect(await leftovers(root)).toEqual([]);
      await expectAllIntact(root, contents);
    },
  );
});

describe('turning the local folder over to a key', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'rectify-rekey-'));

  it('survives a real kill -9 in the middle of a rotation', async () => {
    const root = dir();
    const contents = await seed(root, { plain: 0, old: 0 });
    const underOld = new EvidenceStore(root, { current: OLD, cipher: 'sm4', older: [] });
    for (let i = 0; i < 12; i += 1) {
      const content = pdf(i, 2 * 1024 * 1024);
      contents.set((await underOld.save(`${i}.pdf`, Readable.from([content]), MAX)).sha256, content);
    }
    const script = `
      import { EvidenceKey } from './src/storage/evidence-crypto.ts';
      import { rekeyStore } from './src/storage/evidence-rekey.ts';
      import { EvidenceStore } from './src/storage/evidence-store.ts';
      const key = (hex) => new EvidenceKey(Buffer.from(hex, 'hex'));
      await rekeyStore(new EvidenceStore(${JSON.stringify(root)}), {
        target: key('${NEW.secret().toString('hex')}'), cipher: 'sm4', oldKeys: [key('${OLD.secret().toString('hex')}')],
        afterStep: (step) => { if (step === 'committed') process.stdout.write('done\\n'); },
      });
      process.stdout.write('finished\\n');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let done = 0;
    const outcome = await new Promise<string>((resolve) => {
      child.stdout.on('data', (data: Buffer) => {
        if (data.includes('finished')) resolve('finished');
        done += data.toString().split('done').length - 1;
        // Part-way into a file after the fourth, at a moment the child does not choose.
        if (done >= 4 && !child.killed) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 30));
      });
      child.on('exit', (_code, signal) => resolve(signal ?? 'exited'));
    });
    expect(outcome).toBe('SIGKILL');
    await expectAllIntact(root, contents);
    const rerun = await rekeyStore(new EvidenceStore(root), { target: NEW, cipher: 'sm4', oldKeys: [OLD] });
    expect(rerun.current).toBeGreaterThanOrEqual(4);
    expect(rerun.current + rerun.reencrypted).toBe(12);
    expect(rerun.failed).toEqual([]);
    expect(await leftovers(root)).toEqual([]);
    await expectAllIntact(root, contents);
  }, 60_000);
});
