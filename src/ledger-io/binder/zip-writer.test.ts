import { PassThrough, Readable } from 'node:stream';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipWriter, type ZipWriterOptions } from './zip-writer.ts';

async function build(options: ZipWriterOptions): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const zip = new ZipWriter(output, { modified: new Date('2026-08-15T02:03:04Z'), ...options });
  await zip.addDeflated('索引.docx', Buffer.from('索引'.repeat(1000)));
  await zip.addDirectory('01 党的领导方面/2 公务用车管理不严');
  const pieces = [Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 7), new Uint8Array([1, 2, 3])];
  await zip.addStream('01 党的领导方面/1 财务审批不规范/会议纪要.pdf', Readable.from(pieces), 200_012);
  const size = await zip.finish();
  const archive = Buffer.concat(chunks);
  expect(archive.length).toBe(size);
  return archive;
}

function check(archive: Buffer) {
  const entries = unzipSync(new Uint8Array(archive));
  expect(Object.keys(entries)).toEqual([
    '索引.docx',
    '01 党的领导方面/2 公务用车管理不严/',
    '01 党的领导方面/1 财务审批不规范/会议纪要.pdf',
  ]);
  expect(strFromU8(entries['索引.docx'])).toBe('索引'.repeat(1000));
  const pdf = entries['01 党的领导方面/1 财务审批不规范/会议纪要.pdf'];
  expect(pdf.length).toBe(9 + 200_000 + 3);
  expect(Array.from(pdf.subarray(-3))).toEqual([1, 2, 3]);
}

describe('zip writer', () => {
  it('writes a zip with UTF-8 names, stored and deflated entries, folders and China-time stamps', async () => {
    const archive = await build({});
    check(archive);
    // First local header: UTF-8 flag, and 10:03:04 on 2026-08-15 in China.
    expect(archive.readUInt16LE(6) & 0x0800).toBe(0x0800);
    expect(archive.readUInt16LE(10)).toBe((10 << 11) | (3 << 5) | 2);
    expect(archive.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (8 << 5) | 15);
    expect(archive.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(-1);
  });

  it('writes ZIP64 records for sizes and offsets past the limit (lowered here so the test stays small)', async () => {
    const archive = await build({ zip64From: 1000 });
    check(archive);
    expect(archive.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThan(0);
    expect(archive.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07]))).toBeGreaterThan(0);
    const end = archive.subarray(-22);
    expect(end.readUInt32LE(16)).toBe(0xffffffff);
  });

  it('refuses a file whose size changed while it was being copied', async () => {
    const zip = new ZipWriter(new PassThrough().resume());
    await expect(zip.addStream('a.pdf', Readable.from([Buffer.alloc(10)]), 11)).rejects.toThrow(
      /expected 11 bytes, read 10/,
    );
  });

  it('stops when the output is closed before the zip is complete', async () => {
    const output = new PassThrough({ highWaterMark: 16 });
    const zip = new ZipWriter(output);
    const endless = async function* () {
      for (;;) yield Buffer.alloc(1024);
    };
    const writing = zip.addStream('big.bin', endless(), 1e12);
    setImmediate(() => output.destroy());
    await expect(writing).rejects.toThrow(/closed before/);
  });
});
