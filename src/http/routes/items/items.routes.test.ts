import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { verifyAuditChain } from '../../../repositories/audit.repository.ts';
import {
  createTestApp,
  expectRefusals,
  multipart,
  type Refusal,
  type TestApp,
  type TestClient,
} from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { Created, ErrorBody } from '../../schemas.ts';
import type { overviewResponse, totalsResponse } from '../dashboard/dashboard.schema.ts';
import type { evidenceLimits, itemDetail, itemHistory, ledgerPage } from './items.schema.ts';

type LedgerPage = Static<typeof ledgerPage>;
type Totals = Static<typeof totalsResponse>;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

describe.each(testDialects())('ledger items on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  // This file moves the clock; every test starts from the app's own moment whatever ran before it.
  afterEach(() => t?.resetClock());
  let w: World;
  let office: TestClient;
  let office2: TestClient;
  let unitAdminA: TestClient;
  let leaderA: TestClient;
  let deptA1: TestClient;

  const item = async (client: TestClient, id: number) =>
    (await client.get(`/api/items/${id}`)).json<Static<typeof itemDetail>>();
  const upload = (
    client: TestClient,
    itemId: number,
    fields: Record<string, string>,
    file: { name: string; content: Buffer } | null,
  ) => client.inject({ method: 'POST', url: `/api/items/${itemId}/evidence`, ...multipart(fields, file) });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    [office, office2, unitAdminA, leaderA, deptA1] = await Promise.all(
      ['office', 'office2', 'unitadmina', 'leadera', 'depta1'].map((u) => t.login(u)),
    );
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('lists the ledger with the contract fields', async () => {
    const res = await office.get('/api/items');
    expect(res.statusCode).toBe(200);
    const body = res.json<LedgerPage>();
    expect(body.total).toBe(3);
    expect(body.items[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        title: expect.any(String),
        unit: expect.any(String),
        state: 'not_started',
        result: 'not_completed',
        overdue: false,
      }),
    );
    expect(body.items[0]).toHaveProperty('aspect');
    expect(body.items[0]).toHaveProperty('problem');
    expect(body.items[0]).toHaveProperty('deadline');
  });

  it('filters by unit, department, state, overdue, deadline range and text', async () => {
    const q = async (query: string) => (await office.get(`/api/items?${query}`)).json<LedgerPage>();
    expect((await q(`unitId=${w.unitA.id}`)).total).toBe(2);
    expect((await q(`departmentId=${w.deptA2.id}`)).items.map((i) => i.id)).toEqual([w.itemA2]);
    expect((await q('state=not_started&state=in_progress')).total).toBe(3);
    expect((await q('state=closed')).total).toBe(0);
    expect((await q('deadlineFrom=2026-09-01&deadlineTo=2026-09-30')).total).toBe(2);
    expect((await q(`q=${encodeURIComponent('公务用车')}`)).items[0].id).toBe(w.itemA2);
    expect((await q('q=%25')).total).toBe(0);
    expect((await q(`aspectId=${w.aspectIds[0]}&roundId=${w.roundId}&inspectionId=${w.inspectionA}`)).total).toBe(2);
    expect((await q('overdue=true')).total).toBe(0);
    t.clock.now = new Date('2026-09-05T02:00:00Z');
    // Sessions expire by the same clock, so sign in again at the new date.
    const later = await t.login('office');
    const laterQ = async (query: string) => (await later.get(`/api/items?${query}`)).json<LedgerPage>();
    const overdue = await laterQ('overdue=true');
    expect(overdue.items.map((i) => i.id)).toEqual([w.itemA2]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, warning: 'red' });
    expect((await laterQ('overdue=false')).total).toBe(2);
    t.clock.now = new Date('2026-08-15T02:00:00Z');
  });

  it('sorts and pages by offset and by keyset cursor with the same rows', async () => {
    const all = (await office.get('/api/items?sort=deadline&order=asc&limit=10')).json<LedgerPage>();
    expect(all.items.map((i) => i.deadline)).toEqual(['2026-08-31', '2026-09-30', '2026-09-30']);
    const page1 = (await office.get('/api/items?sort=deadline&limit=2')).json<LedgerPage>();
    const page2 = (await office.get(`/api/items?sort=deadline&limit=2&after=${page1.nextCursor}`)).json<LedgerPage>();
    const page2offset = (await office.get('/api/items?sort=deadline&limit=2&offset=2')).json<LedgerPage>();
    expect(page2.items.map((i) => i.id)).toEqual(page2offset.items.map((i) => i.id));
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    const bad = await office.get('/api/items?after=garbage');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.code).toBe('bad_cursor');
  });

  it('refuses bad list queries with the failing fields', async () => {
    for (const query of ['limit=0', 'limit=abc', 'state=done', 'deadlineFrom=2026-13-01', 'sort=title', 'unknown=1']) {
      const res = await office.get(`/api/items?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('validation');
    }
  });

  it('carries an item from progress with evidence through request, approval and confirmation, and the totals change', async () => {
    const totalsBefore = (await office.get(`/api/dashboard/totals?unitId=${w.unitA.id}`)).json<Totals>();
    expect(totalsBefore.counts).toMatchObject({ items: 2, closed: 0, completed: 0 });

    const progress = await deptA1.post(`/api/items/${w.itemA1}/progress`, {
      entryOn: '2026-08-10',
      content: '修订财务审批制度，组织专题培训',
    });
    expect(progress.statusCode).toBe(201);
    let detail = await item(deptA1, w.itemA1);
    expect(detail.state).toBe('in_progress');

    const noEvidence = await deptA1.post(`/api/items/${w.itemA1}/transitions`, {
      event: 'request_close',
      version: detail.version,
      note: '已完成',
    });
    expect(noEvidence.statusCode).toBe(409);
    expect(noEvidence.json<ErrorBody>().error.code).toBe('evidence_required');

    const up = await upload(
      deptA1,
      w.itemA1,
      { effectiveOn: '2026-08-09', note: '制度文件' },
      { name: '财务审批制度.pdf', content: PDF },
    );
    expect(up.statusCode).toBe(201);
    detail = await item(deptA1, w.itemA1);
    expect(detail.evidence[0]).toMatchObject({
      fileName: '财务审批制度.pdf',
      effectiveOn: '2026-08-09',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    expect(detail.evidence[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await deptA1.get(`/api/evidence/${detail.evidence[0].id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const noNote = await deptA1.post(`/api/items/${w.itemA1}/transitions`, {
      event: 'request_close',
      version: detail.version,
      note: '',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json<ErrorBody>().error.code).toBe('note_required');

    expect(
      (
        await deptA1.post(`/api/items/${w.itemA1}/transitions`, {
          event: 'request_close',
          version: detail.version,
          note: '制度已修订并印发',
        })
      ).statusCode,
    ).toBe(204);
    detail = await item(leaderA, w.itemA1);
    expect(detail).toMatchObject({ state: 'close_requested', closeStage: 'unit_review' });

    // The department cannot approve, and the office cannot skip the unit leader.
    expect(
      (await deptA1.post(`/api/items/${w.itemA1}/transitions`, { event: 'approve', version: detail.version }))
        .statusCode,
    ).toBe(403);
    expect(
      (await office.post(`/api/items/${w.itemA1}/transitions`, { event: 'confirm', version: detail.version }))
        .statusCode,
    ).toBe(409);

    expect(
      (
        await leaderA.post(`/api/items/${w.itemA1}/transitions`, {
          event: 'approve',
          version: detail.version,
          note: '同意',
        })
      ).statusCode,
    ).toBe(204);
    detail = await item(office, w.itemA1);
    expect(detail.closeStage).toBe('office_review');
    expect(
      (
        await office.post(`/api/items/${w.itemA1}/transitions`, {
          event: 'confirm',
          version: detail.version,
          note: '核查属实',
        })
      ).statusCode,
    ).toBe(204);
    detail = await item(office, w.itemA1);
    expect(detail).toMatchObject({ state: 'closed', result: 'completed', closedOn: '2026-08-15' });
    expect(detail.reviews.map((r) => r.event)).toEqual(['request_close', 'approve', 'confirm']);

    const totalsAfter = (await office.get(`/api/dashboard/totals?unitId=${w.unitA.id}`)).json<Totals>();
    expect(totalsAfter.counts).toMatchObject({ items: 2, closed: 1, completed: 1 });
    const overview = (await office.get(`/api/rounds/${w.roundId}/overview`)).json<Static<typeof overviewResponse>>();
    expect(overview.units.find((u) => u.unitId === w.unitA.id)?.counts.closed).toBe(1);

    const history = (await office.get(`/api/items/${w.itemA1}/history`)).json<Static<typeof itemHistory>>();
    expect(history.events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'item.start',
        'item.request_close',
        'item.approve',
        'item.confirm',
        'progress.create',
        'evidence.create',
      ]),
    );
    // Its own measures, progress and evidence, and nothing of the other items.
    const otherItemEvents = history.events.filter((e) =>
      e.entity === 'item' ? e.entityId !== w.itemA1 : (e.after as { itemId?: number } | null)?.itemId !== w.itemA1,
    );
    expect(otherItemEvents).toEqual([]);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ brokenAt: null });

    // A look-back finds a rebound: the office reopens with the finding.
    expect(
      (
        await office2.post(`/api/items/${w.itemA1}/transitions`, {
          event: 'reopen',
          version: detail.version,
          note: '回头看发现问题反弹',
        })
      ).statusCode,
    ).toBe(204);
    detail = await item(office, w.itemA1);
    expect(detail).toMatchObject({ state: 'in_progress', result: 'not_completed', reopenedCount: 1 });
  });

  it('refuses a stale edit with 409 and keeps the first edit', async () => {
    const detail = await item(unitAdminA, w.itemA2);
    const first = await unitAdminA.patch(`/api/items/${w.itemA2}`, { version: detail.version, deadline: '2026-10-31' });
    expect(first.statusCode).toBe(204);
    const stale = await unitAdminA.patch(`/api/items/${w.itemA2}`, { version: detail.version, deadline: '2026-12-31' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error).toMatchObject({
      code: 'stale_version',
      details: { currentVersion: detail.version + 1 },
    });
    expect((await item(unitAdminA, w.itemA2)).deadline).toBe('2026-10-31');
  });

  it('refuses bad writes with a clear error and changes nothing', async () => {
    const detail = await item(unitAdminA, w.itemA2);
    const { id: measureId, version: measureVersion } = detail.measures[0];
    const before = await tableCounts(handle.db);
    const cases: Refusal[] = [
      [
        'deadline before feedback',
        () => unitAdminA.patch(`/api/items/${w.itemA2}`, { version: detail.version, deadline: '2026-06-01' }),
        400,
        'deadline_before_feedback',
      ],
      [
        'wrong type',
        () => unitAdminA.patch(`/api/items/${w.itemA2}`, { version: 'one', deadline: 5 }),
        400,
        'validation',
      ],
      [
        'unknown field',
        () => unitAdminA.patch(`/api/items/${w.itemA2}`, { version: detail.version, colour: 'red' }),
        400,
        'validation',
      ],
      [
        'withheld without reason',
        () => unitAdminA.patch(`/api/items/${w.itemA2}`, { version: detail.version, withheld: true }),
        400,
        'withheld_reason_required',
      ],
      [
        'result that does not fit the state',
        () => unitAdminA.patch(`/api/items/${w.itemA2}`, { version: detail.version, result: 'completed' }),
        409,
        'result_state_mismatch',
      ],
      [
        'department of another unit',
        () => unitAdminA.patch(`/api/items/${w.itemA2}`, { version: detail.version, leadDepartmentId: w.deptB1.id }),
        400,
        'department_outside_unit',
      ],
      ['unknown item', () => unitAdminA.patch('/api/items/999999', { version: 1, title: 'x' }), 404, 'not_found'],
      ['non-numeric id', () => unitAdminA.get('/api/items/abc'), 400, 'validation'],
      [
        'transition the machine refuses',
        () => leaderA.post(`/api/items/${w.itemA2}/transitions`, { event: 'approve', version: detail.version }),
        409,
        'invalid_transition',
      ],
      [
        'unknown event',
        () => leaderA.post(`/api/items/${w.itemA2}/transitions`, { event: 'close', version: detail.version }),
        400,
        'validation',
      ],
      [
        'progress in the future',
        () => deptA1.post(`/api/items/${w.itemA1}/progress`, { entryOn: '2027-01-01', content: 'x' }),
        400,
        'future_date',
      ],
      [
        'progress without content',
        () => deptA1.post(`/api/items/${w.itemA1}/progress`, { entryOn: '2026-08-01', content: '' }),
        400,
        'validation',
      ],
      [
        'accountability without people',
        () => unitAdminA.post(`/api/items/${w.itemA2}/outcomes`, { kind: 'accountability', title: '问责' }),
        400,
        'validation',
      ],
      [
        'item with a measure deadline before feedback',
        () =>
          unitAdminA.post('/api/items', {
            inspectionId: w.inspectionA,
            title: '新问题',
            kind: 'deadline',
            measures: [{ content: '措施', deadline: '2026-01-01' }],
          }),
        400,
        'deadline_before_feedback',
      ],
      [
        'item in another unit',
        () => unitAdminA.post('/api/items', { inspectionId: w.inspectionB, title: '新问题', kind: 'deadline' }),
        404,
        'not_found',
      ],
      [
        'the unit itself as lead department',
        () => unitAdminA.patch(`/api/items/${w.itemA2}`, { version: detail.version, leadDepartmentId: w.unitA.id }),
        400,
        'department_outside_unit',
      ],
      [
        'a measure given to the unit itself rather than a department',
        () => unitAdminA.patch(`/api/measures/${measureId}`, { version: measureVersion, departmentId: w.unitA.id }),
        400,
        'department_outside_unit',
      ],
      [
        'a measure given to a person of another unit',
        () =>
          unitAdminA.patch(`/api/measures/${measureId}`, {
            version: measureVersion,
            responsiblePersonId: w.users.deptB1.id,
          }),
        400,
        'person_outside_unit',
      ],
      [
        'a new measure given to a person of another unit',
        () =>
          unitAdminA.post(`/api/items/${w.itemA2}/measures`, {
            content: '新措施',
            kind: 'deadline',
            responsiblePersonId: w.users.deptB1.id,
          }),
        400,
        'person_outside_unit',
      ],
    ];
    await expectRefusals(cases, expect);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses mistyped, empty and oversized uploads and stores nothing', async () => {
    const before = await tableCounts(handle.db);
    const exe = await upload(deptA1, w.itemA1, {}, { name: 'virus.exe', content: Buffer.from('MZ') });
    expect(exe.statusCode).toBe(400);
    expect(exe.json<ErrorBody>().error.code).toBe('unsupported_file_type');
    const fake = await upload(
      deptA1,
      w.itemA1,
      {},
      { name: 'scan.pdf', content: Buffer.from('<html>not a pdf</html>') },
    );
    expect(fake.json<ErrorBody>().error.code).toBe('file_type_mismatch');
    const empty = await upload(deptA1, w.itemA1, {}, { name: 'empty.pdf', content: Buffer.alloc(0) });
    expect(empty.json<ErrorBody>().error.code).toBe('empty_file');
    const noFile = await upload(deptA1, w.itemA1, { note: 'x' }, null);
    expect(noFile.json<ErrorBody>().error.code).toBe('file_required');
    const badDate = await upload(deptA1, w.itemA1, { effectiveOn: '2026/08/01' }, { name: 'a.pdf', content: PDF });
    expect(badDate.json<ErrorBody>().error.code).toBe('validation');
    const big = Buffer.concat([PDF, Buffer.alloc(t.config.maxUploadBytes)]);
    const tooBig = await upload(deptA1, w.itemA1, {}, { name: 'big.pdf', content: big });
    expect(tooBig.statusCode).toBe(413);
    const notMultipart = await deptA1.post(`/api/items/${w.itemA1}/evidence`, { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('gives the item page its warnings, the upload limits and PDFs to show inline', async () => {
    const detail = await item(deptA1, w.itemA1);
    expect(['none', 'green', 'yellow', 'red']).toContain(detail.warning);
    expect(typeof detail.wasLate).toBe('boolean');
    for (const m of detail.measures) expect(['none', 'green', 'yellow', 'red']).toContain(m.warning);
    expect(detail.abilities).toEqual({
      events: expect.any(Array),
      editFeedback: false,
      editPlan: false,
      recordProgress: true,
      addEvidence: true,
      addOutcome: true,
      supervise: false,
      requestExtension: true,
      decideExtension: false,
    });
    expect((await item(office, w.itemA1)).abilities).toMatchObject({ editPlan: true, recordProgress: false });

    const limits = await deptA1.get('/api/evidence/limits');
    expect(limits.statusCode).toBe(200);
    expect(limits.json<Static<typeof evidenceLimits>>()).toEqual({
      maxBytes: t.config.maxUploadBytes,
      types: expect.arrayContaining(['pdf', 'png']),
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/evidence/limits' })).statusCode).toBe(401);

    const pdf = detail.evidence.find((e) => e.contentType === 'application/pdf');
    expect(pdf).toBeDefined();
    const file = await deptA1.get(`/api/evidence/${pdf?.id}/file`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline;/);
  });

  it('creates an item with measures and records outcomes', async () => {
    const res = await unitAdminA.post('/api/items', {
      inspectionId: w.inspectionA,
      problemId: w.problemA,
      title: '干部选拔任用程序不规范',
      kind: 'deadline',
      deadline: '2026-10-31',
      leadDepartmentId: w.deptA1.id,
      measures: [
        { content: '全面梳理近三年干部任用档案', departmentId: w.deptA1.id, deadline: '2026-09-30' },
        { content: '修订干部选拔任用工作细则', departmentId: w.deptA2.id, deadline: '2026-10-31', kind: 'ongoing' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<Created>().id;
    const detail = await item(unitAdminA, id);
    expect(detail.measures.map((m) => m.department)).toEqual(['办公室', '财务科']);
    expect(detail.aspect?.id).toBe(w.aspectIds[0]);
    expect(
      (
        await unitAdminA.post(`/api/items/${id}/outcomes`, {
          kind: 'funds_recovered',
          title: '清退违规发放津贴',
          amountYuan: 6657.5,
        })
      ).statusCode,
    ).toBe(201);
    // Money is kept in whole fen: 0, a negative and a third decimal are refused, not rounded, and nothing is added.
    for (const amountYuan of [0, -5, 12.345]) {
      const refused = await unitAdminA.post(`/api/items/${id}/outcomes`, {
        kind: 'funds_recovered',
        title: '清退违规发放津贴',
        amountYuan,
      });
      expect(refused.statusCode, String(amountYuan)).toBe(400);
    }
    expect(
      (
        await unitAdminA.post(`/api/items/${id}/outcomes`, {
          kind: 'accountability',
          title: '约谈',
          accountabilityKind: 'reminder_talk',
          peopleCount: 3,
        })
      ).statusCode,
    ).toBe(201);
    const totals = (await unitAdminA.get(`/api/dashboard/totals?inspectionId=${w.inspectionA}`)).json<Totals>();
    expect(totals.outcomes).toMatchObject({
      fundsRecoveredYuan: 6657.5,
      accountabilityPeople: 3,
      accountabilityActions: 1,
    });
    // deptA2 now sees the item through its measure.
    const deptA2 = await t.login('depta2');
    expect((await deptA2.get(`/api/items/${id}`)).statusCode).toBe(200);
  });
});
