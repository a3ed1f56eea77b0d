import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type Db, isPostgres } from '../db/database.ts';
import type { AuditEventTable } from '../db/schema.ts';
import {
  type AuditHashAlgorithm,
  type AuditOutcome,
  type AuditVia,
  algorithmOf,
  type ChainedFields,
  type Checkpoint,
  checkpointSignatureValid,
  GENESIS_HASH,
  KEYED_SCHEME,
  keyedHash,
  LEGACY_SCHEME,
  legacyHash,
  signCheckpoint,
} from '../domain/audit-chain.ts';

export interface AuditInput {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  /** Where the request came from (the client's address as the server saw it) and what it said it was. */
  sourceAddress?: string | null;
  userAgent?: string | null;
  /** Absent means the change was made (success); refusals and failed attempts say so. */
  outcome?: AuditOutcome;
  via?: AuditVia;
}

export interface AuditEvent {
  id: number;
  seq: number | null;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
  sourceAddress: string | null;
  userAgent: string | null;
  outcome: string | null;
  via: string | null;
  hash: string;
}

const keying: { algorithm: AuditHashAlgorithm; key: Buffer | null } = { algorithm: 'sha256', key: null };

/**
 * Chosen once at start from the config: the hash (SM3 where the platform provides it) and the chain's key, which lives
 * outside the database (src/storage/audit-files.ts). Without a key nothing can be audited, so nothing can be changed.
 */
export function configureAuditChain(options: { algorithm: AuditHashAlgorithm; key: Buffer }): void {
  keying.algorithm = options.algorithm;
  keying.key = options.key;
}

/*
 * The server and the CLI configure the key before anything is audited. A script that writes without doing so (a
 * benchmark, a one-off) gets a key of its own for the life of the process, with a warning: its events will not verify
 * under the real key, which verification then reports, rather than the script failing outright.
 */
function requireKey(): Buffer {
  if (!keying.key) {
    process.emitWarning('The audit chain has no configured key; using a temporary one for this process', {
      code: 'RECTIFY_AUDIT_KEY_TEMPORARY',
    });
    keying.key = randomBytes(32);
  }
  return keying.key;
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Appends to the keyed, numbered audit chain. Must run inside the transaction of the change it records: one read of
 * the head (locked on PostgreSQL, so two writers cannot take the same number), one insert, one update of the head.
 */
export async function recordAudit(trx: Db, input: AuditInput, now: Date): Promise<void> {
  const key = requireKey();
  const head = await trx
    .selectFrom('audit_head')
    .select(['last_hash', 'last_seq'])
    .where('id', '=', 1)
    // SQLite has no row locks (and no FOR UPDATE); its writers are serialised by the database lock instead.
    .$call((q) => (isPostgres(trx) ? q.forUpdate() : q))
    .executeTakeFirstOrThrow();
  const fields: ChainedFields = {
    seq: head.last_seq + 1,
    at: now.toISOString(),
    actorId: input.actorId,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    beforeJson: toJson(input.before),
    afterJson: toJson(input.after),
    sourceAddress: input.sourceAddress ?? null,
    userAgent: input.userAgent ?? null,
    outcome: input.outcome ?? null,
    via: input.via ?? null,
  };
  const hash = keyedHash(keying.algorithm, key, head.last_hash, fields);
  await trx
    .insertInto('audit_events')
    .values({
      seq: fields.seq,
      scheme: KEYED_SCHEME,
      at: fields.at,
      actor_id: fields.actorId,
      action: fields.action,
      entity: fields.entity,
      entity_id: fields.entityId,
      before_json: fields.beforeJson,
      after_json: fields.afterJson,
      source_address: fields.sourceAddress,
      user_agent: fields.userAgent,
      outcome: fields.outcome,
      via: fields.via,
      prev_hash: head.last_hash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ last_hash: hash, last_seq: fields.seq }).where('id', '=', 1).execute();
}

/**
 * An event that records no change of its own (a refusal, a download): its own short transaction, so it is kept even
 * when the request fails, and never holds the head's lock longer than the write.
 */
export function recordAuditAlone(db: Db, input: AuditInput, now: Date): Promise<void> {
  return db.transaction().execute((trx) => recordAudit(trx, input, now));
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
      'a.seq',
      'a.at',
      'a.actor_id',
      'u.display_name',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before_json',
      'a.after_json',
      'a.source_address',
      'a.user_agent',
      'a.outcome',
      'a.via',
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
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.display_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
    sourceAddress: r.source_address,
    userAgent: r.user_agent,
    outcome: r.outcome,
    via: r.via,
    hash: r.hash,
  }));
}

