import { type ExpressionBuilder, PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { TRIGRAM } from '../domain/search.ts';

// The search index's match (issue 16), shared by the search and the ledger's q. SQLite: the FTS5 trigram table for terms
// of three characters or more, LIKE for shorter ones; PostgreSQL: ILIKE, which the pg_trgm GIN index serves for terms of
// three characters or more.

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** An FTS5 string (a phrase: with the trigram tokenizer, a substring), quotes doubled. */
const ftsPhrase = (term: string) => `"${term.replaceAll('"', '""')}"`;

type DocsEb = ExpressionBuilder<Database & { d: Database['search_docs'] }, 'd'>;

/** Every term occurs in d.body, as SQL on the search_docs row d. */
export function bodyMatches(db: Db, terms: string[]) {
  return (eb: DocsEb) => {
    const conds = [];
    if (isPostgres(db)) {
      for (const t of terms) conds.push(sql<boolean>`d.body ilike ${likePattern(t)} escape '\\'`);
    } else {
      const long = terms.filter((t) => [...t].length >= TRIGRAM);
      if (long.length > 0)
        conds.push(
          sql<boolean>`d.id in (select rowid from search_fts where search_fts match ${long.map(ftsPhrase).join(' ')})`,
        );
      for (const t of terms)
        if ([...t].length < TRIGRAM) conds.push(sql<boolean>`d.body like ${likePattern(t)} escape '\\'`);
    }
    return eb.and(conds);
  };
}

/** The ids of the items with a text matching every term (the ledger's q). */
export function itemIdsMatching(db: Db, terms: string[]) {
  return db.selectFrom('search_docs as d').select('d.item_id').where(bodyMatches(db, terms));
}
