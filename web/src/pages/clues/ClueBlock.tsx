import {
  App,
  AutoComplete,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  CLUE_STATE_EN,
  CLUE_STATE_ZH,
  type ClueState,
  type ClueStep,
  lastStepOn,
} from '../../../../src/domain/clues.ts';
import { daysBetween, todayInChina } from '../../../../src/domain/dates.ts';
import {
  type Clue,
  useClueOutcome,
  useClueStep,
  useHandOverClue,
  useReceivingBodies,
  useUnmarkClue,
} from '../../api/queries/clues.ts';
import { DateInput, inputMessages, notAfter, notBefore, useNumberRule } from '../../components/forms.tsx';
import { useLang, useT } from '../../i18n/index.tsx';
import { FormDialog } from '../supervision/FormDialog.tsx';
import { clueMessages } from './messages.ts';

const STATE_COLOR: Record<ClueState, string> = {
  marked: 'default',
  handed_over: 'blue',
  accepted: 'processing',
  filed: 'orange',
  concluded: 'green',
  not_filed: 'default',
};

export function ClueStateTag({ state }: { state: ClueState }) {
  const { lang } = useLang();
  return <Tag color={STATE_COLOR[state]}>{lang === 'zh' ? CLUE_STATE_ZH[state] : CLUE_STATE_EN[state]}</Tag>;
}

