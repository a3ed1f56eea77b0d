import { App as AntApp, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  type CarriedItem,
  type Repeat,
  type RepeatReason,
  useCarriedOver,
  useCarryOver,
  useRepeats,
} from '../../api/queries/recurrence.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { ItemMarks, ResultTag, StateTag } from '../../components/status.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { recurrenceMessages } from './messages.ts';

/** Why an earlier item counts as a repeat: the mapped or alike aspects, or the titles alone, with the similarity. */
function ReasonText({ reason, similarity }: { reason: RepeatReason; similarity: number }) {
  const t = useT(recurrenceMessages);
  const s = similarity.toFixed(2);
  const words =
    reason.kind === 'mapped'
      ? t('reasonMapped', { from: reason.earlierAspect, to: reason.laterAspect, s })
      : reason.kind === 'similar_aspect'
        ? t('reasonSimilarAspect', { from: reason.earlierAspect, to: reason.laterAspect, s })
        : reason.kind === 'title'
          ? t('reasonTitle', { s })
          : t('reasonSameAspect', { s });
  return (
    <Typography.Text type="secondary" className="repeat-reason" style={{ fontSize: 12 }}>
      {words}
    </Typography.Text>
  );
}

function EarlierList({ repeat }: { repeat: Repeat }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {repeat.earlier.map((e) => (
        <li key={e.item.id} style={{ overflowWrap: 'anywhere' }}>
          <Link to={`/items/${e.item.id}`}>{e.item.title}</Link>{' '}
          <Typography.Text type="secondary">（{e.item.round}）</Typography.Text> <ResultTag result={e.item.result} />
          <ReasonText reason={e.reason} similarity={e.similarity} />
        </li>
      ))}
    </ul>
  );
}

function Repeats({ inspectionId }: { inspectionId: number }) {
  const t = useT(recurrenceMessages);
  const c = useT(common);
  const { data, error, isFetching, refetch } = useRepeats(inspectionId);
  // On a phone each repeat is a card led by its whole title, as the home page's task cards.
  const narrow = useNarrow();
  if (error) return <ErrorAlert error={error} onRetry={refetch} />;
  const repeats = data?.repeats ?? [];
  if (narrow) {
    return (
      <Spin spinning={isFetching}>
        {repeats.length === 0 ? (
          <Empty description={t('noRepeats')} />
        ) : (
          <ul aria-label={t('repeats')} className="aspect-mapping-list">
            {repeats.map((r) => (
              <li key={r.item.id} className="item-card aspect-mapping-card">
                <Space size={4} wrap>
                  <Tag color="magenta">{t('repeatMark')}</Tag>
                  <Link to={`/items/${r.item.id}`} style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
                    {r.item.title}
                  </Link>
                </Space>
                <Typography.Text
                  type="secondary"
                  style={{ display: 'block', margin: '4px 0', overflowWrap: 'anywhere' }}
                >
                  {r.item.aspect ?? c('none')} · <StateTag state={r.item.state} />
                </Typography.Text>
                <Typography.Text strong style={{ fontSize: 12 }}>
                  {t('earlier')}
                </Typography.Text>
                <EarlierList repeat={r} />
              </li>
            ))}
          </ul>
        )}
      </Spin>
    );
  }
  return (
    <Table<Repeat>
      size="small"
      rowKey={(r) => r.item.id}
      loading={isFetching}
      dataSource={repeats}
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
          render: (_, r) => <EarlierList repeat={r} />,
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
