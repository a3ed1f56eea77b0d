import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { hasOcr, kickEvidenceText, NOTE_NO_OCR } from '../../../jobs/evidence-text.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, type World } from '../../../test/factories.ts';
import { photoPng } from '../../../test/photo.ts';

/** A one-page PDF with a text layer (Helvetica, so Latin text). */
function pdfWith(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
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

/** Issue 16: evidence text is read after the upload answered, then found by search within the item's scope. */
describe.each(testDialects())('evidence text in the search index on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  let t: TestApp;
  let dept: TestClient;
  let other: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    dept = await t.login('depta1');
    other = await t.login('unitadminb');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const upload = async (name: string, content: Buffer) => {
    const res = await dept.inject({
      method: 'POST',
      url: `/api/items/${w.itemA1}/evidence`,
      ...multipart({ effectiveOn: '2026-08-09', note: '整改佐证' }, { name, content }),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  };
  const search = async (client: TestClient, q: string) =>
    (await client.get(`/api/search?q=${encodeURIComponent(q)}`)).json<{
      results: { kind: string; id: number; note: string | null; snippet: { text: string } }[];
    }>().results;

  it('reads a PDF’s text layer in the background and finds it, for the item’s readers only', async () => {
    const id = await upload('定位终端验收单.pdf', pdfWith('Beidou terminal acceptance 2026-0815'));
    const row = await handle.db
      .selectFrom('search_docs')
      .select(['extract_state'])
      .where('kind', '=', 'evidence')
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    // Pending until the worker has run, unless it already ran: the request never waits for it.
    expect(['pending', 'done']).toContain(row.extract_state);
    await kickEvidenceText(handle.db, t.app.services.evidence);
    const hits = await search(dept, 'terminal acceptance');
    expect(hits.map((h) => [h.kind, h.id])).toEqual([['evidence', id]]);
    expect(hits[0].snippet.text).toContain('Beidou terminal acceptance');
    expect((await search(dept, '验收单')).map((h) => h.id)).toEqual([id]);
    expect(await search(other, 'terminal acceptance')).toEqual([]);
  });

  it('reads a photo through OCR when installed, else notes why its text is not searchable', async () => {
    const id = await upload('现场照片.png', photoPng(64, 48));
    await kickEvidenceText(handle.db, t.app.services.evidence);
    const [hit] = await search(dept, '现场照片');
    expect(hit).toMatchObject({ kind: 'evidence', id });
    if (await hasOcr()) expect(hit.note).toBeNull();
    else expect(hit.note).toBe(NOTE_NO_OCR);
  });
});
