import { type Insertable, PostgresAdapter } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ProgressEntryTable } from '../db/schema.ts';
import { bulkInsert } from './bulk.repository.ts';
import { type MeasureInput, newMeasureRow } from './item-parts.repository.ts';
import { type NewItemFields, newItemRow } from './items.repository.ts';

/** What a ledger import matches names against: the round's aspects, the unit's departments and people, its problems. */
export async function loadImportLookups(db: Db, inspection: { id: number; roundId: number; unitPath: string }) {
  const [aspects, departments, people, existingProblems] = await Promise.all([
    db
      .selectFrom('aspects')
      .select(['id', 'name'])
      .where('round_id', '=', inspection.roundId)
      .orderBy('sort_order')
      .execute(),
    db
      .selectFrom('units')
      .select(['id', 'code', 'name'])
      .where('kind', '=', 'department')
      .where('path', 'like', `${inspection.unitPath}%`)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('users as u')
      .innerJoin('units as un', 'un.id', 'u.unit_id')
      .select(['u.id', 'u.username', 'u.display_name as displayName'])
      .where('un.path', 'like', `${inspection.unitPath}%`)
      .where('u.active', '=', 1)
      .orderBy('u.id')
      .execute(),
    db.selectFrom('problems').select(['id', 'title']).where('inspection_id', '=', inspection.id).execute(),
  ]);
  return { aspects, departments, people, existingProblems };
}

// Multi-row statements stay under SQLite's and PostgreSQL's bound-parameter limits (see bulk.repository.ts).
const ROWS_PER_STATEMENT = 1000;

/** Inserts items in multi-row statements; ids come back keyed by sort order, which the caller makes unique. */
export async function insertItemsReturningIds(
  trx: Db,
  items: NewItemFields[],
  now: Date,
): Promise<Map<number, number>> {
  const rows = items.map((item) => newItemRow(item, now));
  const ids = new Map<number, number>();
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const back = await trx
      .insertInto('items')
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .returning(['id', 'sort_order'])
      .execute();
    for (const r of back) ids.set(Number(r.sort_order), r.id);
  }
  return ids;
}

/** Inserts measures, each at its place in its item's list; ids come back keyed by `${itemId}:${sortOrder}`. */
export async function insertMeasuresReturningIds(
  trx: Db,
  measures: { itemId: number; sortOrder: number; measure: MeasureInput }[],
  now: Date,
): Promise<Map<string, number>> {
  const rows = measures.map((m) => newMeasureRow(m.itemId, m.sortOrder, m.measure, now));
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const back = await trx
      .insertInto('measures')
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .returning(['id', 'item_id', 'sort_order'])
      .execute();
    for (const r of back) ids.set(`${r.item_id}:${r.sort_order}`, r.id);
  }
  return ids;
}

export interface NewProgress {
  itemId: number;
  measureId: number | null;
  entryOn: string;
  content: string;
  authorId: number | null;
}

export function insertProgressRows(trx: Db, entries: NewProgress[], now: Date): Promise<void> {
  const at = now.toISOString();
  const rows: Insertable<ProgressEntryTable>[] = entries.map((p) => ({
    item_id: p.itemId,
    measure_id: p.measureId,
    entry_on: p.entryOn,
    content: p.content,
    author_id: p.authorId,
    created_at: at,
  }));
  return bulkInsert(trx, 'progress_entries', rows);
}

/**
 * Holds the inspection's row for the rest of the import's transaction, so that two imports into one inspection number
 * their items one after the other: each reads the highest sort order, and on PostgreSQL two transactions would read the
 * same one. SQLite has no row locks and needs none: its writers are serialised by the database lock.
 */
export async function lockInspectionForImport(trx: Db, inspectionId: number): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await trx.selectFrom('inspections').select('id').where('id', '=', inspectionId).forUpdate().execute();
}

/** The inspection's problems as they are now (inside the import's transaction, after the lock above). */
export function problemsOfInspection(trx: Db, inspectionId: number): Promise<{ id: number; title: string }[]> {
  return trx.selectFrom('problems').select(['id', 'title']).where('inspection_id', '=', inspectionId).execute();
}
