import { readFileSync } from 'node:fs';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { CUSTOMARY_LEDGER_PREVIEW, customaryLedger, fixtureDir } from '../../../ledger-io/import/fixtures.ts';
import { createTestApp, expectRefusals, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildInspection, buildWorld, tableCounts, type World } from '../../../test/factories.ts';
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

  /** 确认导入 as the page sends it: the preview first, then the same file and fields with the preview's token. */
  const confirmed = async (client: TestClient, inspectionId: number, fields: Record<string, string>, file = ledger) => {
    const preview = await upload(client, inspectionId, { ...fields, dryRun: 'true' }, file);
    expect(preview.statusCode).toBe(200);
    return upload(
      client,
      inspectionId,
      { ...fields, previewToken: preview.json<{ previewToken: string }>().previewToken },
      file,
    );
  };

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
    expect(res.json()).toMatchObject({
      ...CUSTOMARY_LEDGER_PREVIEW,
      counts: { new: 6, same: 0, update: 0, error: 0 },
      previewToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(res.json<{ rows: { status: string; number: string }[] }>().rows.map((r) => [r.status, r.number])).toEqual([
      ['new', '1'],
      ['new', '2'],
      ['new', '3'],
      ['new', '4'],
      ['new', '5'],
      ['new', '6'],
    ]);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('fails a real import while names are unmatched, with the refusal and its details, and writes nothing', async () => {
    const before = await tableCounts(handle.db);
    const job = await finishedJob(unitAdminA, await confirmed(unitAdminA, w.inspectionA, {}));
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
    // No preview of such a file succeeds; the job reads the file before it looks at the token.
    const unchecked = { previewToken: 'unchecked' };
    const job = await finishedJob(
      unitAdminA,
      await upload(unitAdminA, w.inspectionA, unchecked, Buffer.from([0, 1, 2, 3])),
    );
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'not_a_spreadsheet',
      details: { errors: [{ sheet: '交通局台账.xlsx', row: null, column: null }] },
    });
    const damaged = await finishedJob(
      unitAdminA,
      await upload(unitAdminA, w.inspectionA, unchecked, Buffer.concat([ledger.subarray(0, 2000), Buffer.alloc(64)])),
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
          'an aspect mapped to no aspect id',
          () => upload(unitAdminA, w.inspectionA, { dryRun: 'true', mapping: '{"aspects":{"一、党建":"党建"}}' }),
          400,
          'bad_mapping',
        ],
        [
          'a confirmation without the preview’s token',
          () => upload(unitAdminA, w.inspectionA, { mapping: MAPPING }),
          400,
          'ledger_import_preview_required',
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
    const tooBig = await upload(
      unitAdminA,
      w.inspectionA,
      { previewToken: 'x' },
      Buffer.alloc(t.config.maxUploadBytes + 1, 0x20),
    );
    expect(tooBig.statusCode).toBe(413);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('imports with a mapping: 202, then a job that goes queued → running → succeeded with the summary', async () => {
    const res = await confirmed(unitAdminA, w.inspectionA, { mapping: MAPPING });
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
      result: {
        items: 6,
        measures: 11,
        errors: [],
        created: { problems: 1, items: 6, measures: 11, progress: 2 },
        updated: 0,
        importId: expect.any(Number),
      },
    });
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();
    const ledgerRows = await unitAdminA.get(`/api/items?inspectionId=${w.inspectionA}&limit=50`);
    expect(ledgerRows.json<Static<typeof ledgerPage>>().total).toBe(8);
  });

  it('shows the job to its owner and the office only: 404 for another unit and for another account', async () => {
    const res = await confirmed(unitAdminA, w.inspectionA, { mapping: MAPPING });
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

  it('re-importing the same file adds nothing: its rows match the items the first import made', async () => {
    const before = await tableCounts(handle.db);
    const preview = await upload(unitAdminA, w.inspectionA, { dryRun: 'true', mapping: MAPPING });
    expect(preview.json<{ counts: object }>().counts).toEqual({ new: 0, same: 6, update: 0, error: 0 });
    const job = await finishedJob(unitAdminA, await confirmed(unitAdminA, w.inspectionA, { mapping: MAPPING }));
    expect(job.result).toMatchObject({ created: { problems: 0, items: 0, measures: 0, progress: 0 }, updated: 0 });
    const after = await tableCounts(handle.db);
    expect(after.items).toBe(before.items);
    expect(after.measures).toBe(before.measures);
  });

  it('confirms one preview twice in parallel: one imports, the other finds the ledger changed and writes nothing', async () => {
    const fresh = await buildInspection(handle.db, { roundId: w.roundId, teamId: w.teamA, unitId: w.unitA.id });
    const preview = await upload(unitAdminA, fresh, { dryRun: 'true', mapping: MAPPING });
    const previewToken = preview.json<{ previewToken: string }>().previewToken;
    const [a, b] = await Promise.all([
      upload(unitAdminA, fresh, { mapping: MAPPING, previewToken }),
      upload(unitAdminA, fresh, { mapping: MAPPING, previewToken }),
    ]);
    const jobs = await Promise.all([finishedJob(unitAdminA, a), finishedJob(unitAdminA, b)]);
    expect(jobs.map((j) => j.status).sort()).toEqual(['failed', 'succeeded']);
    expect(jobs.find((j) => j.status === 'failed')?.error).toMatchObject({ code: 'ledger_import_stale' });
    const items = await handle.db
      .selectFrom('items')
      .select(['number', 'sort_order'])
      .where('inspection_id', '=', fresh)
      .execute();
    expect(items).toHaveLength(6);
    expect(new Set(items.map((r) => r.number)).size).toBe(6);
  });

  it('downloads the template, lists the imports and undoes the last one; others get 404 or 403', async () => {
    const template = await unitAdminA.get(`/api/inspections/${w.inspectionA}/ledger-template.xlsx`);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['整改台账', '填写说明']);
    const notes = book.getWorksheet('填写说明')?.getColumn(1).values.join('\n') ?? '';
    expect(notes).toMatch(/方面存在的问题/);
    expect(notes).toMatch(/立行立改未填时限的，按反馈日期后 30 天计/);
    // The template reads back as an empty ledger, its 填写说明 passed over.
    const empty = await upload(unitAdminA, w.inspectionA, { dryRun: 'true' }, template.rawPayload);
    expect(empty.json<{ errors: unknown[]; items: number }>()).toMatchObject({ items: 0 });

    const list = await unitAdminA.get(`/api/inspections/${w.inspectionA}/ledger-imports`);
    expect(list.statusCode).toBe(200);
    const imports = list.json<{ id: number; itemsCreated: number; undoableUntil: string | null }[]>();
    const made = imports.find((i) => i.itemsCreated === 6);
    expect(made?.undoableUntil).not.toBeNull();
    const undoUrl = `/api/inspections/${w.inspectionA}/ledger-imports/${made?.id}/undo`;
    await expectRefusals(
      [
        ['a department user', () => deptA1.post(undoUrl, {}), 403, 'forbidden'],
        ['another unit', () => unitAdminB.post(undoUrl, {}), 404, 'not_found'],
        [
          'another unit’s list',
          () => unitAdminB.get(`/api/inspections/${w.inspectionA}/ledger-imports`),
          404,
          'not_found',
        ],
        [
          'another unit’s template',
          () => unitAdminB.get(`/api/inspections/${w.inspectionA}/ledger-template.xlsx`),
          404,
          'not_found',
        ],
        [
          'an import of another inspection',
          () => unitAdminA.post(`/api/inspections/${w.inspectionA}/ledger-imports/999999/undo`, {}),
          404,
          'not_found',
        ],
      ],
      expect,
    );
    const before = await tableCounts(handle.db);
    const undone = await unitAdminA.post(undoUrl, {});
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toEqual({ deleted: 6, restored: 0, problems: 1 });
    expect((await tableCounts(handle.db)).items).toBe(before.items - 6);
    const again = await unitAdminA.post(undoUrl, {});
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('ledger_import_already_undone');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = t.app.swagger() as { paths: Record<string, { post: { responses: object; description: string } }> };
    const op = doc.paths['/api/inspections/{id}/ledger-imports'].post;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '202', '400']));
    expect(op.description).toMatch(/dryRun/);
  });
});
