import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

// Open items of a unit's earlier inspections shown in its later one: a link, not a copy, so the item keeps one history.
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('carried_items')
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('carried_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('carried_items_pk', ['inspection_id', 'item_id'])
    .execute();
  await db.schema.createIndex('carried_items_item').on('carried_items').column('item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('carried_items').execute();
}
