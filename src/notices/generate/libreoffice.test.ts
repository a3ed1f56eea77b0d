import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../domain/notice-writing.ts';
import { convertToPdf, hasLibreOffice, LIBREOFFICE_MISSING } from '../../test/libreoffice.ts';
import type { GeneratedDocument } from './build.ts';
import { randomSnapshot, writing } from './fixtures.ts';
import { buildDocument, renderDocument } from './index.ts';
import { renderTxt } from './text.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-notice-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const width = (s: string) => {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
};

/**
 * Pages the GB/T 9704 type area should take: 28 characters a line (two of them the first-line indent), 22 lines a page,
 * the 2号 title at 22/16 of the width and 35/28.9 of the height, a blank line under it, four lines of signature.
 */
function predictedPages(doc: GeneratedDocument): number {
  const lines = renderTxt(doc).split('\n');
  let body = 0;
  for (const line of lines.slice(2, -5)) body += Math.max(1, Math.ceil((width(line) + 2) / 28));
  const title = Math.ceil((width(doc.title) * 22) / 16 / 28) * (700 / 578);
  return Math.ceil((body + title + 1 + 4) / 22);
}

async function pdfOf(kind: DocumentKind) {
  const doc = buildDocument(randomSnapshot(2026, { items: 50, withheldRate: 0.1 }), writing(), {
    kind,
    publicVersion: true,
    today: '2026-11-20',
  });
  const file = path.join(dir, `${kind}.docx`);
  writeFileSync(file, await renderDocument(doc, 'docx'));
  return { doc, ...(await convertToPdf(file, dir)) };
}

describe.skipIf(!hasLibreOffice())(
  `LibreOffice renders the generated .docx${hasLibreOffice() ? '' : ` (skipped: ${LIBREOFFICE_MISSING})`}`,
  () => {
    // Headings kept with their first item move whole blocks to the next page, so a few pages more than the bare count.
    it.each(['notice', 'report'] as const)(
      'a 50-item %s converts to PDF with the pages its layout predicts',
      async (kind) => {
        const { doc, pages } = await pdfOf(kind);
        const predicted = predictedPages(doc);
        expect(predicted).toBeGreaterThan(kind === 'notice' ? 5 : 12);
        expect(pages).toBeGreaterThanOrEqual(predicted);
        expect(pages).toBeLessThanOrEqual(Math.ceil(predicted * 1.2) + 1);
      },
      120_000,
    );
  },
);
