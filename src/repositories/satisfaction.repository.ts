import type { Db } from '../db/database.ts';
import type { SatisfactionAnswer, SatisfactionLevel } from '../domain/satisfaction.ts';

/** Issue 15, point 4: the answers to the portal's 群众满意度测评, one per address, notice and day. */

export interface NewSatisfactionAnswer {
  publicationId: number;
  answer: SatisfactionAnswer;
  remark: string | null;
  addressHash: string;
  answeredOn: string;
  at: string;
}

/**
 * Stores the answer unless the address already answered this notice today: then null. `on conflict do nothing` on the
 * unique index, so two posts at once store one on both databases without an aborted transaction.
 */
export async function insertSatisfactionAnswer(db: Db, a: NewSatisfactionAnswer): Promise<number | null> {
  const row = await db
    .insertInto('satisfaction_answers')
    .values({
      publication_id: a.publicationId,
      overall: a.answer.overall,
      effect: a.answer.effect,
      openness: a.answer.openness,
      change: a.answer.change,
      remark: a.remark,
      address_hash: a.addressHash,
      answered_on: a.answeredOn,
      created_at: a.at,
    })
    .onConflict((oc) => oc.columns(['publication_id', 'address_hash', 'answered_on']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface StoredAnswer extends SatisfactionAnswer {
  publicationId: number;
  remark: string | null;
  answeredOn: string;
}

const toAnswer = (r: {
  publication_id: number;
  overall: string;
  effect: string;
  openness: string;
  change: string;
  remark: string | null;
  answered_on: string;
}): StoredAnswer => ({
  publicationId: r.publication_id,
  // Written by the command from checked levels only.
  overall: r.overall as SatisfactionLevel,
  effect: r.effect as SatisfactionLevel,
  openness: r.openness as SatisfactionLevel,
  change: r.change as SatisfactionLevel,
  remark: r.remark,
  answeredOn: r.answered_on,
});

const answerColumns = ['publication_id', 'overall', 'effect', 'openness', 'change', 'remark', 'answered_on'] as const;

/** The answers to one notice, newest first (never the address hash). */
export async function answersOfPublication(db: Db, publicationId: number): Promise<StoredAnswer[]> {
  const rows = await db
    .selectFrom('satisfaction_answers')
    .select(answerColumns)
    .where('publication_id', '=', publicationId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toAnswer);
}

/** The answers to every notice of an inspection, with each notice's title. */
export async function answersOfInspection(
  db: Db,
  inspectionId: number,
): Promise<{ publications: { id: number; title: string }[]; answers: StoredAnswer[] }> {
  const publications = await db
    .selectFrom('publications')
    .select(['id', 'title'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('id')
    .execute();
  const rows = await db
    .selectFrom('satisfaction_answers')
    .select(answerColumns)
    .where('publication_id', 'in', db.selectFrom('publications').select('id').where('inspection_id', '=', inspectionId))
    .orderBy('id', 'desc')
    .execute();
  return { publications, answers: rows.map(toAnswer) };
}

/** The notices now published (not withdrawn), for the demo's questionnaire answers. */
export async function publishedNoticeIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('publications')
    .select('id')
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
