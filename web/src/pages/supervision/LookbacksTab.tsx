import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
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
import { api, query } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert, errorText } from '../../components/ErrorAlert.tsx';
import { StateTag } from '../../components/status.tsx';
import { useApi } from '../../components/useApi.ts';
import { common } from '../../i18n/common.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { supervisionMessages } from './messages.ts';
import { ItemSearch } from './parts.tsx';
import { type Lookback, SUPERVISES } from './types.ts';

/** The server's default when no date is given (DEFAULT_LOOKBACK_DAYS). */
const DEFAULT_DAYS = 90;

function ScheduleDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT(supervisionMessages);
  const { lang } = useLang();
  const [form] = Form.useForm<{ itemId: number; dueOn?: dayjs.Dayjs }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { itemId: number; dueOn?: dayjs.Dayjs }) => {
    setSaving(true);
    setError(null);
    try {
      await api(`/api/items/${v.itemId}/lookbacks`, {
        method: 'POST',
        body: v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {},
      });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('schedule')}
      okText={t('schedule')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="itemId"
          label={t('lookbackItem')}
          rules={[{ required: true, message: t('requiredChoice', { field: t('lookbackItem') }) }]}
        >
          <ItemSearch states={['closed']} ariaLabel={t('lookbackItem')} placeholder={t('chooseClosedItem')} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('lookbackDue')} extra={t('lookbackDueHint', { n: DEFAULT_DAYS })}>
          <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error, lang)} /> : null}
    </Modal>
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
  const { lang } = useLang();
  const [form] = Form.useForm<ResultForm>();
  const outcome = Form.useWatch('outcome', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: ResultForm) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await api<Lookback>(`/api/lookbacks/${lookback.id}/result`, {
        method: 'POST',
        body: { outcome: v.outcome, finding: v.finding?.trim() || null, version: lookback.version },
      });
      onDone(saved);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('recordTitle', { title: lookback.itemTitle })}
      okText={t('record')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ResultForm> form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: 'held' }}>
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
          rules={[
            { required: outcome === 'rebound', whitespace: true, message: t('required', { field: t('finding') }) },
          ]}
        >
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error, lang)} /> : null}
    </Modal>
  );
}

const LOOKBACK_COLOURS = { scheduled: 'processing', held: 'success', rebound: 'error' } as const;

export function LookbacksTab() {
  const t = useT(supervisionMessages);
  const c = useT(common);
  const { user } = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Lookback['status'] | undefined>('scheduled');
  const lookbacks = useApi<{ lookbacks: Lookback[] }>(`/api/supervision/lookbacks${query({ status })}`);
  const [scheduling, setScheduling] = useState(false);
  const [recording, setRecording] = useState<Lookback | null>(null);
  const supervises = SUPERVISES.includes(user.role);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Select
            aria-label={t('status')}
            allowClear
            placeholder={t('statusAll')}
            style={{ width: 160 }}
            value={status}
            onChange={(v?: Lookback['status']) => setStatus(v)}
            options={(['scheduled', 'held', 'rebound'] as const).map((s) => ({ value: s, label: t(s) }))}
          />
          <Typography.Text type="secondary">{t('dueFirst')}</Typography.Text>
        </Space>
        {supervises && (
          <Button type="primary" onClick={() => setScheduling(true)}>
            {t('schedule')}
          </Button>
        )}
      </Space>
      {!supervises && <Alert type="info" showIcon title={t('readOnly')} />}
      {lookbacks.error ? <ErrorAlert error={lookbacks.error} onRetry={lookbacks.reload} /> : null}
      <Table<Lookback>
        rowKey="id"
        size="middle"
        loading={lookbacks.loading}
        dataSource={lookbacks.data?.lookbacks ?? []}
        locale={{ emptyText: <Empty description={t('noLookbacks')} /> }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        columns={[
          {
            key: 'item',
            title: c('item'),
            render: (_, l) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/items/${l.itemId}`}>
                  {l.itemNumber ? `${l.itemNumber} ` : ''}
                  {l.itemTitle}
                </Link>
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
            render: (_, l) => (
              <Typography.Text type={l.overdue ? 'danger' : undefined}>
                {l.dueOn}
                {l.overdue ? ` · ${t('overdue')}` : ''}
              </Typography.Text>
            ),
          },
          {
            key: 'status',
            title: t('outcome'),
            width: 96,
            render: (_, l) => <Tag color={LOOKBACK_COLOURS[l.status]}>{t(l.status)}</Tag>,
          },
          { key: 'state', title: t('itemState'), width: 110, render: (_, l) => <StateTag state={l.itemState} /> },
          {
            key: 'finding',
            title: t('finding'),
            width: 240,
            render: (_, l) => (
              <Space orientation="vertical" size={0}>
                {l.finding && <span>{l.finding}</span>}
                {l.recordedOn && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.recordedByName} · {l.recordedOn}
                  </Typography.Text>
                )}
              </Space>
            ),
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
      {scheduling && (
        <ScheduleDialog
          onClose={() => setScheduling(false)}
          onDone={() => {
            setScheduling(false);
            message.success(t('lookbackScheduled'));
            lookbacks.reload();
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
            lookbacks.reload();
          }}
        />
      )}
    </Space>
  );
}
