import { type Kysely, sql } from 'kysely';
import { idColumn, type MigrationContext } from '../migration-helpers.ts';

// Migrations take Kysely<any>: they describe tables as they were then, not the typed schema of today.
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const id = idColumn(ctx.dialect);
  const now = sql`CURRENT_TIMESTAMP`;

  await db.schema
    .createTable('units')
    .addColumn('id', id.type, id.build)
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    // Byte order on PostgreSQL too, so a subtree is an index range ('/1/4/' ≤ path < '/1/40').
    .addColumn('path', ctx.dialect === 'postgres' ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('units_path').on('units').column('path').execute();
  await db.schema.createIndex('units_parent').on('units').column('parent_id').execute();

  await db.schema
    .createTable('rounds')
    .addColumn('id', id.type, id.build)
    .addColumn('committee_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('aspects')
    .addColumn('id', id.type, id.build)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('aspects_round_name', ['round_id', 'name'])
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', id.type, id.build)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('leader_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('teams_round_name', ['round_id', 'name'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', id.type, id.build)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('users_unit').on('users').column('unit_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', id.type, id.build)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_on', 'text', (c) => c.notNull())
    .addColumn('to_on', 'text', (c) => c.notNull())
    .addColumn('feedback_on', 'text')
    .addColumn('concentrated_until', 'text')
    .addColumn('report_due_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('inspections_unit').on('inspections').column('unit_id').execute();
  await db.schema.createIndex('inspections_round').on('inspections').columns(['round_id', 'unit_id']).execute();
  await db.schema.createIndex('inspections_team').on('inspections').column('team_id').execute();

  await db.schema
    .createTable('problems')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('aspect_id', 'integer', (c) => c.references('aspects.id'))
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('problems_inspection').on('problems').column('inspection_id').execute();

  // unit_id, round_id and aspect_id repeat what the inspection and problem say so that the ledger's
  // filters and access scope are one indexed table away at province scale.
  await db.schema
    .createTable('items')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('aspect_id', 'integer', (c) => c.references('aspects.id'))
    .addColumn('problem_id', 'integer', (c) => c.references('problems.id'))
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('suggestion', 'text')
    .addColumn('target', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('lead_department_id', 'integer', (c) => c.references('units.id'))
    .addColumn('responsible_leader', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('close_stage', 'text')
    .addColumn('close_requested_by', 'integer', (c) => c.references('users.id'))
    .addColumn('close_approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withheld', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withheld_reason', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  for (const [name, cols] of [
    ['items_inspection', ['inspection_id', 'sort_order']],
    ['items_unit_deadline', ['unit_id', 'deadline', 'id']],
    ['items_unit_state', ['unit_id', 'state', 'deadline']],
    ['items_round_unit', ['round_id', 'unit_id', 'state']],
    ['items_deadline', ['deadline', 'id']],
    ['items_state_deadline', ['state', 'deadline', 'id']],
    ['items_aspect', ['aspect_id']],
    ['items_problem', ['problem_id']],
    ['items_lead_department', ['lead_department_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('items')
      .columns([...cols])
      .execute();
  }

  await db.schema
    .createTable('measures')
    .addColumn('id', id.type, id.build)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('responsible_leader', 'text')
    .addColumn('department_id', 'integer', (c) => c.references('units.id'))
    .addColumn('responsible_person_id', 'integer', (c) => c.references('users.id'))
    .addColumn('responsible_person_name', 'text')
    .addColumn('deadline', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('measures_item').on('measures').columns(['item_id', 'sort_order']).execute();
  await db.schema.createIndex('measures_department').on('measures').columns(['department_id', 'item_id']).execute();
  await db.schema.createIndex('measures_person').on('measures').columns(['responsible_person_id', 'item_id']).execute();

  await db.schema
    .createTable('progress_entries')
    .addColumn('id', id.type, id.build)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id'))
    .addColumn('entry_on', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('progress_item').on('progress_entries').columns(['item_id', 'entry_on']).execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', id.type, id.build)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_item').on('evidence').column('item_id').execute();

  await db.schema
    .createTable('outcomes')
    .addColumn('id', id.type, id.build)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('accountability_kind', 'text')
    .addColumn('people_count', 'integer')
    .addColumn('amount_fen', 'bigint')
    .addColumn('occurred_on', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('outcomes_item').on('outcomes').column('item_id').execute();

  await db.schema
    .createTable('close_reviews')
    .addColumn('id', id.type, id.build)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('close_reviews_item').on('close_reviews').column('item_id').execute();

  await db.schema
    .createTable('work_log')
    .addColumn('id', id.type, id.build)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('work_log_inspection').on('work_log').columns(['inspection_id', 'held_on']).execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', id.type, id.build)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_events').columns(['entity', 'entity_id', 'id']).execute();

  // One row that every audit write locks, so the hash chain stays linear under concurrent PostgreSQL writers.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head')
    .values({ id: 1, last_hash: '0'.repeat(64) })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_head',
    'audit_events',
    'work_log',
    'close_reviews',
    'outcomes',
    'evidence',
    'progress_entries',
    'measures',
    'items',
    'problems',
    'inspections',
    'sessions',
    'users',
    'teams',
    'aspects',
    'rounds',
    'units',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