/** The head of the chain: the last number and hash, and the last event of the unkeyed part (0 when there is none). */
export async function auditHead(db: Db): Promise<{ seq: number; hash: string; legacyThrough: number }> {
  const head = await db
    .selectFrom('audit_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const legacy = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('scheme', '=', LEGACY_SCHEME)
    .executeTakeFirst();
  return { seq: head.last_seq, hash: head.last_hash, legacyThrough: Number(legacy?.n ?? 0) };
}

/**
 * A signed checkpoint of the present head, to be kept outside the database; with `throughSeq`, of that event instead
 * (an archive export ends there).
 */
export async function checkpointOfHead(db: Db, now: Date, throughSeq?: number): Promise<Checkpoint> {
  const head = await auditHead(db);
  let point = { seq: head.seq, hash: head.hash };
  if (throughSeq !== undefined && throughSeq < head.seq) {
    const event =
      throughSeq < 1
        ? null
        : await db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '=', throughSeq).executeTakeFirst();
    point = { seq: event?.seq ?? 0, hash: event?.hash ?? GENESIS_HASH };
  }
  return signCheckpoint(requireKey(), {
    ...point,
    legacyThrough: Math.min(head.legacyThrough, point.seq),
    at: now.toISOString(),
    algorithm: keying.algorithm,
  });
}

/** The number of the last event written before `at`; 0 when there is none. */
export async function lastSeqBefore(db: Db, at: string): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('at', '<', at)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type ChainProblem =
  /** no events at all: a trail is never empty once the system has been used, so an empty one has been wiped */
  | 'empty'
  /** a number is missing or out of order: events were deleted or inserted */
  | 'gap'
  /** an event's content or link does not match its hash */
  | 'hash'
  /** an unkeyed event after the keyed chain started: someone recomputed the chain with the published algorithm */
  | 'downgrade'
  /** the head row does not point at the last event: the tail was deleted or the head was reset */
  | 'head'
  /** a checkpoint names an event whose hash is now different */
  | 'checkpoint'
  /** a checkpoint names an event beyond the last one: the trail was truncated below it */
  | 'truncated'
  /** a checkpoint's signature does not match under this key (forged, or another key) */
  | 'checkpoint_signature';

export interface ChainCheck {
  intact: boolean;
  /** events whose hash and number were checked before the break (all of them when intact) */
  checked: number;
  lastSeq: number;
  /** the number where the trail breaks: the first missing, altered or unexpected event; null when intact */
  brokenAtSeq: number | null;
  /** the id of the first event that does not match, when there is such a row; null otherwise */
  brokenAt: number | null;
  problem: ChainProblem | null;
  /** the first number of the keyed (HMAC) chain; null when every event predates it */
  keyedFromSeq: number | null;
  checkpoints: { count: number; lastSeq: number | null; lastAt: string | null };
}

/** An event as stored (and as exported): the columns the chain covers. */
export type StoredAuditEvent = Pick<
  Selectable<AuditEventTable>,
  | 'id'
  | 'seq'
  | 'scheme'
  | 'at'
  | 'actor_id'
  | 'action'
  | 'entity'
  | 'entity_id'
  | 'before_json'
  | 'after_json'
  | 'source_address'
  | 'user_agent'
  | 'outcome'
  | 'via'
  | 'prev_hash'
  | 'hash'
>;

/** What only the database can answer after the walk: rows numbered outside it, and the head row. */
interface StoreChecks {
  strays(): Promise<number>;
  head(): Promise<{ seq: number; hash: string } | undefined>;
}

/**
 * Recomputes the chain from the first event: the numbering (1, 2, 3 … without gaps), every hash (unkeyed for the
 * events before the keyed chain, HMAC after), the head row, and each checkpoint kept outside the database. Reports
 * the first place it breaks.
 */
export function verifyAuditChain(db: Db, checkpoints: readonly (Checkpoint | null)[] = []): Promise<ChainCheck> {
  return checkChain(eventsInChainOrder(db), checkpoints, {
    strays: async () => {
      const r = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => eb.or([eb('seq', 'is', null), eb('seq', '<', 1)]))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    head: async () => {
      const head = await db
        .selectFrom('audit_head')
        .select(['last_hash', 'last_seq'])
        .where('id', '=', 1)
        .executeTakeFirst();
      return head && { seq: head.last_seq, hash: head.last_hash };
    },
  });
}

/**
 * Verifies an exported copy on its own, with the key: its events against each other and against the checkpoint it
 * starts with (and any other checkpoints up to it, e.g. the log kept off-site).
 */
