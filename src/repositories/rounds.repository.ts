import type { ExpressionBuilder, Selectable } from 'kysely';
import { CoherentCache } from '../db/cache-coherence.ts';
import type { Db } from '../db/database.ts';
import type { AspectTable, Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

export interface Round {
  id: number;
  committeeUnitId: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  version: number;
  /** Issue 12: when and by whom the round was archived; both null while it is live. */
  archivedAt: string | null;
  archivedBy: number | null;
  aspects: VersionedAspect[];
}

export interface Aspect {
  id: number;
  roundId: number;
  name: string;
  sortOrder: number;
}

/** An aspect as the round's editor sees it: with the version a rename must name. */
export interface VersionedAspect extends Aspect {
  version: number;
}

export interface Team {
  id: number;
  roundId: number;
  name: string;
  leaderName: string | null;
  version: number;
}

const toAspect = (a: Selectable<AspectTable>): VersionedAspect => ({
  id: a.id,
  roundId: a.round_id,
  name: a.name,
  sortOrder: a.sort_order,
  version: a.version,
});

export async function listRounds(db: Db): Promise<Round[]> {
  const rows = await db.selectFrom('rounds').selectAll().orderBy('id', 'desc').execute();
  const aspects = await db.selectFrom('aspects').selectAll().orderBy('round_id').orderBy('sort_order').execute();
  return rows.map((r) => ({
    id: r.id,
    committeeUnitId: r.committee_unit_id,
    name: r.name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    version: r.version,
    archivedAt: r.archived_at,
    archivedBy: r.archived_by,
    aspects: aspects.filter((a) => a.round_id === r.id).map(toAspect),
  }));
}

export async function getRound(db: Db, id: number): Promise<Round> {
  const round = (await listRounds(db)).find((r) => r.id === id);
  if (!round) throw AppError.notFound('round', id);
  return round;
}

export async function insertRound(
  trx: Db,
  input: { committeeUnitId: number; name: string; startsOn: string | null; endsOn: string | null; aspects: string[] },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('rounds')
    .values({
      committee_unit_id: input.committeeUnitId,
      name: input.name,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, name] of input.aspects.entries()) {
    await trx.insertInto('aspects').values({ round_id: id, name, sort_order: i }).execute();
  }
  return id;
}

export async function insertAspect(trx: Db, roundId: number, name: string): Promise<VersionedAspect> {
  const max = await trx
    .selectFrom('aspects')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  const sortOrder = (max?.m ?? -1) + 1;
  const { id } = await trx
    .insertInto('aspects')
    .values({ round_id: roundId, name, sort_order: sortOrder })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, roundId, name, sortOrder, version: 1 };
}

/** Puts a round's aspects in the given order (ids already checked to be exactly the round's aspects). */
export async function setAspectOrder(trx: Db, roundId: number, aspectIds: number[]): Promise<void> {
  for (const [sortOrder, id] of aspectIds.entries()) {
    await trx
      .updateTable('aspects')
      .set({ sort_order: sortOrder })
      .where('id', '=', id)
      .where('round_id', '=', roundId)
      .execute();
  }
}

export async function getAspect(db: Db, id: number): Promise<VersionedAspect> {
  const a = await db.selectFrom('aspects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw AppError.notFound('aspect', id);
  return toAspect(a);
}

export async function listTeams(db: Db, roundId?: number): Promise<Team[]> {
  let q = db.selectFrom('teams').selectAll().orderBy('round_id', 'desc').orderBy('id');
  if (roundId !== undefined) q = q.where('round_id', '=', roundId);
  const rows = await q.execute();
  return rows.map((t) => ({
    id: t.id,
    roundId: t.round_id,
    name: t.name,
    leaderName: t.leader_name,
    version: t.version,
  }));
}

export async function getTeam(db: Db, id: number): Promise<Team> {
  const t = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) throw AppError.notFound('team', id);
  return { id: t.id, roundId: t.round_id, name: t.name, leaderName: t.leader_name, version: t.version };
}

