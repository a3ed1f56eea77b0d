import { type RawBuilder, sql } from 'kysely';
import { type Db, isPostgres } from '../db/database.ts';
import { TRIGRAM } from '../domain/search.ts';

// The search index's match (issue 16), shared by the search and the ledger's q. Two parts:
// - exact: every term occurs in d.body (LIKE on SQLite, ILIKE on PostgreSQL, LIKE's wildcards escaped). It decides.
// - narrowing, through an index, to the rows that can match:
//   - SQLite: an FTS5 MATCH over the trigram table. A term of three characters or more is a phrase (with the trigram
//     tokenizer, a substring). A two-character term is the OR of the indexed trigrams that begin with it (search_vocab
//     lists them; the indexed text ends in a newline, so every occurrence begins one). A one-character term, or a
//     two-character one that begins too many trigrams, narrows nothing.
//   - PostgreSQL: ILIKE itself, which the pg_trgm GIN index serves for three characters or more; a two-character term
//     also asks the GIN index over each text's bigrams (search_bigrams).

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** An FTS5 string (a phrase: with the trigram tokenizer, a substring), quotes doubled. */
const ftsPhrase = (term: string) => `"${term.replaceAll('"', '""')}"`;
/** Beyond this many trigrams a two-character term narrows nothing (a common pair of digits or letters). */
const MAX_EXPANSION = 400;
const length = (t: string) => [...t].length;

/**
 * Every term occurs in d.body: the conditions that decide a match, on the search_docs row d. `viaIndex` false keeps
 * PostgreSQL off the text indexes (the expression is not the indexed one), for the walks that read rows by key or by
 * scope: its planner would otherwise gather the whole list of a common word's rows first.
 */
export function exactMatch(db: Db, terms: string[], viaIndex = true): RawBuilder<boolean>[] {
  if (!isPostgres(db)) return terms.map((t) => sql<boolean>`d.body like ${likePattern(t)} escape '\\'`);
  if (!viaIndex) return terms.map((t) => sql<boolean>`(d.body || '') ilike ${likePattern(t)} escape '\\'`);
  return terms.flatMap((t) => {
    const like = sql<boolean>`d.body ilike ${likePattern(t)} escape '\\'`;
    return length(t) === 2 ? [sql<boolean>`search_bigrams(d.body) @> array[lower(cast(${t} as text))]`, like] : [like];
  });
}

/** The indexed trigrams that begin with a two-character term (lower-cased, as the tokenizer folds them). */
async function trigramsStarting(db: Db, prefix: string): Promise<string[] | null> {
  const lower = prefix.toLowerCase();
  const upper = `${lower}\u{10FFFF}`;
  const { rows } = await sql<{ term: string }>`select term from search_vocab
    where term >= ${lower} and term < ${upper} limit ${MAX_EXPANSION + 1}`.execute(db);
  if (rows.length > MAX_EXPANSION) return null;
  return rows.map((r) => r.term).filter((t) => t.startsWith(lower));
}

/**
 * SQLite: the FTS5 expression narrowing to the texts that can hold every term; null where no term can use the index,
 * 'none' where some term occurs nowhere. A two-character term's expansion reads the postings of its trigrams, so this
 * is asked only after the cheaper ways (search.repository.ts).
 */
export async function ftsExpression(db: Db, terms: string[]): Promise<string | null | 'none'> {
  const parts: string[] = [];
  for (const t of terms) {
    if (length(t) >= TRIGRAM) parts.push(ftsPhrase(t));
    else if (length(t) === 2) {
      const expansion = await trigramsStarting(db, t);
      if (expansion?.length === 0) return 'none';
      if (expansion) parts.push(`(${expansion.map(ftsPhrase).join(' OR ')})`);
    }
  }
  return parts.length > 0 ? parts.join(' AND ') : null;
}

/** Of the newest texts, the share above which the words are common: the ledger tests them item by item instead. */
const COMMON_SHARE = 0.05;
const SAMPLE = 2_000;

/**
 * The ledger's q: items with a text matching every term, as a condition on the items row i. Rare words go through the
 * index (the list of matching texts is short). Words in many texts (整改) would make that list most of the index (1.6 s
 * at 1.4 M texts), so each item is tested by its own texts instead (the item_id index, stopping at the first match),
 * which costs a lookup an item in the scope: judged from the newest texts, where a word common in them is tried first.
 */
export async function itemsMatching(db: Db, terms: string[], commonShare = COMMON_SHARE): Promise<RawBuilder<boolean>> {
  const walked = exactMatch(db, terms, false);
  const { rows } = await sql<{ n: number; hits: number }>`select count(*) as n,
      sum(case when ${sql.join(walked, sql` and `)} then 1 else 0 end) as hits
    from (select body from search_docs order by id desc limit ${SAMPLE}) d`.execute(db);
  const sample = rows[0];
  if (Number(sample?.n ?? 0) > 0 && Number(sample?.hits ?? 0) / Number(sample?.n) > commonShare)
    return sql<boolean>`exists (select 1 from search_docs d where d.item_id = i.id and ${sql.join(walked, sql` and `)})`;
  const exact = exactMatch(db, terms);
  if (isPostgres(db))
    return sql<boolean>`i.id in (select d.item_id from search_docs d where ${sql.join(exact, sql` and `)})`;
  const fts = await ftsExpression(db, terms);
  if (fts === 'none') return sql<boolean>`1 = 0`;
  const narrowed =
    fts === null
      ? exact
      : [sql<boolean>`d.id in (select rowid from search_fts where search_fts match ${fts})`, ...exact];
  return sql<boolean>`i.id in (select d.item_id from search_docs d where ${sql.join(narrowed, sql` and `)})`;
}
