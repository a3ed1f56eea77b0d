/**
 * Search (issue 16): the words a query is split into, and the snippet of a matched text with the matches' ranges. Pure:
 * the repository finds the rows, this shapes what the reader sees. Ranges are offsets in UTF-16 code units into the
 * snippet's text, so the page marks them itself and never receives HTML.
 */

export const SEARCH_KINDS = ['item', 'measure', 'progress', 'outcome', 'comment', 'evidence'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_QUERY_MAX = 100;
/** Trigram indexes need this many characters in a term; shorter terms take the bounded scan. */
export const TRIGRAM = 3;

/** The query's terms: split at white space, duplicates dropped; every term must occur (AND). */
export function searchTerms(q: string): string[] {
  return [
    ...new Set(
      q
        .trim()
        .split(/\s+/u)
        .filter((t) => t.length > 0),
    ),
  ];
}

export interface Snippet {
  text: string;
  /** Whether text was cut at its start / end. */
  cutStart: boolean;
  cutEnd: boolean;
  ranges: Array<{ start: number; end: number }>;
}

const fold = (s: string) => s.toLowerCase();

/** Every occurrence of every term in text (case-insensitive), merged and sorted. */
export function matchRanges(text: string, terms: string[]): Array<{ start: number; end: number }> {
  const hay = fold(text);
  const found: Array<{ start: number; end: number }> = [];
  for (const t of terms) {
    const needle = fold(t);
    if (!needle) continue;
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length))
      found.push({ start: at, end: at + needle.length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Array<{ start: number; end: number }> = [];
  for (const r of found) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** A window of about `width` characters of text around its first match, white space collapsed, with the ranges in it. */
export function snippet(body: string, terms: string[], width = 80): Snippet {
  const text = body.replace(/\s+/gu, ' ').trim();
  const all = matchRanges(text, terms);
  if (text.length <= width) return { text, cutStart: false, cutEnd: false, ranges: all };
  const first = all[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(text.length, start + width);
  start = Math.max(0, end - width);
  const ranges = all
    .filter((r) => r.end > start && r.start < end)
    .map((r) => ({ start: Math.max(r.start, start) - start, end: Math.min(r.end, end) - start }));
  return { text: text.slice(start, end), cutStart: start > 0, cutEnd: end < text.length, ranges };
}

/** How much a kind of text weighs in the ranking: an item's own words say most about it, a progress note least. */
const KIND_WEIGHT: Record<SearchKind, number> = {
  item: 30,
  measure: 20,
  outcome: 20,
  comment: 15,
  evidence: 12,
  progress: 10,
};

/** How many of the newest matches are ranked to give a page of `limit`: the ranking is over the recent matches. */
export const rankPool = (limit: number) => Math.min(200, limit * 4);

/**
 * Orders matched texts, most relevant first (pure; `hits` come newest first): the kind of text; every term in an
 * item's title (its first line); the query's words side by side as typed; how often they occur; a short text over a
 * long one; then the newer first.
 */
export function rankHits<T extends { kind: SearchKind; body: string }>(hits: T[], terms: string[], limit: number): T[] {
  const phrase = terms.length > 1 ? fold(terms.join(' ')) : null;
  const scored = hits.map((h, order) => {
    const text = fold(h.body);
    let score = KIND_WEIGHT[h.kind];
    if (h.kind === 'item') {
      const title = text.split('\n', 1)[0];
      const inTitle = terms.filter((t) => title.includes(fold(t))).length;
      score += inTitle === terms.length ? 40 : inTitle > 0 ? 15 : 0;
    }
    if (phrase && text.replace(/\s+/gu, ' ').includes(phrase)) score += 15;
    score += Math.min(5, matchRanges(h.body, terms).length) * 3;
    score += Math.round(10 * Math.min(1, 60 / Math.max(1, [...h.body].length)));
    return { h, score, order };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.h);
}
