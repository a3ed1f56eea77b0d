import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// The reminder scheduler lives in the database so that it survives restarts and can be shared by two server processes:
// one schedule row per open subject (measure, item or report due date) with the last stage already sent and the date
// of the next; the in-app notifications; and an outbox of e-mail and webhook deliveries worked with retries.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  const now = sql`CURRENT_TIMESTAMP`;
  // Where reminder e-mail goes; nothing else about accounts changes here.
  await db.schema.alterTable('users').addColumn('email', 'text').execute();

  await db.schema
    .createTable('reminder_schedule')
    .addColumn('id', id.type, id.build)
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('last_stage', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_on', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('reminder_schedule_subject', ['subject_kind', 'subject_id'])
    .execute();
  await db.schema.createIndex('reminder_schedule_next_on').on('reminder_schedule').column('next_on').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', id.type, id.build)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('deliveries_due').on('deliveries').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deliveries').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('reminder_schedule').execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
}
