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

/**
 * A term found in more texts than this is common: the newest rows are read and checked with LIKE (most match, so the
 * limit is reached after a few hundred rows), rather than the index's whole list of matches being built and sorted.
 */
const COMMON = 20_000;

type VocabRow = { term: string; doc: number };

/** The indexed trigrams that begin with a two-character term (lower-cased, as the tokenizer folds them), with counts. */
async function trigramsStarting(db: Db, prefix: string): Promise<{ terms: string[]; docs: number } | null> {
  const lower = prefix.toLowerCase();
  const upper = `${lower}\u{10FFFF}`;
  const { rows } = await sql<VocabRow>`select term, doc from search_vocab
    where term >= ${lower} and term < ${upper} limit ${MAX_EXPANSION + 1}`.execute(db);
  if (rows.length > MAX_EXPANSION) return null;
  const found = rows.filter((r) => r.term.startsWith(lower));
  return { terms: found.map((r) => r.term), docs: found.reduce((n, r) => n + Number(r.doc), 0) };
}

/** How many texts hold the rarest trigram of a term of three characters or more: an upper bound of its matches. */
async function rarestTrigram(db: Db, term: string): Promise<number> {
  const chars = [...term.toLowerCase()];
  const grams = [...new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')))].slice(0, 12);
  const { rows } = await sql<VocabRow>`select term, doc from search_vocab where term in (${sql.join(grams)})`.execute(
    db,
  );
  if (rows.length < grams.length) return 0;
  return Math.min(...rows.map((r) => Number(r.doc)));
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
    const fts: string[] = [];
    const scan = (t: string) => conds.push(sql<boolean>`d.body like ${likePattern(t)} escape '\\'`);
    for (const t of terms) {
      if (length(t) >= TRIGRAM) {
        const docs = await rarestTrigram(db, t);
        if (docs === 0) return (eb) => eb.and([sql<boolean>`1 = 0`]);
        if (docs > COMMON) scan(t);
        else fts.push(ftsPhrase(t));
        continue;
      }
      const expansion = length(t) === 2 ? await trigramsStarting(db, t) : null;
      if (expansion?.terms.length === 0) return (eb) => eb.and([sql<boolean>`1 = 0`]);
      if (expansion && expansion.docs <= COMMON) fts.push(`(${expansion.terms.map(ftsPhrase).join(' OR ')})`);
      else scan(t);
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
