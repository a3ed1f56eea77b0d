import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRounds } from '../../api/queries/rounds.ts';
import {
  type Lookback,
  type LookbackStatus,
  useBulkLookbacks,
  useLookbacks,
  useRecordLookback,
  useScheduleLookback,
} from '../../api/queries/supervision.ts';
import { useUnits } from '../../api/queries/units.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DateInput } from '../../components/forms.tsx';
import { ItemCards, useNarrow } from '../../components/ItemCards.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from './FormDialog.tsx';
import { supervisionMessages } from './messages.ts';
import { ItemSearch, ItemStateTag, ListToolbar } from './parts.tsx';

/** The server's default when no date is given (DEFAULT_LOOKBACK_DAYS). */
const DEFAULT_DAYS = 90;

function ScheduleDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT(supervisionMessages);
  const [form] = Form.useForm<{ itemId: number; dueOn?: dayjs.Dayjs }>();
  const schedule = useScheduleLookback();
  return (
    <FormDialog
      form={form}
      title={t('schedule')}
      okText={t('schedule')}
      width={620}
      onClose={onClose}
      sending={schedule.isPending}
      error={schedule.error}
      onSubmit={(v) =>
        schedule.mutate(
          { itemId: v.itemId, body: v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {} },
          { onSuccess: onDone },
        )
      }
    >
      <Form.Item
        name="itemId"
        label={t('lookbackItem')}
        rules={[{ required: true, message: t('requiredChoice', { field: t('lookbackItem') }) }]}
      >
        <ItemSearch states={['closed']} ariaLabel={t('lookbackItem')} placeholder={t('chooseClosedItem')} />
      </Form.Item>
      <Form.Item name="dueOn" label={t('lookbackDue')} extra={t('lookbackDueHint', { n: DEFAULT_DAYS })}>
        <DateInput format="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
    </FormDialog>
  );
}

interface BulkForm {
  scope: 'unit' | 'round';
  unitId?: number;
  roundId?: number;
  afterDays?: number;
}

/** Issue 15: 回头看 for every closed item of a unit or a round at once; the server says how many it scheduled. */
function BulkScheduleDialog({ onClose, onDone }: { onClose: () => void; onDone: (n: number) => void }) {
  const t = useT(supervisionMessages);
  const [form] = Form.useForm<BulkForm>();
  const scope = Form.useWatch('scope', form) ?? 'unit';
  const units = useUnits({ kind: ['unit'] });
  const rounds = useRounds();
  const bulk = useBulkLookbacks();
  return (
    <FormDialog<BulkForm>
      form={form}
      title={t('bulkSchedule')}
      okText={t('schedule')}
      width={560}
      intro={<Typography.Paragraph type="secondary">{t('bulkHint')}</Typography.Paragraph>}
      initialValues={{ scope: 'unit', afterDays: DEFAULT_DAYS }}
      onClose={onClose}
      sending={bulk.isPending}
      error={bulk.error}
      onSubmit={(v) =>
        bulk.mutate(
          {
            ...(v.scope === 'unit' ? { unitId: v.unitId } : { roundId: v.roundId }),
            ...(v.afterDays ? { afterDays: v.afterDays } : {}),
          },
          { onSuccess: (res) => onDone(res.count) },
        )
      }
    >
      <Form.Item name="scope" label={t('bulkScope')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'unit', label: t('bulkByUnit') },
            { value: 'round', label: t('bulkByRound') },
          ]}
        />
      </Form.Item>
      {scope === 'unit' ? (
        <Form.Item
          name="unitId"
          label={t('bulkUnit')}
          rules={[{ required: true, message: t('requiredChoice', { field: t('bulkUnit') }) }]}
        >
          <Select
            aria-label={t('bulkUnit')}
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isFetching}
            options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="roundId"
          label={t('bulkRound')}
          rules={[{ required: true, message: t('requiredChoice', { field: t('bulkRound') }) }]}
        >
          <Select
            aria-label={t('bulkRound')}
            loading={rounds.isFetching}
            // An archived round is read-only (the server answers round_archived): only live rounds are offered.
            options={(rounds.data?.rounds ?? [])
              .filter((r) => r.archivedAt === null)
              .map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
      )}
      <Form.Item name="afterDays" label={t('bulkAfterDays')} extra={t('lookbackDueHint', { n: DEFAULT_DAYS })}>
        <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormDialog>
  );
}

interface ResultForm {
  outcome: 'held' | 'rebound';
  finding?: string;
}

