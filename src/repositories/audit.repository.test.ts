import { getHashes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { change } from '../commands/context.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { type Checkpoint, GENESIS_HASH, LEGACY_SCHEME, legacyHash } from '../domain/audit-chain.ts';
import type { Actor } from '../policies/policies.ts';
import { chainWithTestKey, createTestDatabase, testDialects } from '../test/databases.ts';
import { TEST_NOW, testConfig } from '../test/factories.ts';
import {
  checkpointOfHead,
  configureAuditChain,
  listAuditEvents,
  recordAudit,
  verifyAuditChain,
} from './audit.repository.ts';

const note = (n: number) => ({ actorId: 1, action: 'item.update', entity: 'item', entityId: n, after: { n } });

describe.each(testDialects())('audit trail on %s', (dialect) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await handle.close();
  });
  // Each test starts from an empty trail with the tests' key.
  beforeEach(async () => {
    chainWithTestKey();
    await handle.db.deleteFrom('audit_events').execute();
    await handle.db.updateTable('audit_head').set({ last_hash: GENESIS_HASH, last_seq: 0 }).execute();
  });
  afterEach(() => chainWithTestKey());

  async function write(count: number) {
    for (let n = 1; n <= count; n++) {
      await handle.db.transaction().execute((trx) => recordAudit(trx, note(n), TEST_NOW));
    }
  }
  async function rows() {
    return handle.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
  }

  it('chains and numbers events, and detects tampering with a recorded change', async () => {
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
          sourceAddress: '10.0.0.8',
          userAgent: 'Mozilla/5.0',
          via: 'web',
        },
        TEST_NOW,
      );
      await recordAudit(trx, { actorId: 2, action: 'item.approve', entity: 'item', entityId: 7 }, TEST_NOW);
    });
    if (getHashes().includes('sm3'))
      configureAuditChain({ algorithm: 'sm3', key: Buffer.from(testConfig().auditKey as Buffer) });
    await handle.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, { actorId: 3, action: 'item.confirm', entity: 'item', entityId: 7 }, TEST_NOW),
      );
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: true, checked: 3, lastSeq: 3, keyedFromSeq: 1 });
    const events = await listAuditEvents(handle.db, { entity: 'item', entityId: 7, limit: 10 });
    expect(events.map((e) => [e.seq, e.action])).toEqual([
      [3, 'item.confirm'],
      [2, 'item.approve'],
      [1, 'item.update'],
    ]);
    expect(events[2]).toMatchObject({
      before: { deadline: '2026-08-31' },
      after: { deadline: '2026-09-30' },
      sourceAddress: '10.0.0.8',
      userAgent: 'Mozilla/5.0',
      via: 'web',
    });

    await handle.db
      .updateTable('audit_events')
      .set({ source_address: '10.9.9.9' })
      .where('id', '=', events[2].id)
      .execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({
      intact: false,
      problem: 'hash',
      brokenAtSeq: 1,
      brokenAt: events[2].id,
    });
  });

  it('leaves no event and takes no number when the change’s transaction rolls back', async () => {
    await write(1);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await recordAudit(trx, note(2), TEST_NOW);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await write(1);
    expect((await rows()).map((r) => r.seq)).toEqual([1, 2]);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: true, checked: 2 });
  });

  it('attack: an emptied table is a broken trail, not an intact one of 0 events', async () => {
    await write(3);
    const checkpoint = await checkpointOfHead(handle.db, TEST_NOW);
    await handle.db.deleteFrom('audit_events').execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: false, problem: 'empty', brokenAtSeq: 1 });
    // Resetting the head as well leaves nothing in the database to tell; the checkpoint outside it does.
    await handle.db.updateTable('audit_head').set({ last_hash: GENESIS_HASH, last_seq: 0 }).execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: false, problem: 'empty', brokenAtSeq: 1 });
    expect(await verifyAuditChain(handle.db, [checkpoint])).toMatchObject({
      intact: false,
      problem: 'truncated',
      brokenAtSeq: 1,
    });
  });

  it('attack: deleting the tail is seen by the head, and by the checkpoint once the head is fixed too', async () => {
    await write(5);
    const checkpoint = await checkpointOfHead(handle.db, TEST_NOW);
    expect(checkpoint).toMatchObject({ seq: 5, legacyThrough: 0 });
    await handle.db.deleteFrom('audit_events').where('seq', '>', 3).execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: false, problem: 'head', brokenAtSeq: 4 });

    const third = (await rows())[2];
    await handle.db.updateTable('audit_head').set({ last_hash: third.hash, last_seq: 3 }).execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: true, lastSeq: 3 });
    expect(await verifyAuditChain(handle.db, [checkpoint])).toMatchObject({
      intact: false,
      problem: 'truncated',
      brokenAtSeq: 4,
      lastSeq: 3,
    });
  });

  it('attack: deleting an event in the middle leaves a gap in the numbers', async () => {
    await write(4);
    await handle.db.deleteFrom('audit_events').where('seq', '=', 2).execute();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: false, problem: 'gap', brokenAtSeq: 2 });
  });

  it('attack: a chain recomputed with the published algorithm does not verify', async () => {
    await write(4);
    const checkpoint = await checkpointOfHead(handle.db, TEST_NOW);
    // The attacker rewrites event 2 and re-chains everything with the unkeyed algorithm, marked as the old scheme.
    let prev = GENESIS_HASH;
    for (const r of await rows()) {
      const after = r.seq === 2 ? JSON.stringify({ n: 'rewritten' }) : r.after_json;
      const hash = legacyHash('sha256', prev, {
        seq: r.seq ?? 0,
        at: r.at,
        actorId: r.actor_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        beforeJson: r.before_json,
        afterJson: after,
        sourceAddress: r.source_address,
        userAgent: r.user_agent,
        outcome: r.outcome,
        via: r.via,
      });
      await handle.db
        .updateTable('audit_events')
        .set({ after_json: after, scheme: LEGACY_SCHEME, prev_hash: prev, hash })
        .where('id', '=', r.id)
        .execute();
      prev = hash;
    }
    await handle.db.updateTable('audit_head').set({ last_hash: prev }).execute();
    expect(await verifyAuditChain(handle.db, [checkpoint])).toMatchObject({
      intact: false,
      problem: 'downgrade',
      brokenAtSeq: 1,
    });
  });

  it('attack: a chain recomputed under another key does not verify, nor does a checkpoint signed with it', async () => {
    await write(3);
    configureAuditChain({ algorithm: 'sha256', key: Buffer.alloc(32, 7) });
    const forged = await checkpointOfHead(handle.db, TEST_NOW);
    await handle.db.deleteFrom('audit_events').execute();
    await handle.db.updateTable('audit_head').set({ last_hash: GENESIS_HASH, last_seq: 0 }).execute();
    await write(2);
    chainWithTestKey();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: false, problem: 'hash', brokenAtSeq: 1 });
    const tampered: Checkpoint = { ...forged, seq: 1 };
    expect(await verifyAuditChain(handle.db, [tampered])).toMatchObject({
      intact: false,
      problem: 'checkpoint_signature',
      brokenAtSeq: 1,
    });
  });

  it('still verifies the events chained before the key, up to where a checkpoint says the unkeyed part ends', async () => {
    // Events as the trail held them before issue 11: the published algorithm, numbered by the migration.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const fields = {
        seq,
        at: TEST_NOW.toISOString(),
        actorId: 1,
        action: 'item.update',
        entity: 'item',
        entityId: seq,
        beforeJson: null,
        afterJson: null,
        sourceAddress: null,
        userAgent: null,
        outcome: null,
        via: null,
      };
      const hash = legacyHash('sha256', prev, fields);
      await handle.db
        .insertInto('audit_events')
        .values({
          seq,
          scheme: LEGACY_SCHEME,
          at: fields.at,
          actor_id: 1,
          action: fields.action,
          entity: 'item',
          entity_id: seq,
          prev_hash: prev,
          hash,
        })
        .execute();
      prev = hash;
    }
    await handle.db.updateTable('audit_head').set({ last_hash: prev, last_seq: 3 }).execute();
    const atUpgrade = await checkpointOfHead(handle.db, TEST_NOW);
    expect(atUpgrade).toMatchObject({ seq: 3, legacyThrough: 3 });
    await write(2);
    expect(await verifyAuditChain(handle.db, [atUpgrade])).toMatchObject({
      intact: true,
      checked: 5,
      keyedFromSeq: 4,
    });
    // Without the checkpoint that fixes where the unkeyed part ends, nothing proves those events were not forged.
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: false, problem: 'downgrade', brokenAtSeq: 1 });
  });

  it('gives concurrent writers distinct numbers without gaps', async () => {
    const actor: Actor = { id: 1, role: 'admin', unitId: 1, unitPath: '/1/', teamId: null };
    const ctx = { db: handle.db, actor, config: testConfig(), now: () => TEST_NOW };
    const writers = Array.from({ length: 24 }, (_, n) => change(ctx, (u) => u.audit(note(n))));
    await Promise.all(writers);
    expect((await rows()).map((r) => r.seq)).toEqual(Array.from({ length: 24 }, (_, n) => n + 1));
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: true, checked: 24 });
  });
});
