import type { Insertable } from 'kysely';
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

/** The inspection's problems as they are now (inside the import's transaction, after the lock above). */
export function problemsOfInspection(trx: Db, inspectionId: number): Promise<{ id: number; title: string }[]> {
  return trx.selectFrom('problems').select(['id', 'title']).where('inspection_id', '=', inspectionId).execute();
}

/** An item of the live ledger as an import matches and updates it. */
export interface LiveItem {
  id: number;
  aspectId: number | null;
  number: string | null;
  title: string;
  kind: string;
  deadline: string | null;
  leadDepartmentId: number | null;
  responsibleLeader: string | null;
  state: string;
  version: number;
}

/** The inspection's items in ledger order, for matching the rows of an import against. */
export function liveItemsOfInspection(db: Db, inspectionId: number): Promise<LiveItem[]> {
  return db
    .selectFrom('items')
    .select([
      'id',
      'aspect_id as aspectId',
      'number',
      'title',
      'kind',
      'deadline',
      'lead_department_id as leadDepartmentId',
      'responsible_leader as responsibleLeader',
      'state',
      'version',
    ])
    .where('inspection_id', '=', inspectionId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/**
 * What a preview was computed against, as text to hash: every item's id and version, the problems, the round's aspects.
 * Any save in between changes a version, so a confirmation can tell the ledger is no longer the one previewed.
 */
export async function ledgerStateText(db: Db, inspection: { id: number; roundId: number }): Promise<string> {
  const [items, problems, aspects] = await Promise.all([
    db.selectFrom('items').select(['id', 'version']).where('inspection_id', '=', inspection.id).orderBy('id').execute(),
    db
      .selectFrom('problems')
      .select(['id', 'title'])
      .where('inspection_id', '=', inspection.id)
      .orderBy('id')
      .execute(),
    db.selectFrom('aspects').select(['id', 'name']).where('round_id', '=', inspection.roundId).orderBy('id').execute(),
  ]);
  return JSON.stringify([
    items.map((i) => `${i.id}:${i.version}`),
    problems.map((p) => `${p.id}:${p.title}`),
    aspects.map((a) => `${a.id}:${a.name}`),
  ]);
}

export async function insertLedgerImport(
  trx: Db,
  record: { inspectionId: number; actorId: number; fileName: string; sha256: string },
  now: Date,
): Promise<number> {
  const row = await trx
    .insertInto('ledger_imports')
    .values({
      inspection_id: record.inspectionId,
      actor_id: record.actorId,
      file_name: record.fileName,
      sha256: record.sha256,
      created_at: now.toISOString(),
      undone_at: null,
      undone_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ImportChange {
  itemId: number | null;
  problemId: number | null;
  /** The fields an update overwrote; null for a row the import created. */
  before: Record<string, unknown> | null;
  versionAfter: number | null;
}

export function insertImportChanges(trx: Db, importId: number, changes: ImportChange[]): Promise<void> {
  return bulkInsert(
    trx,
    'ledger_import_changes',
    changes.map((c) => ({
      import_id: importId,
      item_id: c.itemId,
      problem_id: c.problemId,
      before_json: c.before === null ? null : JSON.stringify(c.before),
      version_after: c.versionAfter,
    })),
  );
}

export async function countLedgerImport(
  trx: Db,
  importId: number,
  counts: { itemsCreated: number; itemsUpdated: number },
): Promise<void> {
  await trx
    .updateTable('ledger_imports')
    .set({ items_created: counts.itemsCreated, items_updated: counts.itemsUpdated })
    .where('id', '=', importId)
    .execute();
}

export interface LedgerImportRecord {
  id: number;
  inspectionId: number;
  actorId: number;
  actorName: string;
  fileName: string;
  itemsCreated: number;
  itemsUpdated: number;
  createdAt: string;
  undoneAt: string | null;
}

function importRecords(db: Db) {
  return db
    .selectFrom('ledger_imports as li')
    .innerJoin('users as u', 'u.id', 'li.actor_id')
    .select([
      'li.id',
      'li.inspection_id as inspectionId',
      'li.actor_id as actorId',
      'u.display_name as actorName',
      'li.file_name as fileName',
      'li.items_created as itemsCreated',
      'li.items_updated as itemsUpdated',
      'li.created_at as createdAt',
      'li.undone_at as undoneAt',
    ]);
}

/** The inspection's imports, newest first. */
export function ledgerImportsOf(db: Db, inspectionId: number, limit: number): Promise<LedgerImportRecord[]> {
  return importRecords(db).where('li.inspection_id', '=', inspectionId).orderBy('li.id', 'desc').limit(limit).execute();
}

export function ledgerImportById(db: Db, importId: number): Promise<LedgerImportRecord | undefined> {
  return importRecords(db).where('li.id', '=', importId).executeTakeFirst();
}

export async function importChangesOf(trx: Db, importId: number): Promise<ImportChange[]> {
  const rows = await trx
    .selectFrom('ledger_import_changes')
    .select(['item_id', 'problem_id', 'before_json', 'version_after'])
    .where('import_id', '=', importId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    problemId: r.problem_id,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as Record<string, unknown>),
    versionAfter: r.version_after,
  }));
}

/**
 * Of the items an import created, those with anything of their own since `since` (an ISO time): a measure edited,
 * progress, evidence, a close-out, an extension, a look-back, an order or a link to a later inspection. Their own edits
 * show in their version, which the caller compares.
 */
export async function createdItemsTouchedSince(trx: Db, itemIds: number[], since: string): Promise<Set<number>> {
  const touched = new Set<number>();
  if (itemIds.length === 0) return touched;
  const add = (rows: { item_id: number | null }[]) => {
    for (const r of rows) if (r.item_id !== null) touched.add(r.item_id);
  };
  for (let i = 0; i < itemIds.length; i += ROWS_PER_STATEMENT) {
    const ids = itemIds.slice(i, i + ROWS_PER_STATEMENT);
    add(
      await trx
        .selectFrom('measures')
        .select('item_id')
        .where('item_id', 'in', ids)
        .where((eb) => eb.or([eb('updated_at', '>', since), eb('version', '>', 1)]))
        .execute(),
    );
    add(
      await trx
        .selectFrom('progress_entries')
        .select('item_id')
        .where('item_id', 'in', ids)
        .where('created_at', '>', since)
        .execute(),
    );
    for (const table of [
      'evidence',
      'close_reviews',
      'outcomes',
      'deadline_extensions',
      'lookbacks',
      'supervision_orders',
      'carried_items',
      // Issue 15: an item marked as a problem clue is the office's now.
      'problem_clues',
    ] as const) {
      add(await trx.selectFrom(table).select('item_id').where('item_id', 'in', ids).execute());
    }
  }
  return touched;
}

/** Deletes items an import created, with what the import wrote for them (measures, progress, the reminder rows). */
export async function deleteImportedItems(trx: Db, itemIds: number[]): Promise<void> {
  for (let i = 0; i < itemIds.length; i += ROWS_PER_STATEMENT) {
    const ids = itemIds.slice(i, i + ROWS_PER_STATEMENT);
    const measureIds = trx.selectFrom('measures').select('id').where('item_id', 'in', ids);
    await trx
      .deleteFrom('reminder_schedule')
      .where((eb) =>
        eb.or([
          eb.and([eb('subject_kind', '=', 'item'), eb('subject_id', 'in', ids)]),
          eb.and([eb('subject_kind', '=', 'measure'), eb('subject_id', 'in', measureIds)]),
        ]),
      )
      .execute();
    await trx.deleteFrom('deadline_history').where('item_id', 'in', ids).execute();
    await trx.deleteFrom('progress_entries').where('item_id', 'in', ids).execute();
    await trx.deleteFrom('measures').where('item_id', 'in', ids).execute();
    await trx.deleteFrom('items').where('id', 'in', ids).execute();
  }
}

/** Deletes problems an import created that no item refers to any more; returns how many went. */
export async function deleteUnusedProblems(trx: Db, problemIds: number[]): Promise<number> {
  if (problemIds.length === 0) return 0;
  const used = new Set(
    (await trx.selectFrom('items').select('problem_id').where('problem_id', 'in', problemIds).execute()).map(
      (r) => r.problem_id,
    ),
  );
  // Issue 15: a problem marked as a problem clue stays, with its clue.
  for (const r of await trx
    .selectFrom('problem_clues')
    .select('problem_id')
    .where('problem_id', 'in', problemIds)
    .execute())
    used.add(r.problem_id);
  const unused = problemIds.filter((id) => !used.has(id));
  if (unused.length > 0) await trx.deleteFrom('problems').where('id', 'in', unused).execute();
  return unused.length;
}

/** Marks an import undone, once: false when another undo got there first. */
export async function markImportUndone(trx: Db, importId: number, actorId: number, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('ledger_imports')
    .set({ undone_at: now.toISOString(), undone_by: actorId })
    .where('id', '=', importId)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
