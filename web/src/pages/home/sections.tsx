import { NotificationOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Space, Table, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { completionRate } from '../../../../src/domain/totals.ts';
import { query } from '../../api/client.ts';
import { type LedgerQuery, type LedgerRow, useLedger } from '../../api/queries/items.ts';
import type { ItemCounts } from '../../api/queries/stats.ts';
import { usePublicationSummary } from '../../api/queries/stats.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { CompletionFigure } from './ChartFigure.tsx';
import type { CompletionBar } from './charts.tsx';
import { homeMessages } from './messages.ts';
import { chinaToday, type ItemColumn, ItemList, Section } from './parts.tsx';

type LedgerFilter = LedgerQuery;

const OVERDUE_PAGE = 50;
/** Close-out requests are few per unit; one generous page holds them all. */
const REQUESTS_PAGE = 200;

function MoreInLedger({ shown, total, filter }: { shown: number; total: number; filter: LedgerFilter }) {
  const t = useT(homeMessages);
  if (total <= shown) return null;
  return (
    <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
      {t('showingOf', { shown, total })} · <Link to={`/ledger${query(filter)}`}>{t('openLedger')}</Link>
    </Typography.Paragraph>
  );
}

/** 逾期事项: the overdue items of the reader's scope (narrowed by `filter`), longest overdue first. */
export function OverdueSection({ filter = {}, columns }: { filter?: LedgerFilter; columns: ItemColumn[] }) {
  const t = useT(homeMessages);
  const ledgerFilter: LedgerFilter = { ...filter, overdue: true, sort: 'deadline' };
  const list = useLedger({ ...ledgerFilter, limit: OVERDUE_PAGE });
  const rows = list.data?.items ?? [];
  return (
    <Section title={`${t('overdueItems')}（${list.data?.total ?? '…'}）`}>
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      <ItemList
        label={t('overdueItems')}
        rows={rows}
        loading={list.isFetching}
        today={chinaToday()}
        columns={columns}
        empty={t('noOverdue')}
      />
      <MoreInLedger shown={rows.length} total={list.data?.total ?? 0} filter={ledgerFilter} />
    </Section>
  );
}

/** Close-out requests in the reader's scope, optionally only those at one review stage. */
export function CloseRequestsSection({
  title,
  stage,
  filter = {},
  columns,
  empty,
  action,
}: {
  title: string;
  stage?: LedgerRow['closeStage'];
  filter?: LedgerFilter;
  columns: ItemColumn[];
  empty: string;
  action?: { title: string; render: (row: LedgerRow) => ReactNode };
}) {
  const list = useLedger({
    ...filter,
    state: ['close_requested'],
    sort: 'updated',
    order: 'asc',
    limit: REQUESTS_PAGE,
  });
  const rows = (list.data?.items ?? []).filter((r) => !stage || r.closeStage === stage);
  return (
    <Section title={`${title}（${list.data ? rows.length : '…'}）`}>
      <ErrorAlert error={list.error} onRetry={list.refetch} />
      <ItemList
        label={title}
        rows={rows}
        loading={list.isFetching}
        today={chinaToday()}
        columns={columns}
        empty={empty}
        action={action}
      />
    </Section>
  );
}

export interface BreakdownRow extends CompletionBar {
  key: string;
}

/** A grouping (aspects, departments) as a completion chart beside a table of its numbers. */
export function BreakdownSection({
  title,
  nameTitle,
  rows,
  loading,
}: {
  title: string;
  nameTitle: string;
  rows: BreakdownRow[];
  loading: boolean;
}) {
  const t = useT(homeMessages);
  const number = (key: keyof ItemCounts, label: string) => ({
    key,
    title: label,
    width: 72,
    align: 'right' as const,
    render: (_: unknown, r: BreakdownRow) => r.counts[key],
  });
  return (
    <Section title={title}>
      {rows.length === 0 && !loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={12}>
            {rows.length > 0 && <CompletionFigure title={title} bars={rows} />}
          </Col>
          <Col xs={24} xl={12}>
            <Table<BreakdownRow>
              aria-label={title}
              size="small"
              rowKey="key"
              loading={loading}
              dataSource={rows}
              pagination={false}
              tableLayout="fixed"
              columns={[
                { key: 'name', title: nameTitle, dataIndex: 'name', ellipsis: true },
                number('items', t('total')),
                number('closed', t('closed')),
                {
                  ...number('overdue', t('overdue')),
                  render: (_: unknown, r: BreakdownRow) => (
                    <Typography.Text type={r.counts.overdue ? 'danger' : undefined}>{r.counts.overdue}</Typography.Text>
                  ),
                },
                {
                  key: 'rate',
                  title: t('completionRate'),
                  width: 88,
                  align: 'right',
                  render: (_: unknown, r: BreakdownRow) => `${completionRate(r.counts)}%`,
                },
              ]}
            />
          </Col>
        </Row>
      )}
    </Section>
  );
}

/** 公开通报 N · 群众意见 总数 / 待办 / 已办结, one line linking to the page where comments are answered. */
export function PublicationSummaryCard() {
  const t = useT(homeMessages);
  const summary = usePublicationSummary();
  const s = summary.data;
  const figure = (value: number | undefined, type?: 'warning' | 'success') => (
    <Typography.Text strong type={value ? type : undefined} style={{ fontSize: 16 }}>
      {value ?? '…'}
    </Typography.Text>
  );
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <ErrorAlert error={summary.error} onRetry={summary.refetch} />
      <section aria-label={t('publicSummary')}>
        <Space size={[16, 4]} wrap align="baseline">
          <Tooltip title={t('publicNoticesHint')}>
            <Typography.Text>
              <NotificationOutlined /> {t('publicNotices')} {figure(s?.published)}
            </Typography.Text>
          </Tooltip>
          <Typography.Text type="secondary">·</Typography.Text>
          <Typography.Text>
            {t('publicComments')} {t('commentsTotal')} {figure(s?.comments.total)} / {t('commentsOpen')}{' '}
            {figure(s?.comments.open, 'warning')} / {t('commentsHandled')} {figure(s?.comments.handled, 'success')}
          </Typography.Text>
          <Link to="/publications">{t('publicationsLink')}</Link>
        </Space>
      </section>
    </Card>
  );
}