/** The handling deadline with what it means today: red once past and not ended, as deadlines are elsewhere. */
export function ClueDeadline({ clue }: { clue: Clue }) {
  const t = useT(clueMessages);
  if (!clue.handlingDeadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const ended = clue.state === 'concluded' || clue.state === 'not_filed';
  if (ended) return <span>{clue.handlingDeadline}</span>;
  const left = daysBetween(todayInChina(), clue.handlingDeadline);
  return (
    <span>
      <span style={{ whiteSpace: 'nowrap' }}>{clue.handlingDeadline}</span>{' '}
      <Typography.Text
        type={clue.overdue ? 'danger' : left <= 10 ? 'warning' : 'secondary'}
        style={{ whiteSpace: 'nowrap' }}
      >
        （{clue.overdue ? t('overdueDays', { n: -left }) : t('daysLeft', { n: left })}）
      </Typography.Text>
    </span>
  );
}

/** The outcome's non-zero counts in a line (立案 1 件 2 人，党纪政务处分 2 人), or 尚未登记. */
export function outcomeText(clue: Clue, t: ReturnType<typeof useT<typeof clueMessages>>): string {
  if (clue.state === 'marked') return '—';
  const parts = [
    clue.filedPeople > 0 ? t('outcomeFiled', { cases: clue.filedCases, people: clue.filedPeople }) : null,
    clue.disciplinedPeople > 0 ? t('outcomeDisciplined', { n: clue.disciplinedPeople }) : null,
    clue.organisationalPeople > 0 ? t('outcomeOrganisational', { n: clue.organisationalPeople }) : null,
    clue.otherPeople > 0 ? t('outcomeOther', { n: clue.otherPeople }) : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join('，') : t('noOutcome');
}

type Dialog = 'hand_over' | ClueStep | 'outcome' | null;

/** One clue whole: what it is, where its handling stands with each step's date, the outcome, and what may be done now. */
export function ClueBlock({ clue }: { clue: Clue }) {
  const t = useT(clueMessages);
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const unmark = useUnmarkClue();
  const steps = clue.events.filter((e): e is ClueStep => e !== 'unmark' && e !== 'hand_over');
  const dates: [string, string | null][] = [
    [t('markedOn'), clue.markedOn],
    [t('handedOverOn'), clue.handedOverOn],
    [t('acceptedOn'), clue.acceptedOn],
    [t('filedOn'), clue.filedOn],
    [clue.state === 'not_filed' ? t('declinedOn') : t('closedOn'), clue.closedOn],
  ];
  return (
    <div className="clue-block" data-clue={clue.id}>
      <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
        <ClueStateTag state={clue.state} />
        {clue.overdue ? <Tag color="red">{t('overdueDays', { n: overdueBy(clue) })}</Tag> : null}
        <Typography.Text type="secondary">
          {clue.itemId !== null ? t('onItem') : t('onProblem')}：{clue.targetNumber ? `${clue.targetNumber} ` : ''}
          {clue.targetTitle}
        </Typography.Text>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 8 }}>
        {clue.description}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 2, lg: 3 }}
        items={[
          { key: 'body', label: t('receivingBody'), children: clue.receivingBody ?? '—' },
          { key: 'deadline', label: t('handlingDeadline'), children: <ClueDeadline clue={clue} /> },
          ...dates
            .filter(([, on]) => on !== null)
            .map(([label, on]) => ({ key: label, label, children: on as string })),
          {
            key: 'outcome',
            label: t('outcome'),
            span: 'filled' as const,
            children: (
              <span style={{ overflowWrap: 'anywhere' }}>
                {outcomeText(clue, t)}
                {clue.outcomeNote ? `（${clue.outcomeNote}）` : ''}
              </span>
            ),
          },
        ]}
      />
      <Space wrap size={8} style={{ marginTop: 8 }}>
        {clue.events.includes('hand_over') ? (
          <Button type="primary" onClick={() => setDialog('hand_over')}>
            {t('hand_over')}
          </Button>
        ) : null}
        {steps.map((s) => (
          <Button
            key={s}
            type={s === 'decline' ? 'default' : 'primary'}
            ghost={s !== 'decline'}
            onClick={() => setDialog(s)}
          >
            {t(s)}
          </Button>
        ))}
        {clue.state !== 'marked' && clue.mayEdit ? (
          <Button onClick={() => setDialog('outcome')}>{t('recordOutcome')}</Button>
        ) : null}
        {clue.events.includes('unmark') ? (
          <Popconfirm
            title={t('unmarkConfirm')}
            onConfirm={() =>
              unmark.mutate(
                { id: clue.id, version: clue.version },
                { onSuccess: () => message.success(t('unmarked')), onError: () => undefined },
              )
            }
          >
            <Button danger loading={unmark.isPending}>
              {t('unmark')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
      {dialog === 'hand_over' ? <HandOverDialog clue={clue} onClose={() => setDialog(null)} /> : null}
      {dialog === 'outcome' ? <OutcomeDialog clue={clue} onClose={() => setDialog(null)} /> : null}
      {dialog && dialog !== 'hand_over' && dialog !== 'outcome' ? (
        <StepDialog clue={clue} step={dialog} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

const overdueBy = (clue: Clue) =>
  clue.handlingDeadline ? Math.max(0, -daysBetween(todayInChina(), clue.handlingDeadline)) : 0;

interface HandOverValues {
  handedOverOn: Dayjs;
  receivingBody: string;
  handlingDeadline: Dayjs;
}

function HandOverDialog({ clue, onClose }: { clue: Clue; onClose: () => void }) {
  const t = useT(clueMessages);
  const m = useT(inputMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<HandOverValues>();
  const handOver = useHandOverClue();
  const bodies = useReceivingBodies(true);
  const today = todayInChina();
  const transfer = Form.useWatch('handedOverOn', form);
  const send = (v: HandOverValues) =>
    handOver.mutate(
      {
        id: clue.id,
        body: {
          version: clue.version,
          handedOverOn: v.handedOverOn.format('YYYY-MM-DD'),
          receivingBody: v.receivingBody.trim(),
          handlingDeadline: v.handlingDeadline.format('YYYY-MM-DD'),
        },
      },
      {
        onSuccess: () => {
          message.success(t('handedOver'));
          onClose();
        },
      },
    );
  return (
    <FormDialog<HandOverValues>
      form={form}
      title={t('hand_over')}
      okText={t('hand_over')}
      initialValues={{ handedOverOn: dayjs(today), handlingDeadline: dayjs(today).add(3, 'month') }}
      sending={handOver.isPending}
      error={handOver.error}
      onSubmit={send}
      onClose={onClose}
    >
      <Form.Item
        name="handedOverOn"
        label={t('handedOverOn')}
        rules={[
          { required: true, message: t('chooseDate', { field: t('handedOverOn') }) },
          notAfter(today, m('dateAfterToday', { field: t('handedOverOn'), date: today })),
        ]}
      >
        <DateInput format="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="receivingBody"
        label={t('receivingBody')}
        rules={[{ required: true, whitespace: true, message: t('required', { field: t('receivingBody') }) }]}
      >
        <AutoComplete
          aria-label={t('receivingBody')}
          placeholder={t('receivingBodyHint')}
          maxLength={100}
          options={(bodies.data?.bodies ?? []).map((b) => ({ value: b }))}
          filterOption={(input, option) => String(option?.value ?? '').includes(input)}
        />
      </Form.Item>
      <Form.Item
        name="handlingDeadline"
        label={t('handlingDeadline')}
        dependencies={['handedOverOn']}
        rules={[
          { required: true, message: t('chooseDate', { field: t('handlingDeadline') }) },
          {
            validator: async (_: unknown, value: Dayjs | null) => {
              if (value && transfer && !value.isAfter(transfer, 'day')) throw new Error(t('deadlineAfterTransfer'));
            },
          },
        ]}
      >
        <DateInput format="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
    </FormDialog>
  );
}

function StepDialog({ clue, step, onClose }: { clue: Clue; step: ClueStep; onClose: () => void }) {
  const t = useT(clueMessages);
  const m = useT(inputMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ on: Dayjs }>();
  const record = useClueStep();
  const today = todayInChina();
  const previous = lastStepOn(clue);
  const send = ({ on }: { on: Dayjs }) =>
    record.mutate(
      { id: clue.id, body: { version: clue.version, step, on: on.format('YYYY-MM-DD') } },
      {
        onSuccess: () => {
          message.success(t('saved'));
          onClose();
        },
      },
    );
  return (
    <FormDialog<{ on: Dayjs }>
      form={form}
      title={t(step)}
      okText={t(step)}
      initialValues={{ on: dayjs(today) }}
      sending={record.isPending}
      error={record.error}
      onSubmit={send}
      onClose={onClose}
    >
      <Form.Item
        name="on"
        label={t('stepOn')}
        rules={[
          { required: true, message: t('chooseDate', { field: t('stepOn') }) },
          notAfter(today, m('dateAfterToday', { field: t('stepOn'), date: today })),
          notBefore(previous, `${t('stepOn')} ≥ ${previous}`),
        ]}
      >
        <DateInput format="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
    </FormDialog>
  );
}

interface OutcomeValues {
  filedCases: number;
  filedPeople: number;
  disciplinedPeople: number;
  organisationalPeople: number;
  otherPeople: number;
  note?: string;
}

const COUNT_FIELDS = ['filedCases', 'filedPeople', 'disciplinedPeople', 'organisationalPeople', 'otherPeople'] as const;

function OutcomeDialog({ clue, onClose }: { clue: Clue; onClose: () => void }) {
  const t = useT(clueMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<OutcomeValues>();
  const record = useClueOutcome();
  const within = useNumberRule();
  const caseOpened = clue.state === 'filed' || clue.state === 'concluded';
  const send = (v: OutcomeValues) =>
    record.mutate(
      {
        id: clue.id,
        body: {
          version: clue.version,
          filedCases: v.filedCases ?? 0,
          filedPeople: v.filedPeople ?? 0,
          disciplinedPeople: v.disciplinedPeople ?? 0,
          organisationalPeople: v.organisationalPeople ?? 0,
          otherPeople: v.otherPeople ?? 0,
          note: v.note?.trim() ? v.note.trim() : null,
        },
      },
      {
        onSuccess: () => {
          message.success(t('saved'));
          onClose();
        },
      },
    );
  return (
    <FormDialog<OutcomeValues>
      form={form}
      title={t('recordOutcome')}
      okText={t('recordOutcome')}
      initialValues={{
        filedCases: clue.filedCases,
        filedPeople: clue.filedPeople,
        disciplinedPeople: clue.disciplinedPeople,
        organisationalPeople: clue.organisationalPeople,
        otherPeople: clue.otherPeople,
        note: clue.outcomeNote ?? '',
      }}
      sending={record.isPending}
      error={record.error}
      onSubmit={send}
      onClose={onClose}
    >
      <Space wrap size={[16, 0]}>
        {COUNT_FIELDS.filter((f) => caseOpened || !['filedCases', 'filedPeople', 'disciplinedPeople'].includes(f)).map(
          (f) => (
            <Form.Item key={f} name={f} label={t(f)} rules={[within(t(f), 0, 9999)]}>
              <InputNumber aria-label={t(f)} style={{ width: 140 }} />
            </Form.Item>
          ),
        )}
      </Space>
      <Form.Item name="note" label={t('outcomeNote')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}