export function verifyAuditExport(
  events: AsyncIterable<StoredAuditEvent>,
  exportCheckpoint: Checkpoint | null,
  otherCheckpoints: readonly (Checkpoint | null)[] = [],
): Promise<ChainCheck> {
  const upTo = exportCheckpoint?.seq ?? 0;
  const earlier = otherCheckpoints.filter((c) => c === null || c.seq <= upTo);
  return checkChain(events, [exportCheckpoint, ...earlier], null);
}

async function* eventsInChainOrder(db: Db): AsyncGenerator<StoredAuditEvent> {
  let next = 1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', next)
      .orderBy('seq')
      .limit(5000)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) yield r;
    next = (rows[rows.length - 1].seq ?? next) + 1;
  }
}

async function checkChain(
  events: AsyncIterable<StoredAuditEvent>,
  checkpoints: readonly (Checkpoint | null)[],
  store: StoreChecks | null,
): Promise<ChainCheck> {
  const key = requireKey();
  const signed = checkpoints.filter((c): c is Checkpoint => c !== null && checkpointSignatureValid(key, c));
  const lastCheckpoint = signed.reduce<Checkpoint | null>((a, c) => (a === null || c.seq > a.seq ? c : a), null);
  const summary = {
    count: checkpoints.length,
    lastSeq: lastCheckpoint?.seq ?? null,
    lastAt: lastCheckpoint?.at ?? null,
  };
  // A checkpoint that does not verify is reported at its number, or at 1 when even that cannot be read.
  const forged = checkpoints.find((c) => c === null || !checkpointSignatureValid(key, c));
  const forgedSeq = forged === undefined ? null : Number.isInteger(forged?.seq) ? Math.max(1, forged?.seq ?? 1) : 1;
  const wanted = new Map<number, string>(signed.map((c) => [c.seq, c.hash]));
  // Unkeyed events are trusted only as far as a signed checkpoint, written when the keyed chain began, says they went:
  // otherwise anyone could re-chain the whole trail with the published algorithm and call it old.
  const legacyLimit = signed.length > 0 ? Math.min(...signed.map((c) => c.legacyThrough)) : 0;

  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let keyedFromSeq: number | null = null;
  let checked = 0;
  const result = (intact: boolean): ChainCheck => ({
    intact,
    checked,
    lastSeq: expectedSeq - 1,
    brokenAtSeq: null,
    brokenAt: null,
    problem: null,
    keyedFromSeq,
    checkpoints: summary,
  });
  const broken = (problem: ChainProblem, seq: number, id: number | null): ChainCheck => {
    if (forgedSeq !== null && forgedSeq <= seq)
      return { ...result(false), problem: 'checkpoint_signature', brokenAtSeq: forgedSeq, brokenAt: null };
    return { ...result(false), problem, brokenAtSeq: seq, brokenAt: id };
  };

  for await (const r of events) {
    if (r.seq !== expectedSeq) return broken('gap', expectedSeq, null);
    const fields: ChainedFields = {
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      beforeJson: r.before_json,
      afterJson: r.after_json,
      sourceAddress: r.source_address,
      userAgent: r.user_agent,
      outcome: r.outcome,
      via: r.via,
    };
    let expected: string;
    if (r.scheme === KEYED_SCHEME) {
      keyedFromSeq ??= r.seq;
      expected = keyedHash(algorithmOf(r.hash), key, prev, fields);
    } else if (r.scheme === LEGACY_SCHEME && keyedFromSeq === null && r.seq <= legacyLimit) {
      expected = legacyHash(algorithmOf(r.hash), prev, fields);
    } else {
      return broken('downgrade', r.seq, r.id);
    }
    if (r.prev_hash !== prev || r.hash !== expected) return broken('hash', r.seq, r.id);
    const promised = wanted.get(r.seq);
    if (promised !== undefined && promised !== r.hash) return broken('checkpoint', r.seq, r.id);
    prev = r.hash;
    checked++;
    expectedSeq++;
  }
  // Rows numbered out of the walk (a null or a number below 1) are insertions the walk never met.
  if (store && (await store.strays()) > 0) return broken('gap', expectedSeq, null);
  const lastSeq = expectedSeq - 1;
  if (lastCheckpoint && lastCheckpoint.seq > lastSeq) return broken('truncated', lastSeq + 1, null);
  if (checked === 0) return broken('empty', 1, null);
  if (store) {
    const head = await store.head();
    if (head?.seq !== lastSeq || head.hash !== prev) return broken('head', lastSeq + 1, null);
  }
  if (forgedSeq !== null) return broken('checkpoint_signature', forgedSeq, null);
  return result(true);
}

/** Events in the order of the chain, from a number on, for the export that carries the trail off-site. */
export async function auditEventsFromSeq(db: Db, fromSeq: number, limit: number) {
  return db.selectFrom('audit_events').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
}
