import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_PASSWORD, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { healthResponse } from '../health/health.schema.ts';
import type { sessionBody } from './auth.schema.ts';

type Session = Static<typeof sessionBody>;

describe.each(testDialects())('auth on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  // This file moves the clock; every test starts from the app's own moment whatever ran before it.
  afterEach(() => t?.resetClock());
  let world: World;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    t = await createTestApp(handle);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('serves health without a session; the API page and the OpenAPI document only to signed-in users', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/health' })).json<Static<typeof healthResponse>>(),
    ).toMatchObject({ status: 'ok', failed: [] });
    for (const url of ['/api/openapi.json', '/api/docs/', '/api/docs/json']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    const office = await t.login(world.users.office.username);
    const doc = await office.get('/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(['/api/items', '/api/auth/login', '/api/items/{id}/transitions']),
    );
    expect((await office.get('/api/docs/')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/' })).headers.location).toBe('/api/docs');
  });

  it('signs in with an httpOnly SameSite cookie and reports the session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'office', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.json<Session>().user).toMatchObject({ username: 'office', role: 'office' });
    expect(res.json<Session>().abilities).toMatchObject({ administer: true, manageUsers: false, enterFeedback: true });
    const client = await t.login('office');
    const session = (await client.get('/api/auth/session')).json<Session>();
    expect(session.user.username).toBe('office');
    expect(session.abilities).toEqual(res.json<Session>().abilities);
  });

  it('refuses requests without a session with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/items' });
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorBody>().error.code).toBe('unauthorized');
  });

  it('refuses a missing or forged CSRF token and changes nothing', async () => {
    const client = await t.login('unitadmina');
    const before = await tableCounts(handle.db);
    const body = { measureId: null, entryOn: '2026-08-01', content: '召开专题会议' };
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/items/${world.itemA1}/progress`,
      headers: { cookie: client.cookie },
      payload: body,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json<ErrorBody>().error.code).toBe('csrf');
    const forged = await client.inject({
      method: 'POST',
      url: `/api/items/${world.itemA1}/progress`,
      headers: { 'x-csrf-token': 'forged' },
      payload: body,
    });
    expect(forged.statusCode).toBe(403);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('answers malformed JSON and wrong types with 400 and the failing fields', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.code).toBe('bad_json');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 42 } });
    expect(wrong.statusCode).toBe(400);
    const { fields } = wrong.json<ErrorBody>().error.details as { fields: { field: string }[] };
    expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['password']));
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leaderb', password: 'x' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json<ErrorBody>()).toEqual(wrong.json<ErrorBody>());
  });

  it('changes a password: weak ones refused, other sessions end', async () => {
    const first = await t.login('leaderb');
    const second = await t.login('leaderb');
    const weak = await first.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<ErrorBody>().error.code).toBe('weak_password');
    const wrongCurrent = await first.post('/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'New-pass-22',
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(
      (await first.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-pass-22' }))
        .statusCode,
    ).toBe(204);
    expect((await first.get('/api/auth/session')).statusCode).toBe(200);
    expect((await second.get('/api/auth/session')).statusCode).toBe(401);
    await t.login('leaderb', 'New-pass-22');
  });

  it('signs out and the session no longer works', async () => {
    const client = await t.login('supervisor');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/items')).statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const client = await t.login('deptA2'.toLowerCase());
    t.clock.now = new Date(t.clock.now.getTime() + (t.config.sessionHours + 1) * 3600_000);
    expect((await client.get('/api/items')).statusCode).toBe(401);
  });
});
