import { ArrowLeftOutlined, FormOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { completionRate } from '../../../../src/domain/totals.ts';
import { query } from '../../api/client.ts';
import { useInspections } from '../../api/queries/inspections.ts';
import { useRounds } from '../../api/queries/rounds.ts';
import { type OverviewUnit, useOverdueTrend, useRoundOverview, useTotals } from '../../api/queries/stats.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { ClueTotalsCard } from '../clues/ClueTotalsCard.tsx';
import { AwaitingNotices } from '../publications/AwaitingNotices.tsx';
import { GradeTag } from '../supervision/parts.tsx';
import { TodoSection } from '../todos/TodoSection.tsx';
import { CompletionFigure, TrendFigure } from './ChartFigure.tsx';
import { homeMessages } from './messages.ts';
import { CountCards, PageTitle, Section } from './parts.tsx';
import { BreakdownSection, CloseRequestsSection, OverdueSection, PublicationSummaryCard } from './sections.tsx';

function TrendSection({ roundId, unitId }: { roundId: number; unitId?: number }) {
  const t = useT(homeMessages);
  const trend = useOverdueTrend({ roundId, unitId });
  return (
    <Section title={t('overdueOverTime')}>
      <ErrorAlert error={trend.error} onRetry={trend.refetch} />
      {trend.isPending ? (
        <PageLoading />
      ) : trend.data && trend.data.points.length > 0 ? (
        <TrendFigure trend={trend.data} />
      ) : (
        !trend.error && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noTrend')} />
      )}
    </Section>
  );
}

function RiskTable({
  units,
  loading,
  roundId,
  onOpen,
}: {
  units: OverviewUnit[];
  loading: boolean;
  roundId: number;
  onOpen: (unitId: number) => void;
}) {
  const t = useT(homeMessages);
  const c = useT(common);
  const number = (key: 'items' | 'closed' | 'overdue', label: string) => ({
    key,
    title: label,
    width: 96,
    align: 'right' as const,
    sorter: (a: OverviewUnit, b: OverviewUnit) => a.counts[key] - b.counts[key],
    render: (_: unknown, r: OverviewUnit) =>
      key === 'overdue' && r.counts.overdue > 0 ? (
        <Typography.Text type="danger">{r.counts.overdue}</Typography.Text>
      ) : (
        r.counts[key]
      ),
  });
  return (
    <Table<OverviewUnit>
      aria-label={t('unitsByRisk')}
      size="small"
      rowKey="unitId"
      loading={loading}
      dataSource={units}
      tableLayout="fixed"
      pagination={units.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noUnits')} /> }}
      columns={[
        // The server lists units by risk, so the position in that list is the rank whatever the table is sorted by.
        { key: 'rank', title: t('rank'), width: 64, render: (_, r) => units.indexOf(r) + 1 },
        {
          key: 'unit',
          title: c('unit'),
          ellipsis: true,
          render: (_, r) => (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r.unitId)}>
              {r.unit}
            </Button>
          ),
        },
        {
          key: 'risk',
          title: t('risk'),
          width: 96,
          align: 'right',
          defaultSortOrder: 'descend',
          sorter: (a, b) => a.risk - b.risk,
          render: (_, r) => (
            <Tag color={r.risk >= 2 ? 'red' : r.risk >= 1 ? 'orange' : 'green'} style={{ marginInlineEnd: 0 }}>
              {r.risk.toFixed(2)}
            </Tag>
          ),
        },
        number('items', t('items')),
        number('closed', t('closed')),
        number('overdue', t('overdue')),
        {
          key: 'rate',
          title: t('completionRate'),
          width: 152,
          align: 'right',
          sorter: (a, b) => completionRate(a.counts) - completionRate(b.counts),
          render: (_, r) => `${completionRate(r.counts)}%`,
        },
        {
          key: 'grade',
          title: t('grade'),
          width: 96,
          render: (_, r) => (r.grade ? <GradeTag grade={r.grade} /> : '—'),
        },
        {
          key: 'open',
          title: c('actions'),
          width: 150,
          render: (_, r) => (
            <Space size={4}>
              <Button size="small" aria-label={t('viewUnit', { unit: r.unit })} onClick={() => onOpen(r.unitId)}>
                {t('view')}
              </Button>
              <Link
                to={`/ledger${query({ unitId: r.unitId, roundId })}`}
                aria-label={t('ledgerOfUnit', { unit: r.unit })}
              >
                {t('ledgerOf')}
              </Link>
            </Space>
          ),
        },
      ]}
    />
  );
}

/** One unit within the round: its totals, aspects, trend and overdue items, with the way back to the overview. */
function UnitDetail({
  roundId,
  unit,
  onBack,
}: {
  roundId: number;
  unit: OverviewUnit | undefined;
  onBack: () => void;
}) {
  const t = useT(homeMessages);
  const c = useT(common);
  const unitId = unit?.unitId;
  const totals = useTotals(unitId ? { roundId, unitId } : null);
  const aspects = (totals.data?.byAspect ?? []).map((a) => ({
    key: String(a.aspectId),
    name: a.aspect ?? t('noAspect'),
    counts: a.counts,
  }));
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t('backToOverview')}
        </Button>
        {unitId && (
          <Link to={`/ledger${query({ unitId, roundId })}`}>{t('ledgerOfUnit', { unit: unit?.unit ?? '' })}</Link>
        )}
      </Space>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {t('unitDetail', { unit: unit?.unit ?? '' })}
      </Typography.Title>
      {!unit ? (
        <Empty description={c('notFound')} />
      ) : (
        <>
          <ErrorAlert error={totals.error} onRetry={totals.refetch} />
          <CountCards counts={totals.data?.counts} loading={totals.isFetching} />
          <TrendSection roundId={roundId} unitId={unit.unitId} />
          <BreakdownSection title={t('byAspect')} nameTitle={c('aspect')} rows={aspects} loading={totals.isFetching} />
          <OverdueSection
            filter={{ roundId, unitId: unit.unitId }}
            columns={['warning', 'department', 'deadline', 'state']}
          />
        </>
      )}
    </>
  );
}

