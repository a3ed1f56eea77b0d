import type { Db } from '../db/database.ts';

/**
 * The demo world: what src/demo/seed.ts wrote into an empty database, recorded in demo_records (its units, accounts
 * and rounds, all but the committee at the root and the built-in admin, which every installation needs). Everything
 * else the demo wrote hangs off these: the inspections of its units or rounds, their items and all that hangs off them.
 */
export type DemoEntity = 'unit' | 'user' | 'round';

/** Marks everything in the database but the root committee and the built-in admin as demo: it runs right after seeding. */
export async function markDemoWorld(trx: Db, keep: { committeeId: number; adminId: number }) {
  await trx
    .insertInto('demo_records')
    .columns(['entity', 'entity_id'])
    .expression((eb) =>
      eb
        .selectFrom('units')
        .select([eb.val('unit').as('entity'), 'id'])
        .where('id', '!=', keep.committeeId),
    )
    .execute();
  await trx
    .insertInto('demo_records')
    .columns(['entity', 'entity_id'])
    .expression((eb) =>
      eb
        .selectFrom('users')
        .select([eb.val('user').as('entity'), 'id'])
        .where('id', '!=', keep.adminId),
    )
    .execute();
  await trx
    .insertInto('demo_records')
    .columns(['entity', 'entity_id'])
    .expression((eb) => eb.selectFrom('rounds').select([eb.val('round').as('entity'), 'id']))
    .execute();
}

