import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, data, type ElementOf, type ResponseOf } from '../client.ts';

export type SearchResults = ResponseOf<'/api/search'>;
export type SearchResult = ElementOf<SearchResults['results']>;

/** Issue 16: every text of the ledger the user may read, matching every word of q (asked only for a non-empty q). */
export function useSearch(q: string, limit = 30) {
  const query = q.trim();
  return useQuery({
    queryKey: ['search', query, limit],
    queryFn: ({ signal }) => data(client.GET('/api/search', { params: { query: { q: query, limit } }, signal })),
    enabled: query.length > 0 && query.length <= 100,
    placeholderData: keepPreviousData,
  });
}
