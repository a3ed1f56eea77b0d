import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 13 (honest deadlines): once a unit has submitted its plan, an item's deadline moves only through an extension
// request (延期申请) that its leader, and for a 挂牌督办 item also the office, approves. The item keeps the deadline it
// had before its first extension, how many were approved, and the first deadline it is on record as having missed, so
// that moving the deadline can never make an item that was late look punctual. Every change of the deadline, asked or
// edited, is a row of deadline_history.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema.alterTable('inspections').addColumn('plan_submitted_at', 'text').execute();
  await db.schema.alterTable('inspections').addColumn('plan_submitted_by', 'integer').execute();
  await db.schema.alterTable('items').addColumn('original_deadline', 'text').execute();
  await db.schema
    .alterTable('items')
    .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('items').addColumn('missed_deadline', 'text').execute();

  await db.schema
    .createTable('deadline_extensions')
    .addColumn('id', id.type, id.build)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('from_deadline', 'text')
    .addColumn('to_deadline', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** Ids of the item's own evidence rows offered in support, as a JSON array. */
    .addColumn('evidence_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('needs_office', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('unit_decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('unit_decided_at', 'text')
    .addColumn('office_decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('office_decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deadline_extensions_item')
    .on('deadline_extensions')
    .columns(['item_id', 'id'])
    .execute();
  // The approvers' queue: open requests by status.
  await db.schema
    .createIndex('deadline_extensions_status')
    .on('deadline_extensions')
    .columns(['status', 'item_id'])
    .execute();

  await db.schema
    .createTable('deadline_history')
    .addColumn('id', id.type, id.build)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('from_deadline', 'text')
    .addColumn('to_deadline', 'text')
    /** 'edit' (a direct edit before the plan was submitted) or 'extension' (an approved request). */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('extension_id', 'integer', (c) => c.references('deadline_extensions.id'))
    .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('changed_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deadline_history_item').on('deadline_history').columns(['item_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deadline_history').execute();
  await db.schema.dropTable('deadline_extensions').execute();
  await db.schema.alterTable('items').dropColumn('missed_deadline').execute();
  await db.schema.alterTable('items').dropColumn('extension_count').execute();
  await db.schema.alterTable('items').dropColumn('original_deadline').execute();
  await db.schema.alterTable('inspections').dropColumn('plan_submitted_by').execute();
  await db.schema.alterTable('inspections').dropColumn('plan_submitted_at').execute();
}
