import { mkdtempSync } from 'node:fs';
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
    },
    180_000,
  );
});
