import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { listAuditEvents } from '../../../repositories/audit.repository.ts';
import { scheduleDrift } from '../../../repositories/reminders.repository.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');

/** Issue 15 (报送): the unit records its 整改情况报告 as submitted; a correction keeps the history; reminders stop. */
describe.each(testDialects())('report submissions (报送) on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let unitAdminA: TestClient;
  let leaderA: TestClient;
  let deptA1: TestClient;
  let unitAdminB: TestClient;
  let supervisor: TestClient;

  const record = (
    client: TestClient,
    inspectionId: number,
    fields: Record<string, string>,
    file: { name: string; content: Buffer } | null = { name: '整改情况报告.pdf', content: pdf('report') },
  ) =>
    client.inject({
      method: 'POST',
      url: `/api/inspections/${inspectionId}/report-submission`,
      ...multipart(fields, file),
    });
  const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<ErrorBody>().error.code];

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    [office, unitAdminA, leaderA, deptA1, unitAdminB, supervisor] = await Promise.all(
      ['office', 'unitadmina', 'leadera', 'depta1', 'unitadminb', 'supervisor'].map((u) => t.login(u)),
    );
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  it('refuses bad input, other units and departments, changing nothing', async () => {
    const before = await tableCounts(handle.db);
    const good = { submittedOn: '2026-08-10', docNumber: '〔2026〕12号' };
    expect(refusal(await record(unitAdminA, w.inspectionA, { ...good, submittedOn: '2026-08-16' }))).toEqual([
      400,
      'validation',
    ]);
    const future = await record(unitAdminA, w.inspectionA, { ...good, submittedOn: '2026-08-16' });
    expect(future.json<ErrorBody>().error.message).toContain('不能晚于今天');
    const early = await record(unitAdminA, w.inspectionA, { ...good, submittedOn: '2026-06-30' });
    expect(early.json<ErrorBody>().error.message).toContain('不能早于反馈日期（2026-07-01）');
    expect(refusal(await record(unitAdminA, w.inspectionA, { ...good, submittedOn: '2026-8-1' }))).toEqual([
      400,
      'validation',
    ]);
    expect(refusal(await record(unitAdminA, w.inspectionA, { ...good, docNumber: '  ' }))).toEqual([400, 'validation']);
    expect(
      refusal(await record(unitAdminA, w.inspectionA, good, { name: '报告.xlsx', content: Buffer.from('PK\x03\x04') })),
    ).toEqual([400, 'validation']);
    // A .pdf that is not one: the store's check.
    expect(
      refusal(await record(unitAdminA, w.inspectionA, good, { name: '报告.pdf', content: Buffer.from('not a pdf') })),
    ).toEqual([400, 'file_type_mismatch']);
    expect(refusal(await record(unitAdminA, w.inspectionA, good, null))).toEqual([400, 'file_required']);
    // Another unit's administrator does not see the inspection; a department sees it but does not record.
    expect((await record(unitAdminB, w.inspectionA, good)).statusCode).toBe(404);
    expect(refusal(await record(deptA1, w.inspectionA, good))).toEqual([403, 'forbidden']);
    expect((await record(supervisor, w.inspectionA, good)).statusCode).toBe(403);
    expect((await unitAdminA.post(`/api/inspections/${w.inspectionA}/report-submission`, good)).statusCode).toBe(415);
    expect(await tableCounts(handle.db)).toEqual(before);
    expect((await unitAdminB.get(`/api/inspections/${w.inspectionA}/report-submission`)).statusCode).toBe(404);
  });

  it('records, stops the report reminder, shows it to the office, corrects with history and an audit event', async () => {
    const drift = async () =>
      (await scheduleDrift(handle.db, 2)).fresh.filter((s) => s.kind === 'report').map((s) => s.id);
    expect(await drift()).toEqual(expect.arrayContaining([w.inspectionA, w.inspectionB]));

    const first = await record(unitAdminA, w.inspectionA, { submittedOn: '2026-08-10', docNumber: ' 〔2026〕12号 ' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ replaced: null });
    expect(await drift()).toEqual([w.inspectionB]);

    const shown = (await unitAdminA.get(`/api/inspections/${w.inspectionA}/report-submission`)).json();
    expect(shown.current).toMatchObject({
      submittedOn: '2026-08-10',
      docNumber: '〔2026〕12号',
      fileName: '整改情况报告.pdf',
    });
    expect(shown.current.sha256).toBeUndefined();
    expect(shown.history).toEqual([]);

    const list = (await office.get(`/api/rounds/${w.roundId}/report-submissions`)).json().reports;
    expect(list.find((r: { unitId: number }) => r.unitId === w.unitA.id).submission).toMatchObject({
      submittedOn: '2026-08-10',
      docNumber: '〔2026〕12号',
    });
    expect(list.find((r: { unitId: number }) => r.unitId === w.unitB.id).submission).toBeNull();
    expect((await supervisor.get(`/api/rounds/${w.roundId}/report-submissions`)).statusCode).toBe(200);
    expect(refusal(await unitAdminA.get(`/api/rounds/${w.roundId}/report-submissions`))).toEqual([403, 'forbidden']);

    const file = await office.get(`/api/report-submissions/${shown.current.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await unitAdminB.get(`/api/report-submissions/${shown.current.id}/file`)).statusCode).toBe(404);

    // The leader corrects the number: the first record stays as history.
    const second = await record(
      leaderA,
      w.inspectionA,
      { submittedOn: '2026-08-11', docNumber: '〔2026〕13号' },
      { name: '整改情况报告（更正）.pdf', content: pdf('corrected') },
    );
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().replaced).toBe(shown.current.id);
    const after = (await office.get(`/api/inspections/${w.inspectionA}/report-submission`)).json();
    expect(after.current).toMatchObject({ docNumber: '〔2026〕13号', submittedOn: '2026-08-11' });
    expect(after.history).toHaveLength(1);
    expect(after.history[0]).toMatchObject({ id: shown.current.id, docNumber: '〔2026〕12号' });
    expect(after.history[0].supersededAt).not.toBeNull();
    const events = await listAuditEvents(handle.db, { entity: 'inspection', entityId: w.inspectionA, limit: 50 });
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['report_submission.create', 'report_submission.correct']));
    // Still not reminded.
    expect(await drift()).toEqual([w.inspectionB]);
  });

  it('takes two records sent at once one after the other: the later supersedes the earlier, none is lost', async () => {
    const [a, b] = await Promise.all([
      record(unitAdminB, w.inspectionB, { submittedOn: '2026-08-10', docNumber: '〔2026〕20号' }),
      record(unitAdminB, w.inspectionB, { submittedOn: '2026-08-10', docNumber: '〔2026〕21号' }),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    const replaced = [a.json().replaced, b.json().replaced];
    expect(replaced.filter((r) => r === null)).toHaveLength(1);
    const shown = (await unitAdminB.get(`/api/inspections/${w.inspectionB}/report-submission`)).json();
    expect(shown.history).toHaveLength(1);
    expect([shown.current.id, shown.history[0].id].sort()).toEqual([a.json().id, b.json().id].sort());
  });
});
