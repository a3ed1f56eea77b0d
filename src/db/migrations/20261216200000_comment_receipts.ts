import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 15, public comments: the citizen's receipt (stored as a keyed hash, unique), the 转办 to one of the unit's
// departments with a due date, the item it is linked to, the supervisors' internal remarks, and the misses of receipt
// lookups per (hashed) address, counted against guessing.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema.alterTable('public_comments').addColumn('receipt_hash', 'text').execute();
  await db.schema
    .alterTable('public_comments')
    .addColumn('transfer_department_id', 'integer', (c) => c.references('units.id'))
    .execute();
  await db.schema.alterTable('public_comments').addColumn('transfer_due_on', 'text').execute();
  await db.schema.alterTable('public_comments').addColumn('transfer_note', 'text').execute();
  await db.schema.alterTable('public_comments').addColumn('transferred_at', 'text').execute();
  await db.schema
    .alterTable('public_comments')
    .addColumn('transferred_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .alterTable('public_comments')
    .addColumn('item_id', 'integer', (c) => c.references('items.id'))
    .execute();
  await db.schema
    .createIndex('public_comments_receipt')
    .on('public_comments')
    .column('receipt_hash')
    .unique()
    .execute();
  await db.schema
    .createIndex('public_comments_transfer')
    .on('public_comments')
    .columns(['transfer_department_id', 'status'])
    .execute();
  await db.schema.createIndex('public_comments_item').on('public_comments').column('item_id').execute();

  await db.schema
    .createTable('comment_remarks')
    .addColumn('id', id.type, id.build)
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('public_comments.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comment_remarks_comment').on('comment_remarks').columns(['comment_id', 'id']).execute();

  await db.schema
    .createTable('receipt_lookup_misses')
    .addColumn('id', id.type, id.build)
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('receipt_lookup_misses_address')
    .on('receipt_lookup_misses')
    .columns(['address_hash', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('receipt_lookup_misses').execute();
  await db.schema.dropTable('comment_remarks').execute();
  await db.schema.dropIndex('public_comments_item').execute();
  await db.schema.dropIndex('public_comments_transfer').execute();
  await db.schema.dropIndex('public_comments_receipt').execute();
  for (const column of [
    'item_id',
    'transferred_by',
    'transferred_at',
    'transfer_note',
    'transfer_due_on',
    'transfer_department_id',
    'receipt_hash',
  ]) {
    await db.schema.alterTable('public_comments').dropColumn(column).execute();
  }
}
