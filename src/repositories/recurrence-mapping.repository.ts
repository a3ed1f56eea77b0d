import type { Db } from '../db/database.ts';
import type { AspectPair } from '../domain/recurrence.ts';

// The office's aspect mappings between rounds (issue 15): read for the repeats, replaced whole for a pair of rounds.

const toPair = (row: {
  earlier_round_id: number;
  later_round_id: number;
  earlier_aspect_id: number;
  later_aspect_id: number | null;
}): AspectPair => ({
  earlierRoundId: row.earlier_round_id,
  laterRoundId: row.later_round_id,
  earlierAspectId: row.earlier_aspect_id,
  laterAspectId: row.later_aspect_id,
});

const pairColumns = ['earlier_round_id', 'later_round_id', 'earlier_aspect_id', 'later_aspect_id'] as const;

/** The saved pairs from one round to another, in the earlier round's aspect order. */
export async function aspectMappingOf(db: Db, earlierRoundId: number, laterRoundId: number): Promise<AspectPair[]> {
  const rows = await db
    .selectFrom('aspect_mappings')
    .select(pairColumns)
    .where('later_round_id', '=', laterRoundId)
    .where('earlier_round_id', '=', earlierRoundId)
    .orderBy('id')
    .execute();
  return rows.map(toPair);
}

/** Every saved pair into the later round from any of the earlier ones: what the repeats of one inspection need. */
export async function aspectMappingsInto(db: Db, laterRoundId: number): Promise<AspectPair[]> {
  const rows = await db
    .selectFrom('aspect_mappings')
    .select(pairColumns)
    .where('later_round_id', '=', laterRoundId)
    .orderBy('id')
    .execute();
  return rows.map(toPair);
}

/** Replaces the mapping between two rounds with these rows, inside the caller's transaction. */
export async function replaceAspectMapping(
  trx: Db,
  earlierRoundId: number,
  laterRoundId: number,
  rows: readonly AspectPair[],
  createdBy: number,
  now: Date,
): Promise<void> {
  await trx
    .deleteFrom('aspect_mappings')
    .where('later_round_id', '=', laterRoundId)
    .where('earlier_round_id', '=', earlierRoundId)
    .execute();
  if (rows.length === 0) return;
  const at = now.toISOString();
  await trx
    .insertInto('aspect_mappings')
    .values(
      rows.map((r) => ({
        earlier_round_id: r.earlierRoundId,
        later_round_id: r.laterRoundId,
        earlier_aspect_id: r.earlierAspectId,
        later_aspect_id: r.laterAspectId,
        created_by: createdBy,
        created_at: at,
      })),
    )
    .execute();
}
