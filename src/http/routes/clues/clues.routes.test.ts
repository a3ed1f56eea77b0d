import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { listAuditEvents } from '../../../repositories/audit.repository.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, noticeWriting, tableCounts, type World } from '../../../test/factories.ts';
import { publicationOf, publishViaWorkflow } from '../../../test/publishing.ts';
import type { ErrorBody } from '../../schemas.ts';

/** A description and counts no other text of the world holds, to find them in any output that leaks them. */
const SECRET = '线索秘密描述：耗材供应商向科室人员输送回扣QX7';
const COUNTS = {
  filedCases: 4321,
  filedPeople: 4321,
  disciplinedPeople: 4321,
  organisationalPeople: 4322,
  otherPeople: 4323,
};

/** Issue 15 (问题线索): marked, handed to the 纪委监委, followed; the office's and the supervisors' only. */
describe.each(testDialects())('problem clues on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let supervisor: TestClient;
  let outsiders: Record<string, TestClient>;
  afterEach(() => t?.resetClock());

  const refusal = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<ErrorBody>().error.code];
  const send = (client: TestClient, method: InjectOptions['method'], url: string, payload?: unknown) =>
    client.inject({ method, url, payload: payload as InjectOptions['payload'] });
  const clue = async (id: number, client = office) => (await client.get(`/api/clues/${id}`)).json();
  const mark = async (target: string, description = '反映有关人员收受回扣') => {
    const res = await office.post(`/api/${target}/clue`, { description });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const handOver = (id: number, version: number, over: Record<string, unknown> = {}, client = office) =>
    client.post(`/api/clues/${id}/hand-over`, {
      version,
      handedOverOn: '2026-08-12',
      receivingBody: '市纪委监委第三监督检查室',
      handlingDeadline: '2026-10-31',
      ...over,
    });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    [office, supervisor] = await Promise.all(['office', 'supervisor'].map((u) => t.login(u)));
    const names = ['unitadmina', 'leadera', 'depta1', 'teama', 'unitadminb', 'deptb1'];
    const clients = await Promise.all(names.map((u) => t.login(u)));
    outsiders = Object.fromEntries(names.map((n, i) => [n, clients[i] as TestClient]));
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  it('refuses every clue route to units, departments and teams (403 whatever the id), changing nothing', async () => {
    const id = await mark(`items/${w.itemA2}`);
    const before = await tableCounts(handle.db);
    const routes: [InjectOptions['method'], string, unknown?][] = [
      ['GET', '/api/clues'],
      ['GET', `/api/clues?unitId=${w.unitA.id}`],
      ['GET', '/api/clues/receiving-bodies'],
      ['GET', `/api/clues/${id}`],
      ['PATCH', `/api/clues/${id}`, { version: 1, description: '改写' }],
      ['POST', `/api/clues/${id}/unmark`, { version: 1 }],
      [
        'POST',
        `/api/clues/${id}/hand-over`,
        { version: 1, handedOverOn: '2026-08-12', receivingBody: 'x', handlingDeadline: '2026-10-01' },
      ],
      ['POST', `/api/clues/${id}/steps`, { version: 1, step: 'accept', on: '2026-08-12' }],
      ['PUT', `/api/clues/${id}/outcome`, { version: 1, ...COUNTS, note: null }],
      ['GET', `/api/items/${w.itemA2}/clues`],
      ['POST', `/api/items/${w.itemA1}/clue`, { description: '试图标记' }],
      ['POST', `/api/problems/${w.problemA}/clue`, { description: '试图标记' }],
      // An id that does not exist answers the same: nothing tells them apart.
      ['GET', '/api/clues/999999'],
      ['GET', '/api/items/999999/clues'],
    ];
    for (const [name, client] of Object.entries(outsiders)) {
      for (const [method, url, body] of routes) {
        const res = await send(client, method, url, body);
        expect(refusal(res), `${name} ${method} ${url}`).toEqual([403, 'forbidden']);
        expect(res.body).not.toContain('回扣');
      }
    }
    // The dashboard's totals carry no clue figures for them.
    for (const client of Object.values(outsiders)) {
      const totals = await client.get('/api/dashboard/totals');
      expect(totals.statusCode).toBe(200);
      expect(totals.json().clues).toBeNull();
    }
    // The supervisors read and record, but do not mark, unmark or hand over.
    expect((await supervisor.get(`/api/clues/${id}`)).statusCode).toBe(200);
    expect(refusal(await supervisor.post(`/api/items/${w.itemA1}/clue`, { description: '标记' }))).toEqual([
      403,
      'forbidden',
    ]);
    expect(
      (await supervisor.post(`/api/items/${w.itemA1}/clue`, { description: '标记' })).json().error.message,
    ).toContain('巡察办');
    expect(refusal(await handOver(id, 1, {}, supervisor))).toEqual([403, 'forbidden']);
    expect(refusal(await supervisor.post(`/api/clues/${id}/unmark`, { version: 1 }))).toEqual([403, 'forbidden']);
    expect(refusal(await send(supervisor, 'PATCH', `/api/clues/${id}`, { version: 1, description: 'x' }))).toEqual([
      403,
      'forbidden',
    ]);
    expect((await supervisor.get(`/api/items/${w.itemA2}/clues`)).json().mayMark).toBe(false);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('refuses bad input with a clear message, changing nothing', async () => {
    const id = await mark(`items/${w.itemB1}`, '医疗设备采购中疑似利益输送');
    const before = await tableCounts(handle.db);
    const bad = async (res: Awaited<ReturnType<TestClient['get']>>, status: number, code: string, words?: string) => {
      expect(refusal(res), res.body).toEqual([status, code]);
      if (words) expect(res.json<ErrorBody>().error.message).toContain(words);
    };
    await bad(await office.post(`/api/items/${w.itemA1}/clue`, { description: '   ' }), 400, 'validation', '简要描述');
    await bad(await office.post(`/api/items/${w.itemA1}/clue`, { description: 'x'.repeat(501) }), 400, 'validation');
    await bad(
      await office.post(`/api/items/${w.itemB1}/clue`, { description: '再标记一次' }),
      409,
      'clue_already_marked',
    );
    await bad(await office.post('/api/items/999999/clue', { description: '不存在' }), 404, 'not_found');
    await bad(await office.post('/api/problems/999999/clue', { description: '不存在' }), 404, 'not_found');
    await bad(await office.get('/api/clues/999999'), 404, 'not_found');
    await bad(await handOver(id, 1, { handedOverOn: '2026-08-16' }), 400, 'validation', '不能晚于今天（2026-08-15）');
    await bad(await handOver(id, 1, { handedOverOn: '2026-8-1' }), 400, 'validation', 'YYYY-MM-DD');
    await bad(await handOver(id, 1, { receivingBody: ' ' }), 400, 'validation', '接收单位');
    await bad(await handOver(id, 1, { handlingDeadline: '2026-08-12' }), 400, 'validation', '应晚于移交日期');
    await bad(await handOver(id, 2), 409, 'stale_version');
    // A step the state does not allow, an outcome before the hand-over.
    await bad(
      await office.post(`/api/clues/${id}/steps`, { version: 1, step: 'file', on: '2026-08-14' }),
      409,
      'invalid_transition',
      '待移交',
    );
    await bad(
      await office.inject({
        method: 'PUT',
        url: `/api/clues/${id}/outcome`,
        payload: { version: 1, ...COUNTS, note: null },
      }),
      409,
      'invalid_transition',
    );
    await bad(
      await office.inject({ method: 'PATCH', url: `/api/clues/${id}`, payload: { version: 1, description: '' } }),
      400,
      'validation',
    );
    await bad(await office.post(`/api/clues/${id}/unmark`, { version: 3 }), 409, 'stale_version');
    expect(await tableCounts(handle.db)).toEqual(before);
    expect((await clue(id)).state).toBe('marked');
  });

  it('marks, hands over, follows to 办结 with the counts; audited; overdue when the deadline passes', async () => {
    const id = await mark(`problems/${w.problemA}`, SECRET);
    let c = await clue(id);
    expect(c).toMatchObject({
      state: 'marked',
      problemId: w.problemA,
      itemId: null,
      unitName: w.unitA.name,
      version: 1,
    });
    expect(c.events.sort()).toEqual(['hand_over', 'unmark']);
    // The item page's section shows the problem's clue and the item's own.
    const section = (await office.get(`/api/items/${w.itemA1}/clues`)).json();
    expect(section.problemId).toBe(w.problemA);
    expect(section.clues.map((x: { id: number }) => x.id)).toEqual([id]);
    expect(section.mayMark).toBe(true);

    // Handed over on the 12th with two days to handle it: overdue today (the 15th) until concluded.
    expect((await handOver(id, 1, { handlingDeadline: '2026-08-14' })).statusCode).toBe(204);
    c = await clue(id);
    expect(c).toMatchObject({
      state: 'handed_over',
      handedOverOn: '2026-08-12',
      receivingBody: '市纪委监委第三监督检查室',
      handlingDeadline: '2026-08-14',
      overdue: true,
    });
    // Not unmarked once handed over.
    expect(refusal(await office.post(`/api/clues/${id}/unmark`, { version: c.version }))).toEqual([
      409,
      'invalid_transition',
    ]);
    expect((await office.get('/api/clues/receiving-bodies')).json().bodies).toContain('市纪委监委第三监督检查室');

    // The supervisors record the handling.
    const step = async (step: string, on: string) => {
      const res = await supervisor.post(`/api/clues/${id}/steps`, { version: (await clue(id)).version, step, on });
      expect(res.statusCode, res.body).toBe(204);
    };
    expect(
      refusal(
        await supervisor.post(`/api/clues/${id}/steps`, { version: c.version, step: 'accept', on: '2026-08-11' }),
      ),
    ).toEqual([400, 'validation']);
    await step('accept', '2026-08-13');
    const outcome = (payload: Record<string, unknown>) =>
      supervisor.inject({
        method: 'PUT',
        url: `/api/clues/${id}/outcome`,
        payload: {
          filedCases: 0,
          filedPeople: 0,
          disciplinedPeople: 0,
          organisationalPeople: 0,
          otherPeople: 0,
          note: null,
          ...payload,
        },
      });
    expect(refusal(await outcome({ version: (await clue(id)).version, filedCases: 1, filedPeople: 1 }))).toEqual([
      400,
      'validation',
    ]);
    await step('file', '2026-08-14');
    expect(
      refusal(
        await outcome({ version: (await clue(id)).version, filedCases: 1, filedPeople: 1, disciplinedPeople: 2 }),
      ),
    ).toEqual([400, 'validation']);
    const recorded = await outcome({ version: (await clue(id)).version, ...COUNTS, note: '给予党内严重警告处分' });
    expect(recorded.statusCode, recorded.body).toBe(204);

    // Past the deadline and not concluded: overdue, listed first.
    const other = await mark(`items/${w.itemA1}`, '事项本身也反映出问题');
    c = await clue(id);
    expect(c.overdue).toBe(true);
    const list = (await office.get(`/api/clues?roundId=${w.roundId}&unitId=${w.unitA.id}`)).json().clues;
    expect(list[0].id).toBe(id);
    expect(list.map((x: { id: number }) => x.id)).toContain(other);
    expect((await office.get('/api/clues?state=filed')).json().clues.map((x: { id: number }) => x.id)).toEqual([id]);
    expect(
      (await office.get(`/api/clues?unitId=${w.unitB.id}`))
        .json()
        .clues.every((x: { unitId: number }) => x.unitId === w.unitB.id),
    ).toBe(true);

    await step('conclude', '2026-08-15');
    c = await clue(id);
    expect(c).toMatchObject({
      state: 'concluded',
      acceptedOn: '2026-08-13',
      filedOn: '2026-08-14',
      closedOn: '2026-08-15',
      overdue: false,
      ...COUNTS,
      outcomeNote: '给予党内严重警告处分',
      events: [],
    });
    const events = await listAuditEvents(handle.db, { entity: 'clue', entityId: id, limit: 50 });
    expect(events.map((e) => e.action).sort()).toEqual(
      ['clue.accept', 'clue.conclude', 'clue.file', 'clue.hand_over', 'clue.mark', 'clue.outcome'].sort(),
    );

    // The internal totals count it; the round summary has columns of its own.
    const totals = (await office.get(`/api/dashboard/totals?roundId=${w.roundId}`)).json();
    expect(totals.clues).toMatchObject({ handedOver: 1, filedCases: 4321, disciplinedPeople: 4321 });
    expect((await supervisor.get('/api/dashboard/totals')).json().clues.handedOver).toBe(1);
    const summary = (await office.get(`/api/rounds/${w.roundId}/summary`)).json();
    const rowA = summary.rows.find((r: { unitId: number }) => r.unitId === w.unitA.id);
    expect(rowA).toMatchObject({ cluesHandedOver: 1, cluesDisciplined: 4321 });
    expect(summary.totals).toMatchObject({ cluesHandedOver: 1, cluesDisciplined: 4321 });
  });

  it('never puts a clue in a public output: the notice, its preview, the portal, the ledger export', async () => {
    // The clue above (on problemA, with SECRET and COUNTS) is in place. Write and publish unit A's notice.
    const unitAdmin = outsiders.unitadmina as TestClient;
    const draft = await unitAdmin.inject({
      method: 'PUT',
      url: `/api/inspections/${w.inspectionA}/documents/notice/draft`,
      payload: { version: 0, ...noticeWriting('中共测试市某局党组') },
    });
    expect(draft.statusCode, draft.body).toBeLessThan(300);
    const leaks = (body: string) => body.includes('线索秘密描述') || /432[123]/.test(body);
    for (const format of ['txt', 'md', 'html']) {
      const doc = await office.get(`/api/inspections/${w.inspectionA}/documents/notice?format=${format}`);
      expect(doc.statusCode, doc.body).toBe(200);
      expect(leaks(doc.body), format).toBe(false);
      const internal = await office.get(
        `/api/inspections/${w.inspectionA}/documents/notice?format=${format}&public=false`,
      );
      expect(leaks(internal.body), `${format} internal`).toBe(false);
    }
    const preview = await unitAdmin.get(
      `/api/inspections/${w.inspectionA}/publications/preview?publicFrom=2026-08-15&publicTo=2026-08-29`,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(leaks(preview.body)).toBe(false);
    // Issue 15: published through the workflow (the unit's publisher drafts and submits, its leader approves).
    const published = await publishViaWorkflow(unitAdmin, outsiders.leadera as TestClient, w.inspectionA, {
      publicFrom: '2026-08-15',
      publicTo: '2026-08-29',
    });
    expect(published.statusCode, published.body).toBe(200);
    const portal = await t.app.inject({ method: 'GET', url: '/public' });
    expect(portal.statusCode).toBe(200);
    expect(leaks(portal.body)).toBe(false);
    const notice = await t.app.inject({ method: 'GET', url: `/public/notices/${publicationOf(published)}` });
    expect(notice.statusCode).toBe(200);
    expect(leaks(notice.body)).toBe(false);
    // The ledger exports (the unit's and the office's), read cell by cell.
    for (const client of [unitAdmin, office]) {
      const file = await client.get(`/api/inspections/${w.inspectionA}/ledger.xlsx`);
      expect(file.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
      expect(cells.length).toBeGreaterThan(10);
      expect(leaks(cells.join('\n'))).toBe(false);
    }
  });

  it('unmarks while not handed over; of two hand-overs or two marks sent at once one wins, the other hears 409', async () => {
    // itemA2 was marked by the first test: unmark it, then mark it again.
    const [existing] = (await office.get(`/api/items/${w.itemA2}/clues`))
      .json()
      .clues.filter((c: { itemId: number | null }) => c.itemId === w.itemA2);
    expect((await office.post(`/api/clues/${existing.id}/unmark`, { version: existing.version })).statusCode).toBe(204);
    expect((await office.get(`/api/clues/${existing.id}`)).statusCode).toBe(404);
    const audit = await listAuditEvents(handle.db, { entity: 'clue', entityId: existing.id, limit: 10 });
    expect(audit.map((e) => e.action)).toContain('clue.unmark');

    const marks = await Promise.all([
      office.post(`/api/items/${w.itemA2}/clue`, { description: '并发标记一' }),
      office.post(`/api/items/${w.itemA2}/clue`, { description: '并发标记二' }),
    ]);
    expect(marks.map((r) => r.statusCode).sort(), marks.map((r) => r.body).join(' ')).toEqual([201, 409]);
    const fresh = marks.find((r) => r.statusCode === 201)?.json().id as number;

    const before = await tableCounts(handle.db);
    const both = await Promise.all([
      handOver(fresh, 1, { receivingBody: '市纪委监委第一监督检查室' }),
      handOver(fresh, 1, { receivingBody: '市纪委监委第二监督检查室' }),
    ]);
    expect(both.map((r) => r.statusCode).sort(), both.map((r) => r.body).join(' ')).toEqual([204, 409]);
    const after = await clue(fresh);
    expect(after.version).toBe(2);
    expect(after.state).toBe('handed_over');
    const events = await listAuditEvents(handle.db, { entity: 'clue', entityId: fresh, limit: 10 });
    expect(events.filter((e) => e.action === 'clue.hand_over')).toHaveLength(1);
    expect((await tableCounts(handle.db)).audit_events).toBe(before.audit_events + 1);
  });
});
