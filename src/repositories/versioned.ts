import type { Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { AppError, appError } from '../errors.ts';

export type VersionedTable = {
  [K in keyof Database]: Database[K] extends { version: unknown; id: unknown } ? K : never;
}[keyof Database];

/** The columns a versioned write may set; the version and the update time are this module's to set. */
export type VersionedPatch<T extends VersionedTable> = Omit<Updateable<Database[T]>, 'id' | 'version' | 'updated_at'>;

const WITHOUT_UPDATED_AT: VersionedTable[] = ['aspects', 'outcomes', 'work_log'];

/**
 * Optimistic concurrency for every editable record: the write names the version it read and is refused
 * with 409 when someone saved in between, so a stale edit is never silently lost. `now` is the caller's clock.
 */
export async function updateVersioned<T extends VersionedTable>(
  trx: Db,
  table: T,
  id: number,
  expectedVersion: number,
  patch: VersionedPatch<T>,
  now: Date,
): Promise<void> {
  const values = {
    ...patch,
    version: expectedVersion + 1,
    ...(WITHOUT_UPDATED_AT.includes(table) ? {} : { updated_at: now.toISOString() }),
  };
  // Kysely cannot follow a table chosen by a type parameter: the patch is checked per table in the signature above.
  const result = await trx
    .updateTable(table as VersionedTable)
    .set(values as VersionedPatch<VersionedTable>)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return;
  const current = await trx
    .selectFrom(table as VersionedTable)
    .select('version')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw AppError.notFound(table, id);
  const versions = { currentVersion: current.version, yourVersion: expectedVersion };
  throw appError('stale_version', versions, versions);
}

/**
 * The columns of camelCase fields, in the fields' own order: a field left undefined (or not a column) is left out
 * (in a patch: left alone), and a boolean is stored as 0/1. What comes back is what is written, which is also what an audit event records.
 */
export function columnsOf<C extends object, P extends object>(
  fields: P,
  columnOf: { [K in keyof P]-?: keyof C & string },
): C {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    const column = columnOf[field as keyof P];
    if (value === undefined || column === undefined) continue;
    columns[column] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  return columns as C;
}
