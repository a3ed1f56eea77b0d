import { generate } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ldapUnitCodesMissing } from '../../../commands/directory-accounts.ts';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, type TestApp } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_PASSWORD, testConfig, type World } from '../../../test/factories.ts';
import {
  directoryPassword,
  groupDn,
  personDn,
  slapdMissing,
  startTestDirectory,
  TEST_PEOPLE_LDIF,
  type TestDirectory,
  testLdapEnv,
} from '../../../test/slapd.ts';
import type { ErrorBody } from '../../schemas.ts';

interface SessionAnswer {
  csrfToken: string;
  mustChangePassword: boolean;
  user: { username: string; displayName: string; role: string; unitId: number };
}

/** Moves a person between groups in the directory, as its administrator would. */
const moveMember = (uid: string, from: string | null, to: string | null) =>
  [
    from && `dn: ${groupDn(from)}\nchangetype: modify\ndelete: member\nmember: ${personDn(uid)}\n`,
    to && `dn: ${groupDn(to)}\nchangetype: modify\nadd: member\nmember: ${personDn(uid)}\n`,
  ]
    .filter(Boolean)
    .join('\n');

let directory: TestDirectory;
beforeAll(async () => {
  if (!slapdMissing) directory = await startTestDirectory(TEST_PEOPLE_LDIF);
}, 30_000);
afterAll(async () => {
  await directory?.close();
});
if (slapdMissing) console.warn(slapdMissing);

