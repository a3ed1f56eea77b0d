import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import type { Role } from '../../../domain/roles.ts';
import { CHALLENGE_MINUTES, RECOVERY_CODE_COUNT } from '../../../domain/two-factor.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildUser, buildWorld, TEST_PASSWORD, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type {
  enrolmentBody,
  recoveryCodesBody,
  secondFactorChallenge,
  twoFactorStatusBody,
} from './two-factor.schema.ts';

type Enrolment = Static<typeof enrolmentBody>;
type Challenge = Static<typeof secondFactorChallenge>;

describe.each(testDialects())('two-factor sign-in on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let world: World;
  let serial = 0;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    t = await createTestApp(handle);
  });
  // This file moves the clock and turns RECTIFY_REQUIRE_2FA on; every test starts from the app as it was built.
  afterEach(() => {
    t.resetClock();
    t.config.requireTwoFactor = false;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  /** The code an authenticator app shows at the app's clock, `steps` periods away. */
  const codeAt = (secret: string, steps = 0) =>
    generate({ secret, epoch: Math.floor(t.clock.now.getTime() / 1000) + steps * 30 });
  const tick = (seconds: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
  };
  const errorCode = (res: LightMyRequestResponse) => res.json<ErrorBody>().error.code;

  /** A fresh account per test, so failure counts and used steps of one test never meet another's. */
  async function newUser(role: Role = 'office') {
    serial += 1;
    return buildUser(handle.db, { username: `tf${serial}`, role, unit: world.committee });
  }

  async function enrol(client: TestClient) {
    const started = (await client.post('/api/two-factor/enrolment')).json<Enrolment>();
    const confirmed = await client.post('/api/two-factor/enrolment/confirm', { code: await codeAt(started.secret) });
    expect(confirmed.statusCode).toBe(200);
    return { secret: started.secret, recoveryCodes: confirmed.json<Static<typeof recoveryCodesBody>>().recoveryCodes };
  }

  /** An enrolled account, its secret and recovery codes; the clock has moved on past the step used to confirm. */
  async function enrolledUser(role: Role = 'office') {
    const user = await newUser(role);
    const enrolled = await enrol(await t.login(user.username));
    tick(30);
    return { ...user, ...enrolled };
  }

  const password = (username: string, pw = TEST_PASSWORD) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: pw } });
  const secondFactor = (challenge: string, code: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login/second-factor', payload: { challenge, code } });
  const challengeOf = async (username: string) => {
    const res = await password(username);
    expect(res.statusCode).toBe(200);
    return res.json<Challenge>().challenge;
  };
  const auditActions = async (userId: number) =>
    (
      await handle.db.selectFrom('audit_events').select('action').where('actor_id', '=', userId).orderBy('id').execute()
    ).map((r) => r.action);

  it('enrols: a secret with its otpauth URI and a QR code drawn here, then 10 recovery codes once for the first code', async () => {
    const user = await newUser();
    const client = await t.login(user.username);
    expect((await client.get('/api/two-factor')).json<Static<typeof twoFactorStatusBody>>()).toEqual({
      enabled: false,
      enabledAt: null,
      required: false,
      enrolmentRequired: false,
      apiTokensRefused: false,
      recoveryCodesLeft: 0,
    });
    const started = await client.post('/api/two-factor/enrolment');
    expect(started.statusCode).toBe(200);
    const { secret, uri, qrDataUrl } = started.json<Enrolment>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(new RegExp(`^otpauth://totp/Rectify:${user.username}\\?.*secret=${secret}`));
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);

    const wrong = await client.post('/api/two-factor/enrolment/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toBe('two_factor_code_wrong');
    // Signing in still needs no code until the first one is confirmed.
    expect((await password(user.username)).json()).toHaveProperty('csrfToken');

    const confirmed = await client.post('/api/two-factor/enrolment/confirm', { code: await codeAt(secret) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json<Static<typeof recoveryCodesBody>>();
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const status = await client.get('/api/two-factor');
    expect(status.json()).toMatchObject({ enabled: true, enabledAt: t.clock.now.toISOString(), recoveryCodesLeft: 10 });
    expect(status.body).not.toContain(secret);
    // The secret is never sent again: a second enrolment is refused rather than showing or replacing it.
    const again = await client.post('/api/two-factor/enrolment');
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('two_factor_already_enabled');
    expect(again.body).not.toContain(secret);
    const stored = await handle.db
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(stored.map((r) => r.code_hash).join()).not.toContain(recoveryCodes[0].replace('-', ''));
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(['auth.two_factor_enrolment_started', 'auth.two_factor_enabled']),
    );
  });

  it('refuses to confirm before starting, and a code that is not six digits', async () => {
    const user = await newUser();
    const client = await t.login(user.username);
    const early = await client.post('/api/two-factor/enrolment/confirm', { code: '123456' });
    expect(errorCode(early)).toBe('two_factor_not_started');
    const badShape = await client.post('/api/two-factor/enrolment/confirm', { code: 'abcdef' });
    expect(badShape.statusCode).toBe(400);
    expect(errorCode(badShape)).toBe('validation');
  });

  it('signs in with a password then a code: no cookie until the code, and the session is the usual one', async () => {
    const user = await enrolledUser();
    const sessionsBefore = await handle.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    const res = await password(user.username);
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const body = res.json<Challenge>();
    expect(body).toEqual({ secondFactorRequired: true, challenge: expect.any(String), expiresAt: expect.any(String) });
    expect(Date.parse(body.expiresAt) - t.clock.now.getTime()).toBe(CHALLENGE_MINUTES * 60_000);
    expect(res.body).not.toContain('csrfToken');
    const stored = await handle.db.selectFrom('login_challenges').select('id').execute();
    expect(stored.map((r) => r.id)).not.toContain(body.challenge);
    expect(await handle.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(
      sessionsBefore.length,
    );

    const done = await secondFactor(body.challenge, await codeAt(user.secret));
    expect(done.statusCode).toBe(200);
    expect(String(done.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(done.json()).toMatchObject({ user: { username: user.username }, csrfToken: expect.any(String) });
    const cookie = String(done.headers['set-cookie']).split(';')[0];
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { username: user.username } });
  });

  it('accepts one step of drift either way and refuses a code two steps away', async () => {
    const user = await enrolledUser();
    tick(120);
    expect((await secondFactor(await challengeOf(user.username), await codeAt(user.secret, -1))).statusCode).toBe(200);
    expect((await secondFactor(await challengeOf(user.username), await codeAt(user.secret, 1))).statusCode).toBe(200);
    tick(120);
    const far = await secondFactor(await challengeOf(user.username), await codeAt(user.secret, 2));
    expect(far.statusCode).toBe(401);
    expect(errorCode(far)).toBe('second_factor_wrong');
  });

  it('refuses a code used once already, within its window, even with a new challenge', async () => {
    const user = await enrolledUser();
    const code = await codeAt(user.secret);
    expect((await secondFactor(await challengeOf(user.username), code)).statusCode).toBe(200);
    tick(10);
    const replay = await secondFactor(await challengeOf(user.username), code);
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe('second_factor_used');
    // The next step's code works.
    tick(30);
    expect((await secondFactor(await challengeOf(user.username), await codeAt(user.secret))).statusCode).toBe(200);
  });

  it('lets only one of two parallel requests with one challenge and one code through', async () => {
    const user = await enrolledUser();
    const challenge = await challengeOf(user.username);
    const code = await codeAt(user.secret);
    const answers = await Promise.all([secondFactor(challenge, code), secondFactor(challenge, code)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
    expect(await handle.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(
      2,
    );
  });

  it('refuses an expired challenge and a challenge already used', async () => {
    const user = await enrolledUser();
    const stale = await challengeOf(user.username);
    tick(CHALLENGE_MINUTES * 60 + 1);
    const expired = await secondFactor(stale, await codeAt(user.secret));
    expect(expired.statusCode).toBe(401);
    expect(errorCode(expired)).toBe('challenge_expired');

    const challenge = await challengeOf(user.username);
    expect((await secondFactor(challenge, await codeAt(user.secret))).statusCode).toBe(200);
    tick(30);
    const reused = await secondFactor(challenge, await codeAt(user.secret));
    expect(reused.statusCode).toBe(401);
    expect(errorCode(reused)).toBe('challenge_expired');
    const unknown = await secondFactor('not-a-challenge', await codeAt(user.secret));
    expect(errorCode(unknown)).toBe('challenge_expired');
  });

  it('counts wrong codes against the failed sign-in budget, and keeps a right password from resetting it', async () => {
    const user = await enrolledUser();
    // A right password earns a challenge but keeps its attempt reserved; each wrong code is one more failure.
    const rounds = Math.ceil(t.config.loginDelayAfter / 2);
    for (let i = 0; i < rounds; i++) {
      const wrong = await secondFactor(await challengeOf(user.username), '000000');
      expect(wrong.statusCode).toBe(401);
      expect(errorCode(wrong)).toBe('second_factor_wrong');
    }
    const slowed = await password(user.username);
    expect(slowed.statusCode, 'the right password alone is now slowed down like any attempt').toBe(401);
    expect(errorCode(slowed), 'the same answer as a wrong password').toBe('unauthorized');
    tick(t.config.loginDelayMaxSeconds);
    const res = await secondFactor(await challengeOf(user.username), await codeAt(user.secret));
    expect(res.statusCode, 'after the delay the code signs in').toBe(200);
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(['auth.second_factor_failed']));
  });

  it('signs in with a recovery code once, typed in any case and spacing, and never twice', async () => {
    const user = await enrolledUser();
    const [first] = user.recoveryCodes;
    const typed = ` ${first.toUpperCase().replace('-', ' ')} `;
    const res = await secondFactor(await challengeOf(user.username), typed);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const status = await t.app.inject({ method: 'GET', url: '/api/two-factor', headers: { cookie } });
    expect(status.json()).toMatchObject({ recoveryCodesLeft: RECOVERY_CODE_COUNT - 1 });
    const twice = await secondFactor(await challengeOf(user.username), first);
    expect(twice.statusCode).toBe(401);
    expect(errorCode(twice)).toBe('second_factor_wrong');
    // Someone else's recovery code is no code of this account.
    const other = await enrolledUser();
    const foreign = await secondFactor(await challengeOf(user.username), other.recoveryCodes[0]);
    expect(errorCode(foreign)).toBe('second_factor_wrong');
    expect(await auditActions(user.id)).toContain('auth.recovery_code_used');
  });

  it('regenerates recovery codes for a current code; the old ones stop working', async () => {
    const user = await enrolledUser();
    // t.login expects a session from the password alone; with two-factor on, sign in through both steps.
    const signedIn = await secondFactor(await challengeOf(user.username), await codeAt(user.secret));
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
    const csrf = signedIn.json<{ csrfToken: string }>().csrfToken;
    const post = (url: string, payload?: object) =>
      t.app.inject({ method: 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrf } });

    const wrong = await post('/api/two-factor/recovery-codes', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toBe('two_factor_code_wrong');
    const reused = await post('/api/two-factor/recovery-codes', { code: await codeAt(user.secret) });
    expect(errorCode(reused)).toBe('two_factor_code_used');
    tick(30);
    const fresh = await post('/api/two-factor/recovery-codes', { code: await codeAt(user.secret) });
    expect(fresh.statusCode).toBe(200);
    const { recoveryCodes } = fresh.json<Static<typeof recoveryCodesBody>>();
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(recoveryCodes).not.toContain(user.recoveryCodes[0]);
    expect(errorCode(await secondFactor(await challengeOf(user.username), user.recoveryCodes[0]))).toBe(
      'second_factor_wrong',
    );
    expect((await secondFactor(await challengeOf(user.username), recoveryCodes[0])).statusCode).toBe(200);
  });

  it('turns two-factor off for the password and a code, after which a password alone signs in', async () => {
    const user = await newUser();
    const client = await t.login(user.username);
    const { secret } = await enrol(client);
    tick(30);
    const wrongPassword = await client.post('/api/two-factor/disable', {
      password: 'Wrong-pass-1',
      code: await codeAt(secret),
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(errorCode(wrongPassword)).toBe('wrong_password');
    const wrongCode = await client.post('/api/two-factor/disable', { password: TEST_PASSWORD, code: '000000' });
    expect(errorCode(wrongCode)).toBe('two_factor_code_wrong');
    expect(
      (await client.post('/api/two-factor/disable', { password: TEST_PASSWORD, code: await codeAt(secret) }))
        .statusCode,
    ).toBe(204);
    expect((await password(user.username)).json()).toHaveProperty('csrfToken');
    expect(await handle.db.selectFrom('recovery_codes').select('id').where('user_id', '=', user.id).execute()).toEqual(
      [],
    );
    const off = await client.post('/api/two-factor/disable', { password: TEST_PASSWORD, code: await codeAt(secret) });
    expect(errorCode(off)).toBe('two_factor_not_enabled');
    expect(await auditActions(user.id)).toContain('auth.two_factor_disabled');
  });

  describe('when RECTIFY_REQUIRE_2FA is on', () => {
    it('holds an unenrolled office user on the enrolment routes until a code is confirmed', async () => {
      t.config.requireTwoFactor = true;
      const user = await newUser('office');
      const client = await t.login(user.username);
      const held = await client.get('/api/items');
      expect(held.statusCode).toBe(403);
      expect(errorCode(held)).toBe('two_factor_enrolment_required');
      const write = await client.post('/api/notifications/read-all');
      expect(errorCode(write)).toBe('two_factor_enrolment_required');
      expect((await client.post('/api/api-tokens', { name: 'script' })).statusCode).toBe(403);
      expect((await client.get('/api/auth/session')).statusCode).toBe(200);
      expect((await client.get('/api/two-factor')).json()).toMatchObject({ required: true, enrolmentRequired: true });

      const { secret } = await enrol(client);
      expect((await client.get('/api/items')).statusCode).toBe(200);
      tick(30);
      const disable = await client.post('/api/two-factor/disable', {
        password: TEST_PASSWORD,
        code: await codeAt(secret),
      });
      expect(disable.statusCode).toBe(403);
      expect(errorCode(disable)).toBe('two_factor_required_for_role');
      expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    });

    it('holds each of the three administrators, and leaves other roles free', async () => {
      t.config.requireTwoFactor = true;
      for (const role of ['admin', 'security_admin', 'auditor'] as const) {
        const client = await t.login((await newUser(role)).username);
        expect(errorCode(await client.get('/api/units')), role).toBe('two_factor_enrolment_required');
        expect((await client.get('/api/two-factor')).json().apiTokensRefused, `${role} holds no token`).toBe(true);
      }
      const team = await t.login('teama');
      expect((await team.get('/api/items')).statusCode).toBe(200);
      expect((await team.get('/api/two-factor')).json()).toMatchObject({
        required: false,
        enrolmentRequired: false,
        apiTokensRefused: false,
      });
    });
  });
});
