import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { insertReportSubmission } from '../../../repositories/report-submissions.repository.ts';
import { insertEvaluation } from '../../../repositories/supervision.repository.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildItem, buildOutcome, buildWorld, TEST_NOW, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';

/** Issue 15 (point 6): the round summary upward: one set of figures for the page, the .xlsx and the .docx. */
describe.each(testDialects())('the round summary on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let supervisor: TestClient;
  let unitAdminA: TestClient;
  let leaderB: TestClient;
  let teamA: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    const db = handle.db;
    // Unit A: itemA1 open (due 9-30), itemA2 overdue (due 8-31? no: today is 8-15) — add one overdue and two closed.
    await buildItem(db, {
      inspection_id: w.inspectionA,
      unit_id: w.unitA.id,
      round_id: w.roundId,
      title: '逾期事项',
      deadline: '2026-08-01',
      state: 'in_progress',
    });
    await buildItem(db, {
      inspection_id: w.inspectionA,
      unit_id: w.unitA.id,
      round_id: w.roundId,
      title: '已完成事项',
      deadline: '2026-08-01',
      state: 'closed',
      result: 'completed',
      closed_on: '2026-07-30',
    });
    await buildItem(db, {
      inspection_id: w.inspectionA,
      unit_id: w.unitA.id,
      round_id: w.roundId,
      title: '基本完成事项',
      deadline: '2026-08-01',
      state: 'closed',
      result: 'partially_completed',
      closed_on: '2026-07-30',
    });
    await buildOutcome(db, w.itemA1, { kind: 'rule_made', title: '财务审批制度' });
    await buildOutcome(db, w.itemA1, { kind: 'rule_revised', title: '公务用车制度' });
    await buildOutcome(db, w.itemA2, { kind: 'rule_revised', title: '采购制度' });
    await buildOutcome(db, w.itemA2, { kind: 'accountability', accountabilityKind: 'criticism', peopleCount: 3 });
    await buildOutcome(db, w.itemA2, { kind: 'funds_recovered', amountYuan: 12345.67 });
    await buildOutcome(db, w.itemB1, { kind: 'funds_recovered', amountYuan: 100 });
    await insertEvaluation(db, w.inspectionA, {
      entries: [],
      note: null,
      score: 92,
      grade: 'good',
      evaluatedBy: w.users.office.id,
      evaluatedOn: '2026-08-14',
    });
    await insertReportSubmission(
      db,
      {
        inspectionId: w.inspectionA,
        submittedOn: '2026-08-10',
        docNumber: '〔2026〕12号',
        fileName: 'r.pdf',
        contentType: 'application/pdf',
        sizeBytes: 10,
        sha256: 'b'.repeat(64),
        note: null,
        recordedBy: w.users.unitAdminA.id,
      },
      null,
      TEST_NOW,
    );
    t = await createTestApp(handle);
    [office, supervisor, unitAdminA, leaderB, teamA] = await Promise.all(
      ['office', 'supervisor', 'unitadmina', 'leaderb', 'teama'].map((u) => t.login(u)),
    );
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  it('gives a row per unit and the totals, for the office and the supervisors', async () => {
    const res = await office.get(`/api/rounds/${w.roundId}/summary`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.asOf).toBe('2026-08-15');
    const a = s.rows.find((r: { unitId: number }) => r.unitId === w.unitA.id);
    expect(a).toMatchObject({
      unit: w.unitA.name,
      problems: 1,
      items: 5,
      completed: 1,
      partial: 1,
      inProgress: 2,
      overdue: 1,
      rulesMade: 1,
      rulesRevised: 2,
      peopleHeld: 3,
      fundsFen: 1234567,
      reportSubmittedOn: '2026-08-10',
      reportDocNumber: '〔2026〕12号',
      grade: 'good',
    });
    const b = s.rows.find((r: { unitId: number }) => r.unitId === w.unitB.id);
    expect(b).toMatchObject({ items: 1, inProgress: 1, fundsFen: 10000, reportSubmittedOn: null, grade: null });
    expect(s.totals).toMatchObject({ units: 2, items: 6, fundsFen: 1244567, reportsSubmitted: 1, rulesRevised: 2 });
    expect((await supervisor.get(`/api/rounds/${w.roundId}/summary`)).json()).toEqual(s);
  });

  it('refuses unit users and teams (403) and an unknown round (404), changing nothing', async () => {
    const before = await tableCounts(handle.db);
    for (const client of [unitAdminA, leaderB, teamA]) {
      for (const path of ['summary', 'summary.xlsx', 'summary.docx', 'report-submissions']) {
        const res = await client.get(`/api/rounds/${w.roundId}/${path}`);
        expect(res.statusCode, path).toBe(403);
        expect(res.json<ErrorBody>().error.code).toBe('forbidden');
      }
    }
    expect((await office.get('/api/rounds/999999/summary')).statusCode).toBe(404);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('sends the same figures as .xlsx (A4 landscape, fit to width, header repeated) and .docx', async () => {
    const xlsx = await office.get(`/api/rounds/${w.roundId}/summary.xlsx`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('round-summary.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
    expect(sheet.getRow(3).getCell(1).value).toBe('单位');
    const texts = sheet.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1).join('|') : ''));
    expect(texts.some((r) => r.startsWith(`${w.unitA.name}|1|5|1|1|2|1|1|2|3|1.234567|0|0|2026-08-10|好`))).toBe(true);
    expect(texts.some((r) => r.startsWith('合计（2 个单位）|1|6|'))).toBe(true);
    const docx = await office.get(`/api/rounds/${w.roundId}/summary.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
