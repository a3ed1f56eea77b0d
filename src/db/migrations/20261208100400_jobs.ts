import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Long work (a ledger import, an evidence binder) runs off the request path as a job (issue 12): the row lives in the
// database, not in the process, so any server answers its progress and a server that died mid-job leaves a stale heartbeat
// that the next start or the sweep turns into a failure.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('jobs')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('phase', 'text')
    .addColumn('result', 'text')
    .addColumn('error_key', 'text')
    .addColumn('error_params', 'text')
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('heartbeat_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_status_heartbeat').on('jobs').columns(['status', 'heartbeat_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
