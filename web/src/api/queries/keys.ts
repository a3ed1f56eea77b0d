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

/** Issue 13: the signed-in account's contact details and choices, and each unit's robots. */
export const channelKeys = {
  contact: ['account', 'contact'] as const,
  unit: (unitId: number | null) => ['units', unitId, 'channels'] as const,
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

/** 待办: what waits for the signed-in user, computed from the state every write may change. */
export const todoKeys = {
  all: ['todos'] as const,
  list: (limit: number) => ['todos', limit] as const,
};

/** One inspection's feedback tree and plan, which the ledger import also reads for its names. */
export const planKeys = {
  one: (inspectionId: number | null) => ['plan', inspectionId] as const,
};

/**
 * An inspection's generated documents (HTML preview, lint), and apart from them the drafts they are written from, so
 * that saving a draft refreshes the documents but never reloads the draft under the writer's hands.
 */
export const documentKeys = {
  ofInspection: (inspectionId: number) => ['documents', inspectionId] as const,
  draft: (inspectionId: number, kind: string) => ['document-drafts', inspectionId, kind] as const,
  html: (inspectionId: number, kind: string, publicVersion: boolean) =>
    ['documents', inspectionId, kind, 'html', publicVersion] as const,
  lint: (inspectionId: number) => ['documents', inspectionId, 'lint'] as const,
};

export const publicationKeys = {
  all: ['publications'] as const,
  list: ['publications', 'list'] as const,
  comments: (publicationId: number) => ['publications', publicationId, 'comments'] as const,
  previews: ['publications', 'preview'] as const,
  preview: (inspectionId: number | null, period: QueryOf<'/api/inspections/{id}/publications/preview'>) =>
    ['publications', 'preview', inspectionId, period] as const,
  /** Issue 15: an inspection's publishing workflow, a version's text, the versions awaiting the reader. */
  publishing: (inspectionId: number | null) => ['publications', 'publishing', inspectionId] as const,
  versionText: (versionId: number) => ['publications', 'version', versionId] as const,
  awaiting: ['publications', 'awaiting'] as const,
};

export const supervisionKeys = {
  orders: ['supervision', 'orders'] as const,
  orderList: (query: QueryOf<'/api/supervision/orders'>) => ['supervision', 'orders', query] as const,
  lookbacks: ['supervision', 'lookbacks'] as const,
  lookbackList: (query: QueryOf<'/api/supervision/lookbacks'>) => ['supervision', 'lookbacks', query] as const,
  checklist: ['supervision', 'checklist'] as const,
  evaluations: ['supervision', 'evaluations'] as const,
  evaluationList: (query: QueryOf<'/api/supervision/evaluations'>) => ['supervision', 'evaluations', query] as const,
};

export const recurrenceKeys = {
  all: ['recurrence'] as const,
  repeats: (inspectionId: number) => ['recurrence', 'repeats', inspectionId] as const,
  carriedOver: (inspectionId: number) => ['recurrence', 'carried-over', inspectionId] as const,
  commonProblems: (roundId: number) => ['recurrence', 'common-problems', roundId] as const,
};

/** Two-factor sign-in and personal API tokens (the account's security page). */
export const twoFactorKeys = {
  status: ['two-factor'] as const,
  tokens: ['api-tokens'] as const,
};

/** The signed-in person's own sessions ("my sessions" on the password page). */
export const sessionKeys = {
  mine: ['auth', 'sessions'] as const,
  /** How one may sign in besides the password (the single sign-on button); public, read before sign-in. */
  methods: ['auth', 'methods'] as const,
};

/** Background jobs (ledger imports, binders), polled while they run. */
export const jobKeys = {
  one: (id: number | null) => ['jobs', id] as const,
};

/** An inspection's ledger imports (issue 14), listed for their undo. */
export const ledgerImportKeys = {
  of: (inspectionId: number) => ['ledger-imports', inspectionId] as const,
};

/** Issue 15: the round summary upward and the 报送 of each inspection's report. */
export const roundSummaryKeys = {
  all: ['round-summary'] as const,
  summary: (roundId: number | null) => ['round-summary', roundId, 'summary'] as const,
  reports: (roundId: number | null) => ['round-summary', roundId, 'reports'] as const,
  inspection: (inspectionId: number | null) => ['round-summary', 'inspection', inspectionId] as const,
};

/** Issue 15: one public comment's page (转办, item, remarks), and the comments linked to an item. */
export const commentKeys = {
  all: ['comments'] as const,
  one: (id: number) => ['comments', id] as const,
  ofItem: (itemId: number) => ['comments', 'item', itemId] as const,
};
