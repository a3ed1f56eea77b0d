import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { localise, useLang, useT } from '../i18n/index.tsx';
import { authMessages } from './messages.ts';

/** The sign-in form, used by the sign-in page and by the dialog that appears when a session expires mid-work. */
export function LoginForm({ onSignedIn, username }: { onSignedIn: (session: Session) => void; username?: string }) {
  const t = useT(authMessages);
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api<Session>('/api/auth/login', { body: values }));
    } catch (e) {
      setError(localise(e instanceof ApiError ? e.message : String(e), lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={submit} initialValues={{ username }} requiredMark={false}>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!username} />
      </Form.Item>
      <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={!!username} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('signIn')}
      </Button>
    </Form>
  );
}
