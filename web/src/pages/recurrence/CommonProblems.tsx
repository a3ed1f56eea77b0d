import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type CommonProblem,
  type CommonProblemItem,
  type UnitStanding,
  useCommonProblems,
} from '../../api/queries/recurrence.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ItemMarks, ResultTag, StateTag } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { recurrenceMessages } from './messages.ts';
import { OrderDialog } from './OrderDialog.tsx';

function Standing({ open, closed, overdue }: Pick<UnitStanding, 'open' | 'closed' | 'overdue'>) {
  const t = useT(recurrenceMessages);
  return (
    <Space size={4} wrap>
      <Tag color="processing">{t('openCount', { n: open })}</Tag>
      <Tag color="success">{t('closedCount', { n: closed })}</Tag>
      {overdue > 0 && <Tag color="error">{t('overdueCount', { n: overdue })}</Tag>}
    </Space>
  );
}

function sum(units: UnitStanding[]) {
  return units.reduce(
    (acc, u) => ({ open: acc.open + u.open, closed: acc.closed + u.closed, overdue: acc.overdue + u.overdue }),
    { open: 0, closed: 0, overdue: 0 },
  );
}

function GroupDetail({ group }: { group: CommonProblem }) {
  const t = useT(recurrenceMessages);
  const c = useT(common);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Table<UnitStanding>
        size="small"
        rowKey="unitId"
        pagination={false}
        title={() => <strong>{t('unitsOfGroup')}</strong>}
        dataSource={group.units}
        columns={[
          { title: c('unit'), dataIndex: 'unit' },
          { title: t('open'), dataIndex: 'open', width: 90, align: 'right' },
          { title: t('closed'), dataIndex: 'closed', width: 90, align: 'right' },
          {
            title: t('overdue'),
            dataIndex: 'overdue',
            width: 90,
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
        ]}
      />
      <Table<CommonProblemItem>
        size="small"
        rowKey="id"
        pagination={false}
        title={() => <strong>{t('itemsOfGroup')}</strong>}
        dataSource={group.members}
        columns={[
          { title: c('unit'), dataIndex: 'unit', width: 220 },
          {
            title: t('title'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/items/${row.id}`}>{title}</Link>,
          },
          { title: c('state'), dataIndex: 'state', width: 110, render: (_, row) => <StateTag state={row.state} /> },
          {
            title: c('result'),
            dataIndex: 'result',
            width: 120,
            render: (_, row) => <ResultTag result={row.result} />,
          },
          { title: c('deadline'), dataIndex: 'deadline', width: 120 },
          { title: '', key: 'marks', width: 80, render: (_, row) => <ItemMarks overdue={row.overdue} /> },
        ]}
      />
    </Space>
  );
}

/** 举一反三: the round's problems shared by several units, and one order to all of them. */
export function CommonProblems({ roundId, canOrder }: { roundId: number; canOrder: boolean }) {
  const t = useT(recurrenceMessages);
  const c = useT(common);
  const { data, error, isFetching, refetch } = useCommonProblems(roundId);
  const [ordering, setOrdering] = useState<CommonProblem | null>(null);
  if (error) return <ErrorAlert error={error} onRetry={refetch} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('commonHint')}</Typography.Paragraph>
      <Table<CommonProblem>
        rowKey="key"
        loading={isFetching}
        dataSource={data?.groups ?? []}
        locale={{ emptyText: <Empty description={t('noCommon')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (group) => <GroupDetail group={group} /> }}
        columns={[
          { title: t('problem'), dataIndex: 'label', render: (label: string) => <strong>{label}</strong> },
          { title: c('aspect'), dataIndex: 'aspect', width: 280, render: (a: string | null) => a ?? c('none') },
          { title: t('unitCount'), dataIndex: 'unitCount', width: 96, align: 'right' },
          { title: t('itemCount'), dataIndex: 'itemCount', width: 84, align: 'right' },
          { title: t('standing'), key: 'standing', width: 250, render: (_, g) => <Standing {...sum(g.units)} /> },
          ...(canOrder
            ? [
                {
                  title: c('actions'),
                  key: 'actions',
                  width: 120,
                  render: (_: unknown, g: CommonProblem) => (
                    <Button size="small" type="primary" onClick={() => setOrdering(g)}>
                      {t('sendOrder')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {ordering && <OrderDialog roundId={roundId} group={ordering} onClose={() => setOrdering(null)} />}
    </>
  );
}