/** Whether any demo account can still sign in: the web shows its 演示数据 banner while one can. */
export async function demoAccountsExist(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('demo_records as d')
    .innerJoin('users as u', 'u.id', 'd.entity_id')
    .select('u.id')
    .where('d.entity', '=', 'user')
    .where('u.active', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The ids of the demo's accounts (`rectify users --demo`). */
export async function demoUserIds(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('demo_records').select('entity_id').where('entity', '=', 'user').execute();
  return new Set(rows.map((r) => r.entity_id));
}

export interface DemoRemoval {
  units: number;
  users: number;
  /** Demo accounts that acted and so appear in the audit trail: kept, deactivated, without a usable password. */
  retiredUsers: number;
  rounds: number;
  inspections: number;
  items: number;
}

/**
 * Deletes the demo world in dependency order, children first, inside the caller's transaction. Real data entered
 * beside it survives: only rows of demo units, demo rounds, their inspections and items, and demo accounts go. An
 * account the audit trail names stays (the trail is never rewritten), deactivated, moved to `parkingUnitId`, with
 * `unusableHash` as its password hash, so it can never sign in.
 */
export async function deleteDemoWorld(trx: Db, parkingUnitId: number, unusableHash: string): Promise<DemoRemoval> {
  const ids = async (entity: DemoEntity) =>
    (await trx.selectFrom('demo_records').select('entity_id').where('entity', '=', entity).execute()).map(
      (r) => r.entity_id,
    );
  const units = await ids('unit');
  const users = await ids('user');
  const rounds = await ids('round');
  const none = [-1];
  const unitIds = units.length ? units : none;
  const userIds = users.length ? users : none;
  const roundIds = rounds.length ? rounds : none;

  const inspections = (
    await trx
      .selectFrom('inspections')
      .select('id')
      .where((eb) => eb.or([eb('unit_id', 'in', unitIds), eb('round_id', 'in', roundIds)]))
      .execute()
  ).map((r) => r.id);
  const inspectionIds = inspections.length ? inspections : none;
  const items = (
    await trx
      .selectFrom('items')
      .select('id')
      .where((eb) =>
        eb.or([eb('inspection_id', 'in', inspectionIds), eb('unit_id', 'in', unitIds), eb('round_id', 'in', roundIds)]),
      )
      .execute()
  ).map((r) => r.id);
  const itemIds = items.length ? items : none;
  const measureIds = trx.selectFrom('measures').select('id').where('item_id', 'in', itemIds);
  const orderIds = trx
    .selectFrom('supervision_orders')
    .select('id')
    .where((eb) => eb.or([eb('unit_id', 'in', unitIds), eb('item_id', 'in', itemIds)]));

  await trx
    .deleteFrom('reminder_schedule')
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_kind', '=', 'item'), eb('subject_id', 'in', itemIds)]),
        eb.and([eb('subject_kind', '=', 'measure'), eb('subject_id', 'in', measureIds)]),
        eb.and([eb('subject_kind', '=', 'report'), eb('subject_id', 'in', inspectionIds)]),
      ]),
    )
    .execute();
  await trx
    .deleteFrom('carried_items')
    .where((eb) => eb.or([eb('inspection_id', 'in', inspectionIds), eb('item_id', 'in', itemIds)]))
    .execute();
  await trx.deleteFrom('lookbacks').where('item_id', 'in', itemIds).execute();
  await trx
    .deleteFrom('aspect_mappings')
    .where((eb) => eb.or([eb('earlier_round_id', 'in', roundIds), eb('later_round_id', 'in', roundIds)]))
    .execute();
  await trx.deleteFrom('supervision_order_files').where('order_id', 'in', orderIds).execute();
  await trx.deleteFrom('supervision_orders').where('id', 'in', orderIds).execute();
  // Issue 15: a numbering scope only the demo's orders used starts again at 1 for the real ones.
  await trx
    .deleteFrom('document_counters')
    .where('scope', 'not in', (eb) =>
      eb
        .selectFrom('supervision_orders')
        .select('number_scope')
        .where('number_scope', 'is not', null)
        .$narrowType<{ number_scope: string }>(),
    )
    .execute();
  await trx.deleteFrom('evaluations').where('inspection_id', 'in', inspectionIds).execute();
  const publicationIds = trx.selectFrom('publications').select('id').where('inspection_id', 'in', inspectionIds);
  const commentIds = trx.selectFrom('public_comments').select('id').where('publication_id', 'in', publicationIds);
  await trx.deleteFrom('comment_remarks').where('comment_id', 'in', commentIds).execute();
  await trx.deleteFrom('public_comments').where('publication_id', 'in', publicationIds).execute();
  await trx.deleteFrom('satisfaction_answers').where('publication_id', 'in', publicationIds).execute();
  await trx.deleteFrom('publication_versions').where('inspection_id', 'in', inspectionIds).execute();
  await trx.deleteFrom('publications').where('inspection_id', 'in', inspectionIds).execute();
  await trx.deleteFrom('notice_drafts').where('inspection_id', 'in', inspectionIds).execute();
  await trx.deleteFrom('work_log').where('inspection_id', 'in', inspectionIds).execute();
  const importIds = trx.selectFrom('ledger_imports').select('id').where('inspection_id', 'in', inspectionIds);
  await trx.deleteFrom('ledger_import_changes').where('import_id', 'in', importIds).execute();
  await trx.deleteFrom('ledger_imports').where('inspection_id', 'in', inspectionIds).execute();
  // Issue 15 (报送): corrections first, as each points at the record that replaced it.
  await trx
    .updateTable('report_submissions')
    .set({ superseded_by: null })
    .where('inspection_id', 'in', inspectionIds)
    .execute();
  await trx.deleteFrom('report_submissions').where('inspection_id', 'in', inspectionIds).execute();
  // Issue 15 (问题线索).
  await trx.deleteFrom('problem_clues').where('inspection_id', 'in', inspectionIds).execute();
  for (const table of ['close_reviews', 'outcomes', 'evidence', 'progress_entries'] as const) {
    await trx.deleteFrom(table).where('item_id', 'in', itemIds).execute();
  }
  await trx.deleteFrom('measures').where('item_id', 'in', itemIds).execute();
  await trx.deleteFrom('items').where('id', 'in', itemIds).execute();
  await trx.deleteFrom('problems').where('inspection_id', 'in', inspectionIds).execute();
  await trx.deleteFrom('inspections').where('id', 'in', inspectionIds).execute();

  // Accounts: those the audit trail names are retired in place of being deleted.
  const ownedByAccount = [
    'sessions',
    'saved_views',
    'notifications',
    'password_history',
    'recovery_codes',
    'login_challenges',
    'api_tokens',
    'external_identities',
  ] as const;
  for (const table of ownedByAccount) {
    await trx.deleteFrom(table).where('user_id', 'in', userIds).execute();
  }
  const named = (
    await trx.selectFrom('audit_events').select('actor_id').distinct().where('actor_id', 'in', userIds).execute()
  ).map((r) => r.actor_id);
  if (named.length) {
    await trx
      .updateTable('users')
      .set({ active: 0, password_hash: unusableHash, unit_id: parkingUnitId, team_id: null, failed_logins: 0 })
      .where('id', 'in', named)
      .execute();
  }
  const deletable = users.filter((id) => !named.includes(id));
  if (deletable.length) await trx.deleteFrom('users').where('id', 'in', deletable).execute();

  await trx.deleteFrom('aspects').where('round_id', 'in', roundIds).execute();
  await trx.deleteFrom('teams').where('round_id', 'in', roundIds).execute();
  await trx.deleteFrom('rounds').where('id', 'in', roundIds).execute();
  // Children before parents: the deepest paths first.
  const unitRows = await trx.selectFrom('units').select(['id', 'path']).where('id', 'in', unitIds).execute();
  for (const u of unitRows.sort((a, b) => b.path.length - a.path.length)) {
    await trx.deleteFrom('units').where('id', '=', u.id).execute();
  }
  await trx.deleteFrom('demo_records').execute();
  return {
    units: unitRows.length,
    users: deletable.length,
    retiredUsers: named.length,
    rounds: rounds.length,
    inspections: inspections.length,
    items: items.length,
  };
}
