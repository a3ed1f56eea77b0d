import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_NOW, tableCounts, testConfig, type World } from '../../../test/factories.ts';
import { startTestS3, type TestS3 } from '../../../test/s3.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { itemDetail } from './items.schema.ts';

const PDF = Buffer.from('%PDF-1.4\n整改佐证\n%%EOF\n');

/**
 * The S3 store going away while the server runs (issue 12): uploads and downloads answer 503 storage_unavailable with
 * Retry-After and save nothing, readiness names the store, and the pages that need no file keep answering.
 */
describe.each(testDialects())('the evidence store gone, on %s', (dialect) => {
  let s3: TestS3;
  let handle: DatabaseHandle;
  let w: World;
  let t: TestApp;
  let deptA1: TestClient;
  let evidenceId: number;

  beforeAll(async () => {
    s3 = await startTestS3('outage');
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle, TEST_NOW, testConfig({ RECTIFY_STORAGE: 's3', ...s3.env }));
    deptA1 = await t.login('depta1');
    const up = await deptA1.inject({
      method: 'POST',
      url: `/api/items/${w.itemA1}/evidence`,
      ...multipart({ effectiveOn: '2026-08-09', note: '制度文件' }, { name: '制度.pdf', content: PDF }),
    });
    expect(up.statusCode).toBe(201);
    evidenceId = (await deptA1.get(`/api/items/${w.itemA1}`)).json<Static<typeof itemDetail>>().evidence[0].id;
    await s3.stop();
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('answers 503 storage_unavailable with Retry-After to a download and an upload, and saves nothing', async () => {
    const download = await deptA1.get(`/api/evidence/${evidenceId}/file`);
    expect(download.statusCode).toBe(503);
    expect(download.json<ErrorBody>().error.code).toBe('storage_unavailable');
    expect(Number(download.headers['retry-after'])).toBeGreaterThan(0);

    const before = await tableCounts(handle.db);
    const upload = await deptA1.inject({
      method: 'POST',
      url: `/api/items/${w.itemA1}/evidence`,
      ...multipart({ effectiveOn: '2026-08-09', note: '第二份' }, { name: '第二份.pdf', content: PDF }),
    });
    expect(upload.statusCode).toBe(503);
    expect(upload.json<ErrorBody>().error).toMatchObject({ code: 'storage_unavailable' });
    expect(upload.json<ErrorBody>().error.message).toMatch(/未保存任何内容/);
    const after = await tableCounts(handle.db);
    expect({ ...after, audit_events: 0, audit_head: 0 }).toEqual({ ...before, audit_events: 0, audit_head: 0 });
  });

  it('is not ready, naming the store, while the item page keeps answering', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ failed: ['store'] });
    expect(ready.body).not.toContain(s3.endpoint);
    expect((await deptA1.get(`/api/items/${w.itemA1}`)).statusCode).toBe(200);
  });
});
