import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalEvidenceBackend } from '../storage/evidence-backend.ts';
import { EvidenceKey, MAGIC } from '../storage/evidence-crypto.ts';
import { EvidenceStore } from '../storage/evidence-store.ts';
import { captureIo } from '../test/cli.ts';
import { main } from './main.ts';

const hex = () => randomBytes(32).toString('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n`);

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('rectify evidence encrypt | rotate-key', () => {
  const saved = { ...process.env };
  let root: string;
  let files: Map<string, Buffer>;

  beforeEach(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-cli-evidence-'));
    process.env = { ...saved, RECTIFY_DATA_DIR: dataDir };
    delete process.env.DATABASE_URL;
    delete process.env.RECTIFY_EVIDENCE_KEY;
    delete process.env.RECTIFY_EVIDENCE_KEY_OLD;
    root = path.join(dataDir, 'evidence');
    files = new Map();
    for (const text of ['会议纪要', '整改报告', '制度文件']) {
      const content = pdf(text);
      files.set((await new EvidenceStore(root).save(`${text}.pdf`, Readable.from([content]), 1e6)).sha256, content);
    }
  });
  afterEach(() => {
    process.env = saved;
  });

  const readsWith = async (...keys: string[]) => {
    const [current, ...older] = keys.map((k) => new EvidenceKey(Buffer.from(k, 'hex')));
    const store = new EvidenceStore(root, { current, cipher: 'sm4', older });
    for (const [sha256, content] of files) expect((await readAll(await store.open(sha256))).equals(content)).toBe(true);
  };

  it('encrypts the files stored in the clear with RECTIFY_EVIDENCE_KEY, then finds nothing left to do', async () => {
    const key = hex();
    process.env.RECTIFY_EVIDENCE_KEY = key;
    const c = captureIo();
    expect(await main(['evidence', 'encrypt'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/encrypted 3, re-encrypted 0, already current 0, failed 0/);
    for (const sha256 of files.keys())
      expect(readFileSync(new LocalEvidenceBackend(root).pathOf(sha256)).subarray(0, 8)).toEqual(MAGIC);
    await readsWith(key);
    const again = captureIo();
    expect(await main(['evidence', 'encrypt'], again.io)).toBe(0);
    expect(again.out.join('\n')).toMatch(/encrypted 0, re-encrypted 0, already current 3/);
    // The key itself is never printed.
    expect([...c.out, ...c.err, ...again.out].join('\n')).not.toContain(key.slice(0, 16));
  });

  it('rotates to a new key with --old/--new, or with the keys in the environment', async () => {
    const first = hex();
    const second = hex();
    const third = hex();
    process.env.RECTIFY_EVIDENCE_KEY = first;
    expect(await main(['evidence', 'encrypt'], captureIo().io)).toBe(0);

    const c = captureIo();
    expect(await main(['evidence', 'rotate-key', '--old', first, '--new', second], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/re-encrypted 3, already current 0, failed 0/);
    await readsWith(second);
    await expect(readsWith(first)).rejects.toThrow(/RECTIFY_EVIDENCE_KEY/);

    process.env.RECTIFY_EVIDENCE_KEY = third;
    process.env.RECTIFY_EVIDENCE_KEY_OLD = second;
    const env = captureIo();
    expect(await main(['evidence', 'rotate-key'], env.io)).toBe(0);
    expect(env.out.join('\n')).toMatch(/re-encrypted 3/);
    await readsWith(third);
  });

  it('reports the files it cannot read (no old key given) and exits 1, leaving them as they are', async () => {
    const first = hex();
    process.env.RECTIFY_EVIDENCE_KEY = first;
    expect(await main(['evidence', 'encrypt'], captureIo().io)).toBe(0);
    const c = captureIo();
    expect(await main(['evidence', 'rotate-key', '--new', hex()], c.io)).toBe(1);
    expect(c.out.join('\n')).toMatch(/failed 3/);
    expect(c.err.join('\n')).toMatch(/which was not given/);
    await readsWith(first);
  });

  it('refuses without a key, with a malformed key, and an unknown subcommand', async () => {
    const none = captureIo();
    expect(await main(['evidence', 'encrypt'], none.io)).toBe(2);
    expect(none.err.join('\n')).toMatch(/RECTIFY_EVIDENCE_KEY is not set/);

    const flag = captureIo();
    expect(await main(['evidence', 'rotate-key', '--new', 'short'], flag.io)).toBe(2);
    expect(flag.err.join('\n')).toMatch(/--new must be 32 bytes/);

    process.env.RECTIFY_EVIDENCE_KEY = 'not-a-key';
    const env = captureIo();
    expect(await main(['evidence', 'encrypt'], env.io)).toBe(2);
    expect(env.err.join('\n')).toMatch(/RECTIFY_EVIDENCE_KEY must be 32 bytes/);
    expect(env.err.join('\n')).not.toContain('not-a-key');

    const usage = captureIo();
    expect(await main(['evidence', 'shred'], usage.io)).toBe(2);
    expect(usage.err.join('\n')).toMatch(/rotate-key/);
  });

  it('stops `rectify serve` before it listens when RECTIFY_EVIDENCE_KEY is not the key the files are under', async () => {
    process.env.RECTIFY_EVIDENCE_KEY = hex();
    expect(await main(['evidence', 'encrypt'], captureIo().io)).toBe(0);
    process.env.RECTIFY_EVIDENCE_KEY = hex();
    const c = captureIo();
    expect(await main(['serve', '--no-web', '--no-demo'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/RECTIFY_EVIDENCE_KEY .* is not the key the evidence files are encrypted with/);
  });

  it('is in the help', async () => {
    const c = captureIo();
    expect(await main(['help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/evidence rotate-key \[--old KEY\] \[--new KEY\]/);
    expect(c.out.join('\n')).toMatch(/RECTIFY_EVIDENCE_KEY/);
  });
});
