import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ArchivedFilter } from '../domain/archive.ts';
import type { ClueState } from '../domain/clues.ts';
import { AppError } from '../errors.ts';
import { updateVersioned, type VersionedPatch } from './versioned.ts';

/** Issue 15 (问题线索): a problem or an item marked as a problem clue, handed to the 纪委监委 and followed. */
export interface Clue {
  id: number;
  roundId: number;
  roundName: string;
  inspectionId: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  problemId: number | null;
  itemId: number | null;
  /** The marked problem's or item's number and title, as the ledger has them. */
  targetNumber: string | null;
  targetTitle: string;
  description: string;
  state: ClueState;
  markedBy: number;
  markedByName: string | null;
  markedOn: string;
  handedOverOn: string | null;
  receivingBody: string | null;
  handlingDeadline: string | null;
  acceptedOn: string | null;
  filedOn: string | null;
  closedOn: string | null;
  filedCases: number;
  filedPeople: number;
  disciplinedPeople: number;
  organisationalPeople: number;
  otherPeople: number;
  outcomeNote: string | null;
  version: number;
  updatedAt: string;
  /** Its round is archived (issue 12): read-only. */
  archived: boolean;
}

const selectClues = (db: Db) =>
  db
    .selectFrom('problem_clues as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .innerJoin('rounds as r', 'r.id', 'c.round_id')
    .leftJoin('items as i', 'i.id', 'c.item_id')
    .leftJoin('problems as p', 'p.id', 'c.problem_id')
    .leftJoin('users as m', 'm.id', 'c.marked_by')
    .selectAll('c')
    .select([
      'u.name as unit_name',
      'u.path as unit_path',
      'r.name as round_name',
      'r.archived_at',
      'm.display_name as marked_by_name',
      sql<string | null>`coalesce(i.number, p.number)`.as('target_number'),
      sql<string>`coalesce(i.title, p.title)`.as('target_title'),
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof selectClues>['executeTakeFirstOrThrow']>>;

const toClue = (r: Row): Clue => ({
  id: r.id,
  roundId: r.round_id,
  roundName: r.round_name,
  inspectionId: r.inspection_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  problemId: r.problem_id,
  itemId: r.item_id,
  targetNumber: r.target_number,
  targetTitle: r.target_title ?? '',
  description: r.description,
  state: r.state as ClueState,
  markedBy: r.marked_by,
  markedByName: r.marked_by_name,
  markedOn: r.marked_on,
  handedOverOn: r.handed_over_on,
  receivingBody: r.receiving_body,
  handlingDeadline: r.handling_deadline,
  acceptedOn: r.accepted_on,
  filedOn: r.filed_on,
  closedOn: r.closed_on,
  filedCases: Number(r.filed_cases),
  filedPeople: Number(r.filed_people),
  disciplinedPeople: Number(r.disciplined_people),
  organisationalPeople: Number(r.organisational_people),
  otherPeople: Number(r.other_people),
  outcomeNote: r.outcome_note,
  version: Number(r.version),
  updatedAt: r.updated_at,
  archived: r.archived_at !== null,
});

export async function findClue(db: Db, id: number): Promise<Clue | null> {
  const row = await selectClues(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toClue(row) : null;
}

export async function getClue(db: Db, id: number): Promise<Clue> {
  const clue = await findClue(db, id);
  if (!clue) throw AppError.notFound('clue', id);
  return clue;
}

export interface ClueFilter {
  roundId?: number;
  unitId?: number;
  state?: ClueState;
}

/** The clues of units under `path` (the actor's subtree), filtered; the caller orders them (overdue first). */
export async function listClues(db: Db, path: string, filter: ClueFilter): Promise<Clue[]> {
  let q = selectClues(db).where('u.path', 'like', `${path}%`);
  if (filter.roundId !== undefined) q = q.where('c.round_id', '=', filter.roundId);
  if (filter.unitId !== undefined) q = q.where('c.unit_id', '=', filter.unitId);
  if (filter.state !== undefined) q = q.where('c.state', '=', filter.state);
  const rows = await q.orderBy('c.id', 'desc').limit(2000).execute();
  return rows.map(toClue);
}

/** The clues on an item and on the problem it belongs to. */
export async function cluesOfItem(db: Db, itemId: number, problemId: number | null): Promise<Clue[]> {
  const rows = await selectClues(db)
    .where((eb) =>
      problemId === null
        ? eb('c.item_id', '=', itemId)
        : eb.or([eb('c.item_id', '=', itemId), eb('c.problem_id', '=', problemId)]),
    )
    .orderBy('c.id')
    .execute();
  return rows.map(toClue);
}

/** Where a problem or an item lies: what a clue on it records and what its scope check needs. */
export interface ClueTarget {
  roundId: number;
  inspectionId: number;
  unitId: number;
  unitPath: string;
  problemId: number | null;
  archived: boolean;
}

export async function findClueTarget(
  db: Db,
  target: { itemId: number } | { problemId: number },
): Promise<ClueTarget | null> {
  if ('itemId' in target) {
    const row = await db
      .selectFrom('items as i')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .innerJoin('rounds as r', 'r.id', 'i.round_id')
      .select(['i.round_id', 'i.inspection_id', 'i.unit_id', 'u.path', 'i.problem_id', 'r.archived_at'])
      .where('i.id', '=', target.itemId)
      .executeTakeFirst();
    return row
      ? {
          roundId: row.round_id,
          inspectionId: row.inspection_id,
          unitId: row.unit_id,
          unitPath: row.path,
          problemId: row.problem_id,
          archived: row.archived_at !== null,
        }
      : null;
  }
  const row = await db
    .selectFrom('problems as p')
    .innerJoin('inspections as n', 'n.id', 'p.inspection_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .innerJoin('rounds as r', 'r.id', 'n.round_id')
    .select(['n.round_id', 'p.inspection_id', 'n.unit_id', 'u.path', 'r.archived_at'])
    .where('p.id', '=', target.problemId)
    .executeTakeFirst();
  return row
    ? {
        roundId: row.round_id,
        inspectionId: row.inspection_id,
        unitId: row.unit_id,
        unitPath: row.path,
        problemId: target.problemId,
        archived: row.archived_at !== null,
      }
    : null;
}

export interface ClueInput {
  roundId: number;
  inspectionId: number;
  unitId: number;
  problemId: number | null;
  itemId: number | null;
  description: string;
  markedBy: number;
  markedOn: string;
}

/** Whether the problem or item already carries a clue (the unique indexes hold it too). */
export async function clueOn(db: Db, target: { itemId: number } | { problemId: number }): Promise<number | null> {
  const row = await db
    .selectFrom('problem_clues')
    .select('id')
    .$if('itemId' in target, (q) => q.where('item_id', '=', (target as { itemId: number }).itemId))
    .$if('problemId' in target, (q) => q.where('problem_id', '=', (target as { problemId: number }).problemId))
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertClue(trx: Db, input: ClueInput, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('problem_clues')
    .values({
      round_id: input.roundId,
      inspection_id: input.inspectionId,
      unit_id: input.unitId,
      problem_id: input.problemId,
      item_id: input.itemId,
      description: input.description,
      state: 'marked',
      marked_by: input.markedBy,
      marked_on: input.markedOn,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Deletes a clue still waiting to be handed over: true when it did (a parallel hand-over makes it false). */
export async function deleteMarkedClue(trx: Db, id: number, version: number): Promise<boolean> {
  const result = await trx
    .deleteFrom('problem_clues')
    .where('id', '=', id)
    .where('state', '=', 'marked')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export function patchClue(
  trx: Db,
  id: number,
  version: number,
  patch: VersionedPatch<'problem_clues'>,
  now: Date,
): Promise<void> {
  return updateVersioned(trx, 'problem_clues', id, version, patch, now);
}

/** The receiving bodies named before under `path`, the most used first: the hand-over form's suggestions. */
export async function receivingBodies(db: Db, path: string): Promise<string[]> {
  const rows = await db
    .selectFrom('problem_clues as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.receiving_body', (eb) => eb.fn.countAll<number>().as('n')])
    .where('u.path', 'like', `${path}%`)
    .where('c.receiving_body', 'is not', null)
    .groupBy('c.receiving_body')
    .orderBy('n', 'desc')
    .orderBy('c.receiving_body')
    .limit(20)
    .execute();
  return rows.map((r) => r.receiving_body as string);
}

/** What the totals count of a clue. */
export interface ClueFigures {
  unitId: number;
  state: ClueState;
  handlingDeadline: string | null;
  filedCases: number;
  filedPeople: number;
  disciplinedPeople: number;
  organisationalPeople: number;
  otherPeople: number;
}

/**
 * The clues' figures under `path`, narrowed as a ledger filter narrows (round, unit, inspection, archived rounds): the
 * dashboard's and the round summary's (a unit's own clues, as the ledger's unit filter is the unit's own items). One row per clue; clues are few (a handful per round), so they are summed in
 * the domain (clueTotals) rather than in SQL.
 */
export async function clueFigures(
  db: Db,
  path: string,
  filter: { roundId?: number; unitId?: number; inspectionId?: number; archived?: ArchivedFilter },
): Promise<ClueFigures[]> {
  let q = db
    .selectFrom('problem_clues as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .innerJoin('rounds as r', 'r.id', 'c.round_id')
    .select([
      'c.unit_id',
      'c.state',
      'c.handling_deadline',
      'c.filed_cases',
      'c.filed_people',
      'c.disciplined_people',
      'c.organisational_people',
      'c.other_people',
    ])
    .where('u.path', 'like', `${path}%`);
  if (filter.roundId !== undefined) q = q.where('c.round_id', '=', filter.roundId);
  if (filter.inspectionId !== undefined) q = q.where('c.inspection_id', '=', filter.inspectionId);
  if (filter.unitId !== undefined) q = q.where('c.unit_id', '=', filter.unitId);
  if (filter.archived === 'exclude') q = q.where('r.archived_at', 'is', null);
  if (filter.archived === 'only') q = q.where('r.archived_at', 'is not', null);
  const rows = await q.execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    state: r.state as ClueState,
    handlingDeadline: r.handling_deadline,
    filedCases: Number(r.filed_cases),
    filedPeople: Number(r.filed_people),
    disciplinedPeople: Number(r.disciplined_people),
    organisationalPeople: Number(r.organisational_people),
    otherPeople: Number(r.other_people),
  }));
}
