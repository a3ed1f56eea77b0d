import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { renderDocx } from '../../../notices/generate/docx.ts';
import { baseSnapshot, item, writing } from '../../../notices/generate/fixtures.ts';
import { buildDocument } from '../../../notices/generate/index.ts';
import { renderOrderNoticeOfd } from '../../../notices/generate/ofd.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_NOW, testConfig, type World } from '../../../test/factories.ts';
import { hasLibreOffice } from '../../../test/libreoffice.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { itemDetail } from '../items/items.schema.ts';

const OFD = renderOrderNoticeOfd({
  docNumber: '江巡办督〔2026〕第3号',
  issuer: '中共江澜市委巡察工作领导小组办公室',
  unit: '江澜市交通运输局',
  title: '公务用车问题整改滞后',
  content: '请逐项说明原因。',
  dueOn: '2026-09-01',
  issuedOn: '2026-08-10',
  items: [],
  recalled: false,
});

describe.each(testDialects())('evidence preview (issue 16) on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  let t: TestApp;
  let deptA1: TestClient;
  let deptB1: TestClient;
  const ids: Record<string, number> = {};
  // One evidence folder for both apps, so the one without LibreOffice finds the files the first stored.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-preview-'));

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle, TEST_NOW, testConfig({ RECTIFY_DATA_DIR: dataDir }));
    [deptA1, deptB1] = await Promise.all([t.login('depta1'), t.login('deptb1')]);
    const docx = await renderDocx(
      buildDocument(baseSnapshot({ items: [item('车辆派遣登记不全')] }), writing(), {
        kind: 'notice',
        publicVersion: true,
        today: '2026-11-20',
      }),
    );
    const files: [string, Buffer][] = [
      ['督办通知书.ofd', OFD],
      ['通报.docx', docx],
      ['说明.txt', Buffer.from('整改说明')],
      ['坏文件.ofd', Buffer.from('PK\u0003\u0004 not really a zip')],
      // Only the counting stand-in below converts this one (its bytes differ from 通报.docx's, so its sha256 does).
      ['整改台账.xlsx', Buffer.from('PK\u0003\u0004 a workbook for the stand-in')],
    ];
    for (const [name, content] of files) {
      const up = await deptA1.inject({
        method: 'POST',
        url: `/api/items/${w.itemA1}/evidence`,
        ...multipart({ effectiveOn: '2026-08-09' }, { name, content }),
      });
      expect(up.statusCode, up.body).toBe(201);
    }
    const detail = (await deptA1.get(`/api/items/${w.itemA1}`)).json<Static<typeof itemDetail>>();
    for (const e of detail.evidence) ids[e.fileName] = e.id;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('shows an OFD as HTML pages drawn from its text, sandboxed; another unit gets 404', async () => {
    const res = await deptA1.get(`/api/evidence/${ids['督办通知书.ofd']}/preview`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
    expect(res.body).toContain('<svg');
    // Each glyph is its own tspan: the issuer's name reads back from them in order.
    const glyphs = [...res.body.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join('');
    expect(glyphs).toContain('中共江澜市委巡察工作领导小组办公室');
    expect(glyphs).toContain('督办通知书');
    expect((await deptB1.get(`/api/evidence/${ids['督办通知书.ofd']}/preview`)).statusCode).toBe(404);
  });

  it('refuses what it cannot preview with a clear message', async () => {
    const txt = await deptA1.get(`/api/evidence/${ids['说明.txt']}/preview`);
    expect(txt.statusCode).toBe(415);
    expect(txt.json<ErrorBody>().error.message).toContain('不能在线预览');
    const broken = await deptA1.get(`/api/evidence/${ids['坏文件.ofd']}/preview`);
    expect(broken.statusCode).toBe(422);
    expect(broken.json<ErrorBody>().error.message).toContain('无法读取该 OFD 文件');
  });

  it('answers 503 for Office files where LibreOffice is not at the configured path', async () => {
    const noOffice = await createTestApp(
      handle,
      TEST_NOW,
      testConfig({ RECTIFY_DATA_DIR: dataDir, RECTIFY_SOFFICE: '/nonexistent/soffice' }),
    );
    try {
      const client = await noOffice.login('depta1');
      const res = await client.get(`/api/evidence/${ids['通报.docx']}/preview`);
      expect(res.statusCode).toBe(503);
      expect(res.json<ErrorBody>().error.message).toContain('LibreOffice');
    } finally {
      await noOffice.app.close();
    }
  });

  it.skipIf(!hasLibreOffice() || dialect !== 'sqlite')(
    'shows a .docx as PDF through LibreOffice where it is installed',
    async () => {
      const res = await deptA1.get(`/api/evidence/${ids['通报.docx']}/preview`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      // The second view reads the kept PDF: byte for byte the first (a new conversion would stamp a new CreationDate).
      const t0 = performance.now();
      const again = await deptA1.get(`/api/evidence/${ids['通报.docx']}/preview`);
      expect(again.statusCode).toBe(200);
      expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
      expect(performance.now() - t0).toBeLessThan(1000);
    },
    180_000,
  );

  it('converts an Office file once: two views at the same moment and every later view share one conversion', async () => {
    // A stand-in for soffice that counts its runs and takes a moment, so the two first views overlap.
    const dir = mkdtempSync(path.join(tmpdir(), 'rectify-fake-soffice-'));
    const runs = path.join(dir, 'runs');
    writeFileSync(runs, '');
    const fake = path.join(dir, 'soffice');
    writeFileSync(
      fake,
      `#!/bin/sh
echo run >> '${runs}'
while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; shift; done
sleep 0.5
name=$(basename "$1"); printf '%%PDF-1.4 converted\\n' > "$out/\${name%.*}.pdf"
`,
    );
    chmodSync(fake, 0o755);
    const conversions = () => readFileSync(runs, 'utf8').split('\n').filter(Boolean).length;
    const counted = await createTestApp(
      handle,
      TEST_NOW,
      testConfig({ RECTIFY_DATA_DIR: dataDir, RECTIFY_SOFFICE: fake }),
    );
    try {
      const client = await counted.login('depta1');
      const url = `/api/evidence/${ids['整改台账.xlsx']}/preview`;
      const [first, second] = await Promise.all([client.get(url), client.get(url)]);
      expect(first.statusCode, first.body.slice(0, 200)).toBe(200);
      expect(second.statusCode).toBe(200);
      expect(first.body).toBe('%PDF-1.4 converted\n');
      expect(second.body).toBe(first.body);
      expect(conversions()).toBe(1);
      // Viewed again, by another reader of the item too: read from the cache, LibreOffice is not run.
      const unitAdmin = await counted.login('unitadmina');
      for (const c of [client, unitAdmin]) {
        const again = await c.get(url);
        expect(again.statusCode).toBe(200);
        expect(again.headers['content-type']).toBe('application/pdf');
        expect(again.body).toBe(first.body);
      }
      expect(conversions()).toBe(1);
    } finally {
      await counted.app.close();
    }
    // The cache is on disk: a server started again, even one without LibreOffice, shows the kept PDF.
    const restarted = await createTestApp(
      handle,
      TEST_NOW,
      testConfig({ RECTIFY_DATA_DIR: dataDir, RECTIFY_SOFFICE: '/nonexistent/soffice' }),
    );
    try {
      const res = await (await restarted.login('depta1')).get(`/api/evidence/${ids['整改台账.xlsx']}/preview`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('%PDF-1.4 converted\n');
      expect(conversions()).toBe(1);
    } finally {
      await restarted.app.close();
    }
  });
});
