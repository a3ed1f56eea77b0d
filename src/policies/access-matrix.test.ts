import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { customaryLedger, fixtureDir } from '../ledger-io/import/fixtures.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../test/api.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildUser, buildWorld, noticeWriting, tableCounts, type World, type WorldUser } from '../test/factories.ts';
import { publicationOf, publishViaWorkflow } from '../test/publishing.ts';

/**
 * For every role: what it may read and write in its own unit (item A1 and inspection A: unit A, department A1, team A)
 * and in another (item B1 and inspection B: unit B, team B). 200/201/204 allowed, 403 seen but not allowed, 404 not even
 * seen. notice: saving what the unit writes for its notice (canEditNotice); internal: the notice with its 不宜公开 items
 * (canReadInternalDocuments); ledgerImport: a dry-run ledger import (canImportLedger); reminders: the outbox and a sweep
 * by hand, which know no unit (canOperateReminders); supervise: a supervision order to the unit (canSupervise, 404 outside
 * the actor's part of the tree); answerOrder: answering an open order to the unit (canAnswerSupervision, 404 when the
 * actor does not see the order); publish: preparing the public notice's draft (canEditNotice; issue 15); publications: how many
 * inspections' publications the list shows; publication: one publication (canReadInspection). A refused write leaves
 * every table as it was.
 */
const matrix: Record<
  Exclude<WorldUser, 'office2' | 'leaderB' | 'deptB1'>,
  {
    list: number;
    read: [number, number];
    plan: [number, number];
    feedback: [number, number];
    progress: [number, number];
    notice: [number, number];
    internal: [number, number];
    ledgerImport: [number, number];
    reminders: number;
    supervise: [number, number];
    answerOrder: [number, number];
    publish: [number, number];
    publications: number;
    publication: [number, number];
  }
> = {
  admin: {
    list: 3,
    read: [200, 200],
    plan: [403, 403],
    feedback: [403, 403],
    progress: [403, 403],
    notice: [200, 200],
    internal: [200, 200],
    ledgerImport: [200, 200],
    reminders: 200,
    supervise: [201, 201],
    answerOrder: [403, 403],
    publish: [201, 201],
    publications: 2,
    publication: [200, 200],
  },
  office: {
    list: 3,
    read: [200, 200],
    plan: [204, 204],
    feedback: [204, 204],
    progress: [403, 403],
    notice: [200, 200],
    internal: [200, 200],
    ledgerImport: [200, 200],
    reminders: 200,
    supervise: [201, 201],
    answerOrder: [403, 403],
    publish: [201, 201],
    publications: 2,
    publication: [200, 200],
  },
  teamA: {
    list: 2,
    read: [200, 404],
    plan: [403, 404],
    feedback: [204, 404],
    progress: [403, 404],
    notice: [403, 404],
    internal: [200, 404],
    ledgerImport: [403, 404],
    reminders: 403,
    supervise: [403, 403],
    answerOrder: [403, 404],
    publish: [403, 404],
    publications: 1,
    publication: [200, 404],
  },
  supervisor: {
    list: 3,
    read: [200, 200],
    plan: [403, 403],
    feedback: [403, 403],
    progress: [403, 403],
    notice: [403, 403],
    internal: [403, 403],
    ledgerImport: [403, 403],
    reminders: 403,
    supervise: [403, 403],
    answerOrder: [403, 403],
    publish: [403, 403],
    publications: 2,
    publication: [200, 200],
  },
  unitAdminA: {
    list: 2,
    read: [200, 404],
    plan: [204, 404],
    feedback: [204, 404],
    progress: [201, 404],
    notice: [200, 404],
    internal: [200, 404],
    ledgerImport: [200, 404],
    reminders: 403,
    supervise: [403, 404],
    answerOrder: [200, 404],
    publish: [201, 404],
    publications: 1,
    publication: [200, 404],
  },
  leaderA: {
    list: 2,
    read: [200, 404],
    plan: [403, 404],
    feedback: [403, 404],
    progress: [403, 404],
    notice: [200, 404],
    internal: [200, 404],
    ledgerImport: [403, 404],
    reminders: 403,
    supervise: [403, 404],
    answerOrder: [200, 404],
    publish: [201, 404],
    publications: 1,
    publication: [200, 404],
  },
  deptA1: {
    list: 1,
    read: [200, 404],
    plan: [403, 404],
    feedback: [403, 404],
    progress: [201, 404],
    notice: [403, 404],
    internal: [403, 404],
    ledgerImport: [403, 404],
    reminders: 403,
    supervise: [404, 404],
    answerOrder: [403, 404],
    publish: [403, 404],
    publications: 1,
    publication: [200, 404],
  },
  deptA2: {
    list: 1,
    read: [404, 404],
    plan: [404, 404],
    feedback: [404, 404],
    progress: [404, 404],
    notice: [403, 404],
    internal: [403, 404],
    ledgerImport: [403, 404],
    reminders: 403,
    supervise: [404, 404],
    answerOrder: [403, 404],
    publish: [403, 404],
    publications: 1,
    publication: [200, 404],
  },
  unitAdminB: {
    list: 1,
    read: [404, 200],
    plan: [404, 204],
    feedback: [404, 204],
    progress: [404, 201],
    notice: [404, 200],
    internal: [404, 200],
    ledgerImport: [404, 200],
    reminders: 403,
    supervise: [404, 403],
    answerOrder: [404, 200],
    publish: [404, 201],
    publications: 1,
    publication: [404, 200],
  },
};

