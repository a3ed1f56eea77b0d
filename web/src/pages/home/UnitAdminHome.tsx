import { FileTextOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { daysBetween } from '../../../../src/domain/dates.ts';
import { type Inspection, useInspections } from '../../api/queries/inspections.ts';
import { useInspectionReport } from '../../api/queries/roundSummary.ts';
import { useTotals } from '../../api/queries/stats.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { ReportSubmissionPanel } from '../round-summary/ReportSubmissionPanel.tsx';
import { TodoSection } from '../todos/TodoSection.tsx';
import { homeMessages } from './messages.ts';
import { CountCards, chinaToday, PageTitle } from './parts.tsx';
import { BreakdownSection, CloseRequestsSection, OverdueSection, PublicationSummaryCard } from './sections.tsx';

/** The report due date (feedback + N months, set on the inspection) and how many days are left. */
function ReportDue({ inspection }: { inspection: Inspection }) {
  const t = useT(homeMessages);
  const c = useT(common);
  const due = inspection.reportDueOn;
  const today = chinaToday();
  // Issue 15 (报送): once the report is recorded as submitted, the countdown gives way to the record.
  const submitted = !!useInspectionReport(inspection.id).data?.current;
  const left = due && !submitted ? daysBetween(today, due) : null;
  const tone = left === null ? 'secondary' : left < 0 ? 'danger' : left <= 10 ? 'warning' : 'success';
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Space size={[24, 4]} wrap align="baseline">
        <Typography.Text strong>{t('reportDue')}</Typography.Text>
        <Typography.Text type="secondary">
          {inspection.roundName} · {inspection.teamName}
        </Typography.Text>
        {inspection.feedbackOn && (
          <Typography.Text type="secondary">
            {c('feedbackOn')} {inspection.feedbackOn}
          </Typography.Text>
        )}
        {due && !submitted ? (
          <>
            <Typography.Text>{t('reportDueOn', { date: due })}</Typography.Text>
            <Typography.Text type={tone} strong style={{ fontSize: 16 }}>
              {left === null
                ? ''
                : left > 0
                  ? t('reportDaysLeft', { n: left })
                  : left === 0
                    ? t('reportDueToday')
                    : t('reportDaysOver', { n: -left })}
            </Typography.Text>
          </>
        ) : (
          !submitted && <Typography.Text type="secondary">{t('reportNotSet')}</Typography.Text>
        )}
        <ReportSubmissionPanel inspectionId={inspection.id} feedbackOn={inspection.feedbackOn} today={today} />
      </Space>
    </Card>
  );
}

/** 被巡察单位管理员: the unit's whole picture, the report date, what waits for review, what is late. */
export function UnitAdminHome() {
  const t = useT(homeMessages);
  const c = useT(common);
  const { user } = useSession();
  const navigate = useNavigate();
  const totals = useTotals();
  const inspections = useInspections();
  // The unit's latest inspection decides the report that is due next.
  const latest = (inspections.data?.inspections ?? [])
    .filter((i) => i.unitId === user.unitId)
    .sort((a, b) => (b.feedbackOn ?? b.from).localeCompare(a.feedbackOn ?? a.from))[0];
  const aspects = (totals.data?.byAspect ?? []).map((a) => ({
    key: String(a.aspectId),
    name: a.aspect ?? t('noAspect'),
    counts: a.counts,
  }));
  const departments = (totals.data?.byDepartment ?? []).map((d) => ({
    key: String(d.departmentId),
    name: d.department ?? t('noDepartment'),
    counts: d.counts,
  }));

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<FileTextOutlined />} onClick={() => navigate('/documents')}>
              {t('documentsLink')}
            </Button>
            <Button icon={<SwapOutlined />} onClick={() => navigate('/exchange')}>
              {t('exchangeLink')}
            </Button>
          </Space>
        }
      >
        {user.unitName} · {t('unitPicture')}
      </PageTitle>
      <TodoSection />
      <ErrorAlert error={inspections.error} onRetry={inspections.refetch} />
      {latest && <ReportDue inspection={latest} />}
      <ErrorAlert error={totals.error} onRetry={totals.refetch} />
      <CountCards counts={totals.data?.counts} loading={totals.isFetching} />
      <PublicationSummaryCard />
      <CloseRequestsSection
        title={t('closeOutsWaiting')}
        columns={['department', 'deadline', 'stage']}
        empty={t('noneAwaiting')}
      />
      <BreakdownSection title={t('byAspect')} nameTitle={c('aspect')} rows={aspects} loading={totals.isFetching} />
      <BreakdownSection
        title={t('byDepartment')}
        nameTitle={c('department')}
        rows={departments}
        loading={totals.isFetching}
      />
      <OverdueSection columns={['warning', 'department', 'deadline', 'state']} />
    </>
  );
}
