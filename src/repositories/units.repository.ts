import { CoherentCache } from '../db/cache-coherence.ts';
import type { Db } from '../db/database.ts';
import type { UnitRow } from '../db/schema.ts';
import type { UnitKind } from '../domain/units.ts';
import { AppError } from '../errors.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

export interface Unit {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  code: string;
  kind: UnitKind;
  sortOrder: number;
  version: number;
}

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  parentId: r.parent_id,
  path: r.path,
  name: r.name,
  code: r.code,
  kind: r.kind as UnitKind,
  sortOrder: r.sort_order,
  version: r.version,
});

export async function findUnit(db: Db, id: number): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUnit(row);
}

export async function getUnit(db: Db, id: number): Promise<Unit> {
  const unit = await findUnit(db, id);
  if (!unit) throw AppError.notFound('unit', id);
  return unit;
}

export async function findUnitByCode(db: Db, code: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toUnit(row);
}

/** Units under a path prefix (the path itself included), in tree order. */
export async function listUnits(db: Db, pathPrefix: string, kinds?: UnitKind[]): Promise<Unit[]> {
  let q = db.selectFrom('units').selectAll().where('path', 'like', `${pathPrefix}%`);
  if (kinds?.length) q = q.where('kind', 'in', kinds);
  const rows = await q.orderBy('path').orderBy('sort_order').execute();
  return rows.map(toUnit);
}

// Every ledger request resolves its scope to unit ids; the tree changes a few times a year, so the answer is kept per
// process until a unit is added, changed or removed anywhere (src/db/cache-coherence.ts: by the version rows on SQLite,
// by LISTEN/NOTIFY on PostgreSQL, within the writing transaction's commit either way).
const treeCache = new CoherentCache<unknown>(['units'], 10 * 60_000, 10_000);

export async function cachedTreeLookup<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  return (await treeCache.get(db, key, load)) as T;
}

/** The path is the chain of ids ('/1/4/17/') so that a subtree is one prefix match. */
export async function insertUnit(
  trx: Db,
  input: { parentId: number | null; name: string; code: string; kind: UnitKind; sortOrder?: number },
  now: Date,
): Promise<Unit> {
  const parent = input.parentId === null ? null : await getUnit(trx, input.parentId);
  const at = now.toISOString();
  const inserted = await trx
    .insertInto('units')
    .values({
      parent_id: input.parentId,
      path: '/pending/',
      name: input.name,
      code: input.code,
      kind: input.kind,
      sort_order: input.sortOrder ?? 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent ? parent.path : '/'}${inserted.id}/`;
  await trx.updateTable('units').set({ path }).where('id', '=', inserted.id).execute();
  return getUnit(trx, inserted.id);
}

export interface UnitChanges {
  name?: string;
  sortOrder?: number;
}

/** Renames or reorders a unit; its place in the tree never moves. */
export async function renameUnit(trx: Db, id: number, version: number, changes: UnitChanges, now: Date) {
  const columns = columnsOf<VersionedPatch<'units'>, UnitChanges>(changes, { name: 'name', sortOrder: 'sort_order' });
  await updateVersioned(trx, 'units', id, version, columns, now);
}
