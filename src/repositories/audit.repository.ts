import { createHash } from 'node:crypto';
import { PostgresAdapter } from 'kysely';
import type { Db } from '../db/database.ts';

export interface AuditInput {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
  hash: string;
}

let hashAlgorithm: 'sha256' | 'sm3' = 'sha256';

/** Chosen once at start from the config; SM3 where the platform provides it. */
export function setAuditHashAlgorithm(algorithm: 'sha256' | 'sm3'): void {
  hashAlgorithm = algorithm;
}

function chainHash(
  algorithm: 'sha256' | 'sm3',
  prevHash: string,
  at: string,
  input: AuditInput,
  before: string | null,
  after: string | null,
): string {
  const body = JSON.stringify([at, input.actorId, input.action, input.entity, input.entityId, before, after]);
  return `${algorithm}:${createHash(algorithm).update(prevHash).update('\n').update(body).digest('hex')}`;
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Appends to the hash-chained audit log. Must run inside the transaction of the change it records;
 * locking the head row keeps the chain linear when several PostgreSQL writers run at once.
 */
export async function recordAudit(trx: Db, input: AuditInput, now: Date): Promise<void> {
  const head = await trx
    .selectFrom('audit_head')
    .select('last_hash')
    .where('id', '=', 1)
    .$call((q) => (isPostgres(trx) ? q.forUpdate() : q))
    .executeTakeFirstOrThrow();
  const at = now.toISOString();
  const before = toJson(input.before);
  const after = toJson(input.after);
  const hash = chainHash(hashAlgorithm, head.last_hash, at, input, before, after);
  await trx
    .insertInto('audit_events')
    .values({
      at,
      actor_id: input.actorId,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      before_json: before,
      after_json: after,
      prev_hash: head.last_hash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute();
}

// SQLite has no row locks (and no FOR UPDATE); its writers are serialised by the database lock instead.
function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function listAuditEvents(
  db: Db,
  filter: { entity?: string; entityId?: number; itemId?: number; limit: number; beforeId?: number },
): Promise<AuditEvent[]> {
  let q = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'u.display_name',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before_json',
      'a.after_json',
      'a.hash',
    ])
    .orderBy('a.id', 'desc')
    .limit(filter.limit);
  if (filter.entity) q = q.where('a.entity', '=', filter.entity);
  if (filter.entityId !== undefined) q = q.where('a.entity_id', '=', filter.entityId);
  if (filter.beforeId !== undefined) q = q.where('a.id', '<', filter.beforeId);
  const itemId = filter.itemId;
  // An item's story includes what hangs off it: measures, progress entries, evidence and outcomes.
  if (itemId !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('a.entity', '=', 'item'), eb('a.entity_id', '=', itemId)]),
        eb.and([
          eb('a.entity', '=', 'measure'),
          eb('a.entity_id', 'in', eb.selectFrom('measures').select('id').where('item_id', '=', itemId)),
        ]),
        eb.and([
          eb('a.entity', '=', 'progress_entry'),
          eb('a.entity_id', 'in', eb.selectFrom('progress_entries').select('id').where('item_id', '=', itemId)),
        ]),
        eb.and([
          eb('a.entity', '=', 'evidence'),
          eb('a.entity_id', 'in', eb.selectFrom('evidence').select('id').where('item_id', '=', itemId)),
        ]),
        eb.and([
          eb('a.entity', '=', 'outcome'),
          eb('a.entity_id', 'in', eb.selectFrom('outcomes').select('id').where('item_id', '=', itemId)),
        ]),
      ]),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.display_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
    hash: r.hash,
  }));
}

/** Recomputes the chain from the start; returns the id of the first event that does not match, or null when intact. */
export async function verifyAuditChain(db: Db): Promise<{ checked: number; brokenAt: number | null }> {
  let prev = '0'.repeat(64);
  let checked = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const expected = chainHash(
        r.hash.startsWith('sm3:') ? 'sm3' : 'sha256',
        prev,
        r.at,
        { actorId: r.actor_id, action: r.action, entity: r.entity, entityId: r.entity_id },
        r.before_json,
        r.after_json,
      );
      if (r.prev_hash !== prev || r.hash !== expected) return { checked, brokenAt: r.id };
      prev = r.hash;
      checked++;
      lastId = r.id;
    }
  }
  const head = await db.selectFrom('audit_head').select('last_hash').where('id', '=', 1).executeTakeFirst();
  if (checked > 0 && head?.last_hash !== prev) return { checked, brokenAt: lastId };
  return { checked, brokenAt: null };
}
