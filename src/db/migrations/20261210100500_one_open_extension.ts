import { type Kysely, sql } from 'kysely';

// One open 延期申请 per item, held by the database: two requests sent at the same moment both found the item free of
// an open one on PostgreSQL (read committed), and both were written.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index deadline_extensions_one_open on deadline_extensions (item_id)
    where status in ('unit_review', 'office_review')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deadline_extensions_one_open').execute();
}
