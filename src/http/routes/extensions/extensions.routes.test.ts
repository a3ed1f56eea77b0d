import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import {
  addEvidenceRow,
  buildInspection,
  buildItem,
  buildUser,
  buildWorld,
  TEST_NOW,
  tableCounts,
  type World,
} from '../../../test/factories.ts';

interface ErrorBody {
  error: { code: string; details?: { route?: string } };
}

describe.each(testDialects())('deadline extensions on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let leaderA: TestClient;
  let leaderA2: TestClient;
  let unitAdminA: TestClient;
  let deptA1: TestClient;
  let deptB1: TestClient;
  let leaderB: TestClient;
  /** An inspection of unit A whose plan is submitted, and one whose plan is still being drafted. */
  let submitted: number;
  let drafting: number;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    await buildUser(handle.db, { username: 'leadera2', role: 'unit_leader', unit: w.unitA });
    t = await createTestApp(handle);
    [office, leaderA, leaderA2, unitAdminA, deptA1, deptB1, leaderB] = await Promise.all(
      ['office', 'leadera', 'leadera2', 'unitadmina', 'depta1', 'deptb1', 'leaderb'].map((u) => t.login(u)),
    );
    submitted = w.inspectionA;
    drafting = await buildInspection(handle.db, { roundId: w.roundId, teamId: w.teamA, unitId: w.unitA.id });
    expect((await unitAdminA.post(`/api/inspections/${submitted}/plan-submission`)).statusCode).toBe(204);
  });
  afterEach(() => t.resetClock());
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const newItem = (inspectionId: number, deadline: string | null, flagged = false) =>
    buildItem(handle.db, {
      inspection_id: inspectionId,
      unit_id: w.unitA.id,
      round_id: w.roundId,
      deadline,
      lead_department_id: w.deptA1.id,
      flagged: flagged ? 1 : 0,
    });
  const detail = async (client: TestClient, id: number) => {
    const res = await client.get(`/api/items/${id}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const ask = (client: TestClient, id: number, body: object) => client.post(`/api/items/${id}/extensions`, body);
  const decide = async (client: TestClient, extensionId: number, itemId: number, body: object) => {
    const ext = (await detail(office, itemId)).extensions.find((e: { id: number }) => e.id === extensionId);
    return client.post(`/api/extensions/${extensionId}/decision`, { version: ext.version, ...body });
  };
  /** The whole close-out: the department asks with evidence, the leader approves, the office confirms. */
  const close = async (id: number, who = { deptA1, leaderA, office }) => {
    await addEvidenceRow(handle.db, id, w.users.deptA1.id);
    for (const [client, event] of [
      [who.deptA1, 'request_close'],
      [who.leaderA, 'approve'],
      [who.office, 'confirm'],
    ] as const) {
      const { version } = await detail(who.office, id);
      const res = await client.post(`/api/items/${id}/transitions`, { event, version, note: '已完成整改' });
      expect(res.statusCode, event).toBe(204);
    }
  };
  const moveClock = (date: string) => {
    t.clock.now = new Date(`${date}T02:00:00Z`);
  };
  const extensionTables = async () => {
    const n = async (table: 'deadline_extensions' | 'deadline_history') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { extensions: await n('deadline_extensions'), history: await n('deadline_history') };
  };

  describe('the holes of issue 13, reproduced', () => {
    it('a closed late item stays late after PATCH {deadline} (before the plan is submitted the edit is kept)', async () => {
      const id = await newItem(drafting, '2026-08-10');
      await close(id);
      expect(await detail(office, id)).toMatchObject({ state: 'closed', wasLate: true });
      const { version } = await detail(office, id);
      const res = await unitAdminA.patch(`/api/items/${id}`, { version, deadline: '2099-12-31' });
      expect(res.statusCode).toBe(204);
      const after = await detail(office, id);
      expect(after).toMatchObject({ deadline: '2099-12-31', wasLate: true });
      expect(after.deadlineHistory).toMatchObject([
        { fromDeadline: '2026-08-10', toDeadline: '2099-12-31', source: 'edit' },
      ]);
    });

    it('after the plan is submitted PATCH {deadline} is refused with the request route, and nothing changes', async () => {
      const id = await newItem(submitted, '2026-08-10');
      await close(id);
      const before = await detail(office, id);
      const counts = [await tableCounts(handle.db), await extensionTables()];
      const res = await unitAdminA.patch(`/api/items/${id}`, { version: before.version, deadline: '2099-12-31' });
      expect(res.statusCode).toBe(409);
      const body = res.json<ErrorBody>();
      expect(body.error.code).toBe('deadline_needs_extension');
      expect(body.error.details?.route).toBe(`POST /api/items/${id}/extensions`);
      expect(await detail(office, id)).toMatchObject({
        deadline: '2026-08-10',
        wasLate: true,
        version: before.version,
      });
      expect([await tableCounts(handle.db), await extensionTables()]).toEqual(counts);
      // Any other field still saves, and so does the deadline sent back unchanged (forms send the whole item).
      const other = await unitAdminA.patch(`/api/items/${id}`, {
        version: before.version,
        deadline: '2026-08-10',
        responsibleLeader: '李局长',
      });
      expect(other.statusCode).toBe(204);
    });

    it('extending an overdue open item keeps it late: an overdue mark never clears silently', async () => {
      const id = await newItem(drafting, '2026-08-10');
      expect(await detail(office, id)).toMatchObject({ overdue: true, wasLate: true });
      const { version } = await detail(office, id);
      expect((await unitAdminA.patch(`/api/items/${id}`, { version, deadline: '2026-12-31' })).statusCode).toBe(204);
      expect(await detail(office, id)).toMatchObject({ overdue: false, wasLate: true, deadline: '2026-12-31' });

      // The same through a request once the plan is submitted: approved, the item is no longer overdue but was late.
      const late = await newItem(submitted, '2026-08-10');
      const created = await ask(deptA1, late, { deadline: '2026-12-31', reason: '设备到货延迟' });
      expect(created.statusCode).toBe(201);
      expect((await decide(leaderA, created.json().id, late, { decision: 'approve' })).statusCode).toBe(200);
      expect(await detail(office, late)).toMatchObject({
        overdue: false,
        wasLate: true,
        deadline: '2026-12-31',
        originalDeadline: '2026-08-10',
        adjustedDeadline: '2026-12-31',
        extensionCount: 1,
      });
    });
  });

  it('a request approved by the unit leader moves the deadline and keeps the original, in the detail and the ledger', async () => {
    const id = await newItem(submitted, '2026-09-30');
    const evidence = await addEvidenceRow(handle.db, id, w.users.deptA1.id);
    const res = await ask(deptA1, id, {
      deadline: '2026-10-31',
      reason: '  采购流程需重新招标  ',
      evidenceIds: [evidence],
    });
    expect(res.statusCode).toBe(201);
    const pending = await detail(leaderA, id);
    expect(pending.extensions).toMatchObject([
      {
        status: 'unit_review',
        fromDeadline: '2026-09-30',
        toDeadline: '2026-10-31',
        reason: '采购流程需重新招标',
        evidenceIds: [evidence],
        needsOffice: false,
        requestedByName: 'deptA1',
      },
    ]);
    expect(pending.abilities).toMatchObject({ decideExtension: true, requestExtension: false });
    expect((await detail(deptA1, id)).abilities).toMatchObject({ decideExtension: false, requestExtension: false });
    expect(pending.deadline).toBe('2026-09-30');

    expect((await decide(leaderA, res.json().id, id, { decision: 'approve', note: '同意' })).json()).toEqual({
      status: 'approved',
    });
    const after = await detail(deptA1, id);
    expect(after).toMatchObject({
      deadline: '2026-10-31',
      originalDeadline: '2026-09-30',
      adjustedDeadline: '2026-10-31',
      extensionCount: 1,
      wasLate: false,
      planSubmitted: true,
    });
    expect(after.extensions[0]).toMatchObject({
      status: 'approved',
      unitDecidedByName: 'leaderA',
      decisionNote: '同意',
    });
    expect(after.deadlineHistory).toMatchObject([
      { fromDeadline: '2026-09-30', toDeadline: '2026-10-31', source: 'extension', changedOn: '2026-08-15' },
    ]);
    const ledger = await office.get(`/api/items?inspectionId=${submitted}&limit=500`);
    expect(ledger.json().items.find((r: { id: number }) => r.id === id)).toMatchObject({
      originalDeadline: '2026-09-30',
      adjustedDeadline: '2026-10-31',
      extensionCount: 1,
    });
    const history = await office.get(`/api/items/${id}/extensions`);
    expect(history.json().history).toHaveLength(1);

    const actions = await handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['extension.request', 'extension.approve', 'item.extend_deadline'])
      .execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(['extension.request', 'extension.approve', 'item.extend_deadline']),
    );
  });

  it('a 挂牌督办 item needs the office after the unit leader; a refusal at either step ends the request', async () => {
    const id = await newItem(submitted, '2026-09-30', true);
    const first = (await ask(deptA1, id, { deadline: '2026-11-30', reason: '需省级部门审批' })).json().id;
    expect((await decide(leaderA, first, id, { decision: 'approve' })).json()).toEqual({ status: 'office_review' });
    expect(await detail(office, id)).toMatchObject({ deadline: '2026-09-30', extensionCount: 0 });
    // The leader cannot decide the office's step, and the office may now.
    expect((await decide(leaderA2, first, id, { decision: 'approve' })).statusCode).toBe(403);
    expect((await detail(office, id)).abilities.decideExtension).toBe(true);
    expect((await decide(office, first, id, { decision: 'approve' })).json()).toEqual({ status: 'approved' });
    expect(await detail(office, id)).toMatchObject({ deadline: '2026-11-30', extensionCount: 1 });

    const second = (await ask(deptA1, id, { deadline: '2026-12-31', reason: '再次延期' })).json().id;
    expect((await decide(leaderA, second, id, { decision: 'approve' })).statusCode).toBe(200);
    const refused = await decide(office, second, id, { decision: 'refuse', note: '理由不充分' });
    expect(refused.json()).toEqual({ status: 'refused' });
    const after = await detail(office, id);
    expect(after).toMatchObject({ deadline: '2026-11-30', originalDeadline: '2026-09-30', extensionCount: 1 });
    expect(after.extensions.map((e: { status: string }) => e.status)).toEqual(['approved', 'refused']);
    // A refused request is no longer open: another may be made.
    expect((await ask(deptA1, id, { deadline: '2027-01-31', reason: '第三次' })).statusCode).toBe(201);
  });

  describe('refusals, each changing nothing', () => {
    it.each([
      ['no reason', { deadline: '2026-12-31' }, 400, 'extension_reason_required'],
      ['a blank reason', { deadline: '2026-12-31', reason: '   ' }, 400, 'extension_reason_required'],
      [
        'a new date not after the current one',
        { deadline: '2026-09-30', reason: '理由' },
        400,
        'extension_date_not_later',
      ],
      ['an earlier date', { deadline: '2026-09-01', reason: '理由' }, 400, 'extension_date_not_later'],
      ['a date that is no date', { deadline: '2026-02-30', reason: '理由' }, 400, 'validation'],
    ])('%s', async (_name, body, status, code) => {
      const id = await newItem(submitted, '2026-09-30');
      const counts = await extensionTables();
      const res = await ask(deptA1, id, body);
      expect(res.statusCode).toBe(status);
      expect(res.json<ErrorBody>().error.code).toBe(code);
      expect(await extensionTables()).toEqual(counts);
    });

    it('a request on a closed item', async () => {
      const id = await newItem(submitted, '2026-09-30');
      await close(id);
      const res = await ask(deptA1, id, { deadline: '2026-12-31', reason: '理由' });
      expect([res.statusCode, res.json<ErrorBody>().error.code]).toEqual([409, 'extension_item_closed']);
    });

    it('a second open request on the same item', async () => {
      const id = await newItem(submitted, '2026-09-30');
      expect((await ask(deptA1, id, { deadline: '2026-10-31', reason: '理由' })).statusCode).toBe(201);
      const counts = await extensionTables();
      const res = await ask(unitAdminA, id, { deadline: '2026-11-30', reason: '另一理由' });
      expect([res.statusCode, res.json<ErrorBody>().error.code]).toEqual([409, 'extension_already_open']);
      expect(await extensionTables()).toEqual(counts);
    });

    it('eight requests for one item sent at once: one is written, the others refused as a second open request', async () => {
      const id = await newItem(submitted, '2026-09-30');
      const sent = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          ask(i % 2 ? unitAdminA : deptA1, id, { deadline: `2026-10-${String(10 + i)}`, reason: `理由${i}` }),
        ),
      );
      const answers = sent.map((r) =>
        r.statusCode === 201 ? 201 : `${r.statusCode} ${r.json<ErrorBody>().error.code}`,
      );
      expect(answers.filter((a) => a === 201)).toHaveLength(1);
      expect(answers.filter((a) => a !== 201)).toEqual(Array(7).fill('409 extension_already_open'));
      const open = await handle.db
        .selectFrom('deadline_extensions')
        .where('item_id', '=', id)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(open.n)).toBe(1);
    });

    it('self-approval, at the leader’s step and for the one who decided the first step', async () => {
      const id = await newItem(submitted, '2026-09-30', true);
      const ext = (await ask(leaderA, id, { deadline: '2026-10-31', reason: '领导代为申请' })).json().id;
      expect((await detail(leaderA, id)).abilities.decideExtension).toBe(false);
      const own = await decide(leaderA, ext, id, { decision: 'approve' });
      expect([own.statusCode, own.json<ErrorBody>().error.code]).toEqual([409, 'extension_self_approval']);
      expect((await detail(office, id)).extensions[0].status).toBe('unit_review');
      expect((await decide(leaderA2, ext, id, { decision: 'approve' })).statusCode).toBe(200);
    });

    it('users of another unit see neither the item nor the request (404); a department may not decide (403)', async () => {
      const id = await newItem(submitted, '2026-09-30');
      const ext = (await ask(deptA1, id, { deadline: '2026-10-31', reason: '理由' })).json().id;
      const counts = await extensionTables();
      const cases: [TestClient, () => Promise<{ statusCode: number }>, number][] = [
        [deptB1, () => ask(deptB1, id, { deadline: '2026-12-31', reason: '理由' }), 404],
        [leaderB, () => decide(leaderB, ext, id, { decision: 'approve' }), 404],
        [leaderB, () => leaderB.get(`/api/items/${id}/extensions`), 404],
        [deptA1, () => decide(deptA1, ext, id, { decision: 'approve' }), 403],
        [unitAdminA, () => decide(unitAdminA, ext, id, { decision: 'approve' }), 403],
      ];
      for (const [, call, status] of cases) expect((await call()).statusCode).toBe(status);
      expect(await extensionTables()).toEqual(counts);
      expect(
        (await office.post('/api/extensions/999999/decision', { decision: 'approve', version: 1 })).statusCode,
      ).toBe(404);
    });

    it('a refusal without a reason, a stale version, a decided request', async () => {
      const id = await newItem(submitted, '2026-09-30');
      const ext = (await ask(deptA1, id, { deadline: '2026-10-31', reason: '理由' })).json().id;
      const noNote = await decide(leaderA, ext, id, { decision: 'refuse' });
      expect([noNote.statusCode, noNote.json<ErrorBody>().error.code]).toEqual([400, 'extension_note_required']);
      const stale = await leaderA.post(`/api/extensions/${ext}/decision`, { decision: 'approve', version: 99 });
      expect(stale.statusCode).toBe(409);
      expect(await detail(office, id)).toMatchObject({ deadline: '2026-09-30', extensionCount: 0 });
      expect((await decide(leaderA, ext, id, { decision: 'approve' })).statusCode).toBe(200);
      const again = await decide(leaderA2, ext, id, { decision: 'approve' });
      expect([again.statusCode, again.json<ErrorBody>().error.code]).toEqual([409, 'extension_not_pending']);
    });

    it('evidence of another item', async () => {
      const id = await newItem(submitted, '2026-09-30');
      const elsewhere = await addEvidenceRow(handle.db, w.itemA2, w.users.deptA2.id);
      const res = await ask(deptA1, id, { deadline: '2026-10-31', reason: '理由', evidenceIds: [elsewhere] });
      expect([res.statusCode, res.json<ErrorBody>().error.code]).toEqual([400, 'extension_evidence_outside_item']);
    });
  });

  it('the plan is submitted once, by the unit', async () => {
    const again = await unitAdminA.post(`/api/inspections/${submitted}/plan-submission`);
    expect([again.statusCode, again.json<ErrorBody>().error.code]).toEqual([409, 'plan_already_submitted']);
    expect((await deptA1.post(`/api/inspections/${drafting}/plan-submission`)).statusCode).toBe(403);
    expect((await leaderB.post(`/api/inspections/${drafting}/plan-submission`)).statusCode).toBe(404);
  });

  it('lateness is measured against the deadline in force at the time', async () => {
    // Extended in time: closing after the original deadline but before the new one is not late.
    const id = await newItem(submitted, '2026-08-20');
    const ext = (await ask(deptA1, id, { deadline: '2026-09-30', reason: '理由' })).json().id;
    expect((await decide(leaderA, ext, id, { decision: 'approve' })).statusCode).toBe(200);
    moveClock('2026-09-10');
    // Sessions end after a while idle: sign in again at the new time.
    const [d, l, o] = await Promise.all(['depta1', 'leadera', 'office'].map((u) => t.login(u)));
    await close(id, { deptA1: d, leaderA: l, office: o });
    expect(await detail(o, id)).toMatchObject({ wasLate: false, closedOn: '2026-09-10' });
    expect(TEST_NOW.toISOString().slice(0, 10)).toBe('2026-08-15');
  });
  it('tells each step: the leaders hear of a request and list it in 待办, then the office for 挂牌督办, then the requester', async () => {
    const waiting = async (client: TestClient) =>
      (await client.get('/api/todos?limit=0'))
        .json<{ groups: { kind: string; count: number }[] }>()
        .groups.find((g) => g.kind === 'extension_to_decide')?.count ?? null;
    const told = async (userId: number, kind: string) =>
      Number(
        (
          await handle.db
            .selectFrom('notifications')
            .where('user_id', '=', userId)
            .where('kind', '=', `workflow.${kind}`)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      leader: await told(w.users.leaderA.id, 'extension_requested'),
      office: await told(w.users.office.id, 'extension_requested'),
      requester: await told(w.users.deptA1.id, 'extension_decided'),
      leaderWaiting: await waiting(leaderA),
      officeWaiting: await waiting(office),
    };
    expect(before.leaderWaiting).not.toBeNull();
    expect(await waiting(deptA1)).toBeNull();

    const id = await newItem(submitted, '2026-10-31', true);
    const created = await ask(deptA1, id, { deadline: '2026-12-31', reason: '需省级部门批复' });
    expect(created.statusCode, created.body).toBe(201);
    expect(await told(w.users.leaderA.id, 'extension_requested')).toBe(before.leader + 1);
    expect(await told(w.users.office.id, 'extension_requested')).toBe(before.office);
    expect(await waiting(leaderA)).toBe((before.leaderWaiting ?? 0) + 1);
    // The office's step comes only after the leader's.
    expect(await waiting(office)).toBe(before.officeWaiting);

    expect((await decide(leaderA, created.json().id, id, { decision: 'approve' })).statusCode).toBe(200);
    expect(await told(w.users.office.id, 'extension_requested')).toBe(before.office + 1);
    expect(await told(w.users.deptA1.id, 'extension_decided')).toBe(before.requester);
    expect(await waiting(leaderA)).toBe(before.leaderWaiting);
    expect(await waiting(office)).toBe((before.officeWaiting ?? 0) + 1);

    expect((await decide(office, created.json().id, id, { decision: 'approve' })).statusCode).toBe(200);
    expect(await told(w.users.deptA1.id, 'extension_decided')).toBe(before.requester + 1);
    expect(await waiting(office)).toBe(before.officeWaiting);
  });
});
