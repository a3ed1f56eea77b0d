import { type Kysely, sql } from 'kysely';

// The ledger sorts by deadline with undated items last; SQLite and PostgreSQL disagree on where NULLs sort,
// so the query orders by coalesce(deadline, '9999-12-31'). These indexes carry that exact expression so the
// first page is read in index order instead of sorting every matching row.
const key = sql`coalesce(deadline, '9999-12-31')`;

// Migrations take Kysely<any>: they describe tables as they were then, not the typed schema of today.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index items_state_deadline_key on items (state, ${key}, id)`.execute(db);
  await sql`create index items_unit_deadline_key on items (unit_id, ${key}, id)`.execute(db);
  await sql`create index items_round_state_deadline_key on items (round_id, state, ${key}, id)`.execute(db);
  await sql`create index items_deadline_key on items (${key}, id)`.execute(db);
  // Covers the count of the office's most common view: a round's open items that are overdue.
  await sql`create index items_round_state_deadline on items (round_id, state, deadline)`.execute(db);
  // Everything a round's per-unit overview counts, so it is read from the index alone.
  await sql`create index items_round_overview on items (round_id, unit_id, state, result, deadline, closed_on, withheld, flagged)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'items_state_deadline_key',
    'items_unit_deadline_key',
    'items_round_state_deadline_key',
    'items_deadline_key',
    'items_round_state_deadline',
  ]) {
    await sql`drop index if exists ${sql.raw(name)}`.execute(db);
  }
}
