import type { CommandContext } from '../context.ts';
import { rankHits, rankPool, type SearchKind, type Snippet, searchTerms, snippet } from '../domain/search.ts';
import { readScope, searchesPublicComments } from '../policies/policies.ts';
import { searchDocs } from '../repositories/search.repository.ts';

export interface SearchResult {
  kind: SearchKind;
  id: number;
  /** Null for a public comment linked to no item. */
  item: { id: number; number: string | null; title: string } | null;
  snippet: Snippet;
  /** What the index could not read (evidence: no OCR installed, a file without text). */
  note: string | null;
}

/**
 * GET /api/search: every indexed text the actor may read (the ledger's scope; public comments not for departments, who
 * see only those passed to them), the most relevant of the newest matches first (rankHits), each with its item and a
 * snippet whose matches are given as ranges.
 */
export async function search(ctx: CommandContext, q: string, limit: number): Promise<SearchResult[]> {
  const terms = searchTerms(q);
  const hits = await searchDocs(ctx.db, {
    scope: readScope(ctx.actor),
    terms,
    limit: rankPool(limit),
    withComments: searchesPublicComments(ctx.actor),
  });
  return rankHits(hits, terms, limit).map((h) => ({
    kind: h.kind,
    id: h.sourceId,
    item: h.itemId === null ? null : { id: h.itemId, number: h.itemNumber, title: h.itemTitle ?? '' },
    snippet: snippet(h.body, terms),
    note: h.note,
  }));
}
