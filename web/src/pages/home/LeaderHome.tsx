import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useTotals } from '../../api/queries/stats.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { TodoSection } from '../todos/TodoSection.tsx';
import { homeMessages } from './messages.ts';
import { CountCards, PageTitle, Section } from './parts.tsx';
import { CloseRequestsSection, OverdueSection, PublicationSummaryCard } from './sections.tsx';

/** 被巡察单位领导: requests waiting for my review, my unit's totals, what is late. */
export function LeaderHome() {
  const t = useT(homeMessages);
  const { user } = useSession();
  const navigate = useNavigate();
  const totals = useTotals();

  return (
    <>
      <PageTitle>{user.unitName}</PageTitle>
      <TodoSection />
      <CloseRequestsSection
        title={t('awaitingMe')}
        stage="unit_review"
        columns={['department', 'deadline']}
        empty={t('noneAwaiting')}
        action={{
          title: t('review'),
          render: (r) => (
            <Button
              size="small"
              type="primary"
              aria-label={t('reviewFor', { title: r.title })}
              onClick={() => navigate(`/items/${r.id}`)}
            >
              {t('review')}
            </Button>
          ),
        }}
      />
      <Section title={t('unitTotals')}>
        <ErrorAlert error={totals.error} onRetry={totals.refetch} />
        <CountCards counts={totals.data?.counts} loading={totals.isFetching} />
      </Section>
      <PublicationSummaryCard />
      <OverdueSection columns={['warning', 'department', 'deadline', 'state']} />
    </>
  );
}
