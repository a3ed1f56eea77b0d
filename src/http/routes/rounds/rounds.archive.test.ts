import type { HTTPMethods, InjectOptions, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { insertClue } from '../../../repositories/clues.repository.ts';
import { insertComment } from '../../../repositories/comments.repository.ts';
import { insertExtension } from '../../../repositories/extensions.repository.ts';
import { insertRound, insertTeam } from '../../../repositories/rounds.repository.ts';
import { insertLookback } from '../../../repositories/supervision.repository.ts';
import { insertOrderFile } from '../../../repositories/supervision-documents.repository.ts';
import { configuredChannels } from '../../../scheduler/channels.ts';
import { sweep } from '../../../scheduler/sweep.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import {
  addEvidenceRow,
  buildInspection,
  buildItem,
  buildWorld,
  noticeWriting,
  TEST_NOW,
  tableCounts,
  type World,
} from '../../../test/factories.ts';
import { publicationOf, publishViaWorkflow } from '../../../test/publishing.ts';
import { sampleOf } from '../../../test/schema-sample.ts';

/**
 * The write routes that touch nothing under a round (accounts, sessions, the unit tree, saved views, notifications, a
 * new round, the public comment form) or are the archive itself. Every other write route must answer 409
 * round_archived over an archived round's records: a new write route fails the walk until it is placed.
 */
const NOT_UNDER_A_ROUND = new Set([
  'POST /api/auth/login',
  'POST /api/auth/login/second-factor',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'DELETE /api/auth/sessions/:id',
  'POST /api/auth/sessions/end-others',
  'POST /api/api-tokens',
  'DELETE /api/api-tokens/:id',
  'POST /api/two-factor/enrolment',
  'POST /api/two-factor/enrolment/confirm',
  'POST /api/two-factor/recovery-codes',
  'POST /api/two-factor/disable',
  'POST /api/users',
  'PATCH /api/users/:id',
  'POST /api/users/:id/unlock',
  'DELETE /api/users/:id/sessions',
  'PUT /api/security-settings',
  'POST /api/units',
  'PATCH /api/units/:id',
  // Issue 13: one's own contact details, a unit's robots, the directory workbook: accounts and units, not a round's.
  'PATCH /api/account/contact',
  'PATCH /api/units/:id/channels',
  'POST /api/directory/imports/check',
  'POST /api/directory/imports',
  'POST /api/views',
  'DELETE /api/views/:id',
  'POST /api/notifications/:id/read',
  'POST /api/notifications/read-all',
  'POST /api/notifications/sweep',
  'POST /api/rounds',
  'POST /api/rounds/:id/archive',
  'DELETE /api/rounds/:id/archive',
  // A public comment during the notice's public period: the portal stays as it was (see the report of issue 12).
  'POST /api/public/notices/:id/comments',
  // Issue 15, point 4: the notice's 群众满意度测评, answered like a comment during the public period.
  'POST /api/public/notices/:id/satisfaction',
  // Reads that take a body: a dry parse of a notice or a lint of a pasted one.
  'POST /api/notices/lint',
  // An export run as a job (its row is the requester's, not the round's): archived rounds stay exportable.
  'POST /api/inspections/:id/binder-jobs',
]);

