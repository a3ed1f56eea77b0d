import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

/*
 * The audit trail becomes a keyed chain with numbered events (issue 11, hole 7), and every event can say where it came
 * from. Existing events keep their unkeyed hashes (scheme 0) and are numbered in the order they were written; the
 * events written from now on are HMAC-chained (scheme 1) under a key outside the database.
 */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('seq', 'integer').execute();
  await db.schema
    .alterTable('audit_events')
    .addColumn('scheme', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ['source_address', 'user_agent', 'outcome', 'via']) {
    await db.schema.alterTable('audit_events').addColumn(column, 'text').execute();
  }
  await sql`
    UPDATE audit_events SET seq = numbered.n
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_events) AS numbered
    WHERE numbered.id = audit_events.id`.execute(db);
  await db.schema.createIndex('audit_seq').unique().on('audit_events').column('seq').execute();

  await db.schema
    .alterTable('audit_head')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE audit_head SET last_seq = (SELECT count(*) FROM audit_events) WHERE id = 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').dropColumn('last_seq').execute();
  await db.schema.dropIndex('audit_seq').execute();
  for (const column of ['via', 'outcome', 'user_agent', 'source_address', 'scheme', 'seq']) {
    await db.schema.alterTable('audit_events').dropColumn(column).execute();
  }
}