function ResultDialog({
  lookback,
  onClose,
  onDone,
}: {
  lookback: Lookback;
  onClose: () => void;
  onDone: (l: Lookback) => void;
}) {
  const t = useT(supervisionMessages);
  const [form] = Form.useForm<ResultForm>();
  const outcome = Form.useWatch('outcome', form);
  const record = useRecordLookback();
  return (
    <FormDialog<ResultForm>
      form={form}
      title={t('recordTitle', { title: lookback.itemTitle })}
      okText={t('record')}
      initialValues={{ outcome: 'held' }}
      onClose={onClose}
      sending={record.isPending}
      error={record.error}
      onSubmit={(v) =>
        record.mutate(
          {
            id: lookback.id,
            body: { outcome: v.outcome, finding: v.finding?.trim() || null, version: lookback.version },
          },
          { onSuccess: onDone },
        )
      }
    >
      <Form.Item name="outcome" label={t('outcome')}>
        <Radio.Group
          options={[
            { value: 'held', label: t('held') },
            { value: 'rebound', label: t('rebound') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="finding"
        label={t('finding')}
        extra={t('findingHint')}
        rules={[{ required: outcome === 'rebound', whitespace: true, message: t('required', { field: t('finding') }) }]}
      >
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
    </FormDialog>
  );
}

const LOOKBACK_COLOURS = { scheduled: 'processing', held: 'success', rebound: 'error' } as const;

export function LookbacksTab() {
  const t = useT(supervisionMessages);
  const c = useT(common);
  const { abilities: can } = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<LookbackStatus | undefined>('scheduled');
  const lookbacks = useLookbacks({ status });
  const [scheduling, setScheduling] = useState(false);
  const [bulkScheduling, setBulkScheduling] = useState(false);
  const [recording, setRecording] = useState<Lookback | null>(null);
  const supervises = can.supervise;
  const narrow = useNarrow();
  const rows = lookbacks.data?.lookbacks ?? [];
  const itemLink = (l: Lookback) => (
    <Link to={`/items/${l.itemId}`}>
      {l.itemNumber ? `${l.itemNumber} ` : ''}
      {l.itemTitle}
    </Link>
  );
  const due = (l: Lookback) => (
    <Typography.Text type={l.overdue ? 'danger' : undefined}>
      {l.dueOn}
      {l.overdue ? ` · ${t('overdue')}` : ''}
    </Typography.Text>
  );
  const findingText = (l: Lookback) => (
    <Space orientation="vertical" size={0}>
      {l.finding && <span>{l.finding}</span>}
      {l.recordedOn && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {l.recordedByName} · {l.recordedOn}
        </Typography.Text>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ListToolbar
        statuses={['scheduled', 'held', 'rebound'] as const}
        status={status}
        onStatus={setStatus}
        filters={<Typography.Text type="secondary">{t('dueFirst')}</Typography.Text>}
        action={
          supervises && (
            <Space wrap>
              <Button onClick={() => setBulkScheduling(true)}>{t('bulkSchedule')}</Button>
              <Button type="primary" onClick={() => setScheduling(true)}>
                {t('schedule')}
              </Button>
            </Space>
          )
        }
      />
      {!supervises && <Alert type="info" showIcon title={t('readOnly')} />}
      {lookbacks.error ? <ErrorAlert error={lookbacks.error} onRetry={lookbacks.refetch} /> : null}
      {narrow ? (
        <ItemCards
          label={t('lookbacksList')}
          rows={rows}
          rowKey={(l) => l.id}
          loading={lookbacks.isFetching}
          empty={t('noLookbacks')}
          card={(l) => ({
            title: itemLink(l),
            meta: (
              <>
                <span style={{ whiteSpace: 'nowrap' }}>
                  {t('lookbackDue')} {due(l)}
                </span>
                <Tag color={LOOKBACK_COLOURS[l.status]}>{t(l.status)}</Tag>
                <ItemStateTag state={l.itemState} />
              </>
            ),
            detail: (
              <>
                <span style={{ display: 'block' }}>
                  {l.unit} · {t('closedOn')} {l.closedOn}
                </span>
                {(l.finding || l.recordedOn) && findingText(l)}
              </>
            ),
            action: supervises && l.status === 'scheduled' && (
              <Button
                type="primary"
                aria-label={t('recordFor', { title: l.itemTitle })}
                onClick={() => setRecording(l)}
              >
                {t('record')}
              </Button>
            ),
          })}
        />
      ) : (
        <Table<Lookback>
          rowKey="id"
          size="middle"
          loading={lookbacks.isFetching}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('noLookbacks')} /> }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          columns={[
            {
              key: 'item',
              title: c('item'),
              render: (_, l) => (
                <Space orientation="vertical" size={0}>
                  {itemLink(l)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.unit}
                  </Typography.Text>
                </Space>
              ),
            },
            { key: 'closedOn', title: t('closedOn'), width: 116, dataIndex: 'closedOn' },
            {
              key: 'due',
              title: t('lookbackDue'),
              width: 120,
              render: (_, l) => due(l),
            },
            {
              key: 'status',
              title: t('outcome'),
              width: 96,
              render: (_, l) => <Tag color={LOOKBACK_COLOURS[l.status]}>{t(l.status)}</Tag>,
            },
            { key: 'state', title: t('itemState'), width: 110, render: (_, l) => <ItemStateTag state={l.itemState} /> },
            {
              key: 'finding',
              title: t('finding'),
              width: 240,
              render: (_, l) => findingText(l),
            },
            {
              key: 'actions',
              title: c('actions'),
              width: 110,
              render: (_, l) =>
                supervises &&
                l.status === 'scheduled' && (
                  <Button size="small" type="primary" onClick={() => setRecording(l)}>
                    {t('record')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {scheduling && (
        <ScheduleDialog
          onClose={() => setScheduling(false)}
          onDone={() => {
            setScheduling(false);
            message.success(t('lookbackScheduled'));
          }}
        />
      )}
      {bulkScheduling && (
        <BulkScheduleDialog
          onClose={() => setBulkScheduling(false)}
          onDone={(n) => {
            setBulkScheduling(false);
            message.success(t('bulkDone', { n }));
          }}
        />
      )}
      {recording && (
        <ResultDialog
          lookback={recording}
          onClose={() => setRecording(null)}
          onDone={(saved) => {
            setRecording(null);
            message.success(saved.status === 'rebound' ? t('reopened') : t('recorded'));
          }}
        />
      )}
    </Space>
  );
}
