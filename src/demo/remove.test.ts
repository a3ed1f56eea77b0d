import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareEmptyDatabase } from '../cli/main.ts';
import { removeDemo } from '../commands/demo.commands.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { verifyAuditChain } from '../repositories/audit.repository.ts';
import { demoAccountsExist } from '../repositories/demo.repository.ts';
import { getItemRecord } from '../repositories/items.repository.ts';
import { insertRound, insertTeam } from '../repositories/rounds.repository.ts';
import { getUnit, insertUnit } from '../repositories/units.repository.ts';
import { findActorByUsername, getUser } from '../repositories/users.repository.ts';
import { EvidenceStore } from '../storage/evidence-store.ts';
import { createTestApp, type TestApp } from '../test/api.ts';
import { captureIo } from '../test/cli.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import {
  buildInspection,
  buildItem,
  buildUser,
  TEST_NOW,
  TEST_PASSWORD,
  tableCounts,
  testConfig,
} from '../test/factories.ts';
import { DEMO_PASSWORD, seedDemo } from './seed.ts';

const ADMIN_PASSWORD = 'Admin-pass-1';

describe.each(testDialects())('the demo world on %s', (dialect) => {
  it('is loaded by serve on an empty embedded database only; PostgreSQL gets the committee and the admin', async () => {
    const handle = await createTestDatabase(dialect);
    try {
      const config = testConfig({ RECTIFY_ADMIN_PASSWORD: ADMIN_PASSWORD });
      const c = captureIo();
      expect(await prepareEmptyDatabase(handle, config, c.io)).toBe(true);
      const counts = await tableCounts(handle.db);
      if (dialect === 'sqlite') {
        expect(await demoAccountsExist(handle.db)).toBe(true);
        expect(counts.items).toBeGreaterThan(100);
        // A newcomer reads true numbers and one account per role, each real, and where the rest are listed.
        const printed = c.out.join('\n');
        expect(printed).toMatch(/12 inspected units with their \d+ departments/);
        const listed = [...printed.matchAll(/^ {2}(\S+) +\S+ /gm)].map((m) => m[1]);
        const roles = await Promise.all(listed.map(async (u) => (await findActorByUsername(handle.db, u))?.role));
        expect(new Set(roles)).toEqual(
          new Set([
            'office',
            'team',
            'unit_admin',
            'unit_leader',
            'department',
            'supervisor',
            'security_admin',
            'auditor',
          ]),
        );
        expect(roles).toHaveLength(8);
        const demoUsers = await handle.db
          .selectFrom('demo_records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('entity', '=', 'user')
          .executeTakeFirstOrThrow();
        expect(printed).toContain(`All ${Number(demoUsers.n)} demo accounts`);
        expect(printed).toContain('npx rectify users --demo');
      } else {
        expect(await demoAccountsExist(handle.db)).toBe(false);
        expect(counts).toMatchObject({ units: 1, users: 1, items: 0 });
        expect(c.out.join('\n')).toMatch(/rectify demo/);
      }
      expect(await findActorByUsername(handle.db, 'admin')).toMatchObject({ role: 'admin' });
      // A second start finds data and loads nothing.
      expect(await prepareEmptyDatabase(handle, config, c.io)).toBe(false);
    } finally {
      await handle.close();
    }
  });

  describe('removed', () => {
    let handle: DatabaseHandle;
    let t: TestApp;
    const real = { unitId: 0, userId: 0, itemId: 0 };
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      const evidence = new EvidenceStore(path.join(testConfig().dataDir, 'evidence'));
      await seedDemo(handle.db, { adminPassword: ADMIN_PASSWORD, evidence, today: '2026-08-15' });
      // Real data beside the demo: a unit under the committee with its own account, round, inspection and item.
      const admin = await findActorByUsername(handle.db, 'admin');
      if (!admin) throw new Error('the demo has no admin');
      const committee = await getUnit(handle.db, admin.unitId);
      const unit = await insertUnit(
        handle.db,
        { parentId: committee.id, name: '真实的市审计局', code: 'REAL-SJJ', kind: 'unit' },
        TEST_NOW,
      );
      const user = await buildUser(handle.db, { username: 'real_unit_admin', role: 'unit_admin', unit });
      const roundId = await insertRound(
        handle.db,
        {
          committeeUnitId: committee.id,
          name: '真实的第二轮巡察',
          startsOn: null,
          endsOn: null,
          aspects: ['党的领导'],
        },
        TEST_NOW,
      );
      const teamId = await insertTeam(handle.db, { roundId, name: '真实巡察组', leaderName: null }, TEST_NOW);
      const inspectionId = await buildInspection(handle.db, { roundId, teamId, unitId: unit.id });
      const itemId = await buildItem(handle.db, {
        inspection_id: inspectionId,
        unit_id: unit.id,
        round_id: roundId,
        title: '真实的整改事项',
      });
      Object.assign(real, { unitId: unit.id, userId: user.id, itemId });
      t = await createTestApp(handle);
    });
    afterAll(async () => {
      await t.app.close();
      await handle.close();
    });
    const signIn = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

    it('deletes what the demo seeded in one go and keeps what was entered beside it', async () => {
      const office = await t.login('office1', DEMO_PASSWORD);
      expect((await office.get('/api/auth/session')).json().demo).toBe(true);
      const realUser = await t.login('real_unit_admin', TEST_PASSWORD);
      expect((await realUser.get('/api/auth/session')).json().demo).toBe(true);

      const admin = await findActorByUsername(handle.db, 'admin');
      if (!admin) throw new Error('no admin');
      const ctx = { db: handle.db, config: t.config, actor: admin, now: () => TEST_NOW };
      const removed = await removeDemo(ctx);
      expect(removed.items).toBeGreaterThan(100);
      expect(removed.inspections).toBe(13);

      // No demo account signs in, nor keeps its session.
      expect((await office.get('/api/items')).statusCode).toBe(401);
      for (const username of ['office1', 'team1', 'supervisor1', 'secadmin', 'auditor']) {
        expect((await signIn(username, DEMO_PASSWORD)).statusCode, username).toBe(401);
      }
      const counts = await tableCounts(handle.db);
      expect(counts).toMatchObject({ units: 2, inspections: 1, items: 1, rounds: 1, teams: 1 });
      expect(await demoAccountsExist(handle.db)).toBe(false);

      // The real unit, its account and its item are as they were; the admin still signs in.
      expect((await getUnit(handle.db, real.unitId)).name).toBe('真实的市审计局');
      expect((await getUser(handle.db, real.userId)).active).toBe(true);
      expect((await getItemRecord(handle.db, real.itemId)).title).toBe('真实的整改事项');
      const after = await t.login('real_unit_admin', TEST_PASSWORD);
      expect((await after.get('/api/auth/session')).json().demo).toBe(false);
      expect((await after.get('/api/items')).json().total).toBe(1);
      expect((await signIn('admin', ADMIN_PASSWORD)).statusCode).toBe(200);

      const chain = await verifyAuditChain(handle.db);
      expect(chain.brokenAt).toBeNull();
      const events = (await (await t.login('admin', ADMIN_PASSWORD)).get('/api/audit-events?entity=system')).json();
      expect(JSON.stringify(events)).toMatch(/demo\.remove/);

      // Removing again finds nothing.
      expect(await removeDemo(ctx)).toMatchObject({ units: 0, users: 0, items: 0 });
    });
  });
});
