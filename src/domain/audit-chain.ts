import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The arithmetic of the audit chain, apart from where events and keys are stored.
 *
 * Scheme 0 ("legacy") is the published, unkeyed chain the trail had before issue 11: anyone who can write the table can
 * recompute it, so it is only accepted for the events written before the keyed chain started. Scheme 1 is an HMAC under
 * a key kept outside the database, over the event's number (seq) as well as its content, so events can neither be
 * rewritten nor renumbered without the key.
 */
export type AuditHashAlgorithm = 'sha256' | 'sm3';
export type AuditOutcome = 'success' | 'failure' | 'refused';
export type AuditVia = 'web' | 'cli' | 'api_token';

export const LEGACY_SCHEME = 0;
export const KEYED_SCHEME = 1;
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  beforeJson: string | null;
  afterJson: string | null;
  sourceAddress: string | null;
  userAgent: string | null;
  outcome: string | null;
  via: string | null;
}

export function legacyHash(algorithm: AuditHashAlgorithm, prevHash: string, e: ChainedFields): string {
  const body = JSON.stringify([e.at, e.actorId, e.action, e.entity, e.entityId, e.beforeJson, e.afterJson]);
  return `${algorithm}:${createHash(algorithm).update(prevHash).update('\n').update(body).digest('hex')}`;
}

export function keyedHash(algorithm: AuditHashAlgorithm, key: Buffer, prevHash: string, e: ChainedFields): string {
  const body = JSON.stringify([
    e.seq,
    e.at,
    e.actorId,
    e.action,
    e.entity,
    e.entityId,
    e.beforeJson,
    e.afterJson,
    e.sourceAddress,
    e.userAgent,
    e.outcome,
    e.via,
  ]);
  return `hmac-${algorithm}:${createHmac(algorithm, key).update(prevHash).update('\n').update(body).digest('hex')}`;
}

/** The algorithm a stored hash was made with, from its prefix. */
export function algorithmOf(hash: string): AuditHashAlgorithm {
  return hash.startsWith('sm3:') || hash.startsWith('hmac-sm3:') ? 'sm3' : 'sha256';
}

/**
 * A signed statement, kept outside the database, that the trail had reached `seq` with head `hash` at `at`;
 * `legacyThrough` is the last event of the unkeyed chain, so nobody can later pass keyed events off as legacy ones.
 */
export interface Checkpoint {
  v: 1;
  seq: number;
  hash: string;
  legacyThrough: number;
  at: string;
  algorithm: AuditHashAlgorithm;
  mac: string;
}

function checkpointBody(c: Omit<Checkpoint, 'mac'>): string {
  return JSON.stringify(['rectify-audit-checkpoint', c.v, c.seq, c.hash, c.legacyThrough, c.at, c.algorithm]);
}

export function signCheckpoint(key: Buffer, c: Omit<Checkpoint, 'mac' | 'v'>): Checkpoint {
  const unsigned = { v: 1 as const, ...c };
  return { ...unsigned, mac: createHmac(c.algorithm, key).update(checkpointBody(unsigned)).digest('hex') };
}

export function checkpointSignatureValid(key: Buffer, c: Checkpoint): boolean {
  if (c.algorithm !== 'sha256' && c.algorithm !== 'sm3') return false;
  const expected = createHmac(c.algorithm, key).update(checkpointBody(c)).digest();
  const given = Buffer.from(typeof c.mac === 'string' ? c.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
