import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openSqlite } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../test/api.ts';
import { chainWithTestKey } from '../test/databases.ts';
import { buildWorld, TEST_PASSWORD, testConfig, type World } from '../test/factories.ts';
import type { ErrorBody } from './schemas.ts';

/**
 * A data folder on a real, small file system (tmpfs) filled to the last byte: what a server sees when its disk fills.
 * Needs root to mount; skipped where mounting is refused. SQLite only: the database file is in the data folder (a
 * PostgreSQL server's disk is its own; its disk_full is simulated in the sign-in tests on both databases).
 */
function mountTmpfs(dir: string, size: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

/** Writes until the file system says ENOSPC; returns how many bytes went in. */
function fillUp(file: string): number {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  let written = 0;
  try {
    for (;;) {
      try {
        written += writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // The last partial block: fill the remaining bytes one small write at a time.
        for (const size of [4096, 512, 1]) {
          try {
            for (;;) written += writeSync(fd, block.subarray(0, size));
          } catch {}
        }
        return written;
      }
    }
  } finally {
    closeSync(fd);
  }
}

const mountPoint = mkdtempSync(path.join(tmpdir(), 'rectify-full-disk-'));
const mounted = mountTmpfs(mountPoint, '16m');

describe.skipIf(!mounted)('a full disk (a real 16 MB tmpfs, filled)', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let deptA1: TestClient;
  let office: TestClient;

  beforeAll(async () => {
    const dataDir = path.join(mountPoint, 'data');
    mkdirSync(dataDir);
    handle = openSqlite(path.join(dataDir, 'rectify.sqlite'));
    await migrateToLatest(handle);
    chainWithTestKey();
    w = await buildWorld(handle.db);
    t = await createTestApp(handle, undefined, testConfig({ RECTIFY_DATA_DIR: dataDir }));
    [deptA1, office] = await Promise.all([t.login('depta1'), t.login('office')]);
    // Sign-ins fill the WAL; a checkpoint moves them into the database so the WAL's free pages cannot take new writes.
    await handle.db.executeQuery({
      sql: 'PRAGMA wal_checkpoint(TRUNCATE)',
      parameters: [],
      query: { kind: 'RawNode' },
    } as never);
    expect(fillUp(path.join(dataDir, 'filler'))).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('refuses an upload with 507 storage_full and words that say nothing was saved and whom to tell', async () => {
    const body = multipart({ effectiveOn: '2026-08-09' }, { name: 'scan.txt', content: Buffer.alloc(256 * 1024, 'a') });
    const res = await deptA1.inject({
      method: 'POST',
      url: `/api/items/${w.itemA1}/evidence`,
      ...body,
      headers: { ...body.headers, 'accept-language': 'en' },
    });
    expect(res.statusCode, res.body).toBe(507);
    const { error } = res.json<ErrorBody>();
    expect(error.code).toBe('storage_full');
    expect(error.message).toMatch(/nothing was saved/);
    expect(error.message).toMatch(/administrator/);
    const zh = await deptA1.inject({
      method: 'POST',
      url: `/api/items/${w.itemA1}/evidence`,
      ...multipart(
        { effectiveOn: '2026-08-09', note: '制度文件' },
        { name: 'scan.txt', content: Buffer.alloc(256 * 1024, 'a') },
      ),
    });
    expect(zh.json<ErrorBody>().error.message).toMatch(/未保存任何内容.*系统管理员/);
  });

  it('answers a sign-in whose session cannot be written with 507, never 500, and reading goes on', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'office', password: TEST_PASSWORD },
      });
      // The WAL was truncated before the disk filled, so the session's insert meets SQLITE_FULL each time.
      expect(res.statusCode, res.body).toBe(507);
      expect(res.json<ErrorBody>().error.code).toBe('storage_full');
    }
    const items = await office.get('/api/items');
    expect(items.statusCode).toBe(200);
    expect((await deptA1.get(`/api/items/${w.itemA1}`)).statusCode).toBe(200);
  });

  it('is not ready: /api/health/ready answers 503 naming the disk, while /api/health/live still answers 200', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'unavailable',
      failed: ['disk'],
      checks: { database: { status: 'ok' } },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
  });
});
