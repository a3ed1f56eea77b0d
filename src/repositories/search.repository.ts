import { type RawBuilder, sql } from 'kysely';
import { type Db, isPostgres } from '../db/database.ts';
import { refillSearchDocs } from '../db/migrations/20261220000000_search_scope.ts';
import type { SearchKind } from '../domain/search.ts';
import type { ReadScope } from '../policies/policies.ts';
import { coversWholeTree, departmentItemIds, pathPrefix, unitIdsUnder } from './items.repository.ts';
import { exactMatch, ftsExpression } from './search-match.ts';

/**
 * The search index (issue 16, migrations 20261217100000 and 20261220000000): search_docs holds one row per indexed
 * text with its item (if any), unit and inspection, kept by triggers on the source tables (so every write is indexed in
 * its own transaction); SQLite narrows through the FTS5 trigram table search_fts, PostgreSQL through the pg_trgm GIN
 * index on body.
 *
 * A search is answered the cheapest of three ways, each bounded, tried in this order:
 * 1. a small scope (a unit, a department, a team with fewer than THRESHOLDS.smallScope texts): every text of it, by the scope's
 *    own index, checked with LIKE; no word is too common for this;
 * 2. the newest THRESHOLDS.recent texts of a large scope, checked with LIKE: a common word (整改, 会议) fills the page here,
 *    before the index would build its long list of matches;
 * 3. the index: the texts holding the words, newest first, stopping when the page is full (SQLite streams the FTS
 *    matches in rowid order; PostgreSQL's planner picks the GIN index for a rare word).
 * Measured in bench/search.ts and docs/PERFORMANCE.md.
 */

const THRESHOLDS = {
  /** A scope with fewer texts is read whole. */
  smallScope: 20_000,
  /** How many of the newest texts the second way reads. */
  recent: 4_000,
  /** A department with more items is tested row by row rather than listed. */
  departmentItems: 2_500,
};

export interface SearchHit {
  id: number;
  kind: SearchKind;
  sourceId: number;
  itemId: number | null;
  itemNumber: string | null;
  itemTitle: string | null;
  body: string;
  note: string | null;
}

export interface SearchQuery {
  scope: ReadScope;
  terms: string[];
  /** How many of the newest matches to return (the caller ranks them). */
  limit: number;
  /** Public comments are shown to those who may read them: not to departments, whose comments are passed on by name. */
  withComments: boolean;
  /** Tests: the thresholds that choose the way (each way must give the same answer). */
  thresholds?: typeof THRESHOLDS;
}

/**
 * The scope as two conditions on d: `indexed` lets the planner use the scope's own index (a small scope is read
 * through it), `checked` only tests each row (the unary + keeps SQLite on the newest-first walk). Null: the whole tree.
 */
async function scopeCondition(
  db: Db,
  scope: ReadScope,
  departmentItems: number,
): Promise<{ indexed: RawBuilder<boolean>; checked: RawBuilder<boolean>; large?: true } | null> {
  const both = (column: string, list: RawBuilder<unknown>) => ({
    indexed: sql<boolean>`${sql.ref(column)} in (${list})`,
    checked: sql<boolean>`+${sql.ref(column)} in (${list})`,
  });
  if (scope.kind === 'team')
    return both('d.inspection_id', sql`select id from inspections where team_id = ${scope.teamId}`);
  if (await coversWholeTree(db, scope)) return null;
  // The units under the scope's path, listed (cached with the tree) or, beyond the listing's bound, as a subquery.
  const ids = await unitIdsUnder(db, scope.path);
  const units =
    ids === null
      ? sql`${db.selectFrom('units').select('id').where(pathPrefix(scope.path))}`
      : sql.join(ids.length > 0 ? ids : [null]);
  if (scope.kind === 'subtree') return both('d.unit_id', units);
  // A department reads the items it leads or has a measure of (the ledger's own scope), and their texts. A small one's
  // items are listed; a large one's are tested row by row on the walks (two key lookups), cheaper than listing them.
  const items = await departmentItemIds(db, scope.path, departmentItems);
  if (items) return both('d.item_id', sql.join(items.length > 0 ? items : [null]));
  const led = sql<boolean>`(exists (select 1 from items i where i.id = d.item_id and i.lead_department_id in (${units}))
      or exists (select 1 from measures m where m.item_id = d.item_id and m.department_id in (${units})))`;
  return { indexed: led, checked: led, large: true };
}

type DocRow = {
  id: number;
  kind: string;
  source_id: number;
  item_id: number | null;
  body: string;
  note: string | null;
};

const and = (conds: RawBuilder<boolean>[]) => sql.join(conds, sql` and `);

