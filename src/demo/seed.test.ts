import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { responsibleName } from '../domain/people.ts';
import { ROLES } from '../domain/roles.ts';
import { portalList } from '../queries/publications.queries.ts';
import { verifyAuditChain } from '../repositories/audit.repository.ts';
import { listClues } from '../repositories/clues.repository.ts';
import { ledgerTotals } from '../repositories/dashboard.repository.ts';
import { EvidenceStore } from '../storage/evidence-store.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { isDatabaseEmpty, seedDemo } from './seed.ts';

describe.each(testDialects())('demo city on %s', (dialect) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
  });
  afterAll(() => handle.close());

  it('loads units, every role, and items in every state with some overdue', async () => {
    expect(await isDatabaseEmpty(handle.db)).toBe(true);
    const evidence = new EvidenceStore(path.join(mkdtempSync(path.join(tmpdir(), 'rectify-demo-')), 'evidence'));
    const summary = await seedDemo(handle.db, { adminPassword: 'Admin-pass-1', evidence, today: '2026-11-24' });
    // The live round's twelve, and the transport bureau's in the archived earlier round (issue 15).
    expect(summary.inspections).toBe(13);
    expect(summary.items).toBeGreaterThan(100);
    expect(new Set(summary.users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(new Set(summary.users.map((u) => u.username)).size).toBe(summary.users.length);
    const totals = await ledgerTotals(handle.db, { kind: 'subtree', path: '/1/' }, {}, '2026-11-24');
    const c = totals.counts;
    expect(c.items).toBe(summary.items);
    for (const n of [
      c.notStarted,
      c.inProgress,
      c.closeRequested,
      c.closed,
      c.completed,
      c.partiallyCompleted,
      c.overdue,
      c.withheld,
    ]) {
      expect(n).toBeGreaterThan(0);
    }
    expect(totals.outcomes.fundsRecoveredYuan).toBeGreaterThan(0);
    const published = await portalList({
      db: handle.db,
      config: loadConfig({}),
      now: () => new Date('2026-11-24T02:00:00Z'),
    });
    expect(published.current).toHaveLength(1);
    expect(published.current[0]).toMatchObject({ publicFrom: '2026-11-21', publicTo: '2026-12-05', state: 'public' });
    // Every measure names its 责任人 (issue 13): accounts, and names written as units write them.
    const people = await handle.db
      .selectFrom('measures as m')
      .leftJoin('users as u', 'u.id', 'm.responsible_person_id')
      .select(['m.responsible_person_id', 'm.responsible_person_name', 'u.display_name'])
      .execute();
    const printed = people.map((p) =>
      responsibleName({
        personId: p.responsible_person_id,
        personName: p.responsible_person_name,
        accountName: p.display_name,
      }),
    );
    expect(printed.filter((name) => name === null)).toEqual([]);
    const accounts = people.filter((p) => p.responsible_person_id !== null).length;
    expect(accounts).toBeGreaterThan(people.length / 2);
    expect(accounts).toBeLessThan(people.length);
    expect(printed).toContain('陈玉兰（分管副局长）');
    expect(await verifyAuditChain(handle.db)).toMatchObject({ brokenAt: null });
    expect(await isDatabaseEmpty(handle.db)).toBe(false);
  });

  it('marks the kickback report as a problem clue handed to the 纪委监委 (issue 15)', async () => {
    const clues = await listClues(handle.db, '/', {});
    expect(clues).toHaveLength(1);
    expect(clues[0]).toMatchObject({
      targetTitle: '信访反映个别科室收受回扣问题线索',
      state: 'accepted',
      receivingBody: '市纪委监委第三监督检查室',
    });
    expect(clues[0]?.handedOverOn && clues[0].handedOverOn <= '2026-11-24').toBe(true);
    expect((clues[0]?.handlingDeadline ?? '') > (clues[0]?.handedOverOn ?? '')).toBe(true);
  });
});
