import type { LightMyRequestResponse } from 'fastify';
import { generate, generateSecret } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_LOGIN_MINUTES } from '../../../commands/oidc-sign-in.commands.ts';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_PASSWORD, testConfig, type World } from '../../../test/factories.ts';
import { startOidcProvider, type TestOidcProvider } from '../../../test/oidc-provider.ts';
import { OIDC_STATE_COOKIE, SECOND_FACTOR_PARAM } from './oidc.routes.ts';

const REDIRECT_URL = 'http://127.0.0.1:3000/api/auth/oidc/callback';

/** Who the test directory knows: the role claim is `groups`, mapped by RECTIFY_OIDC_ROLE_MAP below. */
const PEOPLE = {
  'li.si': { name: '李四', groups: ['staff', 'unit-a-admin'] },
  'wang.wu': { name: '王五', groups: ['unit-a-leader', 'xczg-office'] },
  'zhao.liu': { name: '赵六', groups: ['staff'] },
  'ghost.unit': { name: '无单位', groups: ['ghost'] },
  admin: { name: '冒名管理员', groups: ['xczg-office'] },
  unitadminb: { name: '单位B管理员', groups: ['unit-a-admin'] },
};

const ROLE_MAP = {
  'xczg-office': { role: 'office', unit: 'T' },
  'unit-a-leader': { role: 'unit_leader', unit: 'T-A' },
  'unit-a-admin': { role: 'unit_admin', unit: 'T-A' },
  ghost: { role: 'department', unit: 'NO-SUCH-UNIT' },
};

