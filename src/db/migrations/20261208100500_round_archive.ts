import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

// Issue 12: a finished round can be archived by the inspection office (read-only, out of the default lists) and
// unarchived again. Both columns are null while the round is live; who archived it stays in the audit trail too.
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('rounds').addColumn('archived_at', 'text').execute();
  // No foreign key to users: users hang under teams, teams under rounds, so one would close a cycle that a restore,
  // inserting parents before children, could not order (src/repositories/backup.repository.ts).
  await db.schema.alterTable('rounds').addColumn('archived_by', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rounds').dropColumn('archived_by').execute();
  await db.schema.alterTable('rounds').dropColumn('archived_at').execute();
}
