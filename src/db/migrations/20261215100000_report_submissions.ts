import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 15 (报送): an inspection's 整改情况报告 recorded as submitted upward: the date, the document number as written
// (〔2026〕12号) and the file, stored in the evidence store by its SHA-256. A correction adds a row and marks the one it
// replaces (superseded_at/by), so the history stays; the current submission is the one not superseded.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('report_submissions')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('superseded_by', 'integer', (c) => c.references('report_submissions.id'))
    .execute();
  await db.schema
    .createIndex('report_submissions_inspection')
    .on('report_submissions')
    .columns(['inspection_id', 'id'])
    .execute();
  // At most one current submission per inspection, on both databases.
  await db.schema
    .createIndex('report_submissions_current')
    .on('report_submissions')
    .column('inspection_id')
    .unique()
    .where(sql<boolean>`superseded_at is null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_submissions').execute();
}
