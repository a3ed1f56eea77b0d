import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { MAX_EXPORT_INSPECTIONS } from '../../../ledger-io/export/export.ts';
import { createTestApp, expectRefusals, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildInspection, buildItem, buildWorld, type World } from '../../../test/factories.ts';
import { addLedgerDetail, readWorkbook } from '../../../test/ledger-fixtures.ts';
import type { ErrorBody } from '../../schemas.ts';

describe.each(testDialects())('ledger export and binder routes (%s)', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let world: World;
  let office: TestClient;
  let deptA2: TestClient;
  let unitAdminB: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    t = await createTestApp(handle);
    world = await buildWorld(handle.db);
    await addLedgerDetail(handle.db, world, t.app.services.evidence);
    [office, deptA2, unitAdminB] = await Promise.all([t.login('office'), t.login('depta2'), t.login('unitadminb')]);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const titlesOf = async (body: Buffer) => {
    const ws = (await readWorkbook(body)).getWorksheet('整改台账');
    if (!ws) throw new Error('no 整改台账 sheet');
    return (ws.getSheetValues().slice(4) as unknown[][]).map((r) => r[4]);
  };

  it('downloads an inspection’s ledger with a UTF-8 file name', async () => {
    const res = await office.get(`/api/inspections/${world.inspectionA}/ledger.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('测试市交通运输局整改台账20260815.xlsx')}`,
    );
    expect(await titlesOf(res.rawPayload)).toEqual([
      '财务审批不规范',
      '公务用车管理不严',
      '动议酝酿环节记录不完整：个别干部任前“凭印象”推荐',
      '动议酝酿环节记录不完整：个别干部任前“凭印象”推荐',
      '动议酝酿环节记录不完整：个别干部任前“凭印象”推荐',
      '试用期满考核流于形式',
      '干部档案材料归档不及时',
    ]);
  });

  it('exports the ledger page’s selection with its filters, and only the rows the reader may see', async () => {
    const filtered = await office.get(`/api/ledger/export.xlsx?inspectionId=${world.inspectionA}&state=closed`);
    expect(filtered.statusCode).toBe(200);
    expect(await titlesOf(filtered.rawPayload)).toEqual(['试用期满考核流于形式']);

    const mine = await deptA2.get(`/api/inspections/${world.inspectionA}/ledger.xlsx`);
    expect(mine.statusCode).toBe(200);
    expect(new Set(await titlesOf(mine.rawPayload))).toEqual(
      new Set(['公务用车管理不严', '动议酝酿环节记录不完整：个别干部任前“凭印象”推荐']),
    );
    const everything = await deptA2.get('/api/ledger/export.xlsx');
    expect(new Set(await titlesOf(everything.rawPayload))).toEqual(
      new Set(['公务用车管理不严', '动议酝酿环节记录不完整：个别干部任前“凭印象”推荐']),
    );
  });

  it('streams the evidence binder', async () => {
    const res = await office.get(`/api/inspections/${world.inspectionA}/binder.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('测试市交通运输局整改资料册20260815.zip')}`,
    );
    const entries = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(entries)).toContain('02 全面从严治党方面/4 试用期满考核流于形式/考核意见.pdf');
  });

  it('builds the binder as a job: 202, progress by files, then the zip once from GET /api/jobs/:id/file', async () => {
    const started = await office.post(`/api/inspections/${world.inspectionA}/binder-jobs`, {});
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json<{ jobId: number }>();
    await t.app.services.jobs.settled(jobId);
    const job = (await office.get(`/api/jobs/${jobId}`)).json();
    expect(job).toMatchObject({
      kind: 'binder',
      status: 'succeeded',
      phase: 'files',
      download: `/api/jobs/${jobId}/file`,
      error: null,
    });
    expect(job.progress.done).toBe(job.progress.total);
    expect(job.progress.total).toBeGreaterThan(0);
    expect((await unitAdminB.get(`/api/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await unitAdminB.get(`/api/jobs/${jobId}/file`)).statusCode).toBe(404);
    const res = await office.get(`/api/jobs/${jobId}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('测试市交通运输局整改资料册20260815.zip')}`,
    );
    const entries = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(entries)).toContain('02 全面从严治党方面/4 试用期满考核流于形式/考核意见.pdf');
    // Once: the file is removed after the download.
    await expect.poll(async () => (await office.get(`/api/jobs/${jobId}/file`)).statusCode).toBe(410);
    expect((await unitAdminB.post(`/api/inspections/${world.inspectionA}/binder-jobs`, {})).statusCode).toBe(404);
  });

  it('refuses another unit’s inspection, strangers and bad filters', async () => {
    await expectRefusals(
      [
        [
          'ledger of another unit',
          () => unitAdminB.get(`/api/inspections/${world.inspectionA}/ledger.xlsx`),
          404,
          'not_found',
        ],
        [
          'binder of another unit',
          () => unitAdminB.get(`/api/inspections/${world.inspectionA}/binder.zip`),
          404,
          'not_found',
        ],
        ['no such inspection', () => office.get('/api/inspections/999999/binder.zip'), 404, 'not_found'],
        ['not signed in', () => t.app.inject({ method: 'GET', url: '/api/ledger/export.xlsx' }), 401, 'unauthorized'],
        ['paging is not a filter', () => office.get('/api/ledger/export.xlsx?limit=5'), 400, 'validation'],
        ['unknown state', () => office.get('/api/ledger/export.xlsx?state=lost'), 400, 'validation'],
        ['bad id', () => office.get('/api/inspections/abc/ledger.xlsx'), 400, 'validation'],
      ],
      expect,
    );
  });

  it('refuses a selection spanning more inspections than a workbook should hold', async () => {
    for (let n = 0; n < MAX_EXPORT_INSPECTIONS; n++) {
      const inspectionId = await buildInspection(handle.db, {
        roundId: world.roundId,
        teamId: world.teamB,
        unitId: world.unitB.id,
        kind: 'lookback',
        from: '2026-06-01',
        to: '2026-06-30',
        feedbackOn: null,
        concentratedUntil: null,
        reportDueOn: null,
      });
      await buildItem(handle.db, {
        inspection_id: inspectionId,
        unit_id: world.unitB.id,
        round_id: world.roundId,
        title: `回头看发现的问题${n}`,
      });
    }
    const res = await office.get('/api/ledger/export.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error).toMatchObject({
      code: 'export_too_wide',
      details: { inspections: MAX_EXPORT_INSPECTIONS + 2, max: MAX_EXPORT_INSPECTIONS },
    });
    expect((await office.get(`/api/ledger/export.xlsx?unitId=${world.unitA.id}`)).statusCode).toBe(200);
  });
});
