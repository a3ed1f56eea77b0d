import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { customaryLedger, fixtureDir } from '../ledger-io/import/fixtures.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../test/api.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, type World, type WorldUser } from '../test/factories.ts';

/**
 * For every role: what it may read and write in its own unit (item A1 and inspection A: unit A, department A1, team A)
 * and in another (item B1 and inspection B: unit B, team B). 200/201/204 allowed, 403 seen but not allowed, 404 not even
 * seen. notice: saving what the unit writes for its notice (canEditNotice); internal: the notice with its 不宜公开 items
 * (canReadInternalDocuments); ledgerImport: a dry-run ledger import (canImportLedger).
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
  },
};

describe.each(testDialects())('access matrix on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let ledger: Buffer;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    ledger = readFileSync(await customaryLedger(fixtureDir()));
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const version = async (itemId: number) => (await office.get(`/api/items/${itemId}`)).json().version as number;
  const draftVersion = async (inspectionId: number) =>
    (await office.get(`/api/inspections/${inspectionId}/documents/notice/draft`)).json().version as number;

  for (const [user, expected] of Object.entries(matrix)) {
    it(`${user}`, async () => {
      const client = await t.login(user.toLowerCase());
      const list = (await client.get('/api/items')).json();
      expect(list.total, 'ledger rows visible').toBe(expected.list);
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
          payload: { version: await draftVersion(inspectionId), nextSteps: `${user}写的下一步打算` },
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
