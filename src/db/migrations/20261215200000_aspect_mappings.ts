import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 15: the office's mapping between two rounds' aspects (问题方面), so a repeat is found when a round renamed its
// aspects. One row per pair; an earlier aspect with no counterpart is a row without a later aspect, so a round pair
// the office has mapped is known even when nothing corresponds.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('aspect_mappings')
    .addColumn('id', id.type, id.build)
    .addColumn('earlier_round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('later_round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('earlier_aspect_id', 'integer', (c) => c.notNull().references('aspects.id'))
    .addColumn('later_aspect_id', 'integer', (c) => c.references('aspects.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('aspect_mappings_rounds')
    .on('aspect_mappings')
    .columns(['later_round_id', 'earlier_round_id', 'earlier_aspect_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('aspect_mappings').execute();
}
