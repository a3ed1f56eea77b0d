/** The orders the ledger list can be sorted in. */
export const ITEM_SORTS = ['number', 'deadline', 'updated', 'id'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

/** The list pages that keep saved views; each has its own state shape, checked by the route's schema. */
export const VIEW_PAGES = ['ledger'] as const;
export type ViewPage = (typeof VIEW_PAGES)[number];

/** Enough for every arrangement a person keeps; a list longer than this is no longer a quick pick. */
export const MAX_VIEWS_PER_PAGE = 50;
