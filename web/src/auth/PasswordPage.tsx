import { Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { type MySession, useEndOtherSessions, useEndSession, useMySessions } from '../api/queries/auth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
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
            render: (_v, s) =>
              s.current ? (
                <Tag color="blue">{t('thisSession')}</Tag>
              ) : (
                <Button size="small" onClick={() => endOne.mutate(s.id)} loading={endOne.isPending}>
                  {t('endSession')}
                </Button>
              ),
          },
        ]}
      />
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