/** 巡察办 (and the administrator, a team for its units, the supervisor read-only): a round across all its units. */
export function OfficeHome({ readOnly }: { readOnly: boolean }) {
  const t = useT(homeMessages);
  const { user, abilities: can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds();
  const inspections = useInspections();
  // A team sees only the round it inspected in; the office sees every round, even one without inspections yet.
  const list = (rounds.data?.rounds ?? []).filter(
    (r) => user.role !== 'team' || (inspections.data?.inspections ?? []).some((i) => i.roundId === r.id),
  );
  // An archived round (issue 12) is still there to pick, but the page opens on the newest live one.
  const roundId = Number(params.get('round')) || (list.find((r) => !r.archivedAt) ?? list[0])?.id;
  const openUnitId = Number(params.get('unit')) || null;
  const overview = useRoundOverview(roundId ?? null);
  const totals = useTotals(roundId ? { roundId } : null);
  const units = overview.data?.units ?? [];
  // Many units make the unit chart tall: the trend then sits beside it, under the aspects, instead of below both.
  const tallUnitChart = units.length > 6;

  const go = (next: { round?: number; unit?: number | null }) => {
    const search = new URLSearchParams();
    const r = next.round ?? roundId;
    if (r) search.set('round', String(r));
    if (next.unit) search.set('unit', String(next.unit));
    setParams(search);
  };

  if (rounds.isPending || (user.role === 'team' && inspections.isPending)) return <PageLoading />;
  if (rounds.error) return <ErrorAlert error={rounds.error} onRetry={rounds.refetch} />;
  if (!roundId) return <Empty description={t('noRounds')} />;

  const picker = (
    <Select
      aria-label={t('chooseRound')}
      style={{ width: 320, maxWidth: '100%' }}
      value={roundId}
      options={list.map((r) => ({ value: r.id, label: r.archivedAt ? `${r.name}${t('archivedSuffix')}` : r.name }))}
      onChange={(id: number) => go({ round: id, unit: null })}
    />
  );
  const actions = !readOnly && (
    <Space wrap>
      {can.enterFeedback && (
        <Button icon={<FormOutlined />} onClick={() => navigate('/feedback')}>
          {t('feedbackLink')}
        </Button>
      )}
      {can.exchangeLedgers && (
        <Button icon={<SwapOutlined />} onClick={() => navigate('/exchange')}>
          {t('exchangeLink')}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <PageTitle
        extra={
          <>
            {picker}
            {readOnly && <Tag>{t('readOnly')}</Tag>}
            {actions}
          </>
        }
      >
        {t('roundOverview')}
      </PageTitle>
      <TodoSection />
      <AwaitingNotices hideWhenEmpty />
      {openUnitId ? (
        overview.isPending ? (
          <PageLoading />
        ) : (
          <UnitDetail
            roundId={roundId}
            unit={units.find((u) => u.unitId === openUnitId)}
            onBack={() => go({ unit: null })}
          />
        )
      ) : (
        <>
          <ErrorAlert error={totals.error} onRetry={totals.refetch} />
          <CountCards counts={totals.data?.counts} loading={totals.isFetching} />
          {/* Across every round the reader oversees: the public's comments do not wait for a round to be chosen. */}
          {can.publish && <PublicationSummaryCard />}
          {totals.data?.clues && totals.data.clues.marked > 0 ? (
            <ClueTotalsCard totals={totals.data.clues} roundId={roundId} />
          ) : null}
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Section title={t('completionByUnit')}>
                <ErrorAlert error={overview.error} onRetry={overview.refetch} />
                {overview.isPending ? (
                  <PageLoading />
                ) : units.length > 0 ? (
                  <CompletionFigure
                    title={t('completionByUnit')}
                    bars={units.map((u) => ({ name: u.unit, counts: u.counts }))}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noUnits')} />
                )}
              </Section>
            </Col>
            <Col xs={24} xl={12}>
              <Section title={t('completionByAspect')}>
                {totals.isPending ? (
                  <PageLoading />
                ) : (totals.data?.byAspect.length ?? 0) > 0 ? (
                  <CompletionFigure
                    title={t('completionByAspect')}
                    bars={(totals.data?.byAspect ?? []).map((a) => ({
                      name: a.aspect ?? t('noAspect'),
                      counts: a.counts,
                    }))}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noUnits')} />
                )}
              </Section>
              {tallUnitChart && <TrendSection roundId={roundId} />}
            </Col>
          </Row>
          {!tallUnitChart && <TrendSection roundId={roundId} />}
          <Section title={t('unitsByRisk')}>
            <Typography.Paragraph type="secondary">{t('unitsByRiskHint')}</Typography.Paragraph>
            <ErrorAlert error={overview.error} onRetry={overview.refetch} />
            <RiskTable units={units} loading={overview.isFetching} roundId={roundId} onOpen={(unit) => go({ unit })} />
          </Section>
          {!readOnly && user.role !== 'team' && (
            <CloseRequestsSection
              title={t('officeReview')}
              stage="office_review"
              filter={{ roundId }}
              columns={['unit', 'department', 'deadline']}
              empty={t('noOfficeReview')}
            />
          )}
        </>
      )}
    </>
  );
}
