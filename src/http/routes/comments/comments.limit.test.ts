import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { insertPublication } from '../../../repositories/publications.repository.ts';
import { createTestApp, type TestApp } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_NOW, type World } from '../../../test/factories.ts';

/**
 * Issue 11 (hole 9): the hourly limit on public comments was counted, then inserted, without a lock; on PostgreSQL
 * concurrent posts from one address got 14 accepted of 5. Whatever the concurrency, exactly the limit gets through.
 */
describe.each(testDialects())('the hourly public-comment limit under concurrency on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let publicationId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    publicationId = await insertPublication(handle.db, {
      inspectionId: w.inspectionA,
      title: '关于巡察整改进展情况的通报',
      body: { html: '<p>通报</p>', text: '通报' },
      publicFrom: '2026-08-10',
      publicTo: '2026-08-30',
      contacts: { phone: ['0731-6661234'], email: [], postal: null, postcode: null },
      publishedBy: w.users.unitAdminA.id,
      publishedAt: TEST_NOW.toISOString(),
    });
  });

  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const post = (content: string, address: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/notices/${publicationId}/comments`,
      payload: { content },
      remoteAddress: address,
    });

  it('accepts exactly the limit of 30 concurrent posts from one address, and refuses the rest with 429', async () => {
    const limit = t.config.commentsPerHour;
    expect(limit).toBeLessThan(30);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => post(`并发意见第${i}条`, '198.51.100.77')));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - limit);
    const stored = await handle.db
      .selectFrom('public_comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('publication_id', '=', publicationId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(limit);
  });

  it('counts each address on its own, concurrently too', async () => {
    const limit = t.config.commentsPerHour;
    const addresses = ['198.51.100.1', '198.51.100.2', '198.51.100.3'];
    const answers = await Promise.all(
      addresses.flatMap((address) => Array.from({ length: limit + 3 }, (_, i) => post(`意见${i}`, address))),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(limit * addresses.length);
  });
});
