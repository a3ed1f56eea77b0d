import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Supervision orders (督办), look-backs (回头看) and rectification evaluations (整改评估): the office's pressure on units
// and the checks that keep closed items closed.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  const now = sql`CURRENT_TIMESTAMP`;
  await db.schema
    .createTable('supervision_orders')
    .addColumn('id', id.type, id.build)
    // Orders sent together share a batch, so the office can see one order to many units as one act.
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('item_id', 'integer', (c) => c.references('items.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('answered_on', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('supervision_orders_unit')
    .on('supervision_orders')
    .columns(['unit_id', 'due_on'])
    .execute();
  await db.schema.createIndex('supervision_orders_item').on('supervision_orders').column('item_id').execute();

  await db.schema
    .createTable('lookbacks')
    .addColumn('id', id.type, id.build)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('finding', 'text')
    .addColumn('scheduled_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('lookbacks_item').on('lookbacks').column('item_id').execute();
  await db.schema.createIndex('lookbacks_due').on('lookbacks').columns(['status', 'due_on']).execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().unique().references('inspections.id'))
    .addColumn('entries_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('evaluated_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('evaluated_on', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  // 挂牌督办 items come first in the ledger's 序号 order: the ledger reads the flagged rows, then the others, each as a
  // range of this index (either direction), so the first page and every keyset page stay a seek.
  await db.schema
    .createIndex('items_flagged_sort_order')
    .on('items')
    .columns(['flagged', 'sort_order', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('items_flagged_sort_order').execute();
  await db.schema.dropTable('evaluations').execute();
  await db.schema.dropTable('lookbacks').execute();
  await db.schema.dropTable('supervision_orders').execute();
}
