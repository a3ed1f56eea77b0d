import { Empty, Select, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useInspections } from '../../api/queries/inspections.ts';
import { useRounds } from '../../api/queries/rounds.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { AspectMappingSection } from './AspectMapping.tsx';
import { CommonProblems } from './CommonProblems.tsx';
import { InspectionRecurrence } from './InspectionRecurrence.tsx';
import { recurrenceMessages } from './messages.ts';

export default function RecurrencePage() {
  const t = useT(recurrenceMessages);
  const c = useT(common);
  const { user, abilities: can } = useSession();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds();
  const inspectionList = useInspections();
  const inspections = inspectionList.data?.inspections ?? [];
  // A team sees only the rounds it inspected in.
  const list = (rounds.data?.rounds ?? []).filter(
    (r) => user.role !== 'team' || inspections.some((i) => i.roundId === r.id),
  );
  const roundId = Number(params.get('round')) || list[0]?.id;
  const asked = params.get('tab');
  const tab = asked === 'inspection' || (asked === 'mapping' && can.administer) ? asked : 'common';
  const inspectionId = Number(params.get('inspection')) || null;
  const ofRound = inspections.filter((i) => i.roundId === roundId);

  const go = (next: { round?: number; tab?: string; inspection?: number | null }) => {
    const search = new URLSearchParams();
    search.set('round', String(next.round ?? roundId));
    search.set('tab', next.tab ?? tab);
    const inspection = next.inspection === undefined ? inspectionId : next.inspection;
    if (inspection) search.set('inspection', String(inspection));
    setParams(search);
  };

  if (rounds.isPending || (user.role === 'team' && inspectionList.isPending)) return <PageLoading />;
  if (rounds.error) return <ErrorAlert error={rounds.error} onRetry={rounds.refetch} />;

  return (
    <>
      <Space wrap align="center" style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('pageTitle')}
        </Typography.Title>
        {roundId && (
          <Select
            aria-label={t('chooseRound')}
            style={{ width: 320, maxWidth: '100%' }}
            value={roundId}
            options={list.map((r) => ({ value: r.id, label: r.name }))}
            onChange={(id: number) => go({ round: id, inspection: null })}
          />
        )}
      </Space>
      {!roundId ? (
        <Empty description={t('noRounds')} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(key) => go({ tab: key })}
          items={[
            {
              key: 'common',
              label: t('commonTab'),
              children: <CommonProblems roundId={roundId} canOrder={can.supervise} />,
            },
            {
              key: 'inspection',
              label: t('inspectionTab'),
              children: (
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    aria-label={c('chooseInspection')}
                    placeholder={c('chooseInspection')}
                    loading={inspectionList.isFetching}
                    style={{ width: 460, maxWidth: '100%' }}
                    value={inspectionId ?? undefined}
                    options={ofRound.map((i) => ({ value: i.id, label: `${i.unitName} · ${i.teamName}` }))}
                    onChange={(id: number) => go({ inspection: id })}
                  />
                  {inspectionId ? (
                    <InspectionRecurrence inspectionId={inspectionId} canCarry={can.administer} />
                  ) : (
                    <Empty description={t('pickInspection')} />
                  )}
                </Space>
              ),
            },
            // Issue 15: the office maps an earlier round's renamed aspects to this round's.
            ...(can.administer
              ? [
                  {
                    key: 'mapping',
                    label: t('mappingTab'),
                    children: (
                      <AspectMappingSection key={roundId} roundId={roundId} rounds={rounds.data?.rounds ?? []} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
