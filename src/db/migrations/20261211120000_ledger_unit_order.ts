import { type Kysely, sql } from 'kysely';

// Issue 14: the ledger's default order is unit, then 挂牌督办 first, then 序号 (sort_order, id) in the direction asked;
// units and the flag keep their order either way. An index in each direction makes a first page one ordered read and
// a later page a few ranges of it (items.repository listItems). The flag-first index it replaces was read by nothing
// else: a filter on the flag alone reads the new index in unit order and skips the other rows.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index items_unit_flagged_sort_order on items (unit_id, flagged desc, sort_order, id)`.execute(db);
  await sql`create index items_unit_flagged_sort_order_desc on items (unit_id, flagged desc, sort_order desc, id desc)`.execute(
    db,
  );
  await db.schema.dropIndex('items_flagged_sort_order').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('items_flagged_sort_order')
    .on('items')
    .columns(['flagged', 'sort_order', 'id'])
    .execute();
  await db.schema.dropIndex('items_unit_flagged_sort_order_desc').execute();
  await db.schema.dropIndex('items_unit_flagged_sort_order').execute();
}
