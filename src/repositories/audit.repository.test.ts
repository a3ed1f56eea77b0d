import { getHashes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { TEST_NOW } from '../test/factories.ts';
import { listAuditEvents, recordAudit, setAuditHashAlgorithm, verifyAuditChain } from './audit.repository.ts';

describe.each(testDialects())('audit trail on %s', (dialect) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    setAuditHashAlgorithm('sha256');
    await handle.close();
  });

  it('chains events and detects tampering with a recorded change', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await recordAudit(
        trx,
        {
          actorId: 1,
          action: 'item.update',
          entity: 'item',
          entityId: 7,
          before: { deadline: '2026-08-31' },
          after: { deadline: '2026-09-30' },
        },
        TEST_NOW,
      );
      await recordAudit(trx, { actorId: 2, action: 'item.approve', entity: 'item', entityId: 7 }, TEST_NOW);
    });
    if (getHashes().includes('sm3')) setAuditHashAlgorithm('sm3');
    await handle.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, { actorId: 3, action: 'item.confirm', entity: 'item', entityId: 7 }, TEST_NOW),
      );
    expect(await verifyAuditChain(handle.db)).toEqual({ checked: 3, brokenAt: null });
    const events = await listAuditEvents(handle.db, { entity: 'item', entityId: 7, limit: 10 });
    expect(events.map((e) => e.action)).toEqual(['item.confirm', 'item.approve', 'item.update']);
    expect(events[2]).toMatchObject({ before: { deadline: '2026-08-31' }, after: { deadline: '2026-09-30' } });

    const first = events[2].id;
    await handle.db
      .updateTable('audit_events')
      .set({ after_json: JSON.stringify({ deadline: '2026-12-31' }) })
      .where('id', '=', first)
      .execute();
    expect(await verifyAuditChain(handle.db)).toEqual({ checked: 0, brokenAt: first });
  });

  it('leaves no event when the change’s transaction rolls back', async () => {
    const before = (await listAuditEvents(handle.db, { limit: 100 })).length;
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actorId: 1, action: 'item.update', entity: 'item', entityId: 8 }, TEST_NOW);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await listAuditEvents(handle.db, { limit: 100 })).length).toBe(before);
  });
});
