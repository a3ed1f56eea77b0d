import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// What the unit writes for each document of an inspection (the rest is generated from the ledger), one row per kind.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  const now = sql`CURRENT_TIMESTAMP`;
  await db.schema
    .createTable('notice_drafts')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('as_of', 'text')
    .addColumn('organising', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('public_from', 'text')
    .addColumn('public_to', 'text')
    .addColumn('contacts_json', 'text', (c) =>
      c.notNull().defaultTo('{"phone":[],"email":[],"postal":null,"postcode":null}'),
    )
    .addColumn('addressee', 'text')
    .addColumn('signatory', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('notice_drafts_inspection_kind', ['inspection_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notice_drafts').execute();
}
