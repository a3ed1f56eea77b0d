import type { Kysely } from 'kysely';

// Closing an item marks its unread deadline reminders read (messages.repository resolveItemReminders), found by the
// page they link to; without an index that update read every notification ever sent, inside the close's transaction.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('notifications_link').on('notifications').columns(['link', 'read_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_link').execute();
}
