import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

// SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535; stay well under both.
const MAX_PARAMETERS = 30_000;

/**
 * Inserts many rows of one table in multi-row statements, inside the caller's transaction.
 * The path for imports and data loads: one round trip per few thousand rows instead of per row.
 */
export async function bulkInsert<T extends keyof Database & string>(
  trx: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    // The rows are typed by the signature; Kysely cannot relate a generic table name to its row type.
    const values = rows.slice(i, i + chunk) as unknown as Parameters<ReturnType<Db['insertInto']>['values']>[0];
    await (trx.insertInto(table) as unknown as ReturnType<Db['insertInto']>).values(values).execute();
  }
}
