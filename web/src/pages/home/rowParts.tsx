import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { daysBetween } from '../../../../src/domain/dates.ts';
import type { LedgerRow } from '../../api/queries/items.ts';
import { statusMessages } from '../../components/messages.ts';
import { useT } from '../../i18n/index.tsx';
import { homeMessages } from './messages.ts';

/** What a home's list of items (parts.tsx ItemList) and its wide-screen table (ItemTable.tsx) share. */

/** The deadline with what it means today: 剩 n 天 / 逾期 n 天. */
export function DeadlineText({ row, today }: { row: LedgerRow; today: string }) {
  const t = useT(homeMessages);
  const s = useT(statusMessages);
  if (!row.deadline) return <Typography.Text type="secondary">{t('noDeadline')}</Typography.Text>;
  if (row.state === 'closed') return <span>{row.deadline}</span>;
  const left = daysBetween(today, row.deadline);
  const note = left < 0 ? s('daysOver', { n: -left }) : left === 0 ? t('dueToday') : s('daysLeft', { n: left });
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {row.deadline}{' '}
      <Typography.Text type={left < 0 ? 'danger' : left <= 10 ? 'warning' : 'secondary'}>（{note}）</Typography.Text>
    </span>
  );
}

export type ItemColumn = 'warning' | 'unit' | 'aspect' | 'department' | 'deadline' | 'state' | 'stage';

export interface ItemListProps {
  rows: LedgerRow[];
  loading: boolean;
  columns: ItemColumn[];
  today: string;
  empty: string;
  action?: { title: string; render: (row: LedgerRow) => ReactNode };
  label: string;
}
