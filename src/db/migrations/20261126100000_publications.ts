import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Published notices (frozen at publish time, so the public sees what was linted) and the comments the public sends on them.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  const now = sql`CURRENT_TIMESTAMP`;
  await db.schema
    .createTable('publications')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('public_from', 'text', (c) => c.notNull())
    .addColumn('public_to', 'text', (c) => c.notNull())
    .addColumn('contacts_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('publications_inspection').on('publications').column('inspection_id').execute();
  await db.schema.createIndex('publications_period').on('publications').columns(['status', 'public_to']).execute();

  await db.schema
    .createTable('public_comments')
    .addColumn('id', id.type, id.build)
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('contact', 'text')
    // HMAC of the sender's address under the portal key: enough to count a flood, not enough to identify anyone.
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('public_comments_publication')
    .on('public_comments')
    .columns(['publication_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('public_comments_address')
    .on('public_comments')
    .columns(['address_hash', 'created_at'])
    .execute();

  // One secret per installation, shared by every server process and kept across restarts: it keys the address hashes and
  // signs the comment form's timestamp.
  await db.schema
    .createTable('portal_key')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('portal_key')
    .values({ id: 1, secret: randomBytes(32).toString('hex') })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_key').execute();
  await db.schema.dropTable('public_comments').execute();
  await db.schema.dropTable('publications').execute();
}
