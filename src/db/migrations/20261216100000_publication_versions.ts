import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 15 (point 1): publishing as a workflow. Every text a publication shows (or will show) is a row of
// publication_versions: draft → submitted → approved (where the office approves too) → published, or returned with a
// reason; a correction is a new version of the same publication (the portal's address stays), and the one it replaces
// becomes superseded, kept for the history. publication_id is null until a first version is published (the address is
// made then). At most one open version per inspection (partial unique index, on both databases).
// publications gains the correction marks: needs_correction (an item withheld after publishing), its reason, the date
// of the last correction and the number of the version shown. Existing publications become their version 1, published.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('publication_versions')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('publication_id', 'integer', (c) => c.references('publications.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('public_from', 'text', (c) => c.notNull())
    .addColumn('public_to', 'text', (c) => c.notNull())
    .addColumn('contacts_json', 'text', (c) => c.notNull())
    .addColumn('needs_office', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prepared_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('prepared_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('leader_by', 'integer', (c) => c.references('users.id'))
    .addColumn('leader_at', 'text')
    .addColumn('office_by', 'integer', (c) => c.references('users.id'))
    .addColumn('office_at', 'text')
    .addColumn('returned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('returned_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('publication_versions_inspection')
    .on('publication_versions')
    .columns(['inspection_id', 'id'])
    .execute();
  await db.schema
    .createIndex('publication_versions_publication')
    .on('publication_versions')
    .columns(['publication_id', 'number'])
    .execute();
  await db.schema
    .createIndex('publication_versions_open')
    .on('publication_versions')
    .column('inspection_id')
    .unique()
    .where(sql<boolean>`state in ('draft', 'submitted', 'approved', 'returned')`)
    .execute();
  await db.schema
    .alterTable('publications')
    .addColumn('needs_correction', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('publications').addColumn('correction_reason', 'text').execute();
  await db.schema.alterTable('publications').addColumn('corrected_at', 'text').execute();
  await db.schema
    .alterTable('publications')
    .addColumn('shown_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`
    insert into publication_versions (inspection_id, publication_id, number, state, title, body_html, body_text,
      public_from, public_to, contacts_json, needs_office, prepared_by, prepared_at, submitted_by, submitted_at,
      published_at, version, created_at, updated_at)
    select inspection_id, id, 1, 'published', title, body_html, body_text, public_from, public_to, contacts_json, 0,
      published_by, published_at, published_by, published_at, published_at, 1, published_at, published_at
    from publications order by id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publication_versions').execute();
  for (const column of ['needs_correction', 'correction_reason', 'corrected_at', 'shown_version'])
    await db.schema.alterTable('publications').dropColumn(column).execute();
}
