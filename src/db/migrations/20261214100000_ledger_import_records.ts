import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 14: an import into a live ledger is kept on record, item by item, so its administrator can undo it for a day:
// the items it created (deleted again) and the fields it changed (restored), each at the version the import left.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('ledger_imports')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('items_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('ledger_imports_inspection')
    .on('ledger_imports')
    .columns(['inspection_id', 'id'])
    .execute();
  // No foreign key on item_id / problem_id: undoing the import deletes the rows it created, and its record stays.
  await db.schema
    .createTable('ledger_import_changes')
    .addColumn('id', id.type, id.build)
    .addColumn('import_id', 'integer', (c) => c.notNull().references('ledger_imports.id'))
    .addColumn('item_id', 'integer')
    .addColumn('problem_id', 'integer')
    /** The fields an update overwrote, as JSON (camelCase); null for a row the import created. */
    .addColumn('before_json', 'text')
    .addColumn('version_after', 'integer')
    .execute();
  await db.schema
    .createIndex('ledger_import_changes_import')
    .on('ledger_import_changes')
    .columns(['import_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_import_changes').execute();
  await db.schema.dropTable('ledger_imports').execute();
}