async function docs(db: Db, where: RawBuilder<boolean>[], limit: number): Promise<DocRow[]> {
  const { rows } = await sql<DocRow>`select d.id, d.kind, d.source_id, d.item_id, d.body, d.note from search_docs d
    where ${and(where)} order by d.id desc limit ${limit}`.execute(db);
  return rows;
}

/** The newest indexed texts matching every term, among those the scope reads (the three ways above). */
export async function searchDocs(db: Db, query: SearchQuery): Promise<SearchHit[]> {
  if (query.terms.length === 0) return [];
  const exact = exactMatch(db, query.terms);
  const walked = exactMatch(db, query.terms, false);
  const kinds = query.withComments ? [] : [sql<boolean>`d.kind <> 'comment'`];
  const limit = query.limit;
  const { smallScope, recent: recentCount, departmentItems } = query.thresholds ?? THRESHOLDS;
  const scope = await scopeCondition(db, query.scope, departmentItems);

  if (scope && !scope.large) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from
      (select 1 from search_docs d where ${scope.indexed} limit ${smallScope}) s`.execute(db);
    if (Number(rows[0]?.n ?? 0) < smallScope)
      return withItems(db, await docs(db, [scope.indexed, ...kinds, ...walked], limit));
  }
  const checked = scope ? [scope.checked] : [];
  const floor = await sql<{
    id: number;
  }>`select id from search_docs order by id desc limit 1 offset ${recentCount - 1}`.execute(db);
  const recentFloor = floor.rows[0]?.id;
  const recent = await docs(
    db,
    [...(recentFloor === undefined ? [] : [sql<boolean>`d.id >= ${recentFloor}`]), ...checked, ...kinds, ...walked],
    limit,
  );
  if (recentFloor === undefined || recent.length >= limit) return withItems(db, recent);

  if (isPostgres(db)) return withItems(db, await docs(db, [...checked, ...kinds, ...exact], limit));
  const fts = await ftsExpression(db, query.terms);
  if (fts === 'none') return [];
  if (fts === null) return withItems(db, await docs(db, [...checked, ...kinds, ...walked], limit));
  // The FTS table drives, newest match first, and stops at the limit: a word common in old texts is not listed whole.
  const { rows } = await sql<DocRow>`select d.id, d.kind, d.source_id, d.item_id, d.body, d.note
    from search_fts f join search_docs d on d.id = f.rowid
    where search_fts match ${fts} and ${and([...checked, ...kinds, ...exact])}
    order by f.rowid desc limit ${limit}`.execute(db);
  return withItems(db, rows);
}

/** The hits with their items' numbers and titles (a comment linked to no item has none). */
async function withItems(db: Db, rows: DocRow[]): Promise<SearchHit[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.item_id === null ? [] : [r.item_id])))];
  const items = new Map(
    ids.length === 0
      ? []
      : (await db.selectFrom('items').select(['id', 'number', 'title']).where('id', 'in', ids).execute()).map((i) => [
          i.id,
          i,
        ]),
  );
  return rows.map((r) => {
    const item = r.item_id === null ? undefined : items.get(r.item_id);
    return {
      id: r.id,
      kind: r.kind as SearchKind,
      sourceId: r.source_id,
      itemId: r.item_id,
      itemNumber: item?.number ?? null,
      itemTitle: item?.title ?? null,
      body: r.body,
      note: r.note,
    };
  });
}

/** Evidence rows whose text was not read yet, oldest first. */
export async function pendingEvidence(db: Db, limit: number) {
  return db
    .selectFrom('search_docs as d')
    .innerJoin('evidence as e', 'e.id', 'd.source_id')
    .select(['d.id', 'd.source_id', 'e.file_name', 'e.content_type', 'e.sha256', 'e.note', 'e.item_id'])
    .where('d.kind', '=', 'evidence')
    .where('d.extract_state', '=', 'pending')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** The evidence's read text joins its name and note in the index; note says what was skipped, if anything. */
export async function setEvidenceText(
  db: Db,
  docId: number,
  body: string,
  state: 'done' | 'skipped',
  note: string | null,
): Promise<void> {
  await db.updateTable('search_docs').set({ body, extract_state: state, note }).where('id', '=', docId).execute();
}

/**
 * Rebuilds the whole index from the source tables (`rectify search reindex`): for data written before the triggers, or
 * after a restore. Evidence texts already read are kept; the rest go back to pending.
 */
export async function reindexAll(db: Db): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const pg = isPostgres(trx);
    return refillSearchDocs(trx, pg ? 'postgres' : 'sqlite', async () => {
      await trx.deleteFrom('search_docs').execute();
      if (!pg) await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(trx);
    });
  });
}