describe.skipIf(slapdMissing !== null).each(testDialects())('LDAP sign-in on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let world: World;
  afterEach(() => t?.resetClock());
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    t = await createTestApp(handle, undefined, testConfig(testLdapEnv(directory.url)));
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const signIn = (username: string, password: string, remoteAddress = '198.51.100.7') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const accountOf = (username: string) =>
    handle.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .execute()
      .then((rows) => rows);
  const auditOf = (action: string) =>
    handle.db
      .selectFrom('audit_events')
      .select(['entity_id', 'after_json as after'])
      .where('action', '=', action)
      .execute();
  const refusal = (res: { json: () => unknown }) => (res.json() as ErrorBody).error;

  it('creates the account at the first sign-in with the role and unit of the mapped group, and opens a session', async () => {
    const res = await signIn('zhangsan', directoryPassword('zhangsan'));
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    const answer = res.json<SessionAnswer>();
    expect(answer.mustChangePassword).toBe(false);
    expect(answer.user).toMatchObject({
      username: 'zhangsan',
      displayName: '张三（交通局）',
      role: 'unit_leader',
      unitId: world.unitA.id,
    });
    const [row] = await accountOf('zhangsan');
    expect(row).toMatchObject({
      auth_source: 'ldap',
      directory_dn: personDn('zhangsan'),
      email: 'zhangsan@example.gov.cn',
      team_id: null,
      must_change_password: 0,
      password_expires: 0,
    });
    expect((await auditOf('user.directory_create')).map((e) => e.entity_id)).toEqual([row.id]);
    expect((await auditOf('auth.login')).some((e) => e.entity_id === row.id)).toBe(true);
    // The session is an ordinary one: the cookie reads the session and the CSRF token guards writes.
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(session.json<SessionAnswer>().user.role).toBe('unit_leader');
    // Another spelling of the name is the same person and the same account.
    expect((await signIn('ZhangSan', directoryPassword('zhangsan'))).statusCode).toBe(200);
    expect(await accountOf('zhangsan')).toHaveLength(1);
    expect(await auditOf('user.directory_create')).toHaveLength(1);
  });

  it('follows the directory: a new group changes role and unit at the next sign-in; no group refuses', async () => {
    expect((await signIn('zhangsan', directoryPassword('zhangsan'))).statusCode).toBe(200);
    await directory.modify(moveMember('zhangsan', 'leaders-a', 'leaders-b'));
    try {
      const moved = await signIn('zhangsan', directoryPassword('zhangsan'));
      expect(moved.statusCode).toBe(200);
      expect(moved.json<SessionAnswer>().user).toMatchObject({ role: 'unit_leader', unitId: world.unitB.id });
      const sync = (await auditOf('user.directory_sync')).at(-1);
      expect(JSON.parse(String(sync?.after))).toMatchObject({ unitId: world.unitB.id, source: 'ldap' });

      await directory.modify(moveMember('zhangsan', 'leaders-b', null));
      const none = await signIn('zhangsan', directoryPassword('zhangsan'));
      expect(none.statusCode).toBe(403);
      expect(refusal(none)).toMatchObject({
        code: 'directory_no_group',
        message: expect.stringContaining('授权的任何组'),
      });
      await directory.modify(moveMember('zhangsan', null, 'leaders-a'));
    } finally {
      // The directory is shared by both databases' runs: whatever happened, zhangsan leads unit A again.
      await directory.modify(moveMember('zhangsan', 'leaders-b', null)).catch(() => {});
      await directory.modify(moveMember('zhangsan', null, 'leaders-a')).catch(() => {});
    }
    const back = await signIn('zhangsan', directoryPassword('zhangsan'));
    expect(back.json<SessionAnswer>().user.unitId).toBe(world.unitA.id);
  });

  it('refuses a wrong password, an unknown name and a disabled person alike, creating nothing', async () => {
    const before = await handle.db.selectFrom('users').select('id').execute();
    for (const [username, password] of [
      ['lisi', 'Wrong-pass-1'],
      ['nobody', 'Whatever-1'],
      ['zhaoliu', directoryPassword('zhaoliu')],
    ]) {
      const res = await signIn(username, password);
      expect(res.statusCode, username).toBe(401);
      expect(refusal(res).code).toBe('unauthorized');
    }
    expect(await handle.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
    const failures = (await auditOf('auth.login_failed')).map((e) => JSON.parse(String(e.after)));
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'lisi', reason: 'wrong_password' }),
        expect.objectContaining({ username: 'nobody', reason: 'unknown_user' }),
      ]),
    );
    // An empty password never reaches the directory: the request itself is refused.
    expect((await signIn('lisi', '')).statusCode).toBe(400);
  });

  it('keeps an injected filter fragment literal: "zhang*" with zhangsan’s password signs nobody in', async () => {
    for (const typed of ['zhang*', '*', '*)(uid=*', 'zhangsan)(|(uid=*']) {
      const res = await signIn(typed, directoryPassword('zhangsan'));
      expect(res.statusCode, typed).toBe(401);
    }
    expect(await accountOf('zhang*')).toHaveLength(0);
  });

  it('names, for the start-up log, the unit codes of the group map the unit tree lacks', async () => {
    expect(await ldapUnitCodesMissing(handle.db, t.config)).toEqual(['T-NONE']);
  });

  it('refuses a person in no mapped group, or mapped to a unit this system lacks, with words that say why', async () => {
    const none = await signIn('wangwu', directoryPassword('wangwu'));
    expect(none.statusCode).toBe(403);
    expect(refusal(none).code).toBe('directory_no_group');
    const lost = await signIn('qianqi', directoryPassword('qianqi'));
    expect(lost.statusCode).toBe(403);
    expect(refusal(lost)).toMatchObject({ code: 'directory_unit_unknown', message: expect.stringContaining('T-NONE') });
    expect([...(await accountOf('wangwu')), ...(await accountOf('qianqi'))]).toHaveLength(0);
  });

  it('never lets a directory entry take a local account over; local accounts keep their own password', async () => {
    // "office" is a local account: its name goes to the local check, where the directory's password is wrong.
    expect((await signIn('office', directoryPassword('office'))).statusCode).toBe(401);
    // Another spelling reaches the directory, which accepts it, but the account it would be is a local one.
    const taken = await signIn('Office', directoryPassword('office'));
    expect(taken.statusCode).toBe(409);
    expect(refusal(taken).code).toBe('directory_username_taken');
    const [office] = await accountOf('office');
    expect(office).toMatchObject({ auth_source: 'local', role: 'office', directory_dn: null });
    expect((await signIn('office', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('keeps the lockout rules: a locked or locally deactivated directory account is refused without the directory', async () => {
    expect((await signIn('lisi', directoryPassword('lisi'))).statusCode).toBe(200);
    const [lisi] = await accountOf('lisi');
    expect(lisi).toMatchObject({ role: 'department', unit_id: world.deptA1.id });
    expect((await signIn('lisi', 'Wrong-pass-1')).statusCode).toBe(401);
    expect((await accountOf('lisi'))[0].failed_logins).toBe(1);

    const lockedUntil = new Date(t.clock.now.getTime() + 3_600_000).toISOString();
    await handle.db.updateTable('users').set({ locked_until: lockedUntil }).where('id', '=', lisi.id).execute();
    expect((await signIn('lisi', directoryPassword('lisi'))).statusCode).toBe(401);
    await handle.db.updateTable('users').set({ locked_until: null, active: 0 }).where('id', '=', lisi.id).execute();
    expect((await signIn('lisi', directoryPassword('lisi'))).statusCode).toBe(401);
    await handle.db.updateTable('users').set({ active: 1 }).where('id', '=', lisi.id).execute();
    expect((await signIn('lisi', directoryPassword('lisi'))).statusCode).toBe(200);
    expect((await accountOf('lisi'))[0].failed_logins).toBe(0);
  });

  it('sends a directory account to the directory to change its password', async () => {
    const res = await signIn('lisi', directoryPassword('lisi'));
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': res.json<SessionAnswer>().csrfToken },
      payload: { currentPassword: directoryPassword('lisi'), newPassword: 'Another-pass-9' },
    });
    expect(change.statusCode).toBe(409);
    expect(refusal(change).code).toBe('directory_managed_password');
    const admin = await t.login('admin');
    const [lisi] = await accountOf('lisi');
    const reset = await admin.patch(`/api/users/${lisi.id}`, { version: lisi.version, password: 'Reset-pass-123' });
    expect(reset.statusCode).toBe(409);
    expect(refusal(reset).code).toBe('directory_managed_password');
  });

  it('asks a directory account’s second factor, and takes the directory password to turn it off', async () => {
    const first = await signIn('sunba', directoryPassword('sunba'));
    expect(first.json<SessionAnswer>().user).toMatchObject({ role: 'office', unitId: world.committee.id });
    const headers = {
      cookie: String(first.headers['set-cookie']).split(';')[0],
      'x-csrf-token': first.json<SessionAnswer>().csrfToken,
    };
    const post = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers, payload });
    const codeAt = () => generate({ secret, epoch: Math.floor(t.clock.now.getTime() / 1000) });
    const secret = (await post('/api/two-factor/enrolment')).json<{ secret: string }>().secret;
    expect((await post('/api/two-factor/enrolment/confirm', { code: await codeAt() })).statusCode).toBe(200);

    t.clock.now = new Date(t.clock.now.getTime() + 30_000);
    const challenged = await signIn('sunba', directoryPassword('sunba'));
    const { challenge } = challenged.json<{ challenge: string }>();
    expect(challenge).toEqual(expect.any(String));
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge, code: await codeAt() },
    });
    expect(second.statusCode).toBe(200);

    t.clock.now = new Date(t.clock.now.getTime() + 30_000);
    const wrong = await post('/api/two-factor/disable', { password: 'Wrong-pass-1', code: await codeAt() });
    expect(refusal(wrong).code).toBe('wrong_password');
    const off = await post('/api/two-factor/disable', { password: directoryPassword('sunba'), code: await codeAt() });
    expect(off.statusCode).toBe(204);
  });

  it('creates one account when the same new person signs in many times at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => signIn('zhoujiu', directoryPassword('zhoujiu'), `198.51.100.${20 + i}`)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(200));
    const rows = await accountOf('zhoujiu');
    expect(rows).toHaveLength(1);
    const created = (await auditOf('user.directory_create')).filter((e) => e.entity_id === rows[0].id);
    expect(created).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json<SessionAnswer>().user.username))).toEqual(new Set(['zhoujiu']));
  });

  it('answers 503 while the directory is down, and local accounts still sign in', async () => {
    await directory.stop();
    try {
      const res = await signIn('zhangsan', directoryPassword('zhangsan'), '198.51.100.99');
      expect(res.statusCode).toBe(503);
      // However often the owner tries meanwhile, the account is neither slowed down nor locked.
      for (let i = 0; i < t.config.lockoutAttempts; i++) {
        expect((await signIn('zhangsan', directoryPassword('zhangsan'), '198.51.100.99')).statusCode).toBe(503);
      }
      expect((await accountOf('zhangsan'))[0]).toMatchObject({ failed_logins: 0, locked_until: null });
      expect(refusal(res)).toMatchObject({
        code: 'directory_unavailable',
        message: expect.stringContaining('统一身份认证'),
      });
      expect((await signIn('admin', TEST_PASSWORD)).statusCode).toBe(200);
      // Nobody's password was judged, so the address is not charged for the outage.
      const throttle = await handle.db
        .selectFrom('login_throttle')
        .select('failures')
        .where('address', '=', '198.51.100.99')
        .executeTakeFirst();
      expect(throttle?.failures ?? 0).toBe(0);
    } finally {
      await directory.start();
    }
    expect((await signIn('zhangsan', directoryPassword('zhangsan'))).statusCode).toBe(200);
  });
});
