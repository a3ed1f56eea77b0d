import { App as AntApp, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  type CarriedItem,
  type Repeat,
  useCarriedOver,
  useCarryOver,
  useRepeats,
} from '../../api/queries/recurrence.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ItemMarks, ResultTag, StateTag } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { recurrenceMessages } from './messages.ts';

function Repeats({ inspectionId }: { inspectionId: number }) {
  const t = useT(recurrenceMessages);
  const c = useT(common);
  const { data, error, isFetching, refetch } = useRepeats(inspectionId);
  if (error) return <ErrorAlert error={error} onRetry={refetch} />;
  return (
    <Table<Repeat>
      size="small"
      rowKey={(r) => r.item.id}
      loading={isFetching}
      dataSource={data?.repeats ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('noRepeats')} /> }}
      columns={[
        {
          title: t('title'),
          key: 'title',
          render: (_, r) => (
            <Space size={4} wrap>
              <Tag color="magenta">{t('repeatMark')}</Tag>
              <Link to={`/items/${r.item.id}`}>{r.item.title}</Link>
            </Space>
          ),
        },
        { title: c('aspect'), key: 'aspect', width: 150, render: (_, r) => r.item.aspect ?? c('none') },
        { title: c('state'), key: 'state', width: 100, render: (_, r) => <StateTag state={r.item.state} /> },
        {
          title: t('earlier'),
          key: 'earlier',
          width: 440,
          render: (_, r) => (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {r.earlier.map((e) => (
                <li key={e.item.id}>
                  <Link to={`/items/${e.item.id}`}>{e.item.title}</Link>{' '}
                  <Typography.Text type="secondary">
                    （{e.item.round} · {t('similarity', { p: Math.round(e.similarity * 100) })}）
                  </Typography.Text>{' '}
                  <ResultTag result={e.item.result} />
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}

function Carried({ inspectionId, canCarry }: { inspectionId: number; canCarry: boolean }) {
  const t = useT(recurrenceMessages);
  const c = useT(common);
  const { message } = AntApp.useApp();
  const list = useCarriedOver(inspectionId);
  const carryOver = useCarryOver();
  const carry = () =>
    carryOver.mutate(inspectionId, {
      onSuccess: (res) => message.success(res.added > 0 ? t('carriedAdded', { n: res.added }) : t('carriedNone')),
    });
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.refetch} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canCarry && (
        <Button onClick={carry} loading={carryOver.isPending}>
          {t('carryOver')}
        </Button>
      )}
      <ErrorAlert error={carryOver.error} />
      <Table<CarriedItem>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('noCarried')} /> }}
        columns={[
          { title: t('originalRound'), dataIndex: 'round', width: 190 },
          {
            title: t('title'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/items/${row.id}`}>{title}</Link>,
          },
          { title: c('state'), key: 'state', width: 100, render: (_, row) => <StateTag state={row.state} /> },
          { title: c('result'), key: 'result', width: 120, render: (_, row) => <ResultTag result={row.result} /> },
          { title: c('deadline'), dataIndex: 'deadline', width: 110 },
          { title: '', key: 'marks', width: 70, render: (_, row) => <ItemMarks overdue={row.overdue} /> },
        ]}
      />
    </Space>
  );
}

/** One inspection's 屡查屡犯 items and the open items carried into it from the unit's earlier inspections. */
export function InspectionRecurrence({ inspectionId, canCarry }: { inspectionId: number; canCarry: boolean }) {
  const t = useT(recurrenceMessages);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('repeats')} size="small">
        <Typography.Paragraph type="secondary">{t('repeatsHint')}</Typography.Paragraph>
        <Repeats inspectionId={inspectionId} />
      </Card>
      <Card title={t('carried')} size="small">
        <Typography.Paragraph type="secondary">{t('carriedHint')}</Typography.Paragraph>
        <Carried inspectionId={inspectionId} canCarry={canCarry} />
      </Card>
    </Space>
  );
}
