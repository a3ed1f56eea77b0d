import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MeasureTable } from '../db/schema.ts';
import type { MeasureKind } from '../domain/measure.ts';
import type { AccountabilityKind, OutcomeKind } from '../domain/outcome.ts';
import { responsibleName } from '../domain/people.ts';
import { AppError } from '../errors.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

export interface Measure {
  id: number;
  itemId: number;
  sortOrder: number;
  content: string;
  kind: MeasureKind;
  responsibleLeader: string | null;
  departmentId: number | null;
  department: string | null;
  responsiblePersonId: number | null;
  responsiblePersonName: string | null;
  /** The 责任人 as every page and document prints it (responsibleName): the written name, else the account's. */
  responsiblePerson: string | null;
  deadline: string | null;
  completedOn: string | null;
  version: number;
}

export interface MeasureInput {
  content: string;
  kind: MeasureKind;
  responsibleLeader: string | null;
  departmentId: number | null;
  responsiblePersonId: number | null;
  responsiblePersonName: string | null;
  deadline: string | null;
  completedOn?: string | null;
}

/** A measures row with its department's name, as the API shows it; the plan editor adds the department's path. */
export const toMeasure = (
  r: Selectable<MeasureTable> & { department_name: string | null; person_display_name: string | null },
): Measure => ({
  id: r.id,
  itemId: r.item_id,
  sortOrder: r.sort_order,
  content: r.content,
  kind: r.kind as MeasureKind,
  responsibleLeader: r.responsible_leader,
  departmentId: r.department_id,
  department: r.department_name,
  responsiblePersonId: r.responsible_person_id,
  responsiblePersonName: r.responsible_person_name,
  responsiblePerson: responsibleName({
    personId: r.responsible_person_id,
    personName: r.responsible_person_name,
    accountName: r.person_display_name,
  }),
  deadline: r.deadline,
  completedOn: r.completed_on,
  version: r.version,
});

export async function listMeasures(db: Db, itemId: number): Promise<Measure[]> {
  const rows = await db
    .selectFrom('measures as m')
    .leftJoin('units as d', 'd.id', 'm.department_id')
    .leftJoin('users as pu', 'pu.id', 'm.responsible_person_id')
    .selectAll('m')
    .select(['d.name as department_name', 'pu.display_name as person_display_name'])
    .where('m.item_id', '=', itemId)
    .orderBy('m.sort_order')
    .orderBy('m.id')
    .execute();
  return rows.map(toMeasure);
}

