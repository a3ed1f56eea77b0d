import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { testConfig } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { READINESS_TIMEOUT_MS } from '../../readiness.ts';

/** A database that refuses every query as a server gone away would (ECONNREFUSED), counting what it was asked. */
function unreachable() {
  const asked = { queries: 0 };
  const plugin: KyselyPlugin = {
    transformQuery() {
      asked.queries++;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    },
    transformResult: async (args) => args.result,
  };
  return { plugin, asked };
}

describe.each(testDialects())('health on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    t = await createTestApp(handle);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const get = (app: TestApp['app'], url: string) => app.inject({ method: 'GET', url });

  it('is ready when the database answers and the disk has room; /api/health answers the same', async () => {
    for (const url of ['/api/health/ready', '/api/health']) {
      const res = await get(t.app, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json(), url).toEqual({
        status: 'ok',
        checks: { database: { status: 'ok' }, disk: { status: 'ok' }, store: { status: 'ok' } },
        failed: [],
      });
    }
    expect((await get(t.app, '/api/health/live')).json()).toEqual({ status: 'ok' });
  });

  it('is not ready, naming the store, when the evidence store cannot be used; its path stays out of the answer', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-store-gone-'));
    // A file where the evidence folder should be: the store can neither be made nor written.
    writeFileSync(path.join(dataDir, 'evidence'), 'not a folder');
    const app = await buildApp({ db: handle.db, config: testConfig({ RECTIFY_DATA_DIR: dataDir }) });
    try {
      const ready = await get(app, '/api/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        status: 'unavailable',
        checks: { database: { status: 'ok' }, store: { status: 'failed' } },
        failed: ['store'],
      });
      expect(ready.body).not.toContain(dataDir);
      expect((await get(app, '/api/health/live')).statusCode).toBe(200);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers live without touching the database, and not ready naming the database when it is gone', async () => {
    const { plugin, asked } = unreachable();
    const app = await buildApp({ db: handle.db.withPlugin(plugin), config: t.config });
    try {
      // Starting asks the database once (the jobs of a server that died are failed); live itself asks nothing.
      await app.ready();
      asked.queries = 0;
      const live = await get(app, '/api/health/live');
      expect(live.statusCode).toBe(200);
      expect(asked.queries).toBe(0);
      const ready = await get(app, '/api/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({
        status: 'unavailable',
        checks: {
          database: { status: 'failed', reason: 'unavailable (ECONNREFUSED)' },
          disk: { status: 'ok' },
          store: { status: 'ok' },
        },
        failed: ['database'],
      });
      // The public answer names the check, never the server's address from the driver's message.
      expect(ready.body).not.toContain('127.0.0.1');
      const alias = await get(app, '/api/health');
      expect(alias.statusCode).toBe(503);
    } finally {
      await app.close();
    }
  });

  it('runs the checks other parts add, failing on a throw or on no answer in time', async () => {
    const app = await buildApp({ db: handle.db, config: testConfig() });
    try {
      app.services.readiness.push({ name: 'evidence', check: async () => {} });
      expect((await get(app, '/api/health/ready')).json().checks.evidence).toEqual({ status: 'ok' });
      app.services.readiness.push({
        name: 'hung',
        check: () => new Promise(() => {}),
      });
      const started = Date.now();
      const ready = await get(app, '/api/health/ready');
      expect(Date.now() - started).toBeLessThan(READINESS_TIMEOUT_MS + 1000);
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        failed: ['hung'],
        checks: { hung: { status: 'failed', reason: `no answer in ${READINESS_TIMEOUT_MS} ms` } },
      });
    } finally {
      await app.close();
    }
  });
});
