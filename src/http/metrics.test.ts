import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestApp, type TestApp } from '../test/api.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, testConfig } from '../test/factories.ts';
import { buildApp } from './app.ts';
import { countStorageError, recordSweep } from './metrics.ts';

const TOKEN = 'metrics-token-0123456789';

/** The value of one sample line of the Prometheus text, or undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe.each(testDialects())('GET /metrics on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    await buildWorld(handle.db);
    t = await createTestApp(handle, undefined, testConfig({ RECTIFY_METRICS_TOKEN: TOKEN }));
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const scrape = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('is not there without a configured token, and refuses a missing or wrong one', async () => {
    const off = await buildApp({ db: handle.db, config: testConfig() });
    try {
      expect(
        (await off.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } }))
          .statusCode,
      ).toBe(404);
    } finally {
      await off.close();
    }
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}`)).statusCode).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).statusCode).toBe(401);
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('times requests by route pattern and status class, never by the raw address', async () => {
    const office = await t.login('office');
    await office.get('/api/items/987654');
    await office.get('/api/items/987655');
    await t.app.inject({ method: 'GET', url: '/no/such/place/42' });
    const text = (await scrape(`Bearer ${TOKEN}`)).body;
    const count = sample(text, 'rectify_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/api/items/:id',
      status: '4xx',
    });
    expect(count).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('987654');
    expect(text).not.toContain('/no/such/place');
    expect(sample(text, 'rectify_http_request_duration_seconds_count', { route: 'unmatched' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      sample(text, 'rectify_http_request_duration_seconds_count', { route: '/api/auth/login', status: '2xx' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reports the pool (on PostgreSQL), the outbox, storage errors, the sweep and the process', async () => {
    countStorageError('full');
    recordSweep({
      finishedAt: new Date(1_800_000_000_000),
      durationMs: 1500,
      counts: { reminders: 3, delivered: 2, failed: 1 },
    });
    const text = (await scrape(`Bearer ${TOKEN}`)).body;
    if (dialect === 'postgres') {
      expect(sample(text, 'rectify_db_pool_total_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'rectify_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'rectify_db_pool_waiting_connections')).toBe(0);
    } else {
      expect(text).not.toContain('rectify_db_pool_');
    }
    expect(sample(text, 'rectify_outbox_deliveries', { status: 'pending' })).toBe(0);
    expect(sample(text, 'rectify_storage_errors_total', { kind: 'full' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'rectify_sweep_last_run_timestamp_seconds')).toBe(1_800_000_000);
    expect(sample(text, 'rectify_sweep_last_duration_seconds')).toBe(1.5);
    expect(sample(text, 'rectify_sweep_sent_total', { what: 'reminders' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });
});
