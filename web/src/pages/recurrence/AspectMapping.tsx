import { App as AntApp, Button, Card, Empty, Flex, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type AspectMapping as Mapping, useAspectMapping, useSaveAspectMapping } from '../../api/queries/recurrence.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { recurrenceMessages } from './messages.ts';

type Choice = Record<number, number[]>;

/** What the form starts from: the saved mapping where there is one, else each suggestion. */
function initialChoice(mapping: Mapping): Choice {
  const choice: Choice = {};
  for (const p of mapping.pairs) {
    choice[p.earlierAspect.id] = mapping.saved
      ? (p.savedLaterAspectIds ?? [])
      : p.suggestion
        ? [p.suggestion.aspect.id]
        : [];
  }
  return choice;
}

function MappingForm({ mapping }: { mapping: Mapping }) {
  const t = useT(recurrenceMessages);
  const { message } = AntApp.useApp();
  const save = useSaveAspectMapping();
  const [choice, setChoice] = useState<Choice>(() => initialChoice(mapping));
  useEffect(() => setChoice(initialChoice(mapping)), [mapping]);
  const options = mapping.laterAspects.map((a) => ({ value: a.id, label: a.name }));
  const submit = () =>
    save.mutate(
      {
        roundId: mapping.laterRound.id,
        earlierRoundId: mapping.earlierRound.id,
        body: {
          pairs: mapping.pairs.map((p) => ({
            earlierAspectId: p.earlierAspect.id,
            laterAspectIds: choice[p.earlierAspect.id] ?? [],
          })),
        },
      },
      { onSuccess: () => message.success(t('mappingSavedMessage')) },
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Tag color={mapping.saved ? 'success' : 'warning'} style={{ whiteSpace: 'normal' }}>
        {mapping.saved ? t('mappingSaved') : t('mappingSuggested')}
      </Tag>
      {mapping.pairs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ul aria-label={t('earlierAspectsOf', { round: mapping.earlierRound.name })} className="aspect-mapping-list">
          {mapping.pairs.map((p) => (
            <li key={p.earlierAspect.id} className="item-card aspect-mapping-card">
              <Typography.Text strong style={{ display: 'block', overflowWrap: 'anywhere' }}>
                {p.earlierAspect.name}
              </Typography.Text>
              <Flex align="center" gap={8} style={{ marginTop: 8 }}>
                <span aria-hidden>→</span>
                <Select
                  mode="multiple"
                  allowClear
                  aria-label={`${t('laterAspects')}：${p.earlierAspect.name}`}
                  placeholder={t('noCounterpart')}
                  style={{ flex: 1, minWidth: 0 }}
                  value={choice[p.earlierAspect.id] ?? []}
                  options={options}
                  onChange={(ids: number[]) => setChoice((c) => ({ ...c, [p.earlierAspect.id]: ids }))}
                />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
                {p.suggestion === null
                  ? t('noSuggestion')
                  : p.suggestion.by === 'same_name'
                    ? t('bySameName')
                    : t('bySimilarity', { s: p.suggestion.similarity.toFixed(2) })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={save.error} />
      <Button type="primary" onClick={submit} loading={save.isPending} disabled={mapping.pairs.length === 0}>
        {t('saveMapping')}
      </Button>
    </Space>
  );
}

/**
 * The office maps an earlier round's aspects to this round's (issue 15): it picks the earlier round, checks the suggested
 * pairs, changes what is wrong and saves; the repeats across the two rounds follow.
 */
export function AspectMappingSection({
  roundId,
  rounds,
}: {
  roundId: number;
  rounds: { id: number; name: string; startsOn: string | null }[];
}) {
  const t = useT(recurrenceMessages);
  const current = rounds.find((r) => r.id === roundId);
  // Earlier rounds first (by start date, newest first); then any other.
  const others = rounds
    .filter((r) => r.id !== roundId)
    .sort((a, b) => {
      const earlierA = (a.startsOn ?? '') < (current?.startsOn ?? '') ? 0 : 1;
      const earlierB = (b.startsOn ?? '') < (current?.startsOn ?? '') ? 0 : 1;
      return earlierA - earlierB || (b.startsOn ?? '').localeCompare(a.startsOn ?? '');
    });
  const [picked, setPicked] = useState<number | null>(null);
  const earlierId = picked ?? others[0]?.id ?? null;
  const mapping = useAspectMapping(roundId, earlierId);
  return (
    <Card title={t('mappingTitle')} size="small">
      <Typography.Paragraph type="secondary">{t('mappingHint')}</Typography.Paragraph>
      {others.length === 0 ? (
        <Empty description={t('noOtherRound')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Select
            aria-label={t('chooseEarlierRound')}
            style={{ width: 360, maxWidth: '100%' }}
            value={earlierId ?? undefined}
            options={others.map((r) => ({ value: r.id, label: r.name }))}
            onChange={(id: number) => setPicked(id)}
          />
          {mapping.error ? (
            <ErrorAlert error={mapping.error} onRetry={mapping.refetch} />
          ) : mapping.data ? (
            <MappingForm mapping={mapping.data} />
          ) : (
            <Spin />
          )}
        </Space>
      )}
    </Card>
  );
}
