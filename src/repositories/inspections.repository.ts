import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ProblemTable } from '../db/schema.ts';
import type { ArchivedFilter } from '../domain/archive.ts';
import type { InspectionKind, WorkLogKind } from '../domain/inspection.ts';
import { AppError } from '../errors.ts';
import type { ReadScope } from '../policies/policies.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

export interface Inspection {
  id: number;
  roundId: number;
  roundName: string;
  teamId: number;
  teamName: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  kind: InspectionKind;
  from: string;
  to: string;
  feedbackOn: string | null;
  concentratedUntil: string | null;
  reportDueOn: string | null;
  version: number;
  /** Issue 12: its round is archived (read-only). */
  archived: boolean;
}

export interface InspectionInput {
  roundId: number;
  teamId: number;
  unitId: number;
  kind: InspectionKind;
  from: string;
  to: string;
  feedbackOn: string | null;
  concentratedUntil: string | null;
  reportDueOn: string | null;
}

function selectInspections(db: Db) {
  return db
    .selectFrom('inspections as i')
    .innerJoin('rounds as r', 'r.id', 'i.round_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select([
      'i.id',
      'i.round_id',
      'r.name as round_name',
      'i.team_id',
      't.name as team_name',
      'i.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'i.kind',
      'i.from_on',
      'i.to_on',
      'i.feedback_on',
      'i.concentrated_until',
      'i.report_due_on',
      'i.version',
      'r.archived_at as round_archived_at',
    ]);
}

type InspectionSelection = Awaited<ReturnType<ReturnType<typeof selectInspections>['executeTakeFirstOrThrow']>>;

const toInspection = (r: InspectionSelection): Inspection => ({
  id: r.id,
  roundId: r.round_id,
  roundName: r.round_name,
  teamId: r.team_id,
  teamName: r.team_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  kind: r.kind as InspectionKind,
  from: r.from_on,
  to: r.to_on,
  feedbackOn: r.feedback_on,
  concentratedUntil: r.concentrated_until,
  reportDueOn: r.report_due_on,
  version: r.version,
  archived: r.round_archived_at !== null,
});

export async function listInspections(
  db: Db,
  scope: ReadScope,
  filter: { roundId?: number; unitId?: number; teamId?: number; archived?: ArchivedFilter },
): Promise<Inspection[]> {
  let q = selectInspections(db);
  // Absent, every round: callers inside a command read what exists; the list route passes its default.
  if (filter.archived === 'exclude') q = q.where('r.archived_at', 'is', null);
  if (filter.archived === 'only') q = q.where('r.archived_at', 'is not', null);
  if (scope.kind === 'team') q = q.where('i.team_id', '=', scope.teamId);
  else if (scope.kind === 'subtree') q = q.where('u.path', 'like', `${scope.path}%`);
  else {
    // A department sees the inspection of the unit it belongs to.
    q = q.where(sql<boolean>`${scope.path} like u.path || '%'`);
  }
  if (filter.roundId !== undefined) q = q.where('i.round_id', '=', filter.roundId);
  if (filter.unitId !== undefined) q = q.where('i.unit_id', '=', filter.unitId);
  if (filter.teamId !== undefined) q = q.where('i.team_id', '=', filter.teamId);
  const rows = await q.orderBy('i.round_id', 'desc').orderBy('u.path').limit(5000).execute();
  return rows.map(toInspection);
}

export async function getInspection(db: Db, id: number): Promise<Inspection> {
  const row = await selectInspections(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('inspection', id);
  return toInspection(row);
}

const inspectionColumns = (input: InspectionInput) => ({
  round_id: input.roundId,
  team_id: input.teamId,
  unit_id: input.unitId,
  kind: input.kind,
  from_on: input.from,
  to_on: input.to,
  feedback_on: input.feedbackOn,
  concentrated_until: input.concentratedUntil,
  report_due_on: input.reportDueOn,
});

export async function insertInspection(trx: Db, input: InspectionInput, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('inspections')
    .values({ ...inspectionColumns(input), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Writes an inspection's whole header (dates checked together by the caller) at the version the editor read. */
export function patchInspection(trx: Db, id: number, version: number, input: InspectionInput, now: Date) {
  return updateVersioned(trx, 'inspections', id, version, inspectionColumns(input), now);
}

// ---- problems (反馈问题)

export interface Problem {
  id: number;
  inspectionId: number;
  aspectId: number | null;
  number: string | null;
  title: string;
  description: string | null;
  sortOrder: number;
  version: number;
}

const toProblem = (r: Selectable<ProblemTable>): Problem => ({
  id: r.id,
  inspectionId: r.inspection_id,
  aspectId: r.aspect_id,
  number: r.number,
  title: r.title,
  description: r.description,
  sortOrder: r.sort_order,
  version: r.version,
});

export async function listProblems(db: Db, inspectionId: number): Promise<Problem[]> {
  const rows = await db
    .selectFrom('problems')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(toProblem);
}

export async function getProblem(db: Db, id: number): Promise<Problem> {
  const r = await db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw AppError.notFound('problem', id);
  return toProblem(r);
}

export async function insertProblem(
  trx: Db,
  input: {
    inspectionId: number;
    aspectId: number | null;
    number: string | null;
    title: string;
    description: string | null;
    sortOrder?: number;
  },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('problems')
    .values({
      inspection_id: input.inspectionId,
      aspect_id: input.aspectId,
      number: input.number,
      title: input.title,
      description: input.description,
      sort_order: input.sortOrder ?? 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface ProblemChanges {
  aspectId?: number | null;
  number?: string | null;
  title?: string;
  description?: string | null;
}

/** Corrects a problem at the version the editor read; the columns written come back for the audit event. */
export async function patchProblem(
  trx: Db,
  id: number,
  version: number,
  changes: ProblemChanges,
  now: Date,
): Promise<VersionedPatch<'problems'>> {
  const columns = columnsOf<VersionedPatch<'problems'>, ProblemChanges>(changes, {
    aspectId: 'aspect_id',
    number: 'number',
    title: 'title',
    description: 'description',
  });
  await updateVersioned(trx, 'problems', id, version, columns, now);
  return columns;
}

/** New problems go after the inspection's existing ones, as the feedback lists them. */
export async function nextProblemSortOrder(db: Db, inspectionId: number): Promise<number> {
  const r = await db
    .selectFrom('problems')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('inspection_id', '=', inspectionId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

// ---- the unit's log of organising the work (领导小组, meetings, study sessions, check visits)

export interface WorkLogEntry {
  id: number;
  inspectionId: number;
  kind: WorkLogKind;
  heldOn: string;
  title: string;
  note: string | null;
  version: number;
}

export async function listWorkLog(db: Db, inspectionId: number): Promise<WorkLogEntry[]> {
  const rows = await db
    .selectFrom('work_log')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('held_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    inspectionId: r.inspection_id,
    kind: r.kind as WorkLogKind,
    heldOn: r.held_on,
    title: r.title,
    note: r.note,
    version: r.version,
  }));
}

export async function insertWorkLog(
  trx: Db,
  input: {
    inspectionId: number;
    kind: WorkLogKind;
    heldOn: string;
    title: string;
    note: string | null;
    createdBy: number | null;
  },
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('work_log')
    .values({
      inspection_id: input.inspectionId,
      kind: input.kind,
      held_on: input.heldOn,
      title: input.title,
      note: input.note,
      created_by: input.createdBy,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
