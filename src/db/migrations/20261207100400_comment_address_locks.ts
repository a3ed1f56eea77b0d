import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

// One row per (keyed hash of a) commenting address, locked by each comment's transaction before it counts the last
// hour's comments, so that concurrent posts from one address are counted one after another (issue 11: on PostgreSQL,
// count-then-insert let 14 of 5 through).
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('comment_address_locks')
    .addColumn('address_hash', 'text', (c) => c.primaryKey())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_address_locks').execute();
}
