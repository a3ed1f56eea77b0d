import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { client, data, type ElementOf, type QueryOf, type ResponseOf } from '../client.ts';
import { statsKeys } from './keys.ts';

export type Totals = ResponseOf<'/api/dashboard/totals'>;
export type ItemCounts = Totals['counts'];
export type WarningStats = ResponseOf<'/api/stats/warnings'>;
export type OverdueTrend = ResponseOf<'/api/stats/overdue-trend'>;
export type RoundOverview = ResponseOf<'/api/rounds/{id}/overview'>;
export type OverviewUnit = ElementOf<RoundOverview['units']>;
export type PublicationSummary = ResponseOf<'/api/publications/summary'>;

/** The ledger's totals in the reader's scope (by state, result, aspect, department); null waits. */
export function useTotals(query: QueryOf<'/api/dashboard/totals'> | null = {}) {
  return useQuery({
    queryKey: statsKeys.totals(query),
    queryFn: query
      ? ({ signal }) => data(client.GET('/api/dashboard/totals', { params: { query }, signal }))
      : skipToken,
  });
}

export const warningStatsQuery = (query: QueryOf<'/api/stats/warnings'> = {}) =>
  queryOptions({
    queryKey: statsKeys.warnings(query),
    queryFn: ({ signal }) => data(client.GET('/api/stats/warnings', { params: { query }, signal })),
  });

export function useWarningStats(query: QueryOf<'/api/stats/warnings'> = {}) {
  return useQuery(warningStatsQuery(query));
}

/** Overdue items day by day over a round; null waits for the round. */
export function useOverdueTrend(query: QueryOf<'/api/stats/overdue-trend'> | null) {
  return useQuery({
    queryKey: statsKeys.overdueTrend(query),
    queryFn: query
      ? ({ signal }) => data(client.GET('/api/stats/overdue-trend', { params: { query }, signal }))
      : skipToken,
  });
}

/** The units of a round with their figures and risk; null waits for the round. */
export function useRoundOverview(id: number | null) {
  return useQuery({
    queryKey: statsKeys.overview(id),
    queryFn:
      id === null
        ? skipToken
        : ({ signal }) => data(client.GET('/api/rounds/{id}/overview', { params: { path: { id } }, signal })),
  });
}

/** The reader's notices public today and the public's comments on them. */
export function usePublicationSummary() {
  return useQuery({
    queryKey: statsKeys.publicationSummary,
    queryFn: ({ signal }) => data(client.GET('/api/publications/summary', { signal })),
  });
}