export async function insertTeam(
  trx: Db,
  input: { roundId: number; name: string; leaderName: string | null },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('teams')
    .values({
      round_id: input.roundId,
      name: input.name,
      leader_name: input.leaderName,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface RoundChanges {
  name?: string;
  startsOn?: string | null;
  endsOn?: string | null;
}

export async function patchRound(trx: Db, id: number, version: number, changes: RoundChanges, now: Date) {
  const columns = columnsOf<VersionedPatch<'rounds'>, RoundChanges>(changes, {
    name: 'name',
    startsOn: 'starts_on',
    endsOn: 'ends_on',
  });
  await updateVersioned(trx, 'rounds', id, version, columns, now);
}

export function patchAspect(trx: Db, id: number, version: number, changes: { name: string }, now: Date) {
  return updateVersioned(trx, 'aspects', id, version, { name: changes.name }, now);
}

export interface TeamChanges {
  name?: string;
  leaderName?: string | null;
}

export async function patchTeam(trx: Db, id: number, version: number, changes: TeamChanges, now: Date) {
  const columns = columnsOf<VersionedPatch<'teams'>, TeamChanges>(changes, { name: 'name', leaderName: 'leader_name' });
  await updateVersioned(trx, 'teams', id, version, columns, now);
}

// ---- archive (issue 12)

/** What still keeps a round from being finished: items not closed out, look-backs without a result, open orders. */
export interface RoundOpenWork {
  openItems: number;
  pendingLookbacks: number;
  openOrders: number;
}

export async function countRoundOpenWork(db: Db, roundId: number): Promise<RoundOpenWork> {
  const itemsOfRound = (eb: ExpressionBuilder<Database, 'lookbacks' | 'supervision_orders'>) =>
    eb.selectFrom('items').select('id').where('round_id', '=', roundId);
  const [items, lookbacks, orders] = await Promise.all([
    db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId)
      .where('state', '!=', 'closed')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('lookbacks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'scheduled')
      .where('item_id', 'in', itemsOfRound)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('supervision_orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      // Issue 15: a recalled order is done with, as a closed one is.
      .where('status', 'not in', ['closed', 'recalled'])
      .where('item_id', 'in', itemsOfRound)
      .executeTakeFirstOrThrow(),
  ]);
  return { openItems: Number(items.n), pendingLookbacks: Number(lookbacks.n), openOrders: Number(orders.n) };
}

/** Archives (a user and a time) or unarchives (null, null) a round at the version the caller read. */
export function setRoundArchived(
  trx: Db,
  id: number,
  version: number,
  archived: { at: string; by: number } | null,
  now: Date,
) {
  return updateVersioned(
    trx,
    'rounds',
    id,
    version,
    { archived_at: archived?.at ?? null, archived_by: archived?.by ?? null },
    now,
  );
}

/** Kept per process, invalidated across processes by the `rounds` cache topic (migration 20261208100700). */
const archivedCache = new CoherentCache<number[]>(['rounds'], 10 * 60_000, 1);

/**
 * The ids of the archived rounds: a short list, spelled into the default lists' SQL as `round_id not in (…)`. Asked by
 * every default list, so it is cached per process (one statement less per ledger page).
 */
export async function archivedRoundIds(db: Db): Promise<number[]> {
  const ids = await archivedCache.get(db, 'archived', async () =>
    (await db.selectFrom('rounds').select('id').where('archived_at', 'is not', null).execute()).map((r) => r.id),
  );
  return ids ?? [];
}

/** Whether the round is archived (a write under it is refused); an unknown round is not. */
export async function isRoundArchived(db: Db, roundId: number): Promise<boolean> {
  const row = await db.selectFrom('rounds').select('archived_at').where('id', '=', roundId).executeTakeFirst();
  return !!row?.archived_at;
}

/** Whether the round an inspection belongs to is archived. */
export async function isInspectionArchived(db: Db, inspectionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('inspections as i')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .select('r.archived_at')
    .where('i.id', '=', inspectionId)
    .executeTakeFirst();
  return !!row?.archived_at;
}

/** Whether the round an item belongs to is archived. */
export async function isItemArchived(db: Db, itemId: number): Promise<boolean> {
  const row = await db
    .selectFrom('items as i')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .select('r.archived_at')
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  return !!row?.archived_at;
}
