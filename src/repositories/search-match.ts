import { type ExpressionBuilder, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { TRIGRAM } from '../domain/search.ts';

// The search index's match (issue 16), shared by the search and the ledger's q.
// - SQLite: terms of three characters or more are phrases of the FTS5 trigram table. A two-character term is the OR of
//   the indexed trigrams that begin with it (search_vocab lists them; the indexed text ends in a newline, so every
//   occurrence begins one), so it too is answered by the index. A one-character term, or a two-character one that begins
//   too many trigrams, is a LIKE over the rows the other conditions leave, read newest first up to the limit.
// - PostgreSQL: ILIKE, which the pg_trgm GIN index serves for three characters or more; a two-character term also asks
//   the GIN index over each text's bigrams (search_bigrams), and ILIKE checks the rows it gives.

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** An FTS5 string (a phrase: with the trigram tokenizer, a substring), quotes doubled. */
const ftsPhrase = (term: string) => `"${term.replaceAll('"', '""')}"`;
/** Beyond this many trigrams a two-character term scans instead (a common pair of digits or letters). */
const MAX_EXPANSION = 400;

type DocsEb = ExpressionBuilder<Database & { d: Database['search_docs'] }, 'd'>;

/** The indexed trigrams that begin with a two-character term (lower-cased, as the tokenizer folds them). */
async function trigramsStarting(db: Db, prefix: string): Promise<string[] | null> {
  const lower = prefix.toLowerCase();
  const { rows } = await sql<{
    term: string;
  }>`select term from search_vocab where term >= ${lower} and term < ${`${lower}\u{10FFFF}`} limit ${MAX_EXPANSION + 1}`.execute(
    db,
  );
  return rows.length > MAX_EXPANSION ? null : rows.map((r) => r.term).filter((t) => t.startsWith(lower));
}

/** Every term occurs in d.body, as SQL on the search_docs row d. */
export async function bodyMatches(db: Db, terms: string[]): Promise<(eb: DocsEb) => ReturnType<DocsEb['and']>> {
  const conds: RawBuilder<boolean>[] = [];
  const length = (t: string) => [...t].length;
  if (isPostgres(db)) {
    for (const t of terms) {
      if (length(t) === 2) conds.push(sql<boolean>`search_bigrams(d.body) @> array[lower(cast(${t} as text))]`);
      conds.push(sql<boolean>`d.body ilike ${likePattern(t)} escape '\\'`);
    }
  } else {
    const fts: string[] = terms.filter((t) => length(t) >= TRIGRAM).map(ftsPhrase);
    for (const t of terms.filter((t) => length(t) < TRIGRAM)) {
      const expansion = length(t) === 2 ? await trigramsStarting(db, t) : null;
      if (expansion?.length === 0) return (eb) => eb.and([sql<boolean>`1 = 0`]);
      if (expansion) fts.push(`(${expansion.map(ftsPhrase).join(' OR ')})`);
      else conds.push(sql<boolean>`d.body like ${likePattern(t)} escape '\\'`);
    }
    if (fts.length > 0)
      conds.unshift(sql<boolean>`d.id in (select rowid from search_fts where search_fts match ${fts.join(' AND ')})`);
  }
  return (eb) => eb.and(conds);
}

/** The ids of the items with a text matching every term (the ledger's q). */
export async function itemIdsMatching(db: Db, terms: string[]) {
  return db
    .selectFrom('search_docs as d')
    .select('d.item_id')
    .where(await bodyMatches(db, terms));
}
