import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { SearchKind } from '../domain/search.ts';
import type { ReadScope } from '../policies/policies.ts';
import { coversWholeTree, scopedItems } from './items.repository.ts';
import { bodyMatches } from './search-match.ts';

/**
 * The search index (issue 16, migration 20261217100000): search_docs holds one row per indexed text, kept by triggers on
 * the source tables (so every write is indexed in its own transaction); SQLite matches through the FTS5 trigram table
 * search_fts, PostgreSQL through the pg_trgm GIN index on body. A term shorter than three characters cannot use either:
 * it is a LIKE over the rows already narrowed by scope and by the longer terms, read newest first and stopped at the limit.
 */

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export interface SearchHit {
  id: number;
  kind: SearchKind;
  sourceId: number;
  itemId: number;
  itemNumber: string | null;
  itemTitle: string;
  body: string;
  note: string | null;
}

export interface SearchQuery {
  scope: ReadScope;
  terms: string[];
  limit: number;
  today: string;
  /** Public comments are shown to those who may read them: not to departments, whose comments are passed on by name. */
  withComments: boolean;
}

/** The newest indexed texts matching every term, among the items the scope reads. */
export async function searchDocs(db: Db, query: SearchQuery): Promise<SearchHit[]> {
  if (query.terms.length === 0) return [];
  let q = db
    .selectFrom('search_docs as d')
    .select(['d.id', 'd.kind', 'd.source_id', 'd.item_id', 'd.body', 'd.note'])
    .where(await bodyMatches(db, query.terms));
  if (!(await coversWholeTree(db, query.scope))) {
    const items = (await scopedItems(db, query.scope, {}, query.today)).select('i.id');
    // SQLite: the unary + keeps the planner off the item_id index, which reads every text of the scope and sorts them;
    // the newest-first walk of the key (or of the FTS matches) with the scope's ids in a lookup table stops at the limit.
    q = isPostgres(db) ? q.where('d.item_id', 'in', items) : q.where(sql<boolean>`+d.item_id in (${items})`);
  }
  if (!query.withComments) q = q.where('d.kind', '!=', 'comment');
  const rows = await q.orderBy('d.id', 'desc').limit(query.limit).execute();
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.item_id))];
  const items = new Map(
    (await db.selectFrom('items').select(['id', 'number', 'title']).where('id', 'in', ids).execute()).map((i) => [
      i.id,
      i,
    ]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as SearchKind,
    sourceId: r.source_id,
    itemId: r.item_id,
    itemNumber: items.get(r.item_id)?.number ?? null,
    itemTitle: items.get(r.item_id)?.title ?? '',
    body: r.body,
    note: r.note,
  }));
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
    const nl = pg ? sql`chr(10)` : sql`char(10)`;
    const kept = await trx
      .selectFrom('search_docs')
      .select(['source_id', 'body', 'extract_state', 'note'])
      .where('kind', '=', 'evidence')
      .where('extract_state', '!=', 'pending')
      .execute();
    await trx.deleteFrom('search_docs').execute();
    if (!pg) await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(trx);
    const counts: Record<string, number> = {};
    const fill = async (kind: string, select: ReturnType<typeof sql>) => {
      const r = await sql`insert into search_docs (kind, source_id, item_id, body, extract_state) ${select}`.execute(
        trx,
      );
      counts[kind] = Number(r.numAffectedRows ?? 0);
    };
    await fill(
      'item',
      sql`select 'item', id, id, title || ${nl} || coalesce(description, ''), null from items order by id`,
    );
    await fill('measure', sql`select 'measure', id, item_id, content, null from measures order by id`);
    await fill('progress', sql`select 'progress', id, item_id, content, null from progress_entries order by id`);
    await fill('outcome', sql`select 'outcome', id, item_id, title, null from outcomes order by id`);
    await fill(
      'comment',
      sql`select 'comment', id, item_id, content || ${nl} || coalesce(answer, ''), null from public_comments where item_id is not null order by id`,
    );
    await fill(
      'evidence',
      sql`select 'evidence', id, item_id, file_name || ${nl} || coalesce(note, ''), 'pending' from evidence order by id`,
    );
    for (const k of kept)
      await trx
        .updateTable('search_docs')
        .set({ body: k.body, extract_state: k.extract_state, note: k.note })
        .where('kind', '=', 'evidence')
        .where('source_id', '=', k.source_id)
        .execute();
    return counts;
  });
}
