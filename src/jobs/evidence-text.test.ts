import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPdf } from '../test/scan-pdf.ts';
import { evidenceText, hasOcr, NOTE_NO_OCR, statesDpi } from './evidence-text.ts';

/** A one-page PDF with a text layer (Helvetica, so Latin text). */
function textPdf(text: string): Buffer {
  const stream = `BT /F1 28 Tf 72 700 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, o] of objects.entries()) {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('evidence text (issue 16)', () => {
  it('knows whether an image states its resolution, so tesseract is told 300 dpi only when it does not', () => {
    const png = (phys: Buffer | null) =>
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from('\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x00\x00\x00\x00CRC!', 'latin1'),
        phys ?? Buffer.alloc(0),
      ]);
    const phys = Buffer.alloc(21);
    phys.writeUInt32BE(9, 0);
    phys.write('pHYs', 4, 'latin1');
    phys.writeUInt32BE(11811, 8); // 300 dpi in dots per metre
    phys.writeUInt32BE(11811, 12);
    phys[16] = 1;
    expect(statesDpi(png(phys))).toBe(true);
    expect(statesDpi(png(null))).toBe(false);
    const jfif = (units: number, density: number) => {
      const b = Buffer.from('\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\0\0\0\0\0', 'latin1');
      b[13] = units;
      b.writeUInt16BE(density, 14);
      b.writeUInt16BE(density, 16);
      return b;
    };
    expect(statesDpi(jfif(1, 300))).toBe(true);
    expect(statesDpi(jfif(0, 1))).toBe(false); // aspect ratio only
    expect(statesDpi(jfif(1, 1))).toBe(false);
  });

  it.skipIf(!hasPdftoppm)(
    'reads a scanned PDF (pages of images, no text layer) through OCR, or says OCR is missing',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'rectify-scan-test-'));
      try {
        writeFileSync(path.join(dir, 'page.pdf'), textPdf('Beidou terminal acceptance 2026'));
        execFileSync('pdftoppm', ['-r', '300', '-gray', '-jpeg', path.join(dir, 'page.pdf'), path.join(dir, 'p')]);
        const scan = scanPdf([readFileSync(path.join(dir, 'p-1.jpg'))], 300);
        // The scan has no text layer: pdftotext finds nothing in it.
        writeFileSync(path.join(dir, 'scan.pdf'), scan);
        expect(execFileSync('pdftotext', [path.join(dir, 'scan.pdf'), '-'], { encoding: 'utf8' }).trim()).toBe('');
        const read = await evidenceText(scan, '验收单扫描件.pdf', 'application/pdf');
        if (await hasOcr()) {
          expect(read.note).toBeNull();
          expect(read.text).toMatch(/Beidou\s+terminal\s+acceptance/);
        } else {
          expect(read).toEqual({ text: '', note: NOTE_NO_OCR });
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('still reads a PDF’s text layer without OCR, lines re-joined', async () => {
    const read = await evidenceText(textPdf('Beidou terminal acceptance 2026'), 'a.pdf', 'application/pdf');
    expect(read).toEqual({ text: expect.stringContaining('Beidou terminal acceptance 2026'), note: null });
  });
});
