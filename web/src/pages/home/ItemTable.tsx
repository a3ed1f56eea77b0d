import { Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { LedgerRow } from '../../api/queries/items.ts';
import { DeadlineText } from '../../components/ItemCards.tsx';
import { statusMessages } from '../../components/messages.ts';
import { StateTag, WarningDot } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { homeMessages } from './messages.ts';
import type { ItemColumn, ItemListProps } from './rowParts.tsx';

/** ItemList on a wide screen: the rows as a table, each title a link to the item, the caller's action last. */
export default function ItemTable({ rows, loading, columns, today, empty, action, label }: ItemListProps) {
  const c = useT(common);
  const t = useT(homeMessages);
  const s = useT(statusMessages);
  const all: Record<ItemColumn, ColumnsType<LedgerRow>[number]> = {
    warning: {
      key: 'warning',
      title: t('warning'),
      width: 64,
      align: 'center',
      render: (_, r) => <WarningDot level={r.warning} />,
    },
    unit: { key: 'unit', title: c('unit'), dataIndex: 'unit', width: 180, ellipsis: true },
    aspect: { key: 'aspect', title: c('aspect'), dataIndex: 'aspect', width: 160, ellipsis: true },
    department: {
      key: 'department',
      title: c('department'),
      dataIndex: 'leadDepartment',
      width: 140,
      ellipsis: true,
    },
    deadline: {
      key: 'deadline',
      title: c('deadline'),
      width: 212,
      render: (_, r) => <DeadlineText row={r} today={today} />,
    },
    state: {
      key: 'state',
      title: c('state'),
      width: 110,
      render: (_, r) => <StateTag state={r.state} closeStage={r.closeStage} returned={r.returned} />,
    },
    stage: {
      key: 'stage',
      title: t('stage'),
      width: 130,
      render: (_, r) => (r.closeStage ? s(r.closeStage) : ''),
    },
  };
  const tableColumns: ColumnsType<LedgerRow> = [
    ...columns.filter((k) => k === 'warning').map((k) => all[k]),
    {
      key: 'title',
      title: c('item'),
      ellipsis: true,
      render: (_, r) => (
        <Link to={`/items/${r.id}`} title={r.title}>
          {r.number ? `${r.number}. ` : ''}
          {r.title}
        </Link>
      ),
    },
    ...columns.filter((k) => k !== 'warning').map((k) => all[k]),
    ...(action
      ? [{ key: 'action', title: action.title, width: 120, render: (_: unknown, r: LedgerRow) => action.render(r) }]
      : []),
  ];
  return (
    <Table<LedgerRow>
      aria-label={label}
      size="small"
      rowKey="id"
      loading={loading}
      columns={tableColumns}
      dataSource={rows}
      pagination={false}
      tableLayout="fixed"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
