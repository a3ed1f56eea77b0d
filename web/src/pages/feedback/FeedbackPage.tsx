import { Alert, App, Button, Empty, Popconfirm, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useSubmitPlan } from '../../api/queries/extensions.ts';
import { useInspections } from '../../api/queries/inspections.ts';
import { usePlan } from '../../api/queries/plan.ts';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { InspectionPicker } from '../../components/InspectionPicker.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useLang, useT } from '../../i18n/index.tsx';
import { FeedbackTree } from './FeedbackTree.tsx';
import { feedbackMessages } from './messages.ts';
import { PlanLists } from './PlanLists.tsx';
import { PlanTable } from './PlanTable.tsx';
import './feedback.css';

const TABS = ['tree', 'plan', 'lists'] as const;
type Tab = (typeof TABS)[number];

/** Feedback entry (方面 → 反馈问题 → 具体问题), the plan of measures, and the three lists, for one inspection at a time. */
export default function FeedbackPage() {
  const t = useT(feedbackMessages);
  const [params, setParams] = useSearchParams();
  const inspectionList = useInspections();
  const inspections = inspectionList.data?.inspections ?? [];
  const chosen = Number(params.get('inspection')) || null;
  // One inspection (a unit administrator's usual case) needs no choosing.
  const inspectionId = chosen ?? (inspections.length === 1 ? inspections[0].id : null);
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'tree';
  const { data, error, refetch } = usePlan(inspectionId);
  const reload = () => void refetch();
  // The last inspection's plan is kept while the next one loads; the page waits for the one chosen.
  const plan = data && data.inspection.id === inspectionId ? data : undefined;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  return (
    <div className="feedback-page">
      <Space className="no-print" wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <InspectionPicker
          value={inspectionId}
          onChange={(id) => update({ inspection: id === null ? null : String(id), node: null })}
        />
        {plan && (
          <Typography.Text type="secondary">
            {plan.inspection.feedbackOn ? t('feedbackOn', { date: plan.inspection.feedbackOn }) : t('noFeedbackDate')}
          </Typography.Text>
        )}
      </Space>
      {inspectionId === null ? (
        inspectionList.isFetching ? (
          <PageLoading />
        ) : (
          <Empty description={inspections.length === 0 ? t('noInspections') : t('pickFirst')} />
        )
      ) : error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : !plan ? (
        <PageLoading />
      ) : (
        <>
          {!plan.rights.editFeedback && !plan.rights.editPlan && (
            <Alert className="no-print" type="info" showIcon title={t('readOnly')} style={{ marginBottom: 12 }} />
          )}
          <PlanSubmission plan={plan} />
          <Tabs
            activeKey={tab}
            onChange={(key) => update({ tab: key === 'tree' ? null : key })}
            items={[
              {
                key: 'tree',
                label: t('tabTree'),
                children: (
                  <FeedbackTree
                    plan={plan}
                    reload={reload}
                    selected={params.get('node')}
                    onSelect={(node) => update({ node })}
                  />
                ),
              },
              { key: 'plan', label: t('tabPlan'), children: <PlanTable plan={plan} reload={reload} /> },
              { key: 'lists', label: t('tabLists'), children: <PlanLists plan={plan} /> },
            ]}
          />
        </>
      )}
    </div>
  );
}

/**
 * Issue 13: 报送整改方案. Once submitted, the plan's deadlines move only through extension requests (申请延期 on the
 * item page); until then they are edited here as before.
 */
function PlanSubmission({ plan }: { plan: NonNullable<ReturnType<typeof usePlan>['data']> }) {
  const t = useT(feedbackMessages);
  const { lang } = useLang();
  const { message } = App.useApp();
  const submit = useSubmitPlan();
  if (plan.planSubmittedAt) {
    return (
      <Alert
        className="no-print"
        type="success"
        showIcon
        title={t('planSubmitted', { at: plan.planSubmittedAt.slice(0, 10) })}
        style={{ marginBottom: 12 }}
      />
    );
  }
  if (!plan.rights.submitPlan) return null;
  return (
    <Alert
      className="no-print"
      type="info"
      showIcon
      title={t('planDraft')}
      style={{ marginBottom: 12 }}
      action={
        <Popconfirm
          title={t('submitPlanConfirm')}
          onConfirm={() =>
            submit.mutate(
              { inspectionId: plan.inspection.id },
              {
                onSuccess: () => message.success(t('planSubmittedNow')),
                onError: (e) => message.error(errorText(e, lang)),
              },
            )
          }
        >
          <Button type="primary" loading={submit.isPending}>
            {t('submitPlan')}
          </Button>
        </Popconfirm>
      }
    />
  );
}
