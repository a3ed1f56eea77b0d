import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { hardLockAccount } from '../../../repositories/signin.repository.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import {
  buildUser,
  buildWorld,
  TEST_PASSWORD,
  type TestUser,
  tableCounts,
  type World,
} from '../../../test/factories.ts';
import type { accounts } from './users.schema.ts';

/** 三员分立: who grants which role, who unlocks and ends sessions, and the last administrator of each kind kept. */
describe.each(testDialects())('separation of the three administrators on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let admin: TestClient;
  let secadmin: TestClient;
  let security: TestUser;
  let auditor: TestUser;
  const account = async (id: number) =>
    (await admin.get('/api/users')).json<Static<typeof accounts>>().users.find((u) => u.id === id) ??
    expect.unreachable(`account ${id} listed`);
  const version = async (id: number) => (await account(id)).version;
  const strict = (on: boolean) => {
    t.config.separationOfDuties = on;
  };

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    security = await buildUser(handle.db, { username: 'secadmin', role: 'security_admin', unit: w.committee });
    auditor = await buildUser(handle.db, { username: 'auditor', role: 'auditor', unit: w.committee });
    t = await createTestApp(handle);
    admin = await t.login('admin');
    secadmin = await t.login('secadmin');
  });
  afterEach(() => strict(false));
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('lets the security administrator unlock, end sessions and grant roles, and nothing of the system administrator’s', async () => {
    const id = w.users.leaderB.id;
    // Locked as many failures spread over time would lock it (the delays between them are the sign-in tests' business).
    await hardLockAccount(handle.db, id, new Date(t.clock.now.getTime() + 3600_000).toISOString());
    expect((await account(id)).lockedUntil).not.toBeNull();
    expect((await secadmin.post(`/api/users/${id}/unlock`)).statusCode).toBe(204);
    expect((await account(id)).lockedUntil).toBeNull();

    const leader = await t.login('leaderb');
    expect((await leader.get('/api/items')).statusCode).toBe(200);
    expect((await secadmin.inject({ method: 'DELETE', url: `/api/users/${id}/sessions` })).statusCode).toBe(204);
    expect((await leader.get('/api/items')).statusCode).toBe(401);

    const granted = await secadmin.patch(`/api/users/${id}`, { version: await version(id), role: 'supervisor' });
    expect(granted.statusCode, granted.body).toBe(204);
    expect((await account(id)).role).toBe('supervisor');
    expect(
      (await secadmin.patch(`/api/users/${id}`, { version: await version(id), role: 'unit_leader' })).statusCode,
    ).toBe(204);

    const settings = await secadmin.get('/api/security-settings');
    expect(settings.json()).toMatchObject({
      loginDelayAfter: t.config.loginDelayAfter,
      lockoutAttempts: t.config.lockoutAttempts,
      passwordMaxAgeDays: t.config.passwordMaxAgeDays,
      sessionIdleMinutes: t.config.sessionIdleMinutes,
      maxSessions: t.config.maxSessions,
      rateLimitPerSession: t.config.rateLimit.perSession,
      separationOfDuties: false,
    });

    const before = await tableCounts(handle.db);
    const v = await version(id);
    const cases: Refusal[] = [
      [
        'create an account',
        () =>
          secadmin.post('/api/users', {
            username: 'newbie',
            displayName: '新用户',
            password: 'Strong-pass-7',
            role: 'department',
            unitId: w.deptA1.id,
          }),
        403,
        'forbidden',
      ],
      [
        'reset a password',
        () => secadmin.patch(`/api/users/${id}`, { version: v, password: 'Reset-pass-9' }),
        403,
        'forbidden',
      ],
      ['deactivate', () => secadmin.patch(`/api/users/${id}`, { version: v, active: false }), 403, 'forbidden'],
      [
        'a role with a password reset smuggled in',
        () => secadmin.patch(`/api/users/${id}`, { version: v, role: 'office', password: 'Reset-pass-9' }),
        403,
        'forbidden',
      ],
      [
        'its own role',
        async () => secadmin.patch(`/api/users/${security.id}`, { version: await version(security.id), role: 'admin' }),
        409,
        'self_lockout',
      ],
      [
        'the unit tree',
        () => secadmin.post('/api/units', { parentId: w.committee.id, name: '新单位', code: 'T-N', kind: 'unit' }),
        403,
        'forbidden',
      ],
      ['the ledger', () => secadmin.get(`/api/items/${w.itemA1}`), 404, 'not_found'],
      ['the audit trail', () => secadmin.get('/api/audit-events'), 403, 'forbidden'],
    ];
    await expectRefusals(cases, expect);
    expect(await tableCounts(handle.db)).toEqual(before);
    expect((await secadmin.get('/api/items')).json().total).toBe(0);
  });

  it('keeps the three administrator roles to the security administrator under separation of duties', async () => {
    strict(true);
    const id = w.users.deptB1.id;
    const before = await tableCounts(handle.db);
    const v = await version(id);
    const cases: Refusal[] = [
      [
        'admin grants auditor',
        () => admin.patch(`/api/users/${id}`, { version: v, role: 'auditor' }),
        403,
        'administrator_role_reserved',
      ],
      [
        'admin grants security_admin',
        () => admin.patch(`/api/users/${id}`, { version: v, role: 'security_admin' }),
        403,
        'administrator_role_reserved',
      ],
      [
        'admin grants admin',
        () => admin.patch(`/api/users/${id}`, { version: v, role: 'admin' }),
        403,
        'administrator_role_reserved',
      ],
      [
        'admin withdraws the security administrator',
        async () => admin.patch(`/api/users/${security.id}`, { version: await version(security.id), role: 'office' }),
        403,
        'administrator_role_reserved',
      ],
      [
        'admin creates an auditor',
        () =>
          admin.post('/api/users', {
            username: 'auditor2',
            displayName: '审计员二',
            password: 'Strong-pass-7',
            role: 'auditor',
            unitId: w.committee.id,
          }),
        403,
        'administrator_role_reserved',
      ],
      [
        'admin changes its own role',
        async () =>
          admin.patch(`/api/users/${w.users.admin.id}`, { version: await version(w.users.admin.id), role: 'office' }),
        409,
        'self_lockout',
      ],
      ['admin unlocks', () => admin.post(`/api/users/${id}/unlock`), 403, 'forbidden'],
      [
        'admin ends sessions',
        () => admin.inject({ method: 'DELETE', url: `/api/users/${id}/sessions` }),
        403,
        'forbidden',
      ],
      ['admin reads the security settings', () => admin.get('/api/security-settings'), 403, 'forbidden'],
      [
        'the last auditor withdrawn',
        async () => secadmin.patch(`/api/users/${auditor.id}`, { version: await version(auditor.id), role: 'office' }),
        409,
        'last_administrator',
      ],
      [
        'the last security administrator deactivated',
        async () => admin.patch(`/api/users/${security.id}`, { version: await version(security.id), active: false }),
        409,
        'last_administrator',
      ],
    ];
    await expectRefusals(cases, expect);
    expect(await tableCounts(handle.db)).toEqual(before);

    // The system administrator still grants business roles; the security administrator grants the three.
    expect((await admin.patch(`/api/users/${id}`, { version: v, role: 'unit_leader' })).statusCode).toBe(204);
    expect((await secadmin.patch(`/api/users/${id}`, { version: await version(id), role: 'auditor' })).statusCode).toBe(
      204,
    );
    // With a second auditor, the first may go; the second, now the last, may not.
    expect(
      (await secadmin.patch(`/api/users/${auditor.id}`, { version: await version(auditor.id), role: 'supervisor' }))
        .statusCode,
    ).toBe(204);
    const last = await secadmin.patch(`/api/users/${id}`, { version: await version(id), role: 'department' });
    expect(last.json().error.code).toBe('last_administrator');
    expect(
      (await secadmin.patch(`/api/users/${auditor.id}`, { version: await version(auditor.id), role: 'auditor' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await secadmin.patch(`/api/users/${id}`, { version: await version(id), role: 'department' })).statusCode,
    ).toBe(204);
  });

  it('takes the business data and the audit trail from the system administrator only under separation of duties', async () => {
    const auditorClient = await t.login('auditor');
    const office = await t.login('office');
    expect((await admin.get('/api/items')).json().total).toBe(3);
    expect((await admin.get('/api/audit-events')).statusCode).toBe(200);
    expect((await office.get('/api/audit-events')).statusCode).toBe(200);
    expect((await auditorClient.get('/api/audit-events')).statusCode).toBe(200);
    expect((await auditorClient.get('/api/items')).json().total).toBe(0);

    strict(true);
    expect((await admin.get('/api/items')).json().total).toBe(0);
    expect((await admin.get(`/api/items/${w.itemA1}`)).statusCode).toBe(404);
    expect((await admin.get('/api/audit-events')).statusCode).toBe(403);
    expect((await office.get('/api/audit-events')).statusCode).toBe(403);
    expect((await auditorClient.get('/api/audit-events')).statusCode).toBe(200);
    expect((await office.get('/api/items')).json().total).toBe(3);
    // Accounts and the unit tree stay the system administrator's.
    expect((await admin.get('/api/users')).statusCode).toBe(200);
    expect((await auditorClient.get('/api/users')).statusCode).toBe(403);
    const session = (await admin.get('/api/auth/session')).json();
    expect(session.abilities).toMatchObject({
      manageUsers: true,
      administer: false,
      readAuditLog: false,
      secureAccounts: false,
      grantAdministratorRoles: false,
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'auditor', password: TEST_PASSWORD },
    });
  });
});
