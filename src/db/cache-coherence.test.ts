import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdHash } from '../commands/session-start.ts';
import { insertUnit } from '../repositories/units.repository.ts';
import { findSessionCached, touchSession } from '../repositories/users.repository.ts';
import { createTestApp, type TestApp, type TestClient } from '../test/api.ts';
import { createCliTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, TEST_NOW, TEST_PASSWORD, type World } from '../test/factories.ts';
import { type CacheWatcher, cacheStamp, watchCacheChanges } from './cache-coherence.ts';
import { type DatabaseHandle, openPostgres, openSqlite } from './database.ts';
import type { Database } from './schema.ts';

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Two server "processes" on one database: two handles (two SQLite connections to one WAL file, two PostgreSQL pools
 * each with its own listening connection), two apps. What one changes, the other's caches must not hide.
 */
describe.each(testDialects())('per-process caches across two servers on %s', (dialect) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-coherence-'));
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  let appA: TestApp;
  let appB: TestApp;
  let w: World;
  let url = '';
  const watchersOf: CacheWatcher[] = [];
  /** On PostgreSQL the notification travels to B's listening connection after A's commit; B is asked once it has. */
  let heardOnB: (before: string | null) => Promise<void> = async () => {};
  /**
   * While an array, B's notifications wait in it (the watcher's test seam): B stands for a server that has not yet
   * heard of A's commit, as one under load has not when the client's next request reaches it.
   */
  let heldOnB: (() => void)[] | null = null;
  const deliverOnB = (apply: () => void) => (heldOnB ? heldOnB.push(apply) : apply());

  beforeAll(async () => {
    const created = await createCliTestDatabase(dialect, dataDir);
    a = created.handle;
    url = created.env.DATABASE_URL ?? '';
    b = dialect === 'sqlite' ? openSqlite(path.join(dataDir, 'rectify.sqlite')) : openPostgres(url, 2);
    w = await buildWorld(a.db);
    if (dialect === 'postgres') {
      for (const h of [a, b]) {
        const states: string[] = [];
        watchersOf.push(
          watchCacheChanges(h.db, url, {
            onState: (s) => states.push(s),
            retryMs: { first: 20, max: 100 },
            deliver: h === b ? deliverOnB : undefined,
          }),
        );
        await until('listening', () => states.includes('listening'));
      }
      heardOnB = (before) => until('B hears', async () => (await cacheStamp(b.db, ['accounts', 'units'])) !== before);
    }
    appA = await createTestApp(a, TEST_NOW);
    appB = await createTestApp(b, TEST_NOW);
  });
  afterAll(async () => {
    for (const watcher of watchersOf) await watcher.close();
    await appA?.app.close();
    await appB?.app.close();
    await b?.close();
    await a?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const onB = (client: TestClient, url: string) =>
    appB.app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
  const stampOnB = () => cacheStamp(b.db, ['accounts', 'units']);
  const ledgerIds = async (client: TestClient) => {
    const res = await onB(client, '/api/items?limit=100');
    expect(res.statusCode).toBe(200);
    return res.json<{ items: { id: number }[] }>().items.map((i) => i.id);
  };

  it('caches while nothing changes', async () => {
    expect(await stampOnB()).not.toBeNull();
    const before = await stampOnB();
    const unitAdmin = await appA.login('unitadmina');
    await ledgerIds(unitAdmin);
    await ledgerIds(unitAdmin);
    // Reading and the throttled last-use note change nothing a cache holds.
    expect(await stampOnB()).toBe(before);
  });

  it('refuses on B, at once, a session whose sessions were ended on A', async () => {
    const dept = await appA.login('depta1');
    expect((await onB(dept, '/api/auth/session')).statusCode).toBe(200);
    expect((await onB(dept, '/api/auth/session')).statusCode).toBe(200);
    const admin = await appA.login('admin');
    const before = await stampOnB();
    const ended = await admin.inject({ method: 'DELETE', url: `/api/users/${w.users.deptA1.id}/sessions` });
    expect(ended.statusCode).toBe(204);
    await heardOnB(before);
    expect((await onB(dept, '/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses on B a session signed out on A, and one of a deactivated account', async () => {
    const leader = await appA.login('leadera');
    expect((await onB(leader, '/api/auth/session')).statusCode).toBe(200);
    let before = await stampOnB();
    expect((await leader.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    await heardOnB(before);
    expect((await onB(leader, '/api/auth/session')).statusCode).toBe(401);

    const dept = await appA.login('deptb1');
    expect((await onB(dept, '/api/auth/session')).statusCode).toBe(200);
    before = await stampOnB();
    // A repair by hand is heard as well: the database's triggers mark it, not the code that wrote it.
    await a.db.updateTable('users').set({ active: 0 }).where('id', '=', w.users.deptB1.id).execute();
    await heardOnB(before);
    expect((await onB(dept, '/api/auth/session')).statusCode).toBe(401);
  });

  it("shows B a user's new unit, and a unit added under theirs, at once", async () => {
    let unitAdmin = await appA.login('unitadminb');
    expect(await ledgerIds(unitAdmin)).toEqual([w.itemB1]);
    const admin = await appA.login('admin');
    const account = (await admin.get('/api/users')).json<{ users: { id: number; version: number }[] }>();
    const version = account.users.find((u) => u.id === w.users.unitAdminB.id)?.version;
    let before = await stampOnB();
    const moved = await admin.patch(`/api/users/${w.users.unitAdminB.id}`, { version, unitId: w.unitA.id });
    expect(moved.statusCode).toBe(204);
    await heardOnB(before);
    // A move ends the account's sessions (users.commands.ts), on every server at once; signed in again, unit A's ledger.
    expect((await onB(unitAdmin, '/api/items')).statusCode).toBe(401);
    unitAdmin = await appA.login('unitadminb');
    expect((await ledgerIds(unitAdmin)).sort()).toEqual([w.itemA1, w.itemA2].sort());

    // The scope's unit ids are cached per path: a unit added below unit A joins them the moment it is committed.
    before = await stampOnB();
    const child = await insertUnit(
      a.db,
      { parentId: w.unitA.id, name: '新设机构', code: 'NEW-1', kind: 'unit' },
      TEST_NOW,
    );
    await a.db.updateTable('items').set({ unit_id: child.id }).where('id', '=', w.itemA1).execute();
    await heardOnB(before);
    expect(await ledgerIds(unitAdmin)).toContain(w.itemA1);
  });

  it("takes an archived round's items out of B's default ledger at once, and brings them back when it is reopened", async () => {
    const unitAdmin = await appA.login('unitadmina');
    const shown = await ledgerIds(unitAdmin);
    expect(shown.length).toBeGreaterThan(0);
    // Asked twice: the archived rounds are now cached on B.
    expect(await ledgerIds(unitAdmin)).toEqual(shown);
    const roundsOnB = () => cacheStamp(b.db, ['rounds']);
    const heard = async (before: string | null) => {
      if (dialect === 'postgres') await until('B hears', async () => (await roundsOnB()) !== before);
    };
    let before = await roundsOnB();
    expect(before).not.toBeNull();
    // Written by hand on A, as a repair would be: the trigger marks it, not the command.
    await a.db.updateTable('rounds').set({ archived_at: TEST_NOW.toISOString() }).where('id', '=', w.roundId).execute();
    await heard(before);
    expect(await ledgerIds(unitAdmin)).toEqual([]);
    before = await roundsOnB();
    await a.db.updateTable('rounds').set({ archived_at: null }).where('id', '=', w.roundId).execute();
    await heard(before);
    expect(await ledgerIds(unitAdmin)).toEqual(shown);
  });

  it('keeps the idle timeout: use on A keeps the session alive on B, no use ends it there too', async () => {
    const setClocks = (ms: number) => {
      appA.clock.now = new Date(TEST_NOW.getTime() + ms);
      appB.clock.now = appA.clock.now;
    };
    try {
      const office = await appA.login('office2');
      expect((await onB(office, '/api/auth/session')).statusCode).toBe(200);
      const minute = 60_000;
      const idle = appA.config.sessionIdleMinutes * minute;
      // Used on A two thirds into the idle time; B's cached last use is older, yet B must not refuse it.
      setClocks((idle * 2) / 3);
      expect((await office.get('/api/auth/session')).statusCode).toBe(200);
      setClocks(idle + minute);
      expect((await onB(office, '/api/auth/session')).statusCode).toBe(200);
      // Then nothing for longer than the idle time: refused on B, whatever it holds.
      setClocks(2 * idle + 3 * minute);
      expect((await onB(office, '/api/auth/session')).statusCode).toBe(401);
    } finally {
      appA.resetClock();
      appB.resetClock();
    }
  });

  it('refuses on B the very next request after any revocation on A, before B has heard of it', async () => {
    const admin = await appA.login('admin');
    const versionOf = async (id: number) =>
      (await admin.get('/api/users'))
        .json<{ users: { id: number; version: number }[] }>()
        .users.find((u) => u.id === id)?.version;
    const revocations: [what: string, username: string, revoke: (session: TestClient) => Promise<void>][] = [
      [
        'every session ended by an administrator',
        'depta2',
        async () =>
          expect(
            (await admin.inject({ method: 'DELETE', url: `/api/users/${w.users.deptA2.id}/sessions` })).statusCode,
          ).toBe(204),
      ],
      [
        'signed out',
        'office',
        async (session) => expect((await session.post('/api/auth/logout')).statusCode).toBe(204),
      ],
      [
        'the password changed in another session',
        'supervisor',
        async () => {
          const other = await appA.login('supervisor');
          const changed = await other.post('/api/auth/password', {
            currentPassword: TEST_PASSWORD,
            newPassword: 'New-pass-22',
          });
          expect(changed.statusCode).toBe(204);
        },
      ],
      [
        'the account deactivated',
        'teama',
        async () => {
          const version = await versionOf(w.users.teamA.id);
          expect((await admin.patch(`/api/users/${w.users.teamA.id}`, { version, active: false })).statusCode).toBe(
            204,
          );
        },
      ],
      [
        'the role changed',
        'leaderb',
        async () => {
          const version = await versionOf(w.users.leaderB.id);
          const changed = await admin.patch(`/api/users/${w.users.leaderB.id}`, { version, role: 'department' });
          expect(changed.statusCode).toBe(204);
        },
      ],
    ];
    for (const [what, username, revoke] of revocations) {
      const session = await appA.login(username);
      // Used on B twice: whatever B may keep of it, it now keeps.
      expect((await onB(session, '/api/auth/session')).statusCode).toBe(200);
      expect((await onB(session, '/api/items')).statusCode).toBe(200);
      heldOnB = [];
      try {
        const before = await stampOnB();
        await revoke(session);
        // On PostgreSQL B has truly not heard: its stamp has not moved.
        if (dialect === 'postgres') expect(await stampOnB(), what).toBe(before);
        expect((await onB(session, '/api/auth/session')).statusCode, what).toBe(401);
        expect((await onB(session, '/api/items')).statusCode, what).toBe(401);
      } finally {
        const held = heldOnB;
        heldOnB = null;
        for (const apply of held) apply();
      }
    }

    // A change by hand that ends no session: B's very next request acts with the new role, not the one it read.
    const leader = await appA.login('leadera');
    const roleOnB = async () => (await onB(leader, '/api/auth/session')).json<{ user: { role: string } }>().user.role;
    expect(await roleOnB()).toBe('unit_leader');
    heldOnB = [];
    try {
      await a.db.updateTable('users').set({ role: 'department' }).where('id', '=', w.users.leaderA.id).execute();
      expect(await roleOnB()).toBe('department');
    } finally {
      const held = heldOnB;
      heldOnB = null;
      for (const apply of held) apply();
    }
  });

  it.runIf(dialect === 'sqlite')(
    "reads a session's stamp afresh, not from this turn's memo, which may predate another process's commit",
    async () => {
      const before = await cacheStamp(b.db, ['accounts']);
      // Another process moves the version in the middle of this turn (synchronously: the memo is still there).
      execFileSync(
        process.execPath,
        [
          '-e',
          `require('better-sqlite3')(${JSON.stringify(path.join(dataDir, 'rectify.sqlite'))})` +
            `.exec("update cache_versions set version = version + 1 where topic = 'accounts'")`,
        ],
        { cwd: path.resolve(import.meta.dirname, '../..') },
      );
      expect(await cacheStamp(b.db, ['accounts'])).toBe(before);
      const current = await cacheStamp(b.db, ['accounts'], { current: true });
      expect(current).not.toBe(before);
      // And the memo now holds what was read.
      expect(await cacheStamp(b.db, ['accounts'])).toBe(current);
    },
  );

  it.runIf(dialect === 'postgres')(
    'confirms a kept session by one fixed statement, and reads it whole only when its rows have changed',
    async () => {
      const statements: string[] = [];
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const counted = new Kysely<Database>({
        dialect: new PostgresDialect({ pool }),
        log: (event) => {
          statements.push(event.query.sql);
        },
      });
      try {
        const session = await appA.login('office2');
        const idHash = sessionIdHash(session.cookie.split('=')[1]);
        const idle = appA.config.sessionIdleMinutes;
        const lookup = async () => {
          statements.length = 0;
          const found = await findSessionCached(counted, idHash, TEST_NOW, idle);
          return { role: found?.actor.role, statements: statements.map((q) => q.split(/\s+/).slice(0, 2).join(' ')) };
        };
        const confirm = 'select rectify_live_session($1,';
        expect((await lookup()).statements).toHaveLength(1);
        expect(await lookup()).toEqual({ role: 'office', statements: [confirm] });
        expect(await lookup()).toEqual({ role: 'office', statements: [confirm] });
        // The note of last use changes nothing kept.
        await touchSession(a.db, idHash, new Date(TEST_NOW.getTime() + 2 * 60_000));
        expect((await lookup()).statements).toEqual([confirm]);
        // Changed by hand, its session left alone: confirmed, found changed, read whole.
        await a.db
          .updateTable('users')
          .set({ display_name: '办公室二' })
          .where('id', '=', w.users.office2.id)
          .execute();
        const changed = await lookup();
        expect(changed.statements).toHaveLength(2);
        expect((await findSessionCached(counted, idHash, TEST_NOW, idle))?.user.displayName).toBe('办公室二');
        expect((await lookup()).statements).toEqual([confirm]);
        // Ended: confirmed as gone, nothing more read, and refused.
        await a.db.deleteFrom('sessions').where('id', '=', idHash).execute();
        expect(await lookup()).toEqual({ role: undefined, statements: [confirm] });
      } finally {
        await counted.destroy();
      }
    },
  );

  it.runIf(dialect === 'postgres')(
    'caches nothing while the listening connection is lost, and again once back',
    async () => {
      const states: string[] = [];
      const probe = openPostgres(url, 1);
      const watcher = watchCacheChanges(probe.db, url, {
        onState: (s) => states.push(s),
        retryMs: { first: 50, max: 50 },
      });
      try {
        await until('listening', () => states.includes('listening'));
        expect(await cacheStamp(probe.db, ['accounts'])).not.toBeNull();
        // Ends every listening connection of this database; the watchers of A and B reconnect as well.
        await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'LISTEN%'`.execute(probe.db);
        await until('lost', () => states.includes('lost'));
        expect(await cacheStamp(probe.db, ['accounts'])).toBeNull();
        await until('listening again', () => states.filter((s) => s === 'listening').length === 2);
        expect(await cacheStamp(probe.db, ['accounts'])).not.toBeNull();
      } finally {
        await watcher.close();
        await probe.close();
      }
    },
  );
});
