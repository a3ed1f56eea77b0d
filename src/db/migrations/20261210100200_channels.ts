import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

/**
 * Issue 13, channels: each account's phone and its choice of outward channels (in-app is always on), and each unit's
 * robots (钉钉, 企业微信) and 政务短信 hook. E-mail, both robots and the webhook start on, so an account that had an
 * address keeps its e-mail and a unit that sets a robot hears at once; SMS starts off because every message costs.
 */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('users').addColumn('phone', 'text').execute();
  for (const [column, on] of [
    ['notify_email', 1],
    ['notify_dingtalk', 1],
    ['notify_wecom', 1],
    ['notify_webhook', 1],
    ['notify_sms', 0],
  ] as const) {
    await db.schema
      .alterTable('users')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(on))
      .execute();
  }
  // One row per unit that has set anything; secrets and tokens stay here and are never sent back whole.
  await db.schema
    .createTable('unit_channels')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
    .addColumn('dingtalk_url', 'text')
    .addColumn('dingtalk_secret', 'text')
    .addColumn('wecom_url', 'text')
    .addColumn('sms_url', 'text')
    .addColumn('sms_method', 'text')
    .addColumn('sms_content_type', 'text')
    .addColumn('sms_body', 'text')
    .addColumn('sms_secret', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_channels').execute();
  for (const column of ['phone', 'notify_email', 'notify_dingtalk', 'notify_wecom', 'notify_webhook', 'notify_sms']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
