import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { PASSWORD_RULE } from '../../../src/domain/password.ts';
import {
  type MySession,
  useChangePassword,
  useEndOtherSessions,
  useEndSession,
  useMySessions,
} from '../api/queries/auth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n/index.tsx';
import { authMessages } from './messages.ts';

/**
 * The password form. `forced`: the server requires a change before anything else (a password someone else set, or an
 * expired one); then the page stands alone, says why, and `onChanged` lets the app in.
 */
export function PasswordForm({ forced = false, onChanged }: { forced?: boolean; onChanged?: () => void }) {
  const t = useT(authMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const change = useChangePassword();

  const submit = (values: { currentPassword: string; newPassword: string }) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          message.success(t('passwordChanged'));
          onChanged?.();
        },
      },
    );

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{forced ? t('mustChangeTitle') : t('changePassword')}</h1>}
      style={{ maxWidth: 480 }}
    >
      {forced && <Typography.Paragraph>{t('mustChangeText')}</Typography.Paragraph>}
      <ErrorAlert error={change.error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('currentPassword')} name="currentPassword" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('newPassword')}
          name="newPassword"
          rules={[{ required: true, min: PASSWORD_RULE.minLength }]}
          extra={t('passwordRule')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('repeatPassword')}
          name="repeat"
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

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
