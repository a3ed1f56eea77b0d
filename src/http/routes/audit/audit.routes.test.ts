import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, type World } from '../../../test/factories.ts';

describe.each(testDialects())('audit trail API on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  let deptA1: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    [office, deptA1] = await Promise.all(['office', 'depta1'].map((u) => t.login(u)));
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const events = (action: string) =>
    handle.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();
  // Refusals and downloads are written after the response has gone.
  const eventually = <T>(read: () => Promise<T[]>, count: number) =>
    vi.waitFor(
      async () => {
        const rows = await read();
        if (rows.length < count) throw new Error(`${rows.length} of ${count} events so far`);
        return rows;
      },
      { timeout: 3000, interval: 20 },
    );

  it('records where a change came from', async () => {
    const res = await office.inject({
      method: 'PATCH',
      url: `/api/items/${w.itemA1}`,
      headers: { 'user-agent': 'Rectify-Test/1.0' },
      payload: { version: 1, deadline: '2026-10-31' },
    });
    expect(res.statusCode, res.body).toBe(204);
    const [changed] = await handle.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'item')
      .where('entity_id', '=', w.itemA1)
      .orderBy('seq', 'desc')
      .execute();
    expect(changed).toMatchObject({ source_address: '127.0.0.1', user_agent: 'Rectify-Test/1.0', via: 'web' });
  });

  it('records refusals (403, CSRF, 401) without touching the answer', async () => {
    const forbidden = await deptA1.inject({
      method: 'GET',
      url: '/api/audit-events',
      headers: { 'user-agent': 'Curious/2.0' },
    });
    expect(forbidden.statusCode).toBe(403);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: deptA1.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/rounds' });
    expect(anonymous.statusCode).toBe(401);

    // Each is written after its response, in its own transaction, so their order in the chain is not the requests'.
    const refused = await eventually(() => events('access.refused'), 3);
    const byRoute = (e: (typeof refused)[number]) => JSON.parse(e.after_json ?? '{}').route as string;
    const sorted = [...refused].sort((a, b) => byRoute(a).localeCompare(byRoute(b)));
    expect(sorted.map((e) => [e.actor_id, JSON.parse(e.after_json ?? '{}')])).toEqual([
      [w.users.deptA1.id, { method: 'GET', route: '/api/audit-events', status: 403, code: 'forbidden' }],
      [w.users.deptA1.id, { method: 'POST', route: '/api/notifications/read-all', status: 403, code: 'csrf' }],
      [null, { method: 'GET', route: '/api/rounds', status: 401, code: 'unauthorized' }],
    ]);
    expect(sorted[0]).toMatchObject({
      outcome: 'refused',
      source_address: '127.0.0.1',
      user_agent: 'Curious/2.0',
      via: 'web',
    });
  });

  it('audits every file sent, with its outcome', async () => {
    const res = await office.get(`/api/inspections/${w.inspectionA}/ledger.xlsx`);
    expect(res.statusCode).toBe(200);
    const [download] = await eventually(() => events('file.download'), 1);
    expect(download).toMatchObject({
      actor_id: w.users.office.id,
      entity_id: w.inspectionA,
      outcome: 'success',
      via: 'web',
    });
    expect(JSON.parse(download.after_json ?? '{}')).toMatchObject({
      route: '/api/inspections/:id/ledger.xlsx',
      status: 200,
      file: expect.stringMatching(/\.xlsx$/),
    });
  });

  it('verifies the chain and says at which number it breaks', async () => {
    const ok = await office.get('/api/audit-events/verify');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ intact: true, brokenAtSeq: null, problem: null });
    const lastSeq = ok.json().lastSeq as number;

    const events = await office.get('/api/audit-events?limit=5');
    expect(events.json().events[0]).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^hmac-/) });

    const second = await handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await handle.db.updateTable('audit_events').set({ action: 'item.nothing' }).where('id', '=', second.id).execute();
    const broken = await office.get('/api/audit-events/verify');
    expect(broken.json()).toMatchObject({ intact: false, brokenAtSeq: 2, brokenAt: second.id, problem: 'hash' });
    expect(lastSeq).toBeGreaterThan(2);
  });

  it('exports the trail with its checkpoint, as JSON Lines or CSV, and audits the export', async () => {
    const before = (await events('file.download')).length;
    const jsonl = await office.get('/api/audit-events/export');
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-disposition']).toMatch(/attachment; filename="audit-trail-.*\.jsonl"/);
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'checkpoint', mac: expect.any(String) });
    expect(lines.slice(1).map((l) => l.seq)).toEqual(Array.from({ length: lines[0].seq }, (_, n) => n + 1));

    const csv = await office.get('/api/audit-events/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toMatch(/^type,seq,id,at,/);
    expect(rows[1]).toMatch(/^checkpoint,/);

    const exports = await eventually(async () => (await events('file.download')).slice(before), 2);
    expect(exports.map((e) => JSON.parse(e.after_json ?? '{}').route)).toEqual([
      '/api/audit-events/export',
      '/api/audit-events/export',
    ]);
    expect((await deptA1.get('/api/audit-events/export')).statusCode).toBe(403);
  });

  it('offers no way to change or delete audit events', async () => {
    const routes = t.app.printRoutes({ commonPrefix: false });
    const auditLines = routes.split('\n').filter((line) => line.includes('audit'));
    expect(auditLines.length).toBeGreaterThan(0);
    for (const line of auditLines) expect(line, line).toMatch(/\((GET|HEAD)(, (GET|HEAD))*\)/);
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
      const res = await office.inject({ method, url: '/api/audit-events' });
      expect(res.statusCode, method).toBe(404);
      const one = await office.inject({ method, url: '/api/audit-events/1' });
      expect(one.statusCode, method).toBe(404);
    }
  });
});
