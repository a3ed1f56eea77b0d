import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

// What the demo seeded (its units, accounts and rounds), so that `rectify demo --remove` deletes the demo world and
// nothing entered beside it, and the web can say while demo accounts exist. Everything else the demo wrote hangs off
// these (inspections of its units or rounds, their items, …).
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('demo_records')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_records_pk', ['entity', 'entity_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_records').execute();
}