describe.each(testDialects())('single sign-on (OpenID Connect) on %s', (dialect) => {
  let handle: DatabaseHandle;
  let provider: TestOidcProvider;
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    provider = await startOidcProvider(REDIRECT_URL, PEOPLE);
    const config = testConfig({
      RECTIFY_OIDC_ISSUER: provider.issuer,
      RECTIFY_OIDC_CLIENT_ID: provider.clientId,
      RECTIFY_OIDC_CLIENT_SECRET: provider.clientSecret,
      RECTIFY_OIDC_REDIRECT_URL: REDIRECT_URL,
      RECTIFY_OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP),
    });
    t = await createTestApp(handle, undefined, config);
  });
  afterEach(() => {
    t.resetClock();
    provider.down = false;
  });
  afterAll(async () => {
    await t.app.close();
    await provider.close();
    await handle.close();
  });

  const cookieOf = (res: LightMyRequestResponse, name: string) => {
    const lines = res.headers['set-cookie'];
    const line = (Array.isArray(lines) ? lines : [String(lines)]).find((l) => l.startsWith(`${name}=`));
    return line?.split(';')[0].slice(name.length + 1);
  };

  /** Our start route, then the provider's pages as `login`: the callback's query and the browser's state cookie. */
  async function throughProvider(login: string) {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    const state = cookieOf(start, OIDC_STATE_COOKIE);
    expect(state).toBeTruthy();
    const query = await provider.signIn(String(start.headers.location), login);
    return { query, state: state as string, start };
  }

  const callback = (query: string, state: string | undefined) =>
    t.app.inject({
      method: 'GET',
      url: `/api/auth/oidc/callback?${query}`,
      headers: state ? { cookie: `${OIDC_STATE_COOKIE}=${state}` } : {},
    });

  const refusedWith = (res: LightMyRequestResponse, code: string) => {
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/?signInError=${code}`);
    expect(cookieOf(res, 'rectify_session')).toBeUndefined();
  };

  const sessionOf = async (res: LightMyRequestResponse) => {
    const token = cookieOf(res, 'rectify_session');
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `rectify_session=${token}` },
    });
    expect(session.statusCode).toBe(200);
    return session.json<{ user: { username: string; role: string; unitId: number; displayName: string } }>();
  };

  const accountOf = (username: string) =>
    handle.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

  const failedSignIns = async () =>
    (
      await handle.db
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'auth.login_failed')
        .orderBy('seq')
        .execute()
    ).map((r) => JSON.parse(r.after_json ?? '{}'));

  it('tells the sign-in page the button’s label', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/methods' });
    expect(res.json()).toEqual({ oidc: { buttonLabel: '统一身份认证登录' } });
  });

  it('redirects to the provider with state, nonce and an S256 PKCE challenge, bound to the browser by a lax cookie', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: provider.clientId,
      redirect_uri: REDIRECT_URL,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)?.length).toBeGreaterThan(20);
    const line = String(start.headers['set-cookie']);
    expect(line).toContain(`${OIDC_STATE_COOKIE}=${url.searchParams.get('state')}`);
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).toMatch(/Path=\/api\/auth\/oidc/);
  });

  it('signs a new person in: the account is created as the map says, directory-managed, with a normal session', async () => {
    const { query, state } = await throughProvider('li.si');
    const res = await callback(query, state);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    // The state cookie is spent whatever happens.
    expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`${OIDC_STATE_COOKIE}=;`));
    const session = await sessionOf(res);
    expect(session.user).toMatchObject({ username: 'li.si', displayName: '李四', role: 'unit_admin' });
    expect(session.user.unitId).toBe(world.unitA.id);

    const account = await accountOf('li.si');
    const links = await handle.db
      .selectFrom('external_identities')
      .selectAll()
      .where('user_id', '=', account?.id ?? 0)
      .execute();
    expect(links).toMatchObject([{ provider: 'oidc', issuer: provider.issuer, subject: 'sub-li.si' }]);
    const actions = await handle.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('entity_id', '=', account?.id ?? 0)
      .orderBy('seq')
      .execute();
    expect(actions).toEqual([
      { action: 'user.create', outcome: null },
      { action: 'auth.login', outcome: 'success' },
    ]);
    // Nobody knows its password: the password form cannot open it.
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'li.si', password: 'any' },
    });
    expect(password.statusCode).toBe(401);
  });

  it('brings an account in line with the directory at each sign-in; the first mapped value wins', async () => {
    const first = await callback(...(Object.values(await throughProvider('wang.wu')) as [string, string]));
    // wang.wu holds unit-a-leader and xczg-office: the map lists xczg-office first.
    expect((await sessionOf(first)).user).toMatchObject({ role: 'office', unitId: world.committee.id });
    await handle.db
      .updateTable('users')
      .set({ role: 'department', display_name: '旧名' })
      .where('username', '=', 'wang.wu')
      .execute();
    const again = await throughProvider('wang.wu');
    const second = await callback(again.query, again.state);
    expect((await sessionOf(second)).user).toMatchObject({ role: 'office', displayName: '王五' });
    const sync = await handle.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'user.directory_sync')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(sync.before_json ?? '')).toEqual({ displayName: '旧名', role: 'department' });
    expect(JSON.parse(sync.after_json ?? '')).toEqual({ displayName: '王五', role: 'office' });
    expect(
      await handle.db.selectFrom('external_identities').select('id').where('subject', '=', 'sub-wang.wu').execute(),
    ).toHaveLength(1);
  });

  it('adopts a hand-kept account of the same name, but never an administrator’s', async () => {
    const kept = world.users.unitAdminB;
    const adopted = await throughProvider('unitadminb');
    const res = await callback(adopted.query, adopted.state);
    expect((await sessionOf(res)).user).toMatchObject({ username: 'unitadminb', unitId: world.unitA.id });
    expect((await accountOf('unitadminb'))?.id).toBe(kept.id);
    // From now on the directory signs it in: the hand-kept password no longer opens it.
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'unitadminb', password: TEST_PASSWORD },
    });
    expect(password.statusCode).toBe(401);
    expect(await accountOf('unitadminb')).toMatchObject({ must_change_password: 0, password_expires: 0 });

    const admin = await throughProvider('admin');
    refusedWith(await callback(admin.query, admin.state), 'oidc_account_local');
    expect((await accountOf('admin'))?.role).toBe('admin');
  });

  it('refuses an answer whose state is not the one this browser started with, or with no cookie at all', async () => {
    const mine = await throughProvider('li.si');
    const other = await throughProvider('li.si');
    refusedWith(await callback(mine.query, other.state), 'oidc_state_mismatch');
    refusedWith(await callback(mine.query, undefined), 'oidc_state_mismatch');
    // The refusals did not spend the right pairing's sign-in.
    expect((await callback(mine.query, mine.state)).headers.location).toBe('/');
  });

  it('refuses a replayed callback, and one that comes too late', async () => {
    const { query, state } = await throughProvider('li.si');
    expect((await callback(query, state)).headers.location).toBe('/');
    refusedWith(await callback(query, state), 'oidc_login_replayed');

    const late = await throughProvider('li.si');
    t.clock.now = new Date(t.clock.now.getTime() + (OIDC_LOGIN_MINUTES * 60 + 1) * 1000);
    refusedWith(await callback(late.query, late.state), 'oidc_login_expired');
  });

  it('refuses a person the map grants nothing, or a unit that does not exist, and creates no account', async () => {
    const before = (await failedSignIns()).length;
    const nobody = await throughProvider('zhao.liu');
    refusedWith(await callback(nobody.query, nobody.state), 'oidc_unmapped');
    const ghost = await throughProvider('ghost.unit');
    refusedWith(await callback(ghost.query, ghost.state), 'oidc_unmapped');
    expect(await accountOf('zhao.liu')).toBeUndefined();
    expect(await accountOf('ghost.unit')).toBeUndefined();
    expect((await failedSignIns()).slice(before)).toEqual([
      { via: 'oidc', subject: 'sub-zhao.liu', reason: 'no_grant', claimValues: ['staff'] },
      { via: 'oidc', subject: 'sub-ghost.unit', reason: 'unknown_unit', unitCode: 'NO-SUCH-UNIT' },
    ]);
  });

  it('asks an account with its own second factor for the code, as after a password', async () => {
    const first = await throughProvider('wang.wu');
    await callback(first.query, first.state);
    const secret = generateSecret();
    await handle.db
      .updateTable('users')
      .set({ totp_secret: secret, totp_enabled_at: t.clock.now.toISOString() })
      .where('username', '=', 'wang.wu')
      .execute();
    const again = await throughProvider('wang.wu');
    const res = await callback(again.query, again.state);
    expect(res.statusCode).toBe(302);
    expect(cookieOf(res, 'rectify_session')).toBeUndefined();
    const location = new URL(String(res.headers.location), 'http://x');
    expect(location.pathname + location.search).toBe('/');
    const challenge = new URLSearchParams(location.hash.slice(1)).get(SECOND_FACTOR_PARAM) ?? '';
    const code = await generate({ secret, epoch: Math.floor(t.clock.now.getTime() / 1000) });
    const answered = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge, code },
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().user.username).toBe('wang.wu');
    await handle.db
      .updateTable('users')
      .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
      .where('username', '=', 'wang.wu')
      .execute();
  });

  it('keeps a deactivated account out', async () => {
    const first = await throughProvider('li.si');
    await callback(first.query, first.state);
    await handle.db.updateTable('users').set({ active: 0 }).where('username', '=', 'li.si').execute();
    const again = await throughProvider('li.si');
    refusedWith(await callback(again.query, again.state), 'oidc_account_refused');
    await handle.db.updateTable('users').set({ active: 1 }).where('username', '=', 'li.si').execute();
  });

  it('says the provider is unreachable, at the start and at the code exchange', async () => {
    const { query, state } = await throughProvider('li.si');
    provider.down = true;
    refusedWith(await callback(query, state), 'oidc_provider_unavailable');

    // A server that never reached the provider cannot start either; it tries again once the provider is back.
    const fresh = await createTestApp(handle, undefined, { ...t.config, oidc: t.config.oidc && { ...t.config.oidc } });
    refusedWith(await fresh.app.inject({ method: 'GET', url: '/api/auth/oidc/start' }), 'oidc_provider_unavailable');
    provider.down = false;
    expect((await fresh.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })).statusCode).toBe(302);
    expect(String((await fresh.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })).headers.location)).toContain(
      provider.issuer,
    );
    await fresh.app.close();
  });

  it('reports the provider’s own refusal (the person cancelled) as such', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const state = cookieOf(start, OIDC_STATE_COOKIE) as string;
    refusedWith(
      await callback(`error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`, state),
      'oidc_rejected',
    );
  });
});

describe('single sign-on when not configured', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
    t = await createTestApp(handle);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('shows no button and sends the flow back to the sign-in page', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({ oidc: null });
    for (const url of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=x&state=y']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/?signInError=oidc_not_configured');
    }
  });
});
