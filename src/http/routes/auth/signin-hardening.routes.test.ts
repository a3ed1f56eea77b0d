import type { KyselyPlugin } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildUser, buildWorld, TEST_NOW, TEST_PASSWORD, type World } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import type { ErrorBody } from '../../schemas.ts';

// Every password verification sign-in awaits, by the hash it was checked against: the structural proof that no more
// passwords are checked than the budget allows, and that every refusal costs one verification.
const verified = vi.hoisted(() => ({ hashes: [] as string[] }));
vi.mock('../../../commands/passwords.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../commands/passwords.ts')>();
  return {
    ...original,
    verifyPassword: (hash: string, password: string) => {
      verified.hashes.push(hash);
      return original.verifyPassword(hash, password);
    },
  };
});

// Each of these requests waits its turn for one argon2 verification (~40 ms, far more on a loaded machine).
const SLOW_CHECKS_MS = 180_000;

interface SessionAnswer {
  mustChangePassword: boolean;
}

describe.each(testDialects())('sign-in hardening on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let world: World;
  afterEach(() => t?.resetClock());
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    t = await createTestApp(handle);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const signIn = (username: string, password: string, remoteAddress = '203.0.113.1', userAgent = 'test-agent') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress,
      headers: { 'user-agent': userAgent },
    });
  const passwordHashOf = async (username: string) =>
    (
      await handle.db
        .selectFrom('users')
        .select('password_hash')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).password_hash;
  /** Verifications since `from` against the account's real hash. */
  const realChecks = (hash: string, from: number) => verified.hashes.slice(from).filter((h) => h === hash).length;
  const later = (seconds: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
  };

  it('checks no more passwords than the budget when 100 wrong ones arrive at once, then refuses the right one', {
    timeout: SLOW_CHECKS_MS,
  }, async () => {
    const hash = await passwordHashOf('deptb1');
    const from = verified.hashes.length;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn('deptb1', `Wrong-guess-${i}`, `10.1.${i >> 8}.${i & 255}`)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(100).fill(401));
    expect(realChecks(hash, from), 'passwords actually checked').toBeLessThanOrEqual(t.config.loginDelayAfter);
    // Every refusal still cost one verification (against a stand-in hash when the account's budget was spent).
    expect(verified.hashes.length - from).toBe(100);
    const right = await signIn('deptb1', TEST_PASSWORD, '10.2.0.1');
    expect(right.statusCode).toBe(401);
    expect(realChecks(hash, from)).toBeLessThanOrEqual(t.config.loginDelayAfter);
    // Once the wait is over, the owner signs in, and the count starts again.
    later(t.config.loginDelayMaxSeconds);
    expect((await signIn('deptb1', TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
  });

  it('with the right password among 200 parallel guesses, checks at most one budget per success', {
    timeout: SLOW_CHECKS_MS,
  }, async () => {
    const hash = await passwordHashOf('unitadminb');
    const from = verified.hashes.length;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        signIn('unitadminb', i === 150 ? TEST_PASSWORD : `Wrong-guess-${i}`, `10.3.${i >> 8}.${i & 255}`),
      ),
    );
    const successes = answers.filter((a) => a.statusCode === 200).length;
    expect(successes).toBeLessThanOrEqual(1);
    expect(realChecks(hash, from)).toBeLessThanOrEqual(t.config.loginDelayAfter * (successes + 1));
  });

  it('slows an account down progressively: 1 s, then 2 s, the right password refused alike while waiting', async () => {
    const hash = await passwordHashOf('depta1');
    const from = verified.hashes.length;
    for (let i = 0; i < t.config.loginDelayAfter; i++) {
      expect((await signIn('depta1', 'Wrong-pass-1', '10.4.0.1')).statusCode).toBe(401);
    }
    expect((await signIn('depta1', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(401);
    expect(realChecks(hash, from)).toBe(t.config.loginDelayAfter);
    later(1);
    expect((await signIn('depta1', 'Wrong-pass-1', '10.4.0.1')).statusCode).toBe(401);
    expect(realChecks(hash, from)).toBe(t.config.loginDelayAfter + 1);
    later(1);
    expect((await signIn('depta1', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(401);
    expect(realChecks(hash, from)).toBe(t.config.loginDelayAfter + 1);
    later(1);
    expect((await signIn('depta1', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(200);
    // A success forgives: one wrong guess later, the right one passes at once.
    expect((await signIn('depta1', 'Wrong-pass-1', '10.4.0.1')).statusCode).toBe(401);
    expect((await signIn('depta1', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(200);
  });

  it('hard-locks only after many failures, tells the security administrators, and the lock ends', async () => {
    const secadmin = await buildUser(handle.db, {
      username: 'secadmin1',
      role: 'security_admin',
      unit: world.committee,
    });
    const victim = world.users.leaderA.id;
    for (let i = 0; i < t.config.lockoutAttempts; i++) {
      later(t.config.loginDelayMaxSeconds);
      expect((await signIn('leadera', 'Wrong-pass-1', `10.5.0.${i}`)).statusCode).toBe(401);
    }
    const row = await handle.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', victim)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    const alerts = await handle.db
      .selectFrom('notifications')
      .select(['kind', 'title'])
      .where('user_id', '=', secadmin.id)
      .execute();
    expect(alerts).toEqual([{ kind: 'security.account_locked', title: expect.stringContaining('leadera') }]);
    const lockout = await handle.db
      .selectFrom('audit_events')
      .select(['actor_id', 'after_json', 'source_address', 'outcome'])
      .where('action', '=', 'auth.lockout')
      .where('entity_id', '=', victim)
      .executeTakeFirstOrThrow();
    expect(lockout).toMatchObject({ actor_id: null, source_address: '10.5.0.19', outcome: 'failure' });
    expect(JSON.parse(lockout.after_json ?? '{}')).toMatchObject({ username: 'leadera' });
    later(t.config.loginDelayMaxSeconds);
    expect((await signIn('leadera', TEST_PASSWORD, '10.5.1.1')).statusCode).toBe(401);
    later(t.config.lockoutMinutes * 60);
    expect((await signIn('leadera', TEST_PASSWORD, '10.5.1.1')).statusCode).toBe(200);
  });

  it('answers unknown, deactivated, locked, slowed and wrong alike, each after one password verification', async () => {
    const inactive = await buildUser(handle.db, { username: 'retired1', role: 'department', unit: world.deptA2 });
    await handle.db.updateTable('users').set({ active: 0 }).where('id', '=', inactive.id).execute();
    const locked = await buildUser(handle.db, { username: 'locked1', role: 'department', unit: world.deptA2 });
    await handle.db
      .updateTable('users')
      .set({ locked_until: new Date(TEST_NOW.getTime() + 3600_000).toISOString() })
      .where('id', '=', locked.id)
      .execute();
    const slowed = await buildUser(handle.db, { username: 'slowed1', role: 'department', unit: world.deptA2 });
    await handle.db
      .updateTable('users')
      .set({
        failed_logins: t.config.loginDelayAfter,
        last_failed_login_at: TEST_NOW.toISOString(),
        login_delay_until: new Date(TEST_NOW.getTime() + 60_000).toISOString(),
      })
      .where('id', '=', slowed.id)
      .execute();
    await buildUser(handle.db, { username: 'plain1', role: 'department', unit: world.deptA2 });
    const cases = [
      ['unknown', 'nosuchuser', TEST_PASSWORD],
      ['deactivated', 'retired1', TEST_PASSWORD],
      ['hard-locked', 'locked1', TEST_PASSWORD],
      ['slowed down', 'slowed1', TEST_PASSWORD],
      ['wrong password', 'plain1', 'Wrong-pass-1'],
    ] as const;
    const bodies: unknown[] = [];
    for (const [name, username, password] of cases) {
      const from = verified.hashes.length;
      const res = await signIn(username, password, '10.6.0.1');
      expect(res.statusCode, name).toBe(401);
      expect(verified.hashes.length - from, `${name}: one verification`).toBe(1);
      bodies.push(res.json());
    }
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    // The audit trail keeps the name typed for the unknown one, with no actor.
    const unknown = await handle.db
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_id', 'after_json', 'source_address', 'user_agent'])
      .where('action', '=', 'auth.login_failed')
      .orderBy('id', 'desc')
      .limit(5)
      .execute();
    const attempts = unknown.map((e) => JSON.parse(e.after_json ?? '{}'));
    expect(attempts.map((a) => a.reason).sort()).toEqual(
      ['inactive', 'locked_or_slowed', 'locked_or_slowed', 'unknown_user', 'wrong_password'].sort(),
    );
    const byName = unknown.find((e) => JSON.parse(e.after_json ?? '{}').username === 'nosuchuser');
    expect(byName).toMatchObject({
      actor_id: null,
      entity_id: null,
      source_address: '10.6.0.1',
      user_agent: 'test-agent',
    });
  });

  it('slows one address down with 429 and Retry-After, without checking its passwords, and not another', async () => {
    const from = verified.hashes.length;
    const answers = await Promise.all(
      Array.from({ length: t.config.loginAddressAttempts + 10 }, (_, i) =>
        signIn(`ghost${i}`, 'Wrong-pass-1', '198.51.100.7'),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(t.config.loginAddressAttempts);
    const throttled = answers.filter((a) => a.statusCode === 429);
    expect(throttled).toHaveLength(10);
    expect(throttled[0].json<ErrorBody>().error.code).toBe('login_throttled');
    expect(Number(throttled[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(verified.hashes.length - from).toBe(t.config.loginAddressAttempts);
    expect((await signIn('ghost0', 'Wrong-pass-1', '198.51.100.8')).statusCode).toBe(401);
    const events = await handle.db
      .selectFrom('audit_events')
      .select('source_address')
      .where('action', '=', 'auth.address_throttled')
      .execute();
    expect(events.map((e) => e.source_address)).toEqual(['198.51.100.7']);
    later(Number(throttled[0].headers['retry-after']));
    expect((await signIn('ghost0', 'Wrong-pass-1', '198.51.100.7')).statusCode).toBe(401);
  });

  it('answers 507 storage_full, not 500, when the disk is full; signed-in reading goes on', async () => {
    const client = await t.login('supervisor');
    const fullDisk: KyselyPlugin = {
      transformQuery(args) {
        if (args.node.kind === 'InsertQueryNode' || args.node.kind === 'UpdateQueryNode') {
          throw Object.assign(new Error('database or disk is full'), {
            code: dialect === 'postgres' ? '53100' : 'SQLITE_FULL',
          });
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const full = await buildApp({ db: handle.db.withPlugin(fullDisk), config: t.config, now: () => t.clock.now });
    try {
      const res = await full.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'supervisor', password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(507);
      expect(res.json<ErrorBody>().error.code).toBe('storage_full');
      later(120);
      const reading = await full.inject({
        method: 'GET',
        url: '/api/auth/session',
        headers: { cookie: client.cookie },
      });
      expect(reading.statusCode).toBe(200);
    } finally {
      await full.close();
    }
  });

  it('forces a change of a password someone else set, and allows nothing else until then', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/users', {
      username: 'newcomer',
      displayName: '新同事',
      password: 'Fresh-start-7',
      role: 'department',
      unitId: world.deptA1.id,
    });
    expect(created.statusCode).toBe(201);
    const first = await signIn('newcomer', 'Fresh-start-7');
    expect(first.json<SessionAnswer>().mustChangePassword).toBe(true);
    const newcomer = await t.login('newcomer', 'Fresh-start-7');
    const blocked = await newcomer.get('/api/items');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<ErrorBody>().error.code).toBe('password_change_required');
    expect((await newcomer.get('/api/auth/sessions')).statusCode).toBe(403);
    expect((await newcomer.get('/api/auth/session')).json<SessionAnswer>().mustChangePassword).toBe(true);
    const refusals = [
      ['Fresh-start-7', 'same_password'],
      ['Newcomer-2026', 'password_contains_username'],
      ['Aa123456', 'common_password'],
      ['Woaini@1314', 'common_password'],
      ['short', 'weak_password'],
    ] as const;
    for (const [newPassword, code] of refusals) {
      const res = await newcomer.post('/api/auth/password', { currentPassword: 'Fresh-start-7', newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json<ErrorBody>().error.code, newPassword).toBe(code);
    }
    expect(
      (await newcomer.post('/api/auth/password', { currentPassword: 'Fresh-start-7', newPassword: 'Second-door-8' }))
        .statusCode,
    ).toBe(204);
    expect((await newcomer.get('/api/items')).statusCode).toBe(200);
    expect((await signIn('newcomer', 'Second-door-8')).json<SessionAnswer>().mustChangePassword).toBe(false);
  });

  it('refuses any of the last five passwords', async () => {
    const user = await t.login('office2');
    const sequence = ['Round-one-11', 'Round-two-22', 'Round-three-33', 'Round-four-44'];
    let current = TEST_PASSWORD;
    for (const next of sequence) {
      expect((await user.post('/api/auth/password', { currentPassword: current, newPassword: next })).statusCode).toBe(
        204,
      );
      current = next;
    }
    const reused = await user.post('/api/auth/password', { currentPassword: current, newPassword: TEST_PASSWORD });
    expect(reused.statusCode).toBe(400);
    expect(reused.json<ErrorBody>().error.code).toBe('password_reused');
    expect(
      (await user.post('/api/auth/password', { currentPassword: current, newPassword: 'Round-five-55' })).statusCode,
    ).toBe(204);
    // Five changes later the first one may come back.
    expect(
      (await user.post('/api/auth/password', { currentPassword: 'Round-five-55', newPassword: TEST_PASSWORD }))
        .statusCode,
    ).toBe(204);
  });

  it('marks an expired password must-change, but never a published one (demo, built-in admin)', async () => {
    const expiring = await buildUser(handle.db, { username: 'expiring1', role: 'department', unit: world.deptB1 });
    const published = await buildUser(handle.db, { username: 'published1', role: 'department', unit: world.deptB1 });
    const longAgo = new Date(TEST_NOW.getTime() - (t.config.passwordMaxAgeDays + 1) * 86_400_000).toISOString();
    await handle.db
      .updateTable('users')
      .set({ password_changed_at: longAgo, password_expires: 1 })
      .where('id', '=', expiring.id)
      .execute();
    await handle.db
      .updateTable('users')
      .set({ password_changed_at: longAgo, password_expires: 0 })
      .where('id', '=', published.id)
      .execute();
    expect((await signIn('expiring1', TEST_PASSWORD)).json<SessionAnswer>().mustChangePassword).toBe(true);
    expect((await signIn('published1', TEST_PASSWORD)).json<SessionAnswer>().mustChangePassword).toBe(false);
  });

  it('ends a session after the idle timeout, and keeps a used one alive', async () => {
    const client = await t.login('office');
    later(20 * 60);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    later(20 * 60);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    later((t.config.sessionIdleMinutes + 1) * 60);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('keeps at most maxSessions per account; lists mine; ends one, then every other', async () => {
    const cap = t.config.maxSessions;
    t.config.maxSessions = 3;
    onTestFinished(() => {
      t.config.maxSessions = cap;
    });
    const clients = [];
    for (let i = 0; i <= t.config.maxSessions; i++) {
      later(1);
      clients.push(await t.login('teama'));
    }
    expect((await clients[0].get('/api/auth/session')).statusCode).toBe(401);
    const newest = clients[clients.length - 1];
    const { sessions } = (await newest.get('/api/auth/sessions')).json<{
      sessions: { id: string; current: boolean; sourceAddress: string | null; userAgent: string | null }[];
    }>();
    expect(sessions).toHaveLength(t.config.maxSessions);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ current: true, sourceAddress: '127.0.0.1' });
    const other = sessions[1];
    expect((await newest.inject({ method: 'DELETE', url: `/api/auth/sessions/${other.id}` })).statusCode).toBe(204);
    expect((await clients[clients.length - 2].get('/api/auth/session')).statusCode).toBe(401);
    // Somebody else's session, or one that is gone, is not found.
    const stranger = await t.login('supervisor');
    expect((await stranger.inject({ method: 'DELETE', url: `/api/auth/sessions/${sessions[2].id}` })).statusCode).toBe(
      404,
    );
    expect((await newest.inject({ method: 'DELETE', url: `/api/auth/sessions/${other.id}` })).statusCode).toBe(404);
    expect((await newest.post('/api/auth/sessions/end-others')).statusCode).toBe(204);
    expect((await clients[1].get('/api/auth/session')).statusCode).toBe(401);
    const left = (await newest.get('/api/auth/sessions')).json<{ sessions: unknown[] }>().sessions;
    expect(left).toHaveLength(1);
  });
});
