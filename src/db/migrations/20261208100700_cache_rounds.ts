import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

/**
 * A third cache topic, `rounds`: which rounds are archived, asked by every default list (items.repository.ts,
 * whereArchived) and now kept per process like the unit tree (20261208100200_cache_versions, whose notify function
 * the PostgreSQL triggers reuse). Only what decides the archived set fires it: a round added or removed, or its
 * archived_at changed.
 */
const watched = [
  { table: 'rounds', event: 'INSERT', name: 'cache_rounds_insert' },
  { table: 'rounds', event: 'UPDATE OF archived_at', name: 'cache_rounds_update' },
  { table: 'rounds', event: 'DELETE', name: 'cache_rounds_delete' },
];

export async function up(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  await db.insertInto('cache_versions').values({ topic: 'rounds', version: 0 }).execute();
  for (const w of watched)
    await sql
      .raw(
        dialect === 'postgres'
          ? `CREATE TRIGGER ${w.name} AFTER ${w.event} ON ${w.table} FOR EACH ROW EXECUTE FUNCTION rectify_cache_notify('rounds')`
          : `CREATE TRIGGER ${w.name} AFTER ${w.event} ON ${w.table} FOR EACH ROW BEGIN UPDATE cache_versions SET version = version + 1 WHERE topic = 'rounds'; END`,
      )
      .execute(db);
}

export async function down(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  for (const w of watched)
    await sql.raw(`DROP TRIGGER IF EXISTS ${w.name}${dialect === 'postgres' ? ` ON ${w.table}` : ''}`).execute(db);
  await db.deleteFrom('cache_versions').where('topic', '=', 'rounds').execute();
}
