import { Badge, Button, Card, Empty, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MessageKind } from '../../../../src/domain/messages.ts';
import {
  type Delivery,
  type Notification,
  useDeliveries,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useSweep,
} from '../../api/queries/notifications.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { localise, useLang, useT } from '../../i18n/index.tsx';
import { notificationMessages } from './messages.ts';

const PAGE = 20;
const KIND_COLOUR: Record<string, string> = { green: 'green', yellow: 'gold', overdue: 'red' };

export default function NotificationsPage() {
  const t = useT(notificationMessages);
  const { abilities: can } = useSession();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const list = useNotifications({ limit: PAGE, unread: filter === 'unread' || undefined });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const pages = list.data?.pages ?? [];
  const rows = pages.flatMap((page) => page.notifications);
  const unread = pages.at(-1)?.unread ?? 0;
  const error = list.error ?? markRead.error ?? markAll.error;
  const phone = useNarrow();

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
      <ErrorAlert
        error={error}
        onRetry={() => {
          markRead.reset();
          markAll.reset();
          void list.refetch();
        }}
      />
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
          <Button onClick={() => markAll.mutate()} disabled={unread === 0}>
            {t('markAllRead')}
          </Button>
        }
        styles={phone ? { body: { padding: 0 } } : undefined}
      >
        {list.isFetching && rows.length === 0 ? (
          <Spin />
        ) : rows.length === 0 ? (
          <Empty description={filter === 'unread' ? t('emptyUnread') : t('empty')} />
        ) : (
          <ul aria-label={t('title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {rows.map((n) => (
              <NotificationRow key={n.id} n={n} phone={phone} onRead={() => !n.readAt && markRead.mutate(n.id)} />
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button loading={list.isFetching} onClick={() => list.fetchNextPage()}>
              {t('more')}
            </Button>
          </div>
        )}
      </Card>
      {can.operateReminders && <Deliveries />}
    </Space>
  );
}

/** One message; on a phone its 查看 and 标为已读 go under the text, which then has the row's whole width. */
function NotificationRow({ n, phone, onRead }: { n: Notification; phone: boolean; onRead: () => void }) {
  const t = useT(notificationMessages);
  const { lang } = useLang();
  const stage = n.kind.replace(/^reminder\./, '');
  const workflow = n.kind.startsWith('workflow.') ? (n.kind.slice('workflow.'.length) as MessageKind) : null;
  // The stage (or the workflow step) is shown as a coloured tag, so its words at the head of the title (kept for e-mail
  // and chat) are dropped.
  const title = localise(n.title, lang).replace(
    workflow ? /^【[^】]+】|^[^:]+: / : /^【[^】]+】|^(Deadline approaching|Due soon|Overdue): /,
    '',
  );
  const actions = (
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
  );
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
          {workflow && (
            <Tag color="blue" variant="outlined">
              {t(`workflow_${workflow}`)}
            </Tag>
          )}
          {stage in KIND_COLOUR && (
            <Tag color={KIND_COLOUR[stage]} variant="outlined">
              {t(`kind_${stage}` as 'kind_green')}
            </Tag>
          )}
          <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{title}</span>
        </Space>
        <div style={{ marginTop: 4 }}>{localise(n.body, lang)}</div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'baseline' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
          </Typography.Text>
          {phone ? actions : null}
        </div>
      </div>
      {phone ? null : actions}
    </li>
  );
}

/** The outbox and the sweep, for administrators; a sweep refreshes the outbox, the list above and the bell. */
function Deliveries() {
  const t = useT(notificationMessages);
  const { lang } = useLang();
  const { data, error } = useDeliveries({ limit: 20 });
  const sweep = useSweep();
  const result = sweep.data ? t('sweepDone', sweep.data) : null;

  const statusColour = { pending: 'blue', sent: 'green', failed: 'red' } as const;
  return (
    <Card
      title={t('operator')}
      extra={
        <Button type="primary" loading={sweep.isPending} onClick={() => sweep.mutate()}>
          {t('sweepNow')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('operatorHelp')}</Typography.Paragraph>
      <ErrorAlert error={error ?? sweep.error} />
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
