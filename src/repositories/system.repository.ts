import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Proves the database answers; the health check's one query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
