import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflatedZeros, zipOf } from '../test/zip-bomb.ts';
import { openGuardedZip, type ZipLimits, zipBytes } from './zip-guard.ts';

class TooLarge extends Error {}
class Corrupt extends Error {}
const refusals = { tooLarge: () => new TooLarge(), corrupt: () => new Corrupt() };
const MIB = 1 << 20;
const limits: ZipLimits = { maxTotalBytes: 16 * MIB, maxEntryBytes: 8 * MIB, maxEntries: 50 };
const open = (zip: Buffer, l: ZipLimits = limits) => openGuardedZip(zipBytes(zip), l, refusals);

describe('the zip guard', () => {
  it('reads an honest part', async () => {
    const text = Buffer.from('<w:document>整改通报</w:document>');
    const zip = await open(
      zipOf([{ name: 'word/document.xml', data: deflateRawSync(text), declaredSize: text.length }]),
    );
    expect((await zip.read(zip.entries[0])).toString('utf8')).toBe(text.toString('utf8'));
  });

  it('refuses by declared sizes before inflating anything: a part over its cap, parts over the total', async () => {
    const honest = (name: string, mib: number) => ({ name, data: deflatedZeros(mib), declaredSize: mib * MIB });
    await expect(open(zipOf([honest('a.xml', 9)]))).rejects.toBeInstanceOf(TooLarge);
    await expect(open(zipOf([honest('a.xml', 6), honest('b.xml', 6), honest('c.xml', 6)]))).rejects.toBeInstanceOf(
      TooLarge,
    );
  });

  it('refuses too many parts', async () => {
    const parts = Array.from({ length: 51 }, (_, i) => ({ name: `p${i}`, data: deflateRawSync(''), declaredSize: 0 }));
    await expect(open(zipOf(parts))).rejects.toBeInstanceOf(TooLarge);
  });

  it('stops inflating a part that lies about its size at the cap, having read no more than the cap and a chunk', async () => {
    const zip = await open(zipOf([{ name: 'word/document.xml', data: deflatedZeros(190), declaredSize: 1000 }]));
    await expect(zip.read(zip.entries[0])).rejects.toBeInstanceOf(TooLarge);
    expect(zip.inflatedBytes).toBeGreaterThan(limits.maxEntryBytes);
    expect(zip.inflatedBytes).toBeLessThanOrEqual(limits.maxEntryBytes + 64 * 1024);
  });

  it('counts the total across lying parts while measuring them all', async () => {
    const lie = (name: string) => ({ name, data: deflatedZeros(7), declaredSize: 10 });
    const zip = await open(zipOf([lie('a'), lie('b'), lie('c')]));
    await expect(zip.measureAll()).rejects.toBeInstanceOf(TooLarge);
    expect(zip.inflatedBytes).toBeLessThanOrEqual(limits.maxTotalBytes + 64 * 1024);
  });

  it('refuses a stored part larger than its cap, and damage', async () => {
    const big = Buffer.alloc(9 * MIB);
    const zip = await open(zipOf([{ name: 'a', data: big, declaredSize: 10, stored: true }]));
    await expect(zip.read(zip.entries[0])).rejects.toBeInstanceOf(TooLarge);
    await expect(open(Buffer.from('PK not a zip at all'))).rejects.toBeInstanceOf(Corrupt);
    const broken = await open(zipOf([{ name: 'a', data: Buffer.from('not deflate data at all'), declaredSize: 5 }]));
    await expect(broken.read(broken.entries[0])).rejects.toBeInstanceOf(Corrupt);
  });
});
