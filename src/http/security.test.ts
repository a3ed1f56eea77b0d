import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../test/databases.ts';
import { buildWorld, TEST_NOW, TEST_PASSWORD, testConfig } from '../test/factories.ts';
import { buildApp } from './app.ts';
import { RateCounter } from './security.ts';

describe('RateCounter', () => {
  it('lets the limit through in a window, then says how long to wait, then opens again', () => {
    const counter = new RateCounter(2);
    const start = TEST_NOW.getTime();
    expect(counter.take('a', start)).toBeNull();
    expect(counter.take('a', start + 1000)).toBeNull();
    expect(counter.take('a', start + 15_000)).toBe(45);
    expect(counter.take('b', start + 15_000), 'another key has its own count').toBeNull();
    expect(counter.take('a', start + 60_000)).toBeNull();
  });

  it('never refuses when the limit is 0 (off)', () => {
    const counter = new RateCounter(0);
    for (let i = 0; i < 1000; i++) expect(counter.take('a', TEST_NOW.getTime())).toBeNull();
  });
});

describe('security headers, TLS and rate limits (SQLite: what is tested is HTTP, not the database)', () => {
  let handle: DatabaseHandle;
  const clock = { now: TEST_NOW };
  const apps: FastifyInstance[] = [];
  const appWith = async (env: Record<string, string>) => {
    const app = await buildApp({ db: handle.db, config: testConfig(env), now: () => clock.now });
    apps.push(app);
    return app;
  };
  const signIn = (app: FastifyInstance, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'office', password: TEST_PASSWORD },
    });

  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
    await buildWorld(handle.db);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await handle.close();
  });

  it('sends nosniff, a referrer policy and no framing by other sites on every answer; a content policy on pages', async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'rectify-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><script type="module" src="/assets/a.js"></script>');
    const app = await buildApp({ db: handle.db, config: testConfig(), now: () => clock.now, webDir });
    apps.push(app);
    const json = await app.inject({ method: 'GET', url: '/api/health' });
    const page = await app.inject({ method: 'GET', url: '/ledger', headers: { accept: 'text/html' } });
    const portal = await app.inject({ method: 'GET', url: '/public' });
    for (const res of [json, page, portal]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security'], 'no HSTS over plain http').toBeUndefined();
    }
    expect(page.statusCode).toBe(200);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy, 'nothing from outside: the network is closed').not.toMatch(/https?:|\*/);
    expect(String(portal.headers['content-security-policy']), 'the portal keeps its stricter policy').toContain(
      "frame-ancestors 'none'",
    );
    expect(json.headers['content-security-policy']).toBeUndefined();
  });

  it('marks the session cookie Secure and sends HSTS when the public address is https', async () => {
    const plain = await signIn(await appWith({}));
    expect(String(plain.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    const tls = await signIn(await appWith({ RECTIFY_PUBLIC_URL: 'https://xczg.example.gov.cn' }));
    expect(tls.statusCode).toBe(200);
    expect(String(tls.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
    const untrusted = await signIn(await appWith({}), forwarded);
    expect(String(untrusted.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    const trusted = await signIn(await appWith({ RECTIFY_TRUST_PROXY: '127.0.0.1' }), forwarded);
    expect(String(trusted.headers['set-cookie'])).toMatch(/;\s*Secure/i);
  });

  it('limits an address without a session, answering 429 with Retry-After, and opens again after the window', async () => {
    const app = await appWith({ RECTIFY_RATE_LIMIT_ADDRESS: '3' });
    clock.now = TEST_NOW;
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await app.inject({ method: 'GET', url: '/api/health' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const refused = await app.inject({ method: 'GET', url: '/%61pi/health' });
    expect(refused.statusCode, 'an encoded path is the same route and the same count').toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.code).toBe('too_many_requests');
    clock.now = new Date(TEST_NOW.getTime() + 61_000);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    clock.now = TEST_NOW;
  });

  it('limits a session by itself: another session of the same address goes on', async () => {
    const app = await appWith({ RECTIFY_RATE_LIMIT_SESSION: '3', RECTIFY_RATE_LIMIT_ADDRESS: '1000' });
    // The account keeps its newest sessions; a second apart, so this test's two are the newest of the file's.
    let second = 0;
    const cookieOf = async () => {
      second += 1;
      clock.now = new Date(TEST_NOW.getTime() + second * 1000);
      const res = await signIn(app);
      expect(res.statusCode, res.body).toBe(200);
      return String(res.headers['set-cookie']).split(';')[0];
    };
    const [one, other] = [await cookieOf(), await cookieOf()];
    const get = (cookie: string) => app.inject({ method: 'GET', url: '/api/items', headers: { cookie } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await get(one)).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect((await get(other)).statusCode).toBe(200);
    clock.now = TEST_NOW;
  });
});
