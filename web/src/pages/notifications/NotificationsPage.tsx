import { Badge, Button, Card, Empty, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useApi } from '../../components/useApi.ts';
import { localise, useLang, useT } from '../../i18n/index.tsx';
import { CAN_ADMINISTER } from '../../layout/roles.ts';
import { notificationMessages } from './messages.ts';
import { NOTIFICATIONS_CHANGED } from './NotificationBell.tsx';

interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

interface NotificationPage {
  notifications: Notification[];
  unread: number;
  nextBefore: number | null;
}

const PAGE = 20;
const KIND_COLOUR: Record<string, string> = { green: 'green', yellow: 'gold', overdue: 'red' };

export default function NotificationsPage() {
  const t = useT(notificationMessages);
  const { user } = useSession();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [rows, setRows] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (before: number | null) => {
      setLoading(true);
      setError(null);
      try {
        const params = new URLSearchParams({ limit: String(PAGE) });
        if (before !== null) params.set('before', String(before));
        if (filter === 'unread') params.set('unread', 'true');
        const page = await api<NotificationPage>(`/api/notifications?${params}`);
        setRows((old) => (before === null ? page.notifications : [...old, ...page.notifications]));
        setUnread(page.unread);
        setNextBefore(page.nextBefore);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [filter],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const changed = (update: (n: Notification) => Notification, newUnread: number) => {
    setRows((old) => old.map(update));
    setUnread(newUnread);
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
  };

  const markRead = async (n: Notification) => {
    if (n.readAt) return;
    try {
      await api(`/api/notifications/${n.id}/read`, { method: 'POST' });
      const now = new Date().toISOString();
      changed((r) => (r.id === n.id ? { ...r, readAt: now } : r), Math.max(0, unread - 1));
    } catch (e) {
      setError(e);
    }
  };

  const markAll = async () => {
    try {
      await api('/api/notifications/read-all', { method: 'POST' });
      const now = new Date().toISOString();
      changed((r) => (r.readAt ? r : { ...r, readAt: now }), 0);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('intro')}
        </Typography.Paragraph>
      </div>
      <ErrorAlert error={error} onRetry={() => void load(null)} />
      <Card
        title={
          <Space wrap>
            <Segmented
              aria-label={t('title')}
              value={filter}
              onChange={(v) => setFilter(v as 'all' | 'unread')}
              options={[
                { value: 'all', label: t('all') },
                { value: 'unread', label: t('unreadOnly') },
              ]}
            />
            <Typography.Text type="secondary">{t('unreadCount', { n: unread })}</Typography.Text>
          </Space>
        }
        extra={
          <Button onClick={() => void markAll()} disabled={unread === 0}>
            {t('markAllRead')}
          </Button>
        }
      >
        {loading && rows.length === 0 ? (
          <Spin />
        ) : rows.length === 0 ? (
          <Empty description={filter === 'unread' ? t('emptyUnread') : t('empty')} />
        ) : (
          <ul aria-label={t('title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {rows.map((n) => (
              <NotificationRow key={n.id} n={n} onRead={() => void markRead(n)} />
            ))}
          </ul>
        )}
        {nextBefore !== null && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button loading={loading} onClick={() => void load(nextBefore)}>
              {t('more')}
            </Button>
          </div>
        )}
      </Card>
      {CAN_ADMINISTER.includes(user.role) && <Deliveries onSwept={() => void load(null)} />}
    </Space>
  );
}

function NotificationRow({ n, onRead }: { n: Notification; onRead: () => void }) {
  const t = useT(notificationMessages);
  const { lang } = useLang();
  const stage = n.kind.replace(/^reminder\./, '');
  // The stage is shown as a coloured tag, so its words at the head of the title (kept for e-mail and chat) are dropped.
  const title = localise(n.title, lang).replace(/^【[^】]+】|^(Deadline approaching|Due soon|Overdue): /, '');
  return (
    <li
      aria-label={n.readAt ? title : `${t('unread')}：${title}`}
      style={{
        display: 'flex',
        gap: 12,
        alignItems: 'flex-start',
        padding: '12px',
        borderBottom: '1px solid #f0f0f0',
        background: n.readAt ? undefined : '#f6faff',
      }}
    >
      <Badge status={n.readAt ? 'default' : 'processing'} style={{ marginTop: 4 }} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Space wrap size={8}>
          {stage in KIND_COLOUR && (
            <Tag color={KIND_COLOUR[stage]} variant="outlined">
              {t(`kind_${stage}` as 'kind_green')}
            </Tag>
          )}
          <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{title}</span>
        </Space>
        <div style={{ marginTop: 4 }}>{localise(n.body, lang)}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </div>
      <Space size={12} style={{ flexShrink: 0 }}>
        {n.link && (
          <Link to={n.link} onClick={onRead}>
            {t('open')}
          </Link>
        )}
        {!n.readAt && (
          <Button type="link" size="small" onClick={onRead} style={{ padding: 0 }}>
            {t('markRead')}
          </Button>
        )}
      </Space>
    </li>
  );
}

interface Delivery {
  id: number;
  channel: 'email' | 'webhook';
  recipient: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
}

function Deliveries({ onSwept }: { onSwept: () => void }) {
  const t = useT(notificationMessages);
  const { lang } = useLang();
  const { data, error, reload } = useApi<{ counts: Record<Delivery['status'], number>; deliveries: Delivery[] }>(
    '/api/notifications/deliveries?limit=20',
  );
  const [sweeping, setSweeping] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [sweepError, setSweepError] = useState<unknown>(null);

  const sweepNow = async () => {
    setSweeping(true);
    setSweepError(null);
    try {
      const counts = await api<Record<string, number>>('/api/notifications/sweep', { method: 'POST' });
      setResult(t('sweepDone', counts));
      reload();
      onSwept();
      window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    } catch (e) {
      setSweepError(e);
    } finally {
      setSweeping(false);
    }
  };

  const statusColour = { pending: 'blue', sent: 'green', failed: 'red' } as const;
  return (
    <Card
      title={t('operator')}
      extra={
        <Button type="primary" loading={sweeping} onClick={() => void sweepNow()}>
          {t('sweepNow')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('operatorHelp')}</Typography.Paragraph>
      <ErrorAlert error={error ?? sweepError} />
      {result && (
        <Typography.Paragraph role="status" strong>
          {result}
        </Typography.Paragraph>
      )}
      {data && (
        <Space style={{ marginBottom: 12 }}>
          {(['pending', 'sent', 'failed'] as const).map((s) => (
            <Tag key={s} color={statusColour[s]}>
              {t(s)} {data.counts[s]}
            </Tag>
          ))}
        </Space>
      )}
      <Table<Delivery>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data?.deliveries ?? []}
        locale={{ emptyText: t('noDeliveries') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('channel'), dataIndex: 'channel', width: 90, render: (c: Delivery['channel']) => t(c) },
          { title: t('recipient'), dataIndex: 'recipient', width: 200, ellipsis: true },
          { title: t('subject'), dataIndex: 'subject', ellipsis: true, render: (s: string) => localise(s, lang) },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 90,
            render: (s: Delivery['status']) => <Tag color={statusColour[s]}>{t(s)}</Tag>,
          },
          { title: t('attempts'), dataIndex: 'attempts', width: 90 },
          { title: t('lastError'), dataIndex: 'lastError', width: 180, ellipsis: true },
        ]}
      />
    </Card>
  );
}
