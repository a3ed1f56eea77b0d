import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Issue 15 (问题线索): a problem or an item marked by the inspection office as a problem clue, handed over (移交) to the
// 纪委监委 and followed there: the transfer date, the receiving body, a handling deadline, the state of its handling with
// the date each step was recorded, and the outcome as counts. Exactly one of problem_id and item_id is set; one clue per
// problem and one per item. unit_id, inspection_id and round_id are the marked row's, kept for the list's filters and
// the scope check. Internal only: no public output reads this table.
const sqlOneTarget = sql`(problem_id is null) <> (item_id is null)`;

export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  await db.schema
    .createTable('problem_clues')
    .addColumn('id', id.type, id.build)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('problem_id', 'integer', (c) => c.references('problems.id'))
    .addColumn('item_id', 'integer', (c) => c.references('items.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('marked_on', 'text', (c) => c.notNull())
    .addColumn('handed_over_on', 'text')
    .addColumn('receiving_body', 'text')
    .addColumn('handling_deadline', 'text')
    .addColumn('accepted_on', 'text')
    .addColumn('filed_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('filed_cases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filed_people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disciplined_people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('organisational_people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('other_people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('problem_clues_one_target', sqlOneTarget)
    .execute();
  await db.schema.createIndex('problem_clues_item').on('problem_clues').column('item_id').unique().execute();
  await db.schema.createIndex('problem_clues_problem').on('problem_clues').column('problem_id').unique().execute();
  await db.schema.createIndex('problem_clues_round').on('problem_clues').columns(['round_id', 'unit_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('problem_clues').execute();
}