describe.each(testDialects())('access matrix on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let ledger: Buffer;
  /** Publications of inspection A and B, published and withdrawn so that each role may publish again. */
  let publicationIds: [number, number];
  const writing = (inspectionId: number) =>
    noticeWriting(`中共${inspectionId === w.inspectionA ? w.unitA.name : w.unitB.name}党组`);
  const period = { publicFrom: '2026-08-15', publicTo: '2026-08-29' };
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    ledger = readFileSync(await customaryLedger(fixtureDir()));
    const published: number[] = [];
    for (const inspectionId of [w.inspectionA, w.inspectionB]) {
      const draft = await office.inject({
        method: 'PUT',
        url: `/api/inspections/${inspectionId}/documents/notice/draft`,
        payload: { version: 0, ...writing(inspectionId) },
      });
      expect(draft.statusCode, draft.body).toBe(200);
      const leader = await t.login(inspectionId === w.inspectionA ? 'leadera' : 'leaderb');
      const approved = await publishViaWorkflow(office, leader, inspectionId, period);
      expect(approved.statusCode, approved.body).toBe(200);
      const id = publicationOf(approved);
      const { version } = (await office.get(`/api/publications/${id}`)).json();
      expect((await office.post(`/api/publications/${id}/withdraw`, { version })).statusCode).toBe(200);
      published.push(id);
    }
    publicationIds = [published[0], published[1]];
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const version = async (itemId: number) => (await office.get(`/api/items/${itemId}`)).json().version as number;
  const draftVersion = async (inspectionId: number) =>
    (await office.get(`/api/inspections/${inspectionId}/documents/notice/draft`)).json().version as number;
  /** An open supervision order to the unit, sent by the office, as the office reads it. */
  const openOrder = async (unitId: number) => {
    const sent = await office.post('/api/supervision/orders', {
      targets: [{ unitId }],
      title: '督促加快整改进度',
      content: '请于期限内报送整改进展。',
      dueOn: '2026-09-30',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const order = await orderAsOfficeSees(sent.json().ids[0]);
    if (!order) throw new Error('the office does not see the order it sent');
    return order;
  };
  const orderAsOfficeSees = async (id: number) =>
    (
      (await office.get('/api/supervision/orders')).json().orders as { id: number; status: string; version: number }[]
    ).find((o) => o.id === id);
  /** Sends a write and checks its status; a refused one must leave every table as it was. */
  const write = async (what: string, expected: number, send: () => Promise<LightMyRequestResponse>) => {
    const before = await tableCounts(handle.db);
    const res = await send();
    expect(res.statusCode, what).toBe(expected);
    if (expected >= 400) expect(await tableCounts(handle.db), `${what}: nothing changed`).toEqual(before);
    return res;
  };

  for (const [user, expected] of Object.entries(matrix)) {
    it(`${user}`, async () => {
      const client = await t.login(user.toLowerCase());
      const list = (await client.get('/api/items')).json();
      expect(list.total, 'ledger rows visible').toBe(expected.list);
      expect((await client.get('/api/notifications/deliveries')).statusCode, 'outbox').toBe(expected.reminders);
      await write('sweep', expected.reminders, () => client.post('/api/notifications/sweep'));
      const publications = (await client.get('/api/publications')).json().publications as { inspectionId: number }[];
      expect(new Set(publications.map((p) => p.inspectionId)).size, 'publications listed').toBe(expected.publications);
      for (const [i, itemId] of [w.itemA1, w.itemB1].entries()) {
        const where = i === 0 ? 'own unit' : 'other unit';
        expect((await client.get(`/api/items/${itemId}`)).statusCode, `read ${where}`).toBe(expected.read[i]);
        expect((await client.get(`/api/items/${itemId}/history`)).statusCode, `history ${where}`).toBe(
          expected.read[i],
        );
        const plan = await client.patch(`/api/items/${itemId}`, {
          version: await version(itemId),
          responsibleLeader: `${user}定的领导`,
        });
        expect(plan.statusCode, `plan ${where}`).toBe(expected.plan[i]);
        const feedback = await client.patch(`/api/items/${itemId}`, {
          version: await version(itemId),
          description: `${user}补充的问题表现`,
        });
        expect(feedback.statusCode, `feedback ${where}`).toBe(expected.feedback[i]);
        const progress = await client.post(`/api/items/${itemId}/progress`, {
          entryOn: '2026-08-01',
          content: `${user}记录的进展`,
        });
        expect(progress.statusCode, `progress ${where}`).toBe(expected.progress[i]);
      }
      for (const [i, inspectionId] of [w.inspectionA, w.inspectionB].entries()) {
        const where = i === 0 ? 'own unit' : 'other unit';
        const notice = await client.inject({
          method: 'PUT',
          url: `/api/inspections/${inspectionId}/documents/notice/draft`,
          payload: {
            ...writing(inspectionId),
            version: await draftVersion(inspectionId),
            nextSteps: `${user}写的下一步打算。`,
          },
        });
        expect(notice.statusCode, `notice ${where}`).toBe(expected.notice[i]);
        const internal = await client.get(`/api/inspections/${inspectionId}/documents/notice?format=txt&public=false`);
        expect(internal.statusCode, `internal ${where}`).toBe(expected.internal[i]);
        const ledgerImport = await client.inject({
          method: 'POST',
          url: `/api/inspections/${inspectionId}/ledger-imports`,
          ...multipart({ dryRun: 'true' }, { name: '台账.xlsx', content: ledger }),
        });
        expect(ledgerImport.statusCode, `ledger import ${where}`).toBe(expected.ledgerImport[i]);
        // Issue 15: the publisher's step is a draft (an open one is replaced), which the leader then approves.
        await write(`publish ${where}`, expected.publish[i], () =>
          client.post(`/api/inspections/${inspectionId}/publication-versions`, period),
        );
        expect((await client.get(`/api/publications/${publicationIds[i]}`)).statusCode, `publication ${where}`).toBe(
          expected.publication[i],
        );
      }
      for (const [i, unit] of [w.unitA, w.unitB].entries()) {
        const where = i === 0 ? 'own unit' : 'other unit';
        await write(`supervise ${where}`, expected.supervise[i], () =>
          client.post('/api/supervision/orders', {
            targets: [{ unitId: unit.id }],
            title: `${user}督办的事项`,
            content: '请说明整改进展。',
            dueOn: '2026-09-30',
          }),
        );
        const order = await openOrder(unit.id);
        await write(`answer order ${where}`, expected.answerOrder[i], () =>
          client.post(`/api/supervision/orders/${order.id}/answer`, {
            answer: `${user}答复：已完成阶段性整改。`,
            version: order.version,
          }),
        );
        if (expected.answerOrder[i] >= 400) expect(await orderAsOfficeSees(order.id), `order ${where}`).toEqual(order);
      }
    });
  }

  it('hides other units’ inspections and keeps account management to the administrator', async () => {
    const unitAdminA = await t.login('unitadmina');
    const inspections = (await unitAdminA.get('/api/inspections')).json().inspections;
    expect(inspections.map((i: { id: number }) => i.id)).toEqual([w.inspectionA]);
    expect((await unitAdminA.get(`/api/inspections/${w.inspectionB}`)).statusCode).toBe(404);
    expect((await unitAdminA.get('/api/users')).statusCode).toBe(403);
    expect((await office.get('/api/users')).statusCode).toBe(403);
    const admin = await t.login('admin');
    expect((await admin.get('/api/users')).json().users.length).toBeGreaterThan(5);
    const dept = await t.login('depta1');
    expect((await dept.get(`/api/inspections/${w.inspectionA}`)).statusCode).toBe(200);
    expect((await dept.get('/api/audit-events')).statusCode).toBe(403);
  });

  /**
   * 三员分立: the three administrators, with separationOfDuties off (the embedded trial: the system administrator reads as
   * it always has) and on (it keeps accounts and the unit tree only). list/read/internal/ledgerImport/reminders/supervise
   * as in the matrix above; audit: the whole audit trail; users: the accounts list.
   */
  const administrators: Record<
    string,
    Record<
      'lenient' | 'strict',
      {
        list: number;
        read: number;
        internal: number;
        ledgerImport: number;
        reminders: number;
        supervise: number;
        audit: number;
        users: number;
      }
    >
  > = {
    admin: {
      lenient: {
        list: 3,
        read: 200,
        internal: 200,
        ledgerImport: 200,
        reminders: 200,
        supervise: 201,
        audit: 200,
        users: 200,
      },
      strict: {
        list: 0,
        read: 404,
        internal: 404,
        ledgerImport: 404,
        reminders: 403,
        supervise: 403,
        audit: 403,
        users: 200,
      },
    },
    secadmin: {
      lenient: {
        list: 0,
        read: 404,
        internal: 404,
        ledgerImport: 404,
        reminders: 403,
        supervise: 403,
        audit: 403,
        users: 200,
      },
      strict: {
        list: 0,
        read: 404,
        internal: 404,
        ledgerImport: 404,
        reminders: 403,
        supervise: 403,
        audit: 403,
        users: 200,
      },
    },
    auditor: {
      lenient: {
        list: 0,
        read: 404,
        internal: 404,
        ledgerImport: 404,
        reminders: 403,
        supervise: 403,
        audit: 200,
        users: 403,
      },
      strict: {
        list: 0,
        read: 404,
        internal: 404,
        ledgerImport: 404,
        reminders: 403,
        supervise: 403,
        audit: 200,
        users: 403,
      },
    },
  };
  it('gives each of the three administrators its own part, with and without separation of duties', async () => {
    await buildUser(handle.db, { username: 'secadmin', role: 'security_admin', unit: w.committee });
    await buildUser(handle.db, { username: 'auditor', role: 'auditor', unit: w.committee });
    try {
      for (const mode of ['lenient', 'strict'] as const) {
        t.config.separationOfDuties = mode === 'strict';
        for (const [user, modes] of Object.entries(administrators)) {
          const expected = modes[mode];
          const what = (check: string) => `${user} ${mode}: ${check}`;
          const client = await t.login(user);
          expect((await client.get('/api/items')).json().total, what('list')).toBe(expected.list);
          expect((await client.get(`/api/items/${w.itemA1}`)).statusCode, what('read')).toBe(expected.read);
          expect(
            (await client.get(`/api/inspections/${w.inspectionA}/documents/notice?format=txt&public=false`)).statusCode,
            what('internal'),
          ).toBe(expected.internal);
          const ledgerImport = await client.inject({
            method: 'POST',
            url: `/api/inspections/${w.inspectionA}/ledger-imports`,
            ...multipart({ dryRun: 'true' }, { name: '台账.xlsx', content: ledger }),
          });
          expect(ledgerImport.statusCode, what('ledger import')).toBe(expected.ledgerImport);
          expect((await client.get('/api/notifications/deliveries')).statusCode, what('outbox')).toBe(
            expected.reminders,
          );
          const order = await write(what('supervise'), expected.supervise, () =>
            client.post('/api/supervision/orders', {
              targets: [{ unitId: w.unitA.id }],
              title: `${user}督办的事项`,
              content: '请说明整改进展。',
              dueOn: '2026-09-30',
            }),
          );
          expect(order.statusCode).toBe(expected.supervise);
          expect((await client.get('/api/audit-events')).statusCode, what('audit')).toBe(expected.audit);
          expect((await client.get('/api/users')).statusCode, what('users')).toBe(expected.users);
        }
      }
    } finally {
      t.config.separationOfDuties = false;
    }
  });

  it('lets only the right role move each close-out step', async () => {
    const supervisor = await t.login('supervisor');
    const res = await supervisor.post(`/api/items/${w.itemA1}/transitions`, {
      event: 'start',
      version: await version(w.itemA1),
    });
    expect(res.statusCode).toBe(403);
    const teamA = await t.login('teama');
    expect(
      (
        await teamA.post(`/api/items/${w.itemA1}/transitions`, {
          event: 'reopen',
          version: await version(w.itemA1),
          note: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });
});
