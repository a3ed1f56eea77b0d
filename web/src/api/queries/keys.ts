/**
 * The cache keys of every resource, in one place because writes to one resource make others stale (an item's change
 * reaches the ledger lists and the totals): each hook module imports what it reads and what it invalidates from here,
 * and no hook module imports another.
 */
import type { QueryOf } from '../client.ts';

export const itemKeys = {
  all: ['items'] as const,
  lists: ['items', 'list'] as const,
  list: (query: QueryOf<'/api/items'> | null) => ['items', 'list', query] as const,
  item: (id: number | null) => ['items', id] as const,
  detail: (id: number | null) => ['items', id, 'detail'] as const,
  history: (id: number) => ['items', id, 'history'] as const,
  evidenceLimits: ['evidence-limits'] as const,
};

/** The figures drawn from the ledger: every write to an item makes them stale. */
export const statsKeys = {
  all: ['stats'] as const,
  totals: (query: QueryOf<'/api/dashboard/totals'> | null) => ['stats', 'totals', query] as const,
  warnings: (query: QueryOf<'/api/stats/warnings'>) => ['stats', 'warnings', query] as const,
  overdueTrend: (query: QueryOf<'/api/stats/overdue-trend'> | null) => ['stats', 'overdue-trend', query] as const,
  /** Each round's units with their figures. */
  overview: (roundId: number | null) => ['stats', 'round-overview', roundId] as const,
  publicationSummary: ['stats', 'publication-summary'] as const,
};

export const roundKeys = {
  all: ['rounds'] as const,
  teams: ['teams'] as const,
};

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (query: QueryOf<'/api/inspections'>) => ['inspections', 'list', query] as const,
  one: (id: number | null) => ['inspections', id] as const,
};

export const unitKeys = {
  all: ['units'] as const,
  list: (query: QueryOf<'/api/units'>) => ['units', query] as const,
};

export const userKeys = {
  all: ['users'] as const,
};

export const viewKeys = {
  all: ['views'] as const,
  list: (page: QueryOf<'/api/views'>['page']) => ['views', page] as const,
};

export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  list: (query: QueryOf<'/api/notifications'>) => ['notifications', 'list', query] as const,
  deliveries: (query: QueryOf<'/api/notifications/deliveries'>) => ['notifications', 'deliveries', query] as const,
};
