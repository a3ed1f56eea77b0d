import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 15 (督办 as documents): each order carries the document number it was sent under (the counter's scope, its
// sequence in that scope and the number as printed), the recall (撤回: when and why), and files attached to the unit's
// answer, kept in the evidence store by their SHA-256. document_counters holds the last number given in each scope
// (year:2026, round:7): the one row two sendings at once take turns on.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('supervision_orders').addColumn('number_scope', 'text').execute();
  await db.schema.alterTable('supervision_orders').addColumn('number_seq', 'integer').execute();
  await db.schema.alterTable('supervision_orders').addColumn('doc_number', 'text').execute();
  await db.schema.alterTable('supervision_orders').addColumn('recalled_on', 'text').execute();
  await db.schema.alterTable('supervision_orders').addColumn('recall_reason', 'text').execute();
  // No number is given twice in one scope, on both databases (orders sent before numbering have none).
  await db.schema
    .createIndex('supervision_orders_number')
    .on('supervision_orders')
    .columns(['number_scope', 'number_seq'])
    .unique()
    .execute();
  await db.schema
    .createTable('document_counters')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('supervision_order_files')
    .addColumn('id', id.type, id.build)
    .addColumn('order_id', 'integer', (c) => c.notNull().references('supervision_orders.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_order_files_order')
    .on('supervision_order_files')
    .columns(['order_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_order_files').execute();
  await db.schema.dropTable('document_counters').execute();
  await db.schema.dropIndex('supervision_orders_number').execute();
  for (const c of ['recall_reason', 'recalled_on', 'doc_number', 'number_seq', 'number_scope']) {
    await db.schema.alterTable('supervision_orders').dropColumn(c).execute();
  }
}
