import { readFileSync } from 'node:fs';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { CUSTOMARY_LEDGER_PREVIEW, customaryLedger, fixtureDir } from '../../../ledger-io/import/fixtures.ts';
import { createTestApp, expectRefusals, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { ledgerPage } from '../items/items.schema.ts';
import type { jobSchema } from '../jobs/jobs.schema.ts';

type Job = Static<typeof jobSchema>;

const MAPPING = JSON.stringify({ people: { 赵科长: null, 钱会计: null, 孙科员: null } });

describe.each(testDialects())('ledger import API on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let unitAdminA: TestClient;
  let deptA1: TestClient;
  let unitAdminB: TestClient;
  let ledger: Buffer;

  const upload = (client: TestClient, inspectionId: number, fields: Record<string, string>, file = ledger) =>
    client.inject({
      method: 'POST',
      url: `/api/inspections/${inspectionId}/ledger-imports`,
      ...multipart(fields, { name: '交通局台账.xlsx', content: file }),
    });

  /** A real import answers 202 with a job; this waits for the job and reads it as the client would. */
  const finishedJob = async (client: TestClient, res: { statusCode: number; json<T>(): T }) => {
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json<{ jobId: number }>();
    await t.app.services.jobs.settled(jobId);
    const job = await client.get(`/api/jobs/${jobId}`);
    expect(job.statusCode).toBe(200);
    return job.json<Job>();
  };

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    [unitAdminA, deptA1, unitAdminB] = await Promise.all(['unitadmina', 'depta1', 'unitadminb'].map((u) => t.login(u)));
    ledger = readFileSync(await customaryLedger(fixtureDir()));
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('a dry run answers 200 with the counts and unmatched names and writes nothing', async () => {
    const before = await tableCounts(handle.db);
    const res = await upload(unitAdminA, w.inspectionA, { dryRun: 'true' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(CUSTOMARY_LEDGER_PREVIEW);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('fails a real import while names are unmatched, with the refusal and its details, and writes nothing', async () => {
    const before = await tableCounts(handle.db);
    const job = await finishedJob(unitAdminA, await upload(unitAdminA, w.inspectionA, {}));
    expect(job).toMatchObject({ kind: 'ledger_import', status: 'failed', result: null });
    expect(job.error).toMatchObject({
      code: 'ledger_import_refused',
      message: expect.stringContaining('台账未导入'),
      details: { errors: [], unmatched: CUSTOMARY_LEDGER_PREVIEW.unmatched },
    });
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('fails the job of a file that is no spreadsheet with the same key as before, and writes nothing', async () => {
    const before = await tableCounts(handle.db);
    const job = await finishedJob(unitAdminA, await upload(unitAdminA, w.inspectionA, {}, Buffer.from([0, 1, 2, 3])));
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'not_a_spreadsheet',
      details: { errors: [{ sheet: '交通局台账.xlsx', row: null, column: null }] },
    });
    const damaged = await finishedJob(
      unitAdminA,
      await upload(unitAdminA, w.inspectionA, {}, Buffer.concat([ledger.subarray(0, 2000), Buffer.alloc(64)])),
    );
    expect(damaged).toMatchObject({ status: 'failed', error: { code: 'corrupt_workbook' } });
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses bad requests before anything is written', async () => {
    const before = await tableCounts(handle.db);
    await expectRefusals(
      [
        ['a department user', () => upload(deptA1, w.inspectionA, { dryRun: 'true' }), 403, 'forbidden'],
        ['another unit', () => upload(unitAdminB, w.inspectionA, { dryRun: 'true' }), 404, 'not_found'],
        [
          'a malformed mapping',
          () => upload(unitAdminA, w.inspectionA, { mapping: '{"people":[1]}' }),
          400,
          'bad_mapping',
        ],
        [
          'not a spreadsheet, in a dry run',
          () => upload(unitAdminA, w.inspectionA, { dryRun: 'true' }, Buffer.from([0, 1, 2, 3])),
          400,
          'not_a_spreadsheet',
        ],
        [
          'no file',
          () =>
            unitAdminA.inject({
              method: 'POST',
              url: `/api/inspections/${w.inspectionA}/ledger-imports`,
              ...multipart({ dryRun: 'true' }, null),
            }),
          400,
          'file_required',
        ],
        [
          'not multipart',
          () => unitAdminA.post(`/api/inspections/${w.inspectionA}/ledger-imports`, { dryRun: true }),
          415,
          'unsupported_media_type',
        ],
      ],
      expect,
    );
    const tooBig = await upload(unitAdminA, w.inspectionA, {}, Buffer.alloc(t.config.maxUploadBytes + 1, 0x20));
    expect(tooBig.statusCode).toBe(413);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('imports with a mapping: 202, then a job that goes queued → running → succeeded with the summary', async () => {
    const res = await upload(unitAdminA, w.inspectionA, { mapping: MAPPING });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json<{ jobId: number }>();
    // Answered before the work starts: the row is queued (or already running on a fast machine).
    expect(['queued', 'running']).toContain((await unitAdminA.get(`/api/jobs/${jobId}`)).json<Job>().status);
    await t.app.services.jobs.settled(jobId);
    const job = (await unitAdminA.get(`/api/jobs/${jobId}`)).json<Job>();
    expect(job).toMatchObject({
      id: jobId,
      kind: 'ledger_import',
      status: 'succeeded',
      error: null,
      download: null,
      phase: 'write',
      progress: { done: 6, total: 6 },
      result: { items: 6, measures: 11, errors: [], created: { problems: 1, items: 6, measures: 11, progress: 2 } },
    });
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();
    const ledgerRows = await unitAdminA.get(`/api/items?inspectionId=${w.inspectionA}&limit=50`);
    expect(ledgerRows.json<Static<typeof ledgerPage>>().total).toBe(8);
  });

  it('shows the job to its owner and the office only: 404 for another unit and for another account', async () => {
    const res = await upload(unitAdminA, w.inspectionA, { mapping: MAPPING });
    const job = await finishedJob(unitAdminA, res);
    const office = await t.login('office');
    expect((await office.get(`/api/jobs/${job.id}`)).statusCode).toBe(200);
    for (const other of [unitAdminB, deptA1]) {
      const seen = await other.get(`/api/jobs/${job.id}`);
      expect(seen.statusCode).toBe(404);
      expect(seen.json<ErrorBody>().error.code).toBe('not_found');
    }
    expect((await unitAdminA.get('/api/jobs/999999')).statusCode).toBe(404);
  });

  it('runs two imports in parallel, each all or nothing: both succeed and every row is there once', async () => {
    const before = await unitAdminA.get(`/api/items?inspectionId=${w.inspectionA}&limit=50`);
    const total = before.json<Static<typeof ledgerPage>>().total;
    const [a, b] = await Promise.all([
      upload(unitAdminA, w.inspectionA, { mapping: MAPPING }),
      upload(unitAdminA, w.inspectionA, { mapping: MAPPING }),
    ]);
    const jobs = await Promise.all([finishedJob(unitAdminA, a), finishedJob(unitAdminA, b)]);
    expect(jobs.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
    expect(jobs[0].id).not.toBe(jobs[1].id);
    const after = await unitAdminA.get(`/api/items?inspectionId=${w.inspectionA}&limit=50`);
    expect(after.json<Static<typeof ledgerPage>>().total).toBe((total ?? 0) + 12);
    // Numbered one import after the other: the 12 new items have 12 sort orders, none shared.
    const sortOrders = await handle.db
      .selectFrom('items')
      .select('sort_order')
      .where('inspection_id', '=', w.inspectionA)
      .orderBy('sort_order', 'desc')
      .limit(12)
      .execute();
    expect(new Set(sortOrders.map((r) => r.sort_order)).size).toBe(12);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = t.app.swagger() as { paths: Record<string, { post: { responses: object; description: string } }> };
    const op = doc.paths['/api/inspections/{id}/ledger-imports'].post;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '202', '400']));
    expect(op.description).toMatch(/dryRun/);
  });
});
