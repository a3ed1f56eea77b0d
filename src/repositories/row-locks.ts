import { type Db, isPostgres } from '../db/database.ts';

/**
 * Holds a row for the rest of the transaction, so that writes which read some state first and then replace it run one
 * after the other: an import numbering items on from an inspection's highest sort order, a 报送 superseding the current
 * record, the office's aspect mapping replaced whole. On PostgreSQL two such transactions would each read the same
 * state (and each write on top of it); SQLite has no row locks and needs none: its writers are serialised by the
 * database lock.
 */
export async function lockRow(trx: Db, table: 'inspections' | 'rounds', id: number): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx.selectFrom(table).select('id').where('id', '=', id).forUpdate().execute();
}
