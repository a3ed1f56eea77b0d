import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

/**
 * Cross-process invalidation of the caches each server process keeps (a session's actor, a scope's unit ids), fired by
 * the database itself so that no write path — a command, an import, the CLI, a repair by hand — can forget it, and in
 * the transaction of the write, so it is seen exactly when the write is.
 *
 * Two topics: `units` (the tree: scope unit ids, and the unit name and path an actor carries) and `accounts` (users'
 * role, unit, team, activity, password; sessions ended or changed). On SQLite every process reads the version rows
 * (in-process, microseconds); on PostgreSQL the triggers NOTIFY a channel each server LISTENs on (repeated payloads in
 * one transaction are delivered once), and no row is written, so two writers never queue on a shared row.
 *
 * Sign-in bookkeeping (failed attempts, delays, last seen) is left out on purpose: it changes on every sign-in and
 * request and decides nothing a cached session holds.
 */
export const CACHE_CHANNEL = 'rectify_cache';

const USER_COLUMNS =
  'username, display_name, role, unit_id, team_id, active, version, password_hash, must_change_password';
const SESSION_COLUMNS = 'user_id, csrf_token, expires_at, must_change_password';

const watched: { table: string; event: string; topic: 'units' | 'accounts' }[] = [
  { table: 'units', event: 'INSERT', topic: 'units' },
  { table: 'units', event: 'UPDATE', topic: 'units' },
  { table: 'units', event: 'DELETE', topic: 'units' },
  { table: 'users', event: `UPDATE OF ${USER_COLUMNS}`, topic: 'accounts' },
  { table: 'users', event: 'DELETE', topic: 'accounts' },
  { table: 'sessions', event: `UPDATE OF ${SESSION_COLUMNS}`, topic: 'accounts' },
  { table: 'sessions', event: 'DELETE', topic: 'accounts' },
];

const triggerName = (w: (typeof watched)[number]) => `cache_${w.table}_${w.event.split(' ')[0].toLowerCase()}`;

export async function up(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('cache_versions')
    .addColumn('topic', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .insertInto('cache_versions')
    .values([
      { topic: 'units', version: 0 },
      { topic: 'accounts', version: 0 },
    ])
    .execute();
  if (dialect === 'postgres') {
    await sql`
      CREATE FUNCTION rectify_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(${sql.lit(CACHE_CHANNEL)}, TG_ARGV[0]);
        RETURN NULL;
      END $$`.execute(db);
    for (const w of watched)
      await sql
        .raw(
          `CREATE TRIGGER ${triggerName(w)} AFTER ${w.event} ON ${w.table} FOR EACH ROW EXECUTE FUNCTION rectify_cache_notify('${w.topic}')`,
        )
        .execute(db);
  } else {
    for (const w of watched)
      await sql
        .raw(
          `CREATE TRIGGER ${triggerName(w)} AFTER ${w.event} ON ${w.table} FOR EACH ROW BEGIN UPDATE cache_versions SET version = version + 1 WHERE topic = '${w.topic}'; END`,
        )
        .execute(db);
  }
}

export async function down(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  for (const w of watched)
    await sql
      .raw(`DROP TRIGGER IF EXISTS ${triggerName(w)}${dialect === 'postgres' ? ` ON ${w.table}` : ''}`)
      .execute(db);
  if (dialect === 'postgres') await sql`DROP FUNCTION IF EXISTS rectify_cache_notify()`.execute(db);
  await db.schema.dropTable('cache_versions').execute();
}
