import type { ReactNode } from 'react';
import type { LedgerRow } from '../../api/queries/items.ts';
import type { LedgerCardField } from '../../components/ItemCards.tsx';

/** What a home's list of items (parts.tsx ItemList) and its wide-screen table (ItemTable.tsx) share. */

export type ItemColumn = Exclude<LedgerCardField, 'leader'>;

export interface ItemListProps {
  rows: LedgerRow[];
  loading: boolean;
  columns: ItemColumn[];
  today: string;
  empty: string;
  action?: { title: string; render: (row: LedgerRow) => ReactNode };
  label: string;
}
