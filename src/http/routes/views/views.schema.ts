import { type Static, Type } from 'typebox';
import { ITEM_SORTS, VIEW_PAGES } from '../../../domain/views.ts';
import { stringEnum, text } from '../../schemas.ts';
import { listQuerySchema } from '../items/items.schema.ts';

/** A ledger view keeps exactly the filters GET /items takes, so applying a saved view can never be refused. */
const {
  sort: _sort,
  order: _order,
  limit: _limit,
  offset: _offset,
  after: _after,
  count: _count,
  ...ledgerFilters
} = listQuerySchema.properties;

export const LEDGER_PAGE_SIZES = [20, 50, 100] as const;

const ledgerState = Type.Object(
  {
    filters: Type.Object(ledgerFilters, { additionalProperties: false }),
    sort: stringEnum(ITEM_SORTS),
    order: stringEnum(['asc', 'desc']),
    columns: Type.Array(Type.String({ pattern: '^[A-Za-z]{1,40}$' }), {
      maxItems: 30,
      uniqueItems: true,
      description: 'the visible columns, by key, in order',
    }),
    pageSize: Type.Enum(LEDGER_PAGE_SIZES, { type: 'integer' }),
  },
  { additionalProperties: false },
);

export type LedgerState = Static<typeof ledgerState>;

export const savedViewSchema = Type.Object({
  id: Type.Integer(),
  page: stringEnum(VIEW_PAGES),
  name: Type.String(),
  state: ledgerState,
  updatedAt: Type.String(),
});

export const savedViews = Type.Object({ views: Type.Array(savedViewSchema) });

export const listViewsQuery = Type.Object({ page: stringEnum(VIEW_PAGES) }, { additionalProperties: false });

export const saveViewBody = Type.Object(
  { page: stringEnum(VIEW_PAGES), name: text(40), state: ledgerState },
  { additionalProperties: false },
);
