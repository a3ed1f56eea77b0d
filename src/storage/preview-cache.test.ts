import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceKey } from './evidence-crypto.ts';
import { PreviewCache } from './preview-cache.ts';

const sha = (n: number) => `${n.toString(16).padStart(2, '0').repeat(32)}.docx`;
const pdf = (text: string, size = 0) => Buffer.concat([Buffer.from(`%PDF-1.4 ${text}`), Buffer.alloc(size, 32)]);
const fresh = () => mkdtempSync(path.join(tmpdir(), 'rectify-preview-cache-'));

describe('preview cache (issue 16)', () => {
  it('makes a file once for two callers at the same moment, and reads it from disk after a restart', async () => {
    const dir = fresh();
    let made = 0;
    const make = async () => {
      made++;
      await new Promise((r) => setTimeout(r, 50));
      return pdf('one');
    };
    const cache = new PreviewCache(dir);
    const [a, b] = await Promise.all([cache.get(sha(1), make), cache.get(sha(1), make)]);
    expect(made).toBe(1);
    expect(a.equals(b)).toBe(true);
    expect(readdirSync(dir)).toEqual([sha(1)]);
    // Another instance over the same folder (the server started again) reads what the first kept.
    const restarted = new PreviewCache(dir);
    expect((await restarted.get(sha(1), make)).toString()).toBe('%PDF-1.4 one');
    expect(made).toBe(1);
  });

  it('a failed conversion is not kept: the next view tries again', async () => {
    const cache = new PreviewCache(fresh());
    await expect(cache.get(sha(2), async () => Promise.reject(new Error('soffice failed')))).rejects.toThrow();
    expect((await cache.get(sha(2), async () => pdf('two'))).toString()).toBe('%PDF-1.4 two');
  });

  it('stays within its bound, dropping the least recently viewed file first', async () => {
    const dir = fresh();
    const cache = new PreviewCache(dir, 2500);
    await cache.get(sha(1), async () => pdf('1', 1000));
    await cache.get(sha(2), async () => pdf('2', 1000));
    // The first is older on disk, but viewed again: the second is now the least recently viewed.
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, sha(1)), old, old);
    utimesSync(path.join(dir, sha(2)), new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    await cache.get(sha(1), async () => pdf('again'));
    expect(statSync(path.join(dir, sha(1))).mtimeMs).toBeGreaterThan(Date.now() - 10_000);
    await cache.get(sha(3), async () => pdf('3', 1000));
    expect(readdirSync(dir).sort()).toEqual([sha(1), sha(3)]);
  });

  it('refuses a key that is not a sha256 and an extension', () => {
    const cache = new PreviewCache(fresh());
    expect(() => cache.get('../../etc/passwd', async () => pdf('x'))).toThrow(/bad preview cache key/);
  });

  it('keeps the PDF encrypted where evidence is, and converts again what was kept in the clear', async () => {
    const dir = fresh();
    const key = new EvidenceKey(Buffer.alloc(32, 7));
    const clear = new PreviewCache(dir);
    await clear.get(sha(4), async () => pdf('secret report'));
    const sealed = new PreviewCache(dir, undefined, { current: key, cipher: 'aes-256-gcm', older: [] });
    let made = 0;
    const make = async () => {
      made++;
      return pdf('secret report');
    };
    expect((await sealed.get(sha(4), make)).toString()).toBe('%PDF-1.4 secret report');
    expect(made).toBe(1);
    expect(readFileSync(path.join(dir, sha(4))).includes('secret report')).toBe(false);
    expect((await sealed.get(sha(4), make)).toString()).toBe('%PDF-1.4 secret report');
    expect(made).toBe(1);
    // Without the key, the sealed file is not served: it is made again.
    expect((await new PreviewCache(dir).get(sha(4), make)).toString()).toBe('%PDF-1.4 secret report');
    expect(made).toBe(2);
  });
});