export async function getMeasure(db: Db, id: number): Promise<Measure> {
  const row = await db.selectFrom('measures').select(['item_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('measure', id);
  const found = (await listMeasures(db, row.item_id)).find((m) => m.id === id);
  if (!found) throw AppError.notFound('measure', id);
  return found;
}

const MEASURE_COLUMNS = {
  content: 'content',
  kind: 'kind',
  responsibleLeader: 'responsible_leader',
  departmentId: 'department_id',
  responsiblePersonId: 'responsible_person_id',
  responsiblePersonName: 'responsible_person_name',
  deadline: 'deadline',
  completedOn: 'completed_on',
} as const satisfies Record<keyof MeasureInput, keyof VersionedPatch<'measures'>>;

/** The row of a new measure of an item, at its place in the item's list, stamped with the caller's time. */
export function newMeasureRow(itemId: number, sortOrder: number, m: MeasureInput, now: Date): Insertable<MeasureTable> {
  const at = now.toISOString();
  return {
    ...columnsOf<Insertable<MeasureTable>, MeasureInput>({ ...m, completedOn: m.completedOn ?? null }, MEASURE_COLUMNS),
    item_id: itemId,
    sort_order: sortOrder,
    created_at: at,
    updated_at: at,
  };
}

export async function insertMeasure(
  trx: Db,
  itemId: number,
  sortOrder: number,
  m: MeasureInput,
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('measures')
    .values(newMeasureRow(itemId, sortOrder, m, now))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Changes a measure at the version the editor read; the columns written come back for the audit event. */
export async function patchMeasure(
  trx: Db,
  id: number,
  version: number,
  fields: Partial<MeasureInput>,
  now: Date,
): Promise<VersionedPatch<'measures'>> {
  const columns = columnsOf<VersionedPatch<'measures'>, Partial<MeasureInput>>(fields, MEASURE_COLUMNS);
  await updateVersioned(trx, 'measures', id, version, columns, now);
  return columns;
}

/**
 * Issue 14: on 销号 the measures left without a 完成日期 take the close date; a date already written is the unit's own
 * and stays. Returns the measures written, for the audit event.
 */
export async function completeOpenMeasures(trx: Db, itemId: number, completedOn: string, now: Date): Promise<number[]> {
  const open = await trx
    .selectFrom('measures')
    .select('id')
    .where('item_id', '=', itemId)
    .where('completed_on', 'is', null)
    .execute();
  if (open.length === 0) return [];
  const ids = open.map((r) => r.id);
  await trx
    .updateTable('measures')
    .set((eb) => ({ completed_on: completedOn, version: eb('version', '+', 1), updated_at: now.toISOString() }))
    .where('id', 'in', ids)
    .execute();
  return ids;
}

export async function nextMeasureSortOrder(db: Db, itemId: number): Promise<number> {
  const r = await db
    .selectFrom('measures')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return (r?.m ?? 0) + 1;
}

// ---- progress entries (整改进展)

export interface ProgressEntry {
  id: number;
  itemId: number;
  measureId: number | null;
  entryOn: string;
  content: string;
  authorId: number | null;
  author: string | null;
  createdAt: string;
}

export async function listProgress(db: Db, itemId: number): Promise<ProgressEntry[]> {
  const rows = await db
    .selectFrom('progress_entries as p')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .selectAll('p')
    .select('u.display_name')
    .where('p.item_id', '=', itemId)
    .orderBy('p.entry_on', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    measureId: r.measure_id,
    entryOn: r.entry_on,
    content: r.content,
    authorId: r.author_id,
    author: r.display_name,
    createdAt: r.created_at,
  }));
}

export async function insertProgress(
  trx: Db,
  p: { itemId: number; measureId: number | null; entryOn: string; content: string; authorId: number | null },
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('progress_entries')
    .values({
      item_id: p.itemId,
      measure_id: p.measureId,
      entry_on: p.entryOn,
      content: p.content,
      author_id: p.authorId,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

// ---- evidence (佐证材料): rows here, bytes in the content-addressed store

export interface Evidence {
  id: number;
  itemId: number;
  measureId: number | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  effectiveOn: string;
  note: string | null;
  uploadedBy: number | null;
  uploader: string | null;
  uploadedAt: string;
}

export async function listEvidence(db: Db, itemId: number): Promise<Evidence[]> {
  const rows = await db
    .selectFrom('evidence as e')
    .leftJoin('users as u', 'u.id', 'e.uploaded_by')
    .selectAll('e')
    .select('u.display_name')
    .where('e.item_id', '=', itemId)
    .orderBy('e.effective_on')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    measureId: r.measure_id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    effectiveOn: r.effective_on,
    note: r.note,
    uploadedBy: r.uploaded_by,
    uploader: r.display_name,
    uploadedAt: r.uploaded_at,
  }));
}

export async function getEvidence(db: Db, id: number): Promise<Evidence> {
  const row = await db.selectFrom('evidence').select('item_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('evidence', id);
  const found = (await listEvidence(db, row.item_id)).find((e) => e.id === id);
  if (!found) throw AppError.notFound('evidence', id);
  return found;
}

export async function insertEvidence(
  trx: Db,
  e: Omit<Evidence, 'id' | 'uploader' | 'uploadedAt'>,
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('evidence')
    .values({
      item_id: e.itemId,
      measure_id: e.measureId,
      file_name: e.fileName,
      content_type: e.contentType,
      size_bytes: e.sizeBytes,
      sha256: e.sha256,
      effective_on: e.effectiveOn,
      note: e.note,
      uploaded_by: e.uploadedBy,
      uploaded_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Issue 14: removes one evidence row; whether its bytes go too is asked after, since files are shared by content. */
export async function deleteEvidence(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('evidence').where('id', '=', id).execute();
}

/**
 * How many rows still name these bytes (the store keeps one copy per content): evidence of any item, and (issue 15) a
 * submitted 整改情况报告 that happens to be the same file, and a file of an answer to a 督办 order.
 */
export async function countEvidenceOfContent(db: Db, sha256: string): Promise<number> {
  const evidence = await db
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  const reports = await db
    .selectFrom('report_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  const orderFiles = await db
    .selectFrom('supervision_order_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  return Number(evidence.n) + Number(reports.n) + Number(orderFiles.n);
}

// ---- outcomes (建章立制, 问责, 清退/追缴资金, 挽回损失)

export interface Outcome {
  id: number;
  itemId: number;
  kind: OutcomeKind;
  title: string;
  accountabilityKind: AccountabilityKind | null;
  peopleCount: number | null;
  /** Yuan with fen as decimals; stored as integer fen. */
  amountYuan: number | null;
  occurredOn: string | null;
  version: number;
}

export interface OutcomeInput {
  kind: OutcomeKind;
  title: string;
  accountabilityKind: AccountabilityKind | null;
  peopleCount: number | null;
  amountYuan: number | null;
  occurredOn: string | null;
}

export async function listOutcomes(db: Db, itemId: number): Promise<Outcome[]> {
  const rows = await db.selectFrom('outcomes').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    kind: r.kind as OutcomeKind,
    title: r.title,
    accountabilityKind: r.accountability_kind as AccountabilityKind | null,
    peopleCount: r.people_count,
    amountYuan: r.amount_fen === null ? null : Number(r.amount_fen) / 100,
    occurredOn: r.occurred_on,
    version: r.version,
  }));
}

export async function insertOutcome(
  trx: Db,
  itemId: number,
  o: OutcomeInput,
  createdBy: number | null,
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('outcomes')
    .values({
      item_id: itemId,
      kind: o.kind,
      title: o.title,
      accountability_kind: o.accountabilityKind,
      people_count: o.peopleCount,
      amount_fen: o.amountYuan === null ? null : Math.round(o.amountYuan * 100),
      occurred_on: o.occurredOn,
      created_by: createdBy,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

// ---- the close-out review trail

export interface CloseReview {
  id: number;
  event: string;
  actorId: number;
  actor: string | null;
  note: string | null;
  createdAt: string;
}

export async function listCloseReviews(db: Db, itemId: number): Promise<CloseReview[]> {
  const rows = await db
    .selectFrom('close_reviews as c')
    .leftJoin('users as u', 'u.id', 'c.actor_id')
    .selectAll('c')
    .select('u.display_name')
    .where('c.item_id', '=', itemId)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    actorId: r.actor_id,
    actor: r.display_name,
    note: r.note,
    createdAt: r.created_at,
  }));
}

export async function insertCloseReview(
  trx: Db,
  r: { itemId: number; event: string; actorId: number; note: string | null },
  now: Date,
) {
  await trx
    .insertInto('close_reviews')
    .values({
      item_id: r.itemId,
      event: r.event,
      actor_id: r.actorId,
      note: r.note,
      created_at: now.toISOString(),
    })
    .execute();
}
