import { ITEM_SORTS } from '../../../repositories/items.repository.ts';
import { VIEW_PAGES } from '../../../repositories/views.repository.ts';
import { text } from '../../schemas.ts';
import { listQuerySchema } from '../items/items.schema.ts';

/** A ledger view keeps exactly the filters GET /items takes, so applying a saved view can never be refused. */
const {
  sort: _sort,
  order: _order,
  limit: _limit,
  offset: _offset,
  after: _after,
  ...ledgerFilters
} = listQuerySchema.properties;

export const LEDGER_PAGE_SIZES = [20, 50, 100] as const;

const ledgerState = {
  type: 'object',
  required: ['filters', 'sort', 'order', 'columns', 'pageSize'],
  properties: {
    filters: { type: 'object', properties: ledgerFilters, additionalProperties: false },
    sort: { type: 'string', enum: ITEM_SORTS },
    order: { type: 'string', enum: ['asc', 'desc'] },
    columns: {
      type: 'array',
      maxItems: 30,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[A-Za-z]{1,40}$' },
      description: 'the visible columns, by key, in order',
    },
    pageSize: { type: 'integer', enum: LEDGER_PAGE_SIZES },
  },
  additionalProperties: false,
} as const;

export const savedViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    page: { type: 'string', enum: VIEW_PAGES },
    name: { type: 'string' },
    state: ledgerState,
    updatedAt: { type: 'string' },
  },
} as const;

export const listViewsQuery = {
  type: 'object',
  required: ['page'],
  properties: { page: { type: 'string', enum: VIEW_PAGES } },
  additionalProperties: false,
} as const;

export const saveViewBody = {
  type: 'object',
  required: ['page', 'name', 'state'],
  properties: {
    page: { type: 'string', enum: VIEW_PAGES },
    name: text(40),
    state: ledgerState,
  },
  additionalProperties: false,
} as const;
