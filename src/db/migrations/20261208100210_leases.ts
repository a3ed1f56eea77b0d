import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

// A task that must run in one place across several servers on one database (the reminder sweep) is run by whoever
// holds its lease row; a holder that dies lets it go when expires_at passes.
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('leases').execute();
}