describe.each(testDialects())('archiving a round on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  /** The second, live round: its item stays in every default list. */
  let liveItem: number;
  let liveInspection: number;
  let idFor: (url: string) => number;
  let extraBody: Record<string, unknown>;

  const routesOf = () =>
    t.app.routeList.flatMap((route) =>
      [route.method]
        .flat()
        .filter((m) => m !== 'HEAD')
        .map((method) => ({ method: method as HTTPMethods, url: route.url, route: route as RouteOptions })),
    );
  const archive = (client: TestClient, id = w.roundId) => client.post(`/api/rounds/${id}/archive`);
  const unarchive = (client: TestClient, id = w.roundId) =>
    client.inject({ method: 'DELETE', url: `/api/rounds/${id}/archive` });
  const auditOf = async (action: string) =>
    handle.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'actor_id'])
      .where('action', '=', action)
      .execute();
  /** Closes out everything still open under the world's round, as its finished state would be. */
  const finishRound = async () => {
    await handle.db
      .updateTable('items')
      .set({ state: 'closed', close_stage: null, closed_on: '2026-08-10', result: 'completed' })
      .where('round_id', '=', w.roundId)
      .execute();
    await handle.db.updateTable('lookbacks').set({ status: 'held' }).execute();
    await handle.db.updateTable('supervision_orders').set({ status: 'closed' }).execute();
  };

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    const db = handle.db;
    // A second round, live, with an item of unit A: what the default lists keep.
    const liveRound = await insertRound(
      db,
      { committeeUnitId: w.committee.id, name: '十届市委第二轮巡察', startsOn: null, endsOn: null, aspects: [] },
      TEST_NOW,
    );
    const liveTeam = await insertTeam(db, { roundId: liveRound, name: '第三巡察组', leaderName: null }, TEST_NOW);
    liveInspection = await buildInspection(db, {
      roundId: liveRound,
      teamId: liveTeam,
      unitId: w.unitA.id,
      feedbackOn: w.feedbackOn,
    });
    liveItem = await buildItem(db, {
      inspection_id: liveInspection,
      unit_id: w.unitA.id,
      round_id: liveRound,
      title: '干部选拔任用程序不规范',
      deadline: '2026-09-30',
    });
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  it('refuses an unfinished round with what is still open, and archives nothing', async () => {
    const res = await archive(office);
    expect(res.statusCode, res.body).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('round_not_finished');
    expect(error.details).toEqual({ openItems: 3, pendingLookbacks: 0, openOrders: 0 });
    expect(error.message).toContain('3 个整改事项未销号');
    const round = await handle.db.selectFrom('rounds').selectAll().where('id', '=', w.roundId).executeTakeFirst();
    expect(round?.archived_at).toBeNull();
    expect(await auditOf('round.archive')).toEqual([]);
  });

  it('refuses archiving to everyone but the office (403 whatever the round)', async () => {
    for (const username of ['unitadmina', 'leadera', 'depta1', 'teama', 'supervisor']) {
      const client = await t.login(username);
      for (const res of [await archive(client), await unarchive(client), await archive(client, 999999)]) {
        expect(res.statusCode, `${username} ${res.body}`).toBe(403);
      }
    }
    expect((await archive(office, 999999)).statusCode).toBe(404);
  });

  it('archives a finished round and unarchives it, each with an audit event, both by the office', async () => {
    await finishRound();
    const res = await archive(office);
    expect(res.statusCode, res.body).toBe(204);
    const listed = (await office.get('/api/rounds')).json().rounds.find((r: { id: number }) => r.id === w.roundId);
    expect(listed).toMatchObject({ archivedAt: TEST_NOW.toISOString(), archivedBy: w.users.office.id });
    expect((await archive(office)).json().error.code).toBe('round_already_archived');
    expect(await auditOf('round.archive')).toEqual([
      { action: 'round.archive', entity_id: w.roundId, actor_id: w.users.office.id },
    ]);

    const back = await unarchive(office);
    expect(back.statusCode, back.body).toBe(204);
    const after = (await office.get('/api/rounds')).json().rounds.find((r: { id: number }) => r.id === w.roundId);
    expect(after).toMatchObject({ archivedAt: null, archivedBy: null });
    expect((await unarchive(office)).json().error.code).toBe('round_not_archived');
    expect((await auditOf('round.unarchive')).length).toBe(1);
    // Writable again: a round edit goes through.
    expect(
      (await office.patch(`/api/rounds/${w.roundId}`, { version: after.version, name: '十届市委第一轮巡察' }))
        .statusCode,
    ).toBe(204);
  });

  describe('while archived', () => {
    beforeAll(async () => {
      const db = handle.db;
      // Records of every kind under the round, made while it was live.
      const measure = await db
        .selectFrom('measures')
        .select('id')
        .where('item_id', '=', w.itemA1)
        .executeTakeFirstOrThrow();
      const evidence = await addEvidenceRow(db, w.itemA1, w.users.unitAdminA.id, measure.id);
      const extension = await insertExtension(
        db,
        {
          itemId: w.itemA1,
          fromDeadline: null,
          toDeadline: '2026-12-31',
          reason: '需协调上级部门',
          evidenceIds: [],
          needsOffice: false,
          requestedBy: w.users.unitAdminA.id,
        },
        TEST_NOW,
      );
      const lookback = await insertLookback(db, {
        itemId: w.itemA1,
        dueOn: '2026-09-30',
        scheduledBy: w.users.office.id,
      });
      const sent = await office.post('/api/supervision/orders', {
        targets: [{ unitId: w.unitA.id, itemId: w.itemA1 }],
        title: '督促加快整改进度',
        content: '请于期限内报送整改进展。',
        dueOn: '2026-09-30',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const draft = await office.inject({
        method: 'PUT',
        url: `/api/inspections/${w.inspectionA}/documents/notice/draft`,
        payload: { version: 0, ...noticeWriting(`中共${w.unitA.name}党组`) },
      });
      expect(draft.statusCode, draft.body).toBe(200);
      const published = await publishViaWorkflow(office, await t.login('leadera'), w.inspectionA, {
        publicFrom: '2026-08-15',
        publicTo: '2026-08-29',
      });
      expect(published.statusCode, published.body).toBe(200);
      const publication = publicationOf(published);
      const comment = await insertComment(db, {
        publicationId: publication,
        content: '整改要落到实处',
        name: null,
        contact: null,
        addressHash: 'x',
        at: TEST_NOW.toISOString(),
      });
      await finishRound();
      const res = await archive(office);
      expect(res.statusCode, res.body).toBe(204);

      // Issue 15: a file of the unit's answer to the order about the archived round's item.
      const orderFile = await insertOrderFile(db, {
        orderId: sent.json().ids[0],
        fileName: '办理情况.pdf',
        contentType: 'application/pdf',
        sizeBytes: 16,
        sha256: 'b'.repeat(64),
        uploadedBy: w.users.unitAdminA.id,
        uploadedAt: TEST_NOW.toISOString(),
      });
      // Issue 15 (问题线索): a clue on the archived round's item; the 纪委's handling is recorded again once the round is
      // reopened (DELETE /api/rounds/:id/archive), as every other write under it.
      const clue = await insertClue(
        db,
        {
          roundId: w.roundId,
          inspectionId: w.inspectionA,
          unitId: w.unitA.id,
          problemId: null,
          itemId: w.itemA2,
          description: '反映有关人员收受回扣',
          markedBy: w.users.office.id,
          markedOn: '2026-08-15',
        },
        TEST_NOW,
      );
      const problem = w.problemA;
      const byPrefix: [string, number][] = [
        ['/api/rounds/', w.roundId],
        ['/api/aspects/', w.aspectIds[0]],
        ['/api/teams/', w.teamA],
        ['/api/inspections/', w.inspectionA],
        ['/api/problems/', problem],
        ['/api/items/', w.itemA1],
        ['/api/evidence/', evidence],
        ['/api/measures/', measure.id],
        ['/api/publications/', publication],
        ['/api/publication-versions/', published.json<{ id: number }>().id],
        ['/api/comments/', comment],
        ['/api/supervision/orders/', sent.json().ids[0]],
        ['/api/supervision/order-files/', orderFile],
        ['/api/lookbacks/', lookback],
        ['/api/extensions/', extension],
        ['/api/clues/', clue],
      ];
      idFor = (url) => {
        const found = byPrefix.find(([prefix]) => url.startsWith(prefix));
        if (!found) throw new Error(`no archived-round id for ${url}: add its resource to the table`);
        return found[1];
      };
      // Writes that name what they write under in the body rather than the path.
      extraBody = {
        'POST /api/items': { inspectionId: w.inspectionA, title: '新增整改事项' },
        'POST /api/inspections': {
          roundId: w.roundId,
          teamId: w.teamA,
          unitId: w.unitB.id,
          kind: 'regular',
          from: '2026-03-10',
          to: '2026-05-10',
        },
        'POST /api/teams': { roundId: w.roundId, name: '第九巡察组' },
        'POST /api/notice-imports/pasted': {
          unitId: w.unitB.id,
          roundId: w.roundId,
          confirm: true,
          kind: 'text',
          text: '关于巡察整改进展情况的通报\n一、整改工作\n1. 财务审批不规范。已完成整改。\n',
        },
        'POST /api/plan/measures/bulk': {
          measureIds: [measure.id],
          versions: { [measure.id]: 1 },
          changes: { responsibleLeader: '李副局长' },
        },
        'POST /api/plan/measures': { itemIds: [w.itemA1], measure: { content: '举一反三，建立长效机制' } },
        'POST /api/supervision/orders': {
          targets: [{ unitId: w.unitA.id, itemId: w.itemA1 }],
          title: '督促整改',
          content: '请整改',
          dueOn: '2026-09-30',
        },
        'POST /api/supervision/evaluations': { inspectionId: w.inspectionA },
        'POST /api/supervision/lookbacks/bulk': { roundId: w.roundId },
        'POST /api/rounds/:id/common-problems/orders': {
          groupKey: '1-1',
          title: '督办',
          content: '请整改',
          dueOn: '2026-09-30',
        },
      };
    });

    const requestOf = (method: HTTPMethods, url: string, route: RouteOptions): InjectOptions => {
      const key = `${method} ${url}`;
      const path = url.replace(':kind', 'notice').replace(/:\w+/g, () => String(idFor(url)));
      if (url === '/api/notice-imports') {
        const fields = { unitId: String(w.unitB.id), roundId: String(w.roundId), confirm: 'true' };
        const notice = Buffer.from('关于巡察整改进展情况的通报\n一、整改工作\n1. 财务审批不规范。已完成整改。\n');
        return { method, url: path, ...multipart(fields, { name: '通报.txt', content: notice }) };
      }
      if (url.endsWith('/evidence') || url.endsWith('/ledger-imports') || url.endsWith('/files')) {
        const pdf = { name: '材料.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') };
        return { method, url: path, ...multipart({ dryRun: 'false' }, pdf) };
      }
      // Issue 15 (报送): an upload with its date and 文号.
      if (url.endsWith('/report-submission')) {
        const pdf = { name: '整改情况报告.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') };
        const fields = { submittedOn: TEST_NOW.toISOString().slice(0, 10), docNumber: '〔2026〕1号' };
        return { method, url: path, ...multipart(fields, pdf) };
      }
      const sample = sampleOf(
        (route.schema as { body?: unknown } | undefined)?.body,
        TEST_NOW.toISOString().slice(0, 10),
      );
      const payload = { ...(sample as object), ...((extraBody[key] as object) ?? {}) };
      return { method, url: path, payload: payload as InjectOptions['payload'] };
    };

    it('answers 409 round_archived to every write under the round, whoever may otherwise make it, and changes nothing', async () => {
      const clients = await Promise.all(['office', 'unitadmina', 'leadera', 'depta1'].map((u) => t.login(u)));
      const writes = routesOf().filter((r) => r.method !== 'GET' && !NOT_UNDER_A_ROUND.has(`${r.method} ${r.url}`));
      expect(writes.length).toBeGreaterThan(30);
      const before = await tableCounts(handle.db);
      const got: Record<string, string> = {};
      for (const { method, url, route } of writes) {
        const answers: string[] = [];
        for (const client of clients) {
          const res = await client.inject(requestOf(method, url, route));
          answers.push(res.statusCode < 300 ? `${res.statusCode} ok` : `${res.statusCode} ${res.json().error.code}`);
        }
        got[`${method} ${url}`] =
          answers.includes('409 round_archived') && !answers.some((a) => a.endsWith(' ok'))
            ? 'refused'
            : answers.join(' | ');
      }
      expect(got).toEqual(Object.fromEntries(Object.keys(got).map((k) => [k, 'refused'])));
      const after = await tableCounts(handle.db);
      expect({ ...after, audit_events: 0, audit_head: 0, sessions: 0 }).toEqual({
        ...before,
        audit_events: 0,
        audit_head: 0,
        sessions: 0,
      });
    });

    it('says so in the catalogue’s words, in Chinese by default and in English when asked', async () => {
      const unitAdmin = await t.login('unitadmina');
      const zh = await unitAdmin.post(`/api/items/${w.itemA1}/progress`, {
        entryOn: '2026-08-15',
        content: '继续整改',
      });
      expect(zh.statusCode).toBe(409);
      expect(zh.json().error.message).toBe('该轮巡察已归档，只读；如需修改请由巡察办取消归档');
      const en = await office.inject({
        method: 'PATCH',
        url: `/api/rounds/${w.roundId}`,
        headers: { 'accept-language': 'en' },
        payload: { version: 99, name: '改名' },
      });
      expect(en.json().error).toMatchObject({ code: 'round_archived' });
      expect(en.json().error.message).toMatch(/archived and read-only/);
    });

    it('leaves the round out of the default lists and shows it with the filter', async () => {
      const ids = async (client: TestClient, url: string) =>
        (await client.get(url)).json().items.map((i: { id: number }) => i.id);
      for (const username of ['office', 'unitadmina']) {
        const client = await t.login(username);
        const byDefault = await ids(client, '/api/items');
        expect(byDefault).toContain(liveItem);
        expect(byDefault).not.toContain(w.itemA1);
        expect(await ids(client, '/api/items?archived=include')).toEqual(expect.arrayContaining([liveItem, w.itemA1]));
        const only = await ids(client, '/api/items?archived=only');
        expect(only).toContain(w.itemA1);
        expect(only).not.toContain(liveItem);
      }
      // Searchable: the text search with the filter finds the archived item, without it does not.
      expect(await ids(office, `/api/items?q=${encodeURIComponent('财务审批')}`)).toEqual([]);
      expect(await ids(office, `/api/items?q=${encodeURIComponent('财务审批')}&archived=include`)).toEqual([w.itemA1]);
      // Naming the round or the inspection reads it on purpose.
      expect(await ids(office, `/api/items?inspectionId=${w.inspectionA}`)).toEqual(
        expect.arrayContaining([w.itemA1, w.itemA2]),
      );
      expect(await ids(office, `/api/items?roundId=${w.roundId}`)).toHaveLength(3);

      const inspections = async (url: string) =>
        (await office.get(url)).json().inspections.map((i: { id: number; archived: boolean }) => [i.id, i.archived]);
      expect(await inspections('/api/inspections')).toEqual([[liveInspection, false]]);
      expect(await inspections('/api/inspections?archived=include')).toEqual(
        expect.arrayContaining([
          [liveInspection, false],
          [w.inspectionA, true],
          [w.inspectionB, true],
        ]),
      );
      expect(await inspections(`/api/inspections?roundId=${w.roundId}`)).toHaveLength(2);

      const totals = async (url: string) => (await office.get(url)).json().counts.items;
      expect(await totals('/api/dashboard/totals')).toBe(1);
      expect(await totals('/api/dashboard/totals?archived=include')).toBe(4);
      const warnings = async (url: string) => (await office.get(url)).json().counts.open;
      expect(await warnings('/api/stats/warnings')).toBe(1);
    });

    it('still reads, exports and serves the archived round’s documents', async () => {
      const item = await office.get(`/api/items/${w.itemA1}`);
      expect(item.statusCode).toBe(200);
      const xlsx = await office.get(`/api/inspections/${w.inspectionA}/ledger.xlsx`);
      expect(xlsx.statusCode, xlsx.body.slice(0, 200)).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const filtered = await office.get('/api/ledger/export.xlsx?archived=only');
      expect(filtered.statusCode).toBe(200);
      const notice = await office.get(`/api/inspections/${w.inspectionA}/documents/notice?format=docx`);
      expect(notice.statusCode, notice.body.slice(0, 200)).toBe(200);
      const portal = await t.app.inject({ method: 'GET', url: '/public' });
      expect(portal.statusCode).toBe(200);
      expect(portal.body).toContain(w.unitA.name);
    });

    it('leaves the archived round out of the reminder sweep', async () => {
      // An open item under the archived round (as an import before archiving could leave it) still gets no reminder.
      await handle.db
        .updateTable('items')
        .set({ state: 'in_progress', closed_on: null })
        .where('id', '=', w.itemA2)
        .execute();
      const channels = configuredChannels(t.config);
      try {
        await sweep({ db: handle.db, config: t.config, now: () => TEST_NOW, channels });
      } finally {
        channels.close();
      }
      const scheduled = await handle.db
        .selectFrom('reminder_schedule')
        .select(['subject_kind', 'subject_id'])
        .execute();
      expect(scheduled).not.toContainEqual({ subject_kind: 'item', subject_id: w.itemA2 });
      expect(scheduled.map((s) => s.subject_kind)).toContain('item');
      await handle.db
        .updateTable('items')
        .set({ state: 'closed', closed_on: '2026-08-10' })
        .where('id', '=', w.itemA2)
        .execute();
    });
  });
});
