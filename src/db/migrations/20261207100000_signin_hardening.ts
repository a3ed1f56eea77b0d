import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Sign-in hardening (issue 11): slowed, atomically counted attempts per account and per address; forced and expiring
// passwords with a history against reuse; idle sessions and "my sessions".
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The demo's and the built-in admin's published passwords do not expire; every other account's do.
  await db.schema
    .alterTable('users')
    .addColumn('password_expires', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The earliest moment the account's next sign-in attempt is checked; failed_logins counts reserved attempts.
  await db.schema.alterTable('users').addColumn('login_delay_until', 'text').execute();
  await db.schema.alterTable('users').addColumn('last_failed_login_at', 'text').execute();

  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('source_address', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('password_history')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_user').on('password_history').columns(['user_id', 'id']).execute();

  // Failed sign-ins by source address, shared by every server process on the database.
  await db.schema
    .createTable('login_throttle')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('delay_until', 'text', (c) => c.notNull())
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('password_history').execute();
  for (const column of ['last_seen_at', 'source_address', 'user_agent', 'must_change_password']) {
    await db.schema.alterTable('sessions').dropColumn(column).execute();
  }
  for (const column of ['must_change_password', 'password_expires', 'login_delay_until', 'last_failed_login_at']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
