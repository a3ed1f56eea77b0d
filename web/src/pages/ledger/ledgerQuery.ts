import { RESULT_LABELS, type ResultLabel } from '../../../../src/domain/result.ts';
import { WORKFLOW_STATES, type WorkflowState } from '../../../../src/domain/workflow.ts';
import { query } from '../../api/client.ts';
import type { LedgerQuery as ItemsQuery } from '../../api/queries/items.ts';
import type { ViewState } from '../../api/queries/views.ts';

export { RESULT_LABELS, WORKFLOW_STATES };

/**
 * The ledger's whole state lives in the address bar, so a link shows a colleague the same rows and Back undoes a filter.
 * Filter names are the API's own (GET /api/items), which keeps saved views, links and requests in one vocabulary.
 */
export type Sort = ViewState['sort'];
export type Order = ViewState['order'];
export type PageSize = ViewState['pageSize'];
export const SORTS = ['number', 'deadline', 'updated', 'id'] as const satisfies readonly Sort[];
export const PAGE_SIZES = [20, 50, 100] as const satisfies readonly PageSize[];

/** Numbered pages up to here are fetched by offset; beyond it "next" follows the keyset cursor, which stays fast. */
export const OFFSET_ROWS = 1000;
/** The API refuses larger offsets: a jump further than this needs the cursor. */
export const MAX_OFFSET = 100000;

/** What the ledger filters on: what a saved view keeps, without the carried-over switch the ledger never shows. */
export type LedgerFilters = Omit<ViewState['filters'], 'includeCarriedOver'>;

export interface LedgerQuery {
  filters: LedgerFilters;
  sort: Sort;
  order: Order;
  size: PageSize;
  page: number;
  after?: string;
}

const ID_FILTERS = [
  'inspectionId',
  'unitId',
  'roundId',
  'aspectId',
  'problemId',
  'departmentId',
  'responsiblePersonId',
] as const;

/** The filters users reach for most; the rest wait under 更多筛选. */
export const MORE_FILTERS: (keyof LedgerFilters)[] = [
  'roundId',
  'unitId',
  'aspectId',
  'problemId',
  'departmentId',
  'responsiblePersonId',
  'flagged',
  'deadlineFrom',
  'deadlineTo',
];

const DEFAULT_SORT: Sort = 'number';
const DEFAULT_ORDER: Order = 'asc';
const DEFAULT_SIZE: PageSize = 20;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const positiveInt = (v: string | null) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
};
const bool = (v: string | null) => (v === 'true' ? true : v === 'false' ? false : undefined);

/** Reads the address bar, dropping whatever the API would refuse, so a mangled link still opens a ledger. */
export function parseLedgerQuery(params: URLSearchParams): LedgerQuery {
  const filters: LedgerFilters = {};
  for (const key of ID_FILTERS) {
    const n = positiveInt(params.get(key));
    if (n !== undefined) filters[key] = n;
  }
  const states = params.getAll('state').filter((s): s is WorkflowState => WORKFLOW_STATES.includes(s as WorkflowState));
  if (states.length) filters.state = states;
  const results = params.getAll('result').filter((r): r is ResultLabel => RESULT_LABELS.includes(r as ResultLabel));
  if (results.length) filters.result = results;
  const overdue = bool(params.get('overdue'));
  if (overdue !== undefined) filters.overdue = overdue;
  const flagged = bool(params.get('flagged'));
  if (flagged !== undefined) filters.flagged = flagged;
  for (const key of ['deadlineFrom', 'deadlineTo'] as const) {
    const v = params.get(key);
    if (v && isoDate.test(v)) filters[key] = v;
  }
  const q = params.get('q')?.trim().slice(0, 100);
  if (q) filters.q = q;
  // Archived rounds are left out unless the switch (or a link) asks for them.
  const archived = params.get('archived');
  if (archived === 'include' || archived === 'only') filters.archived = archived;

  const sort = SORTS.includes(params.get('sort') as Sort) ? (params.get('sort') as Sort) : DEFAULT_SORT;
  const order = params.get('order') === 'desc' ? 'desc' : DEFAULT_ORDER;
  const sizeNumber = Number(params.get('size'));
  const size = PAGE_SIZES.includes(sizeNumber as PageSize) ? (sizeNumber as PageSize) : DEFAULT_SIZE;
  const page = positiveInt(params.get('page')) ?? 1;
  const after = params.get('after') ?? undefined;
  return { filters, sort, order, size, page, after: after && page > 1 ? after : undefined };
}

/** The address bar for a ledger state; defaults are left out so links stay short. */
export function ledgerSearch(q: LedgerQuery): URLSearchParams {
  const params = new URLSearchParams(filterQuery(q.filters).slice(1));
  if (q.sort !== DEFAULT_SORT) params.set('sort', q.sort);
  if (q.order !== DEFAULT_ORDER) params.set('order', q.order);
  if (q.size !== DEFAULT_SIZE) params.set('size', String(q.size));
  if (q.page > 1) params.set('page', String(q.page));
  if (q.after && q.page > 1) params.set('after', q.after);
  return params;
}

/** Just the filters, as the export takes them (it refuses sort and paging). */
export function filterQuery(f: LedgerFilters): string {
  return query({ ...f });
}

/**
 * The list request: a cursor page when we have one, otherwise an offset (the server seeks a deep one as fast as a
 * cursor). The first page always comes with the total; a later one only with `count`.
 */
export function itemsQuery(q: LedgerQuery, count = false): ItemsQuery {
  const paging = q.after ? { after: q.after } : { offset: (q.page - 1) * q.size };
  return { ...q.filters, sort: q.sort, order: q.order, limit: q.size, ...paging, ...(count ? { count } : {}) };
}

export function countFilters(f: LedgerFilters, keys: (keyof LedgerFilters)[]): number {
  return keys.filter((k) => f[k] !== undefined).length;
}
