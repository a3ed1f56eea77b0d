import { Button, Card, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type MySession, useEndOtherSessions, useEndSession, useMySessions } from '../api/queries/auth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useNarrow } from '../components/ItemCards.tsx';
import { useT } from '../i18n/index.tsx';
import { authMessages } from './messages.ts';
import { PasswordForm } from './PasswordForm.tsx';

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** "My sessions": where and when this account is signed in, with sign-out of one or of every other. */
function MySessions() {
  const t = useT(authMessages);
  const sessions = useMySessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const list = sessions.data?.sessions ?? [];
  const narrow = useNarrow();
  const action = (s: MySession) =>
    s.current ? (
      <Tag color="blue">{t('thisSession')}</Tag>
    ) : (
      <Button size="small" onClick={() => endOne.mutate(s.id)} loading={endOne.isPending}>
        {t('endSession')}
      </Button>
    );
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('mySessions')}</h2>}
      style={{ maxWidth: 800 }}
      extra={
        <Popconfirm title={t('endOthersConfirm')} onConfirm={() => endOthers.mutate(undefined)}>
          <Button disabled={list.length < 2} loading={endOthers.isPending}>
            {t('endOthers')}
          </Button>
        </Popconfirm>
      }
    >
      <ErrorAlert error={sessions.error ?? endOne.error ?? endOthers.error} />
      {narrow ? (
        // A five-column table at 360 px cut the browser to "浏…": on a phone each sign-in is a block of lines.
        <List<MySession>
          size="small"
          loading={sessions.isLoading}
          dataSource={list}
          rowKey="id"
          renderItem={(s) => (
            <List.Item style={{ display: 'block' }}>
              <Typography.Text style={{ display: 'block', wordBreak: 'break-word' }}>
                {s.userAgent ?? '—'}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {t('sessionSignedIn')} {when(s.createdAt)} · {t('sessionLastSeen')} {when(s.lastSeenAt)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {t('sessionAddress')} {s.sourceAddress ?? '—'}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>{action(s)}</div>
            </List.Item>
          )}
        />
      ) : (
        <Table<MySession>
          rowKey="id"
          size="small"
          pagination={false}
          loading={sessions.isLoading}
          dataSource={list}
          columns={[
            { title: t('sessionSignedIn'), dataIndex: 'createdAt', render: when },
            { title: t('sessionLastSeen'), dataIndex: 'lastSeenAt', render: when },
            { title: t('sessionAddress'), dataIndex: 'sourceAddress', render: (v: string | null) => v ?? '—' },
            {
              title: t('sessionAgent'),
              dataIndex: 'userAgent',
              ellipsis: true,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: '',
              key: 'action',
              render: (_v, s) => action(s),
            },
          ]}
        />
      )}
    </Card>
  );
}

export default function PasswordPage() {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PasswordForm />
      <MySessions />
    </Space>
  );
}
