import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 15, point 4. 群众满意度测评: one row per answer to a published notice's questionnaire, the address kept only as
// the portal's keyed hash (as for comments). One answer per address, notice and China day: the unique index makes two
// posts at once store one, on both databases. An evaluation now records its parts: the checklist's score, the
// satisfaction's score and answers and the weight applied; `score` stays the final score (the checklist's alone for
// evaluations made before, so their scores and grades do not change).
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('satisfaction_answers')
    .addColumn('id', id.type, id.build)
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
    .addColumn('overall', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('openness', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('remark', 'text')
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('answered_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('satisfaction_answers_once_a_day')
    .on('satisfaction_answers')
    .columns(['publication_id', 'address_hash', 'answered_on'])
    .unique()
    .execute();
  await db.schema.alterTable('evaluations').addColumn('checklist_score', 'real').execute();
  await db.schema.alterTable('evaluations').addColumn('satisfaction_score', 'real').execute();
  await db.schema
    .alterTable('evaluations')
    .addColumn('satisfaction_answers', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('evaluations')
    .addColumn('satisfaction_weight', 'real', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable('evaluations')
    .set((eb) => ({ checklist_score: eb.ref('score') }))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['satisfaction_weight', 'satisfaction_answers', 'satisfaction_score', 'checklist_score']) {
    await db.schema.alterTable('evaluations').dropColumn(column).execute();
  }
  await db.schema.dropTable('satisfaction_answers').execute();
}
