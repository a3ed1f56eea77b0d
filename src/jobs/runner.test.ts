import { existsSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { appError } from '../errors.ts';
import { findJob } from '../repositories/jobs.repository.ts';
import { createTestApp } from '../test/api.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, TEST_NOW, type World } from '../test/factories.ts';
import { JOB_FILE_TTL_MS, JobRunner, jobFilePath, STALE_AFTER_MS } from './runner.ts';

describe.each(testDialects())('job runner on %s', (dialect) => {
  let handle: DatabaseHandle;
  let w: World;
  let runner: JobRunner;
  let clock: Date;
  const job = () => ({ kind: 'ledger_import' as const, ownerId: w.users.unitAdminA.id, unitPath: w.unitA.path });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    clock = TEST_NOW;
    runner = new JobRunner({ db: handle.db, now: () => clock, tmpDir: mkdtempSync(path.join(tmpdir(), 'jobs-')) });
  });
  afterAll(async () => {
    await runner.close();
    await handle.close();
  });

  it('goes queued → running → succeeded, with its progress and result', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    const id = await runner.start(job(), async (report) => {
      seen.push((await findJob(handle.db, id))?.status ?? 'missing');
      report({ phase: 'write', done: 3, total: 4 });
      await gate;
      return { created: 4 };
    });
    try {
      expect((await findJob(handle.db, id))?.status).toBe('queued');
      await expect
        .poll(() => findJob(handle.db, id))
        .toMatchObject({ status: 'running', phase: 'write', progress: { done: 3, total: 4 } });
    } finally {
      release();
    }
    await runner.settled(id);
    expect(seen).toEqual(['running']);
    expect(await findJob(handle.db, id)).toMatchObject({
      status: 'succeeded',
      result: { created: 4 },
      error: null,
      startedAt: TEST_NOW.toISOString(),
      finishedAt: TEST_NOW.toISOString(),
    });
  });

  it('fails with the refusal’s key, words’ values and details, or job_failed for anything else', async () => {
    const refused = await runner.start(job(), async () => {
      throw appError('workbook_too_large', { limitBytes: 1024 }, { errors: [] });
    });
    const crashed = await runner.start(job(), async () => {
      throw new TypeError('a bug');
    });
    await Promise.all([runner.settled(refused), runner.settled(crashed)]);
    expect(await findJob(handle.db, refused)).toMatchObject({
      status: 'failed',
      result: null,
      error: { key: 'workbook_too_large', params: { params: { limitBytes: 1024 }, details: { errors: [] } } },
    });
    expect(await findJob(handle.db, crashed)).toMatchObject({ status: 'failed', error: { key: 'job_failed' } });
  });

  it('fails the jobs of a runner that died (stale heartbeat), and leaves live ones alone', async () => {
    // A runner in a process that was killed: its job stays running and its heartbeat stops.
    const dead = new JobRunner({ db: handle.db, now: () => clock, tmpDir: runner.tmpDir });
    const abandoned = await dead.start(job(), () => new Promise(() => undefined));
    await expect.poll(async () => (await findJob(handle.db, abandoned))?.status).toBe('running');
    // The next start of a server (or its sweep) a little later: a job beating recently is left alone.
    clock = new Date(TEST_NOW.getTime() + STALE_AFTER_MS / 2);
    await runner.tick();
    expect((await findJob(handle.db, abandoned))?.status).toBe('running');
    clock = new Date(TEST_NOW.getTime() + STALE_AFTER_MS + 1000);
    await runner.tick();
    expect(await findJob(handle.db, abandoned)).toMatchObject({
      status: 'failed',
      error: { key: 'job_abandoned', params: null },
      finishedAt: clock.toISOString(),
    });
    clock = TEST_NOW;
  });

  it('fails stale jobs when a server starts', async () => {
    const dead = new JobRunner({ db: handle.db, now: () => TEST_NOW, tmpDir: runner.tmpDir });
    const abandoned = await dead.start(job(), () => new Promise(() => undefined));
    await expect.poll(async () => (await findJob(handle.db, abandoned))?.status).toBe('running');
    const later = new Date(TEST_NOW.getTime() + 10 * STALE_AFTER_MS);
    const t = await createTestApp(handle, later);
    await t.app.ready();
    // onReady starts the sweep without waiting for it; its first pass is quick.
    await expect.poll(async () => (await findJob(handle.db, abandoned))?.status).toBe('failed');
    await t.app.close();
  });

  it('removes a built file an hour old by its folder’s clock, not the process’s: a moved clock keeps a fresh one', async () => {
    const fresh = jobFilePath(runner.tmpDir, 901, 'zip');
    const old = jobFilePath(runner.tmpDir, 902, 'zip');
    writeFileSync(fresh, 'PK');
    writeFileSync(old, 'PK');
    // An hour and more before the fresh file, by the file system's clock: under libfaketime (npm run test:ahead) the
    // process's Date is already two years on while the stamps are not, so Date.now() cannot date a file.
    const hourAndMore = (statSync(fresh).mtimeMs - JOB_FILE_TTL_MS - 60_000) / 1000;
    utimesSync(old, hourAndMore, hourAndMore);
    // The process's clock two years on (as under libfaketime, which moves Date but not the file system's stamps).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 730 * 24 * 3600 * 1000 });
    try {
      await runner.tick();
    } finally {
      vi.useRealTimers();
    }
    expect([existsSync(fresh), existsSync(old)]).toEqual([true, false]);
  });
});
