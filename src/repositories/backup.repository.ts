import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Dialect } from '../db/migration-helpers.ts';
import type { Database } from '../db/schema.ts';

/**
 * Every table of ours, parents before children (the order rows are restored in; emptied in reverse). The compile-time
 * check below fails when a table is added to the schema but not here; backup.test.ts checks the order against the
 * foreign keys each database actually has.
 */
export const BACKUP_TABLES = [
  'units',
  'rounds',
  'aspects',
  'teams',
  'users',
  'sessions',
  'password_history',
  'login_throttle',
  'inspections',
  'problems',
  'items',
  'measures',
  'progress_entries',
  'evidence',
  'outcomes',
  'close_reviews',
  'work_log',
  'audit_events',
  'audit_head',
  'notice_drafts',
  'saved_views',
  'reminder_schedule',
  'notifications',
  'deliveries',
  'supervision_orders',
  'lookbacks',
  'evaluations',
  'publications',
  'public_comments',
  'portal_key',
  'carried_items',
  'recovery_codes',
  'login_challenges',
  'api_tokens',
  'demo_records',
  'comment_address_locks',
  'jobs',
  // Issue 13 (deadlines).
  'deadline_extensions',
  'deadline_history',
  // Issue 13 (oidc).
  'external_identities',
  'oidc_logins',
  'unit_channels',
  // Issue 14 (ledger imports kept for their undo).
  'ledger_imports',
  'ledger_import_changes',
  // Issue 15 (the office's aspect mappings between rounds).
  'aspect_mappings',
  // Issue 15 (报送).
  'report_submissions',
  // Issue 15 (问题线索).
  'problem_clues',
  // Issue 15 (督办 as documents).
  'document_counters',
  'supervision_order_files',
  // Issue 15, point 4 (群众满意度测评).
  'satisfaction_answers',
  // Issue 15 (public comments: supervisors' remarks, receipt-lookup misses).
  'comment_remarks',
  'receipt_lookup_misses',
  // Issue 15 (publishing as a workflow).
  'publication_versions',
] as const satisfies readonly (keyof Database)[];

export type BackupTable = (typeof BACKUP_TABLES)[number];

/**
 * Tables of the running servers' coordination, not of the data: the caches' version counters (their rows come with the
 * migration) and the leases of once-across-servers tasks. A restored database starts with fresh ones. The search index
 * (issue 16) is derived: the source tables' triggers refill it as the restore inserts their rows.
 */
export const RUNTIME_TABLES = [
  'cache_versions',
  'leases',
  'search_docs',
] as const satisfies readonly (keyof Database)[];
type Unlisted = Exclude<keyof Database, BackupTable | (typeof RUNTIME_TABLES)[number]>;
const everyTableListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTableListed;

/** How each table's rows are ordered in a backup: by its key, so two backups of one database are byte-identical. */
const ORDER: Partial<Record<BackupTable, string[]>> = {
  login_throttle: ['address'],
  carried_items: ['inspection_id', 'item_id'],
  demo_records: ['entity', 'entity_id'],
  comment_address_locks: ['address_hash'],
  unit_channels: ['unit_id'],
  document_counters: ['scope'],
};
const orderOf = (table: BackupTable) => ORDER[table] ?? ['id'];

export type Row = Record<string, unknown>;

export interface SnapshotReader {
  /** The table's rows in key order, a page at a time. */
  rows(table: BackupTable, pageSize?: number): AsyncGenerator<Row[]>;
  /** The newest migration applied, or null on a database never migrated. */
  migrationLevel(): Promise<string | null>;
  auditHead(): Promise<{ seq: number; hash: string }>;
}

function readerOver(trx: Db, dialect: Dialect): SnapshotReader {
  return {
    async *rows(table, pageSize = 2000) {
      const keys = orderOf(table);
      const orderBy = sql.join(keys.map((k) => sql.ref(k)));
      if (keys.length === 1 && keys[0] === 'id') {
        // Keyset pages: each page costs the same however deep into a large table.
        // Some ids are text (sessions, challenges): the last id is compared as it came, number or string.
        let after: unknown = null;
        for (;;) {
          const where: RawBuilder<unknown> = after === null ? sql`` : sql`where id > ${after}`;
          const { rows }: { rows: Row[] } =
            await sql<Row>`select * from ${sql.table(table)} ${where} order by id limit ${pageSize}`.execute(trx);
          if (rows.length === 0) return;
          yield rows;
          if (rows.length < pageSize) return;
          after = rows[rows.length - 1].id;
        }
      }
      for (let offset = 0; ; offset += pageSize) {
        const { rows } =
          await sql<Row>`select * from ${sql.table(table)} order by ${orderBy} limit ${pageSize} offset ${offset}`.execute(
            trx,
          );
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < pageSize) return;
      }
    },
    migrationLevel: () => migrationLevel(trx, dialect),
    async auditHead() {
      const head = await trx
        .selectFrom('audit_head')
        .select(['last_seq', 'last_hash'])
        .where('id', '=', 1)
        .executeTakeFirst();
      return { seq: Number(head?.last_seq ?? 0), hash: head?.last_hash ?? '' };
    },
  };
}

/**
 * Runs `read` inside one snapshot of the whole database, so every table is read as of one instant while writers go
 * on: on PostgreSQL a REPEATABLE READ, READ ONLY transaction; on SQLite a read transaction, whose snapshot includes
 * what is committed in the WAL and not yet checkpointed (which a copy of the file misses).
 */
