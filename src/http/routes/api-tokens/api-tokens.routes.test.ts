import type { LightMyRequestResponse } from 'fastify';
import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import type { Role } from '../../../domain/roles.ts';
import { API_TOKEN_DEFAULT_DAYS } from '../../../domain/two-factor.ts';
import { createTestApp, type TestApp } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildUser, buildWorld, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { apiTokenList, createdApiToken } from './api-tokens.schema.ts';

type Created = Static<typeof createdApiToken>;

describe.each(testDialects())('personal API tokens on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let world: World;
  let serial = 0;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    t = await createTestApp(handle);
  });
  afterEach(() => {
    t.resetClock();
    t.config.requireTwoFactor = false;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const errorCode = (res: LightMyRequestResponse) => res.json<ErrorBody>().error.code;
  const bearer = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });

  async function tokenOf(username: string, name = 'nightly export') {
    const client = await t.login(username);
    const res = await client.post('/api/api-tokens', { name });
    expect(res.statusCode).toBe(201);
    return { client, ...res.json<Created>() };
  }

  async function newUser(role: Role) {
    serial += 1;
    return buildUser(handle.db, { username: `tok${serial}`, role, unit: world.committee });
  }

  it('creates a token shown once, lists it by name and prefix only, and stores only its hash', async () => {
    const { client, token, apiToken } = await tokenOf('office');
    expect(token).toMatch(/^rct_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toEqual({
      id: expect.any(Number),
      name: 'nightly export',
      prefix: token.slice(0, 10),
      createdAt: t.clock.now.toISOString(),
      lastUsedAt: null,
      expiresAt: new Date(t.clock.now.getTime() + API_TOKEN_DEFAULT_DAYS * 86_400_000).toISOString(),
      revokedAt: null,
    });
    const list = await client.get('/api/api-tokens');
    expect(list.json<Static<typeof apiTokenList>>().tokens).toContainEqual(apiToken);
    expect(list.body).not.toContain(token);
    const rows = await handle.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    const audit = await handle.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'auth.api_token_created')
      .execute();
    expect(audit.map((a) => a.after_json).join()).not.toContain(token);
  });

  it('acts as its user without cookie or CSRF token, and records when it was last used', async () => {
    const { token, apiToken } = await tokenOf('unitadmina');
    const items = await bearer(token, 'GET', '/api/items');
    expect(items.statusCode).toBe(200);
    const session = await bearer(token, 'GET', '/api/auth/session');
    expect(session.json()).toMatchObject({ user: { username: 'unitadmina' }, expiresAt: apiToken.expiresAt });
    // A write with no CSRF token: CSRF protects the cookie, and a browser never sends this header on its own.
    expect((await bearer(token, 'POST', '/api/notifications/read-all')).statusCode).toBe(200);
    const [row] = await handle.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', apiToken.id)
      .execute();
    expect(row.last_used_at).toBe(t.clock.now.toISOString());
    // The token keeps the user's own reach: another unit's item is as hidden as it is in the browser.
    expect((await bearer(token, 'GET', `/api/items/${world.itemB1}`)).statusCode).toBe(404);
  });

  it('refuses a revoked token, an expired one and one that was never issued', async () => {
    const { client, token, apiToken } = await tokenOf('office', 'short-lived');
    expect((await client.inject({ method: 'DELETE', url: `/api/api-tokens/${apiToken.id}` })).statusCode).toBe(204);
    const revoked = await bearer(token, 'GET', '/api/items');
    expect(revoked.statusCode).toBe(401);
    expect(errorCode(revoked)).toBe('api_token_invalid');
    const listed = (await client.get('/api/api-tokens')).json<Static<typeof apiTokenList>>().tokens;
    expect(listed.find((x) => x.id === apiToken.id)?.revokedAt).toBe(t.clock.now.toISOString());

    const second = await client.post('/api/api-tokens', { name: 'one day', expiresInDays: 1 });
    const { token: daily } = second.json<Created>();
    expect((await bearer(daily, 'GET', '/api/items')).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    expect(errorCode(await bearer(daily, 'GET', '/api/items'))).toBe('api_token_invalid');

    expect(errorCode(await bearer('rct_forged', 'GET', '/api/items'))).toBe('api_token_invalid');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/items', headers: { authorization: 'Basic eDp5' } })).statusCode,
    ).toBe(401);
    // A public route stays public whatever header comes with it.
    expect((await bearer('rct_forged', 'GET', '/api/health')).statusCode).toBe(200);
  });

  it('stops working with its account when the account is deactivated', async () => {
    const user = await newUser('team');
    const { token } = await tokenOf(user.username);
    expect((await bearer(token, 'GET', '/api/items')).statusCode).toBe(200);
    await handle.db.updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute();
    expect(errorCode(await bearer(token, 'GET', '/api/items'))).toBe('api_token_invalid');
  });

  it('lets nobody revoke or see another user’s token', async () => {
    const { token, apiToken } = await tokenOf('office2');
    const other = await t.login('office');
    const revoke = await other.inject({ method: 'DELETE', url: `/api/api-tokens/${apiToken.id}` });
    expect(revoke.statusCode).toBe(404);
    expect(
      (await other.get('/api/api-tokens')).json<Static<typeof apiTokenList>>().tokens.map((x) => x.id),
    ).not.toContain(apiToken.id);
    expect((await bearer(token, 'GET', '/api/items')).statusCode).toBe(200);
    // Revoking with the token itself works on its own token, and is then final.
    expect((await bearer(token, 'DELETE', `/api/api-tokens/${apiToken.id}`)).statusCode).toBe(204);
    expect((await bearer(token, 'GET', '/api/items')).statusCode).toBe(401);
  });

  it('cannot create tokens, change two-factor sign-in or the password: those need the browser session', async () => {
    const { token } = await tokenOf('office');
    const mint = await bearer(token, 'POST', '/api/api-tokens', { name: 'another' });
    expect(mint.statusCode).toBe(403);
    expect(errorCode(mint)).toBe('browser_session_required');
    expect(errorCode(await bearer(token, 'POST', '/api/two-factor/enrolment'))).toBe('browser_session_required');
    const takeover = await bearer(token, 'POST', '/api/auth/password', {
      currentPassword: 'guess',
      newPassword: 'Taken-over-2026!',
    });
    expect(errorCode(takeover)).toBe('browser_session_required');
  });

  it('refuses bad names and lifetimes and saves nothing', async () => {
    const client = await t.login('teama');
    const before = await handle.db.selectFrom('api_tokens').select('id').execute();
    for (const body of [
      { name: '' },
      { name: '   ' },
      { name: 'x', expiresInDays: 0 },
      { name: 'x', expiresInDays: 366 },
    ]) {
      const res = await client.post('/api/api-tokens', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCode(res)).toBe('validation');
    }
    expect(await handle.db.selectFrom('api_tokens').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses tokens to the three administrators while RECTIFY_REQUIRE_2FA is on, even ones made before', async () => {
    const admin = await newUser('admin');
    const { token } = await tokenOf(admin.username);
    const office = await tokenOf('office');
    t.config.requireTwoFactor = true;
    const use = await bearer(token, 'GET', '/api/units');
    expect(use.statusCode).toBe(403);
    expect(errorCode(use)).toBe('api_tokens_refused_for_role');
    // The administrator enrols (its session is held on enrolment until then), and still may not create a token.
    const client = await t.login(admin.username);
    expect(errorCode(await client.post('/api/api-tokens', { name: 'x' }))).toBe('two_factor_enrolment_required');
    await handle.db
      .updateTable('users')
      .set({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enabled_at: t.clock.now.toISOString() })
      .where('id', '=', admin.id)
      .execute();
    const refused = await client.post('/api/api-tokens', { name: 'x' });
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('api_tokens_refused_for_role');
    // The office must have enrolled for its token to keep working.
    expect(errorCode(await bearer(office.token, 'GET', '/api/items'))).toBe('two_factor_enrolment_required');
  });
});
