import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';

export interface Round {
  id: number;
  committeeUnitId: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  version: number;
  aspects: Aspect[];
}

export interface Aspect {
  id: number;
  roundId: number;
  name: string;
  sortOrder: number;
}

export interface Team {
  id: number;
  roundId: number;
  name: string;
  leaderName: string | null;
  version: number;
}

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
    aspects: aspects
      .filter((a) => a.round_id === r.id)
      .map((a) => ({ id: a.id, roundId: a.round_id, name: a.name, sortOrder: a.sort_order })),
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
): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await trx
    .insertInto('rounds')
    .values({
      committee_unit_id: input.committeeUnitId,
      name: input.name,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, name] of input.aspects.entries()) {
    await trx.insertInto('aspects').values({ round_id: id, name, sort_order: i }).execute();
  }
  return id;
}

export async function insertAspect(trx: Db, roundId: number, name: string): Promise<Aspect> {
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
  return { id, roundId, name, sortOrder };
}

export async function getAspect(db: Db, id: number): Promise<Aspect> {
  const a = await db.selectFrom('aspects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw AppError.notFound('aspect', id);
  return { id: a.id, roundId: a.round_id, name: a.name, sortOrder: a.sort_order };
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
): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await trx
    .insertInto('teams')
    .values({
      round_id: input.roundId,
      name: input.name,
      leader_name: input.leaderName,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