export function inSnapshot<T>(db: Db, dialect: Dialect, read: (reader: SnapshotReader) => Promise<T>): Promise<T> {
  if (dialect === 'sqlite')
    // A deferred read transaction of its own: the app's transactions begin immediate (src/db/database.ts), taking the
    // write lock, which a backup must not hold while other connections and processes write.
    return db.connection().execute(async (connection) => {
      await sql`begin deferred`.execute(connection);
      try {
        await sql`select count(*) from sqlite_master`.execute(connection);
        return await read(readerOver(connection, dialect));
      } finally {
        await sql`rollback`.execute(connection);
      }
    });
  const begin = db.transaction();
  const tx = dialect === 'postgres' ? begin.setIsolationLevel('repeatable read').setAccessMode('read only') : begin;
  return tx.execute(async (trx) => {
    // The snapshot starts at the first read (SQLite's BEGIN is deferred; PostgreSQL takes it at the first statement).
    await sql`select count(*) from ${sql.table(dialect === 'postgres' ? 'pg_class' : 'sqlite_master')}`.execute(trx);
    return read(readerOver(trx, dialect));
  });
}

/** The newest migration applied; null when the database has never been migrated (no migration table). */
export async function migrationLevel(db: Db, dialect: Dialect): Promise<string | null> {
  // Asked of the catalogue first: on PostgreSQL a failed query would abort the snapshot's transaction.
  const { rows: found } =
    dialect === 'postgres'
      ? await sql<{ name: string | null }>`select to_regclass('kysely_migration')::text as name`.execute(db)
      : await sql<{ name: string | null }>`select name from sqlite_master where name = 'kysely_migration'`.execute(db);
  if (!found[0]?.name) return null;
  const row = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return row.rows[0]?.name ?? null;
}

/** Tables of ours holding rows a user wrote: every table but those a migration fills (audit_head, portal_key). */
export async function tablesWithRows(db: Db): Promise<BackupTable[]> {
  const found: BackupTable[] = [];
  for (const table of BACKUP_TABLES) {
    if (table === 'audit_head' || table === 'portal_key') continue;
    const { rows } = await sql`select 1 as one from ${sql.table(table)} limit 1`.execute(db);
    if (rows.length) found.push(table);
  }
  return found;
}

/** Foreign keys as the database has them: table → the tables it references (itself excluded). */
export async function foreignKeyParents(db: Db, dialect: Dialect): Promise<Map<string, Set<string>>> {
  const parents = new Map<string, Set<string>>();
  const add = (table: string, parent: string) => {
    if (table === parent) return;
    if (!parents.has(table)) parents.set(table, new Set());
    parents.get(table)?.add(parent);
  };
  if (dialect === 'postgres') {
    const { rows } = await sql<{ child: string; parent: string }>`
      select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = current_schema()`.execute(db);
    for (const r of rows) add(r.child, r.parent);
  } else {
    for (const table of BACKUP_TABLES) {
      const { rows } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(db);
      for (const r of rows) add(table, r.table);
    }
  }
  return parents;
}

/** The tables the database has, other than the migrator's and SQLite's own. */
export async function tablesInDatabase(db: Db, dialect: Dialect): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  // search_fts (with its shadow tables) and search_vocab are SQLite's FTS5 index of search_docs, not tables of ours.
  return rows
    .map((r) => r.name)
    .filter(
      (n) =>
        !n.startsWith('kysely_') && !n.startsWith('sqlite_') && !n.startsWith('search_fts') && n !== 'search_vocab',
    );
}

export interface RestoreSource {
  /** The rows of each table of the backup, a page at a time, in BACKUP_TABLES order (tables it lacks are skipped). */
  pages(): AsyncGenerator<{ table: BackupTable; rows: Row[] }>;
}

/**
 * Replaces the contents of every table of ours in one transaction: empties them (children first), inserts the backup's
 * rows (parents first; units shallowest first, as a unit names its parent), and on PostgreSQL moves every id sequence
 * past the largest id, so the next insert does not collide. `beforeCommit` may still refuse, rolling everything back.
 */
export async function replaceAllRows(
  db: Db,
  dialect: Dialect,
  source: RestoreSource,
  beforeCommit: (trx: Db) => Promise<void> = async () => {},
): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    for (const table of [...BACKUP_TABLES].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
    const counts: Record<string, number> = {};
    for await (const { table, rows } of source.pages()) {
      if (rows.length === 0) continue;
      counts[table] = (counts[table] ?? 0) + rows.length;
      // Both databases cap the bound parameters of one statement (SQLite 32,766, PostgreSQL 65,535).
      const columns = Object.keys(rows[0]);
      const perStatement = Math.max(1, Math.floor(30_000 / Math.max(1, columns.length)));
      const into = sql.join(columns.map((c) => sql.ref(c)));
      for (let i = 0; i < rows.length; i += perStatement) {
        const values = rows.slice(i, i + perStatement).map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`);
        await sql`insert into ${sql.table(table)} (${into}) values ${sql.join(values)}`.execute(trx);
      }
    }
    if (dialect === 'postgres') {
      for (const table of BACKUP_TABLES) {
        if (orderOf(table)[0] !== 'id') continue;
        const { rows } = await sql<{
          seq: string | null;
        }>`select pg_get_serial_sequence(${table}, 'id') as seq`.execute(trx);
        const seq = rows[0]?.seq;
        if (!seq) continue;
        await sql`select setval(${seq}, coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
          trx,
        );
      }
    }
    await beforeCommit(trx);
    return counts;
  });
}
