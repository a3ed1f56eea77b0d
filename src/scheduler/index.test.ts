import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledBackups } from '../backup/schedule.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { metricsRegistry } from '../http/metrics.ts';
import { createCliTestDatabase, createTestDatabase, testDialects } from '../test/databases.ts';
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
    // The pass is in the metrics: when it finished, how long it took, what it sent.
    const metrics = await metricsRegistry.getSingleMetricAsString('rectify_sweep_last_run_timestamp_seconds');
    expect(Number(metrics.trim().split(' ').at(-1))).toBeGreaterThan(0);
    const reminders = (await metricsRegistry.getSingleMetric('rectify_sweep_sent_total')?.get())?.values.find(
      (v) => v.labels.what === 'reminders',
    );
    expect(reminders?.value).toBeGreaterThan(0);
    await app.close();
  });
});

describe('the scheduled backup in the server process', () => {
  it('writes the day’s backup into RECTIFY_BACKUP_DIR once the hour has come', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rectify-scheduled-'));
    const { handle } = await createCliTestDatabase('sqlite', dir);
    await buildWorld(handle.db);
    const backupDir = path.join(dir, 'backups');
    const app = await buildApp({
      db: handle.db,
      config: testConfig({
        RECTIFY_DATA_DIR: dir,
        RECTIFY_SWEEP_SECONDS: '3600',
        RECTIFY_BACKUP_DIR: backupDir,
        RECTIFY_BACKUP_HOUR: '0',
      }),
      now: () => new Date('2026-10-01T02:00:00Z'),
    });
    const stop = startScheduler(app);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // stop() waits for the running backup to finish.
    await stop();
    expect(await scheduledBackups(backupDir)).toHaveLength(1);
    await app.close();
    await handle.close();
  });
});

describe.each(testDialects())('two servers’ schedulers on one %s database', (dialect) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    await buildWorld(handle.db);
  });
  afterAll(() => handle?.close());

  const notifications = async () =>
    Number(
      (
        await handle.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('sweep under one lease: one sends, the other stands by, and takes over when the first stops', async () => {
    const config = testConfig({ RECTIFY_SWEEP_SECONDS: '3600' });
    const now = () => new Date('2026-10-01T02:00:00Z');
    const apps = [await buildApp({ db: handle.db, config, now }), await buildApp({ db: handle.db, config, now })];
    const ticks: boolean[][] = [[], []];
    const stops: (() => Promise<void>)[] = [];
    const firstTicks = apps.map(
      (_app, i) =>
        new Promise<void>((resolve) => {
          ticks[i] = [];
          const record = (swept: boolean) => {
            ticks[i].push(swept);
            resolve();
          };
          stops[i] = startScheduler(apps[i], { holder: `server-${i}`, onTick: record });
        }),
    );
    await Promise.all(firstTicks);
    expect(ticks.map((t) => t[0]).sort()).toEqual([false, true]);
    const sent = await notifications();
    expect(sent).toBeGreaterThan(0);

    // The holder stops cleanly and lets the lease go; the other's next pass sweeps (nothing is due twice).
    const holder = ticks[0][0] ? 0 : 1;
    await stops[holder]();
    const other = 1 - holder;
    await stops[other]();
    const again = new Promise<boolean>((resolve) => {
      stops[other] = startScheduler(apps[other], { holder: `server-${other}`, onTick: resolve });
    });
    expect(await again).toBe(true);
    await stops[other]();
    expect(await notifications()).toBe(sent);
    for (const app of apps) await app.close();
  });
});
