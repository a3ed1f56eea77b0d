import { randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { MAGIC } from '../../../storage/evidence-crypto.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_NOW, testConfig, type World } from '../../../test/factories.ts';
import { putStoredBytes, startedTestS3, storedBytes } from '../../../test/s3.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { itemDetail } from './items.schema.ts';

/** A PDF of several encryption chunks, so the download crosses chunk boundaries. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n整改佐证：财务审批制度\n'), randomBytes(300_000)]);

const s3 = startedTestS3();
const cases = testDialects().flatMap((dialect) =>
  (['local', 's3'] as const).map((storage) => [dialect, storage] as const),
);

describe.each(cases)('evidence encrypted at rest, through the API, on %s with %s storage', (dialect, storage) => {
  // A bucket of its own: the same PDF under another suite's key would be kept by deduplication.
  let bucketEnv: Record<string, string> = {};
  const where = () => (storage === 's3' ? { RECTIFY_STORAGE: 's3', ...bucketEnv } : {});
  let handle: DatabaseHandle;
  let w: World;
  let t: TestApp;
  let deptA1: TestClient;
  let office: TestClient;
  let evidence: Static<typeof itemDetail>['evidence'][number];

  beforeAll(async () => {
    if (storage === 's3') bucketEnv = await s3().newBucket();
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(
      handle,
      TEST_NOW,
      testConfig({ ...where(), RECTIFY_EVIDENCE_KEY: randomBytes(32).toString('base64') }),
    );
    [deptA1, office] = await Promise.all([t.login('depta1'), t.login('office')]);
    const up = await deptA1.inject({
      method: 'POST',
      url: `/api/items/${w.itemA1}/evidence`,
      ...multipart({ effectiveOn: '2026-08-09', note: '制度文件' }, { name: '财务审批制度.pdf', content: PDF }),
    });
    expect(up.statusCode).toBe(201);
    const detail = (await deptA1.get(`/api/items/${w.itemA1}`)).json<Static<typeof itemDetail>>();
    evidence = detail.evidence[0];
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('keeps the upload encrypted on disk, under the plaintext’s address and size, and serves the plaintext', async () => {
    expect(evidence).toMatchObject({ sizeBytes: PDF.length, contentType: 'application/pdf' });
    expect(t.app.services.evidence.backend.kind).toBe(storage);
    const onDisk = await storedBytes(t.app.services.evidence.backend, evidence.sha256);
    expect(onDisk.subarray(0, 8)).toEqual(MAGIC);
    expect(onDisk.includes(Buffer.from('财务审批制度'))).toBe(false);
    const file = await deptA1.get(`/api/evidence/${evidence.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('puts the plaintext into the evidence binder', async () => {
    const res = await office.get(`/api/inspections/${w.inspectionA}/binder.zip`);
    expect(res.statusCode).toBe(200);
    const entries = unzipSync(new Uint8Array(res.rawPayload));
    const name = Object.keys(entries).find((n) => n.endsWith('财务审批制度.pdf'));
    expect(name).toBeDefined();
    expect(Buffer.from(entries[name as string]).equals(PDF)).toBe(true);
  });

  it('refuses a stored file with one byte flipped, and sends none of it', async () => {
    const backend = t.app.services.evidence.backend;
    const good = await storedBytes(backend, evidence.sha256);
    const bad = Buffer.from(good);
    bad[bad.length - 100] ^= 0x01;
    await putStoredBytes(backend, evidence.sha256, bad);
    try {
      const res = await deptA1.get(`/api/evidence/${evidence.id}/file`);
      expect(res.statusCode).toBe(500);
      expect(res.json<ErrorBody>().error.code).toBe('evidence_tampered');
      expect(res.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
    } finally {
      await putStoredBytes(backend, evidence.sha256, good);
    }
  });

  it('refuses, naming RECTIFY_EVIDENCE_KEY, when the server holds another key', async () => {
    const other = await createTestApp(
      handle,
      TEST_NOW,
      testConfig({
        ...where(),
        RECTIFY_EVIDENCE_KEY: randomBytes(32).toString('hex'),
        RECTIFY_DATA_DIR: t.config.dataDir,
      }),
    );
    try {
      const res = await (await other.login('depta1')).get(`/api/evidence/${evidence.id}/file`);
      expect(res.statusCode).toBe(500);
      expect(res.json<ErrorBody>().error.code).toBe('evidence_key_unknown');
      expect(res.json<ErrorBody>().error.message).toContain('RECTIFY_EVIDENCE_KEY');
    } finally {
      await other.app.close();
    }
  });
});
