import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

// Every ledger sort is read as a range of an index on (sort key, id), so a first page, a keyset page and an offset page
// (which seeks its start from the index alone, items.repository listItems) never sort or read the rows they skip. The
// 序号 order has items_flagged_sort_order, deadline items_deadline_key, id the primary key; 最近更新 had none.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex('items_updated_at').on('items').columns(['updated_at', 'id']).execute();
  if (ctx.dialect === 'postgres') {
    // PostgreSQL reads an expression index without the table only when the query needs no column outside it, and
    // it takes coalesce(deadline, …) as needing deadline: carrying the column lets the deadline seek skip the table.
    await sql`create index items_deadline_key_seek on items (coalesce(deadline, '9999-12-31'), id) include (deadline)`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists items_deadline_key_seek`.execute(db);
  await db.schema.dropIndex('items_updated_at').execute();
}
