import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { DEDUCTION_STEP, deductionProblem } from '../../../../src/domain/evaluation.ts';
import { finalScore } from '../../../../src/domain/satisfaction.ts';
import type { Inspection } from '../../api/queries/inspections.ts';
import {
  type Checklist,
  type DraftEntry,
  type Evaluation,
  type EvaluationDraft,
  type ScoredEntry,
  useChecklist,
  useEvaluationDraft,
  useEvaluations,
  useSaveEvaluation,
} from '../../api/queries/supervision.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { inputMessages } from '../../components/forms.tsx';
import { InspectionPicker } from '../../components/InspectionPicker.tsx';
import { ItemCards, useNarrow } from '../../components/ItemCards.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { evaluationMessages } from './evaluation-messages.ts';
import { supervisionMessages } from './messages.ts';
import { GradeTag } from './parts.tsx';

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One reason: its words, then the items (编号 and title) or orders it names, each opening the item. */
function ReasonList({ reasons }: { reasons: DraftEntry['suggestion']['reasons'] }) {
  const e = useT(evaluationMessages);
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {reasons.map((r) => (
        <li key={r.code}>
          <Typography.Text>{r.text}</Typography.Text>
          {r.refs.length > 0 ? (
            <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
              {r.refs.map((ref) => (
                <li key={`${ref.kind}-${ref.id}`}>
                  {ref.kind === 'item' ? (
                    <Link to={`/items/${ref.id}`}>
                      {ref.number ? `${ref.number}. ` : ''}
                      {ref.title}
                    </Link>
                  ) : (
                    <span>
                      {e('order')}：{ref.title}
                    </span>
                  )}
                  <Typography.Text type="secondary"> — {ref.detail}</Typography.Text>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The checklist's score, the public's satisfaction and its weight, and the final score and grade. */
function ScoreSummary({
  checklistScore,
  draft,
  existing,
  editable,
}: {
  checklistScore: number;
  draft: EvaluationDraft;
  existing: Evaluation | undefined;
  editable: boolean;
}) {
  const t = useT(supervisionMessages);
  const e = useT(evaluationMessages);
  const sat = draft.satisfaction;
  const weight = draft.satisfactionWeight;
  // The page's preview by the server's own rule; the saved score and grade are always the server's.
  const live = finalScore(checklistScore, sat.score, weight);
  const shown = existing && !editable ? { score: existing.score, grade: existing.grade } : live;
  const pct = Math.round(weight * 100);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          {
            key: 'checklist',
            label: e('checklistScore'),
            children: <span data-testid="checklist-score">{checklistScore}</span>,
          },
          {
            key: 'satisfaction',
            label: e('satisfaction'),
            children:
              sat.score === null ? (
                <Typography.Text type="secondary">{e('noAnswers').split('，')[0]}</Typography.Text>
              ) : (
                <span data-testid="satisfaction-score">
                  {e('satisfactionScore', { score: sat.score, n: sat.answers })}
                </span>
              ),
          },
          { key: 'weight', label: e('weight'), children: e('weightValue', { pct }) },
          {
            key: 'final',
            label: e('finalScore'),
            children: (
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="evaluation-score">
                {shown.score}
              </Typography.Text>
            ),
          },
          { key: 'grade', label: t('grade'), children: <GradeTag grade={shown.grade} /> },
          {
            key: 'by',
            label: t('evaluationState'),
            children: existing
              ? t('evaluatedBy', { name: existing.evaluatedByName, date: existing.evaluatedOn })
              : t('notEvaluated'),
          },
        ]}
      />
      {sat.score === null ? (
        <Alert type="info" showIcon title={e('noAnswers')} data-testid="no-satisfaction" />
      ) : (
        <Alert
          type="info"
          showIcon
          title={e('formula', { rest: 100 - pct, pct })}
          description={
            <span>
              {e('perNotice')}：
              {sat.publications
                .map((p) => `${p.title} ${p.score === null ? '—' : p.score}（${e('answersCount', { n: p.answers })}）`)
                .join('；')}
            </span>
          }
        />
      )}
    </Space>
  );
}

/** One checklist entry: its points, the ledger's suggestion and reasons, the deduction given and its note. */
function EntryBlock({
  entry,
  guide,
  suggestion,
  editable,
  problem,
  onChange,
}: {
  entry: ScoredEntry;
  guide: string | undefined;
  suggestion: DraftEntry['suggestion'] | undefined;
  editable: boolean;
  problem: string | null;
  onChange: (patch: Partial<ScoredEntry>) => void;
}) {
  const t = useT(supervisionMessages);
  const e = useT(evaluationMessages);
  const reasons = suggestion?.reasons ?? [];
  return (
    <Card size="small" className="evaluation-entry" data-testid={`entry-${entry.key}`}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Flex wrap gap={8} align="center">
          <Typography.Text strong>{entry.label}</Typography.Text>
          <Tag>
            {t('points')} {entry.points}
          </Tag>
          {suggestion && suggestion.deduction > 0 ? (
            <Tag color="orange" data-testid={`suggested-${entry.key}`}>
              {e('suggestedPoints', { n: suggestion.deduction })}
            </Tag>
          ) : (
            <Tag data-testid={`suggested-${entry.key}`}>{e('noSuggestion')}</Tag>
          )}
          {suggestion?.capped ? <Typography.Text type="secondary">{e('capped')}</Typography.Text> : null}
        </Flex>
        {guide ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {guide}
          </Typography.Text>
        ) : null}
        {reasons.length > 0 ? (
          <Collapse
            size="small"
            items={[
              {
                key: 'reasons',
                label: e('reasons', { n: reasons.length }),
                children: <ReasonList reasons={reasons} />,
              },
            ]}
          />
        ) : null}
        {editable ? (
          <Flex wrap gap={8} align="center">
            <Typography.Text>{t('deduction')}</Typography.Text>
            <InputNumber
              aria-label={`${entry.label} ${t('deduction')}`}
              step={DEDUCTION_STEP}
              value={entry.deduction}
              status={problem ? 'error' : undefined}
              onChange={(v) => onChange({ deduction: Number(v ?? 0) })}
              style={{ width: 96 }}
            />
            {suggestion && suggestion.deduction > 0 ? (
              <Button
                size="small"
                aria-label={`${e('accept')} ${entry.label}`}
                disabled={entry.deduction === suggestion.deduction}
                onClick={() => onChange({ deduction: suggestion.deduction })}
              >
                {e('accept')}
              </Button>
            ) : null}
            <Button
              size="small"
              aria-label={`${e('clear')} ${entry.label}`}
              disabled={entry.deduction === 0}
              onClick={() => onChange({ deduction: 0 })}
            >
              {e('clear')}
            </Button>
            <Input
              aria-label={`${entry.label} ${t('entryNote')}`}
              placeholder={t('entryNote')}
              maxLength={1000}
              value={entry.note ?? ''}
              onChange={(ev) => onChange({ note: ev.target.value })}
              style={{ flex: '1 1 200px', minWidth: 0 }}
            />
          </Flex>
        ) : (
          <Typography.Text>
            {t('deduction')} {entry.deduction}
            {entry.suggested !== undefined && entry.suggested !== null
              ? `（${e('savedSuggested', { n: entry.suggested })}）`
              : ''}
            {entry.note ? ` · ${entry.note}` : ''}
          </Typography.Text>
        )}
        {problem ? (
          <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }}>
            {problem}
          </Typography.Text>
        ) : null}
      </Space>
    </Card>
  );
}

/** What the save sends: the scored fields only (the suggestion is computed again by the server when it saves). */
const toBody = (e: ScoredEntry) => ({
  key: e.key,
  label: e.label,
  points: e.points,
  deduction: e.deduction,
  note: e.note?.trim() || null,
});

function Scoring({
  checklist,
  draft,
  inspectionId,
  existing,
  editable,
}: {
  checklist: Checklist;
  draft: EvaluationDraft;
  inspectionId: number;
  existing: Evaluation | undefined;
  editable: boolean;
}) {
  const t = useT(supervisionMessages);
  const e = useT(evaluationMessages);
  const m = useT(inputMessages);
  const { lang } = useLang();
  const { message } = App.useApp();
  const fresh = (): ScoredEntry[] =>
    existing?.entries ??
    checklist.entries.map((x) => ({ key: x.key, label: x.label, points: x.points, deduction: 0, note: null }));
  const [entries, setEntries] = useState<ScoredEntry[]>(fresh);
  const [note, setNote] = useState(existing?.note ?? '');
  const saving = useSaveEvaluation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: start again only when another evaluation is shown
  useEffect(() => {
    setEntries(fresh());
    setNote(existing?.note ?? '');
    saving.reset();
  }, [existing?.id, existing?.version, inspectionId]);

  const guides = new Map(checklist.entries.map((x) => [x.key, x.guide]));
  const suggestions = new Map(draft.entries.map((x) => [x.key, x.suggestion]));
  const deducted = entries.reduce((n, x) => n + (x.deduction || 0), 0);
  const checklistScore = round1(checklist.total - deducted);
  const suggestedTotal = draft.entries.reduce((n, x) => n + x.suggestion.deduction, 0);
  const set = (key: string, patch: Partial<ScoredEntry>) =>
    setEntries((list) => list.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const acceptAll = () => {
    setEntries((list) => list.map((x) => ({ ...x, deduction: suggestions.get(x.key)?.deduction ?? x.deduction })));
    message.info(e('acceptedAll'));
  };

  // A number outside the entry's points is kept as typed and refused in words under it, never clamped to the nearest
  // allowed value; the save waits until every entry is mended.
  const problemOf = (x: ScoredEntry) => {
    const problem = deductionProblem(x.deduction, x.points);
    if (problem === 'out_of_range') return m('numberOutOfRange', { field: t('deduction'), min: 0, max: x.points });
    if (problem === 'off_step') return m('numberStep', { field: t('deduction'), step: DEDUCTION_STEP });
    return null;
  };
  const refused = entries.some((x) => problemOf(x) !== null);
  const [triedRefused, setTriedRefused] = useState(false);

  const save = () => {
    if (refused) {
      setTriedRefused(true);
      return;
    }
    setTriedRefused(false);
    saving.mutate(
      {
        inspectionId,
        entries: entries.map(toBody),
        note: note.trim() || null,
        ...(existing ? { version: existing.version } : {}),
      },
      { onSuccess: (saved) => message.success(t('evaluationSaved', { score: saved.score, grade: t(saved.grade) })) },
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScoreSummary checklistScore={checklistScore} draft={draft} existing={existing} editable={editable} />
      <Typography.Text type="secondary">
        {t('bands', {
          good: checklist.bands[0]?.min ?? '',
          fair: checklist.bands[1]?.min ?? '',
          avg: checklist.bands[2]?.min ?? '',
        })}
      </Typography.Text>
      {editable ? (
        <Flex wrap gap={8} align="center" justify="space-between">
          <Typography.Text type="secondary" style={{ flex: '1 1 280px' }}>
            {e('suggestionsHint')}
          </Typography.Text>
          <Space wrap>
            <Typography.Text strong data-testid="suggested-total">
              {e('suggestedTotal', { n: suggestedTotal })}
            </Typography.Text>
            <Button onClick={acceptAll} disabled={suggestedTotal === 0}>
              {e('acceptAll')}
            </Button>
          </Space>
        </Flex>
      ) : null}
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {entries.map((x) => (
          <EntryBlock
            key={x.key}
            entry={x}
            guide={guides.get(x.key)}
            suggestion={suggestions.get(x.key)}
            editable={editable}
            problem={problemOf(x)}
            onChange={(patch) => set(x.key, patch)}
          />
        ))}
      </Space>
      <Typography.Text strong>
        {t('total')}：{t('points')} {checklist.total} · {t('deduction')} {round1(deducted)} · {e('checklistScore')}{' '}
        {checklistScore}
      </Typography.Text>
      {editable ? (
        <Input.TextArea
          aria-label={t('evaluationNote')}
          placeholder={t('evaluationNote')}
          rows={3}
          maxLength={5000}
          value={note}
          onChange={(ev) => setNote(ev.target.value)}
        />
      ) : (
        existing?.note && <Typography.Paragraph>{existing.note}</Typography.Paragraph>
      )}
      {triedRefused && refused ? <Alert type="error" showIcon title={m('mendBeforeSaving')} /> : null}
      {saving.error ? <Alert type="error" showIcon role="alert" title={errorText(saving.error, lang)} /> : null}
      {editable && (
        <Button type="primary" loading={saving.isPending} onClick={save}>
          {t('saveEvaluation')}
        </Button>
      )}
    </Space>
  );
}

export function EvaluationTab() {
  const t = useT(supervisionMessages);
  const c = useT(common);
  const { abilities: can } = useSession();
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const checklist = useChecklist();
  const draft = useEvaluationDraft(inspection?.id ?? null);
  const roundId = inspection?.roundId;
  const evaluations = useEvaluations({ roundId });
  const existing = useMemo(
    () => evaluations.data?.evaluations.find((e) => e.inspectionId === inspection?.id),
    [evaluations.data, inspection],
  );
  const editable = can.supervise;
  const narrow = useNarrow();
  const rows = evaluations.data?.evaluations ?? [];

  if (checklist.isPending) return <PageLoading />;
  if (checklist.error) return <ErrorAlert error={checklist.error} onRetry={checklist.refetch} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <InspectionPicker value={inspection?.id ?? null} onChange={(_, i) => setInspection(i)} width={520} />
      {!editable && <Alert type="info" showIcon title={t('readOnly')} />}
      {evaluations.error ? <ErrorAlert error={evaluations.error} onRetry={evaluations.refetch} /> : null}
      {draft.error ? <ErrorAlert error={draft.error} onRetry={draft.refetch} /> : null}
      {inspection && checklist.data && draft.isPending ? <PageLoading /> : null}
      {inspection && checklist.data && draft.data ? (
        <Scoring
          checklist={checklist.data}
          draft={draft.data}
          inspectionId={inspection.id}
          existing={existing}
          editable={editable}
        />
      ) : null}
      {!inspection ? <Empty description={t('chooseForEvaluation')} /> : null}
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 8 }}>
        {t('evaluations')}
      </Typography.Title>
      {narrow ? (
        <ItemCards
          label={t('evaluations')}
          rows={rows}
          rowKey={(e) => e.id}
          loading={evaluations.isFetching}
          empty={t('noEvaluations')}
          card={(e) => ({
            title: e.unit,
            meta: (
              <>
                <span>
                  {t('score')} {e.score}
                </span>
                <GradeTag grade={e.grade} />
              </>
            ),
            detail: `${e.evaluatedByName} · ${e.evaluatedOn}`,
          })}
        />
      ) : (
        <Table<Evaluation>
          rowKey="id"
          size="small"
          loading={evaluations.isFetching}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('noEvaluations')} /> }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { key: 'unit', title: c('unit'), dataIndex: 'unit' },
            { key: 'score', title: t('score'), dataIndex: 'score', width: 90, align: 'right' },
            { key: 'grade', title: t('grade'), width: 90, render: (_, e) => <GradeTag grade={e.grade} /> },
            {
              key: 'by',
              title: t('evaluator'),
              width: 260,
              render: (_, e) => `${e.evaluatedByName} · ${e.evaluatedOn}`,
            },
          ]}
        />
      )}
    </Space>
  );
}
