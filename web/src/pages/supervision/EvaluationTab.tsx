import { Alert, App, Button, Descriptions, Empty, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { DEDUCTION_STEP, deductionProblem, gradeOf } from '../../../../src/domain/evaluation.ts';
import type { Inspection } from '../../api/queries/inspections.ts';
import {
  type Checklist,
  type Evaluation,
  type ScoredEntry,
  useChecklist,
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
import { supervisionMessages } from './messages.ts';
import { GradeTag } from './parts.tsx';

function Scoring({
  checklist,
  inspectionId,
  existing,
  editable,
}: {
  checklist: Checklist;
  inspectionId: number;
  existing: Evaluation | undefined;
  editable: boolean;
}) {
  const t = useT(supervisionMessages);
  const m = useT(inputMessages);
  const { lang } = useLang();
  const { message } = App.useApp();
  const fresh = (): ScoredEntry[] =>
    existing?.entries ??
    checklist.entries.map((e) => ({ key: e.key, label: e.label, points: e.points, deduction: 0, note: null }));
  const [entries, setEntries] = useState<ScoredEntry[]>(fresh);
  const [note, setNote] = useState(existing?.note ?? '');
  const saving = useSaveEvaluation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: start again only when another evaluation is shown
  useEffect(() => {
    setEntries(fresh());
    setNote(existing?.note ?? '');
    saving.reset();
  }, [existing?.id, existing?.version, inspectionId]);

  const guides = new Map(checklist.entries.map((e) => [e.key, e.guide]));
  const score = checklist.total - entries.reduce((n, e) => n + (e.deduction || 0), 0);
  // The server's own rule over the bands it sent, for the live preview; the saved grade is always the server's.
  const grade = gradeOf(score, checklist.bands);
  const set = (key: string, patch: Partial<ScoredEntry>) =>
    setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...patch } : e)));

  // A number outside the entry's points is kept as typed and refused in words under it, never clamped to the nearest
  // allowed value; the save waits until every entry is mended.
  const problemOf = (e: ScoredEntry) => {
    const problem = deductionProblem(e.deduction, e.points);
    if (problem === 'out_of_range') return m('numberOutOfRange', { field: t('deduction'), min: 0, max: e.points });
    if (problem === 'off_step') return m('numberStep', { field: t('deduction'), step: DEDUCTION_STEP });
    return null;
  };
  const refused = entries.some((e) => problemOf(e) !== null);
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
        entries: entries.map((e) => ({ ...e, note: e.note?.trim() || null })),
        note: note.trim() || null,
        ...(existing ? { version: existing.version } : {}),
      },
      { onSuccess: (saved) => message.success(t('evaluationSaved', { score: saved.score, grade: t(saved.grade) })) },
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 3 }}
        items={[
          {
            key: 'score',
            label: t('score'),
            children: (
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="evaluation-score">
                {score}
              </Typography.Text>
            ),
          },
          {
            key: 'grade',
            label: t('grade'),
            children: <GradeTag grade={existing && !editable ? existing.grade : grade} />,
          },
          {
            key: 'by',
            label: t('evaluationState'),
            children: existing
              ? t('evaluatedBy', { name: existing.evaluatedByName, date: existing.evaluatedOn })
              : t('notEvaluated'),
          },
        ]}
      />
      <Typography.Text type="secondary">
        {t('bands', {
          good: checklist.bands[0]?.min ?? '',
          fair: checklist.bands[1]?.min ?? '',
          avg: checklist.bands[2]?.min ?? '',
        })}
      </Typography.Text>
      <Table<ScoredEntry>
        rowKey="key"
        size="small"
        pagination={false}
        // Four columns of inputs do not fit a phone: the table scrolls inside itself, never the page.
        scroll={{ x: 640 }}
        dataSource={entries}
        columns={[
          {
            key: 'label',
            title: t('entry'),
            width: 220,
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{e.label}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {guides.get(e.key)}
                </Typography.Text>
              </Space>
            ),
          },
          { key: 'points', title: t('points'), width: 72, dataIndex: 'points', align: 'right' },
          {
            key: 'deduction',
            title: t('deduction'),
            width: 160,
            render: (_, e) =>
              editable ? (
                <Space orientation="vertical" size={2}>
                  <InputNumber
                    aria-label={`${e.label} ${t('deduction')}`}
                    step={DEDUCTION_STEP}
                    value={e.deduction}
                    status={problemOf(e) ? 'error' : undefined}
                    onChange={(v) => set(e.key, { deduction: Number(v ?? 0) })}
                    style={{ width: 96 }}
                  />
                  {problemOf(e) ? (
                    <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }}>
                      {problemOf(e)}
                    </Typography.Text>
                  ) : null}
                </Space>
              ) : (
                e.deduction
              ),
          },
          {
            key: 'note',
            title: t('entryNote'),
            render: (_, e) =>
              editable ? (
                <Input
                  aria-label={`${e.label} ${t('entryNote')}`}
                  maxLength={1000}
                  value={e.note ?? ''}
                  onChange={(ev) => set(e.key, { note: ev.target.value })}
                />
              ) : (
                e.note
              ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {checklist.total}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{checklist.total - score}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} />
          </Table.Summary.Row>
        )}
      />
      {editable ? (
        <Input.TextArea
          aria-label={t('evaluationNote')}
          placeholder={t('evaluationNote')}
          rows={3}
          maxLength={5000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
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
      {inspection && checklist.data ? (
        <Scoring checklist={checklist.data} inspectionId={inspection.id} existing={existing} editable={editable} />
      ) : (
        <Empty description={t('chooseForEvaluation')} />
      )}
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
