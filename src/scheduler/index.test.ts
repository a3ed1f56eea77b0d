import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { createTestDatabase } from '../test/databases.ts';
import { buildWorld, testConfig } from '../test/factories.ts';
import { startScheduler } from './index.ts';

describe('the scheduler in the server process', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
    await buildWorld(handle.db);
  });
  afterAll(() => handle?.close());

  it('sweeps once at start and stops after the running pass', async () => {
    const app = await buildApp({
      db: handle.db,
      config: testConfig({ RECTIFY_SWEEP_SECONDS: '3600' }),
      now: () => new Date('2026-10-01T02:00:00Z'),
    });
    const stop = startScheduler(app);
    // The first pass starts on the next turn of the event loop; stop() then waits for it to finish.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await stop();
    const r = await handle.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const sent = Number(r.n);
    expect(sent).toBeGreaterThan(0);
    await app.close();
  });
});
