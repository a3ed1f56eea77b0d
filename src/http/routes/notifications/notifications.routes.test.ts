import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type {
  notificationsResponses,
  readAllResponses,
  sweepResponses,
  unreadCountResponses,
} from './notifications.schema.ts';

type Page = Static<(typeof notificationsResponses)[200]>;
type Unread = Static<(typeof unreadCountResponses)[200]>;
type Swept = Static<(typeof sweepResponses)[200]>;
type Marked = Static<(typeof readAllResponses)[200]>;

describe.each(testDialects())('notifications API on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  let t: TestApp;
  let office: TestClient;
  let dept: TestClient;
  let leader: TestClient;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    // itemA1's measure (due 2026-09-30) is yellow on 2026-09-20.
    t = await createTestApp(handle, new Date('2026-09-20T02:00:00Z'));
    office = await t.login('office');
    dept = await t.login('depta1');
    leader = await t.login('leadera');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('refuses the operators’ endpoints to others, changing nothing', async () => {
    const before = await tableCounts(handle.db);
    const cases: Refusal[] = [
      ['sweep by a department', () => dept.post('/api/notifications/sweep'), 403, 'forbidden'],
      ['outbox by a leader', () => leader.get('/api/notifications/deliveries'), 403, 'forbidden'],
      ['page size 0', () => dept.get('/api/notifications?limit=0'), 400, 'validation'],
      ['unknown filter', () => dept.get('/api/notifications?colour=red'), 400, 'validation'],
      ['id not a number', () => dept.post('/api/notifications/abc/read'), 400, 'validation'],
    ];
    await expectRefusals(cases, expect);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('sweeps on demand, lists mine newest first in pages, and marks them read', async () => {
    const swept = await office.post('/api/notifications/sweep');
    expect(swept.statusCode).toBe(200);
    expect(swept.json()).toMatchObject({ reminders: expect.any(Number), notifications: expect.any(Number) });
    expect(swept.json<Swept>().reminders).toBeGreaterThan(0);
    expect((await office.post('/api/notifications/sweep')).json<Swept>().reminders).toBe(0);

    const count = (await dept.get('/api/notifications/unread-count')).json<Unread>().unread;
    expect(count).toBeGreaterThanOrEqual(1);
    const first = (await dept.get('/api/notifications?limit=1')).json<Page>();
    expect(first.notifications).toHaveLength(1);
    expect(first.unread).toBe(count);
    const all = (await dept.get('/api/notifications')).json<Page>().notifications;
    expect(all.map((n) => n.id)).toEqual([...all.map((n) => n.id)].sort((a, b) => b - a));
    expect(all.some((n) => n.link === `/items/${world.itemA1}`)).toBe(true);
    if (all.length > 1) {
      const next = (await dept.get(`/api/notifications?limit=1&before=${first.nextBefore}`)).json<Page>();
      expect(next.notifications[0].id).toBeLessThan(first.notifications[0].id);
    }

    // Someone else's notification is not found, and nothing is marked.
    const mine = first.notifications[0].id;
    const notMine = await leader.post(`/api/notifications/${mine}/read`);
    expect(notMine.statusCode).toBe(404);
    expect((await dept.get('/api/notifications/unread-count')).json<Unread>().unread).toBe(count);

    expect((await dept.post(`/api/notifications/${mine}/read`)).statusCode).toBe(204);
    expect((await dept.get('/api/notifications/unread-count')).json<Unread>().unread).toBe(count - 1);
    expect((await dept.get('/api/notifications?unread=true')).json<Page>().notifications).toHaveLength(count - 1);
    expect((await dept.post('/api/notifications/read-all')).json<Marked>().marked).toBe(count - 1);
    expect((await dept.get('/api/notifications/unread-count')).json<Unread>().unread).toBe(0);
  });

  it('shows the outbox to the office (empty when no channel is configured)', async () => {
    const res = await office.get('/api/notifications/deliveries');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ counts: { pending: 0, sent: 0, failed: 0 }, deliveries: [] });
  });
});
