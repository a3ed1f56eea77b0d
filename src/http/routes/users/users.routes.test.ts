import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, expectRefusals, type Refusal, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, TEST_PASSWORD, tableCounts, type World } from '../../../test/factories.ts';
import type { accounts } from './users.schema.ts';

describe.each(testDialects())('account management on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let admin: TestClient;
  const account = async (id: number) =>
    (await admin.get('/api/users')).json<Static<typeof accounts>>().users.find((u) => u.id === id) ??
    expect.unreachable(`account ${id} listed`);
  const userVersion = async (id: number) => (await account(id)).version;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('deactivates an account and ends its sessions', async () => {
    const dept = await t.login('depta2');
    const id = w.users.deptA2.id;
    expect((await admin.patch(`/api/users/${id}`, { version: await userVersion(id), active: false })).statusCode).toBe(
      204,
    );
    expect((await dept.get('/api/items')).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'depta2', password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
    expect((await admin.patch(`/api/users/${id}`, { version: await userVersion(id), active: true })).statusCode).toBe(
      204,
    );
    await t.login('depta2');
  });

  it('unlocks a locked account and resets a password', async () => {
    const id = w.users.leaderB.id;
    // Sign-in slows down long before it locks: each guess waits out the longest delay, so every one is checked.
    for (let i = 0; i < t.config.lockoutAttempts; i++) {
      t.clock.now = new Date(t.clock.now.getTime() + t.config.loginDelayMaxSeconds * 1000);
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'leaderb', password: 'Wrong-pass-1' },
        remoteAddress: '10.9.0.1',
      });
    }
    // The administrator's session idled out while the guesses waited; sign in anew.
    admin = await t.login('admin');
    const locked = await account(id);
    expect(locked.lockedUntil).not.toBeNull();
    expect(
      (await admin.patch(`/api/users/${id}`, { version: locked.version, unlock: true, password: 'Reset-pass-9' }))
        .statusCode,
    ).toBe(204);
    // A password set by the administrator must be changed at the next sign-in.
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leaderb', password: 'Reset-pass-9' },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(true);
    t.resetClock();
    admin = await t.login('admin');
  });

  it('refuses bad account changes and changes nothing', async () => {
    const office = await t.login('office');
    const before = await tableCounts(handle.db);
    const id = w.users.deptA1.id;
    const v = await userVersion(id);
    const cases: Refusal[] = [
      [
        'not the administrator',
        () => office.patch(`/api/users/${id}`, { version: v, active: false }),
        403,
        'forbidden',
      ],
      [
        'deactivate yourself',
        async () =>
          admin.patch(`/api/users/${w.users.admin.id}`, {
            version: await userVersion(w.users.admin.id),
            active: false,
          }),
        409,
        'self_lockout',
      ],
      [
        'weak reset password',
        () => admin.patch(`/api/users/${id}`, { version: v, password: '123' }),
        400,
        'weak_password',
      ],
      [
        'stale version',
        () => admin.patch(`/api/users/${id}`, { version: v + 5, displayName: 'x' }),
        409,
        'stale_version',
      ],
      [
        'team role without team',
        () => admin.patch(`/api/users/${id}`, { version: v, role: 'team' }),
        400,
        'team_required',
      ],
      ['unknown unit', () => admin.patch(`/api/users/${id}`, { version: v, unitId: 99999 }), 400, 'unknown_unit'],
      ['unknown user', () => admin.patch('/api/users/99999', { version: 1, active: false }), 404, 'not_found'],
      ['nothing to change', () => admin.patch(`/api/users/${id}`, { version: v }), 400, 'validation'],
    ];
    await expectRefusals(cases, expect);
    expect(await tableCounts(handle.db)).toEqual(before);
  });
});
