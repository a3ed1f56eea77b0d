import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { ApiError } from '../api/client.ts';
import { type Session, useSignIn } from '../api/queries/auth.ts';
import { refusalText } from '../i18n/errors.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { authMessages } from './messages.ts';

/** The sign-in form, used by the sign-in page and by the dialog that appears when a session expires mid-work. */
export function LoginForm({ onSignedIn, username }: { onSignedIn: (session: Session) => void; username?: string }) {
  const t = useT(authMessages);
  const { lang } = useLang();
  const signIn = useSignIn();
  const error = signIn.error
    ? signIn.error instanceof ApiError
      ? refusalText(signIn.error, lang)
      : String(signIn.error)
    : null;

  const submit = (values: { username: string; password: string }) => signIn.mutate(values, { onSuccess: onSignedIn });

  return (
    <Form layout="vertical" onFinish={submit} initialValues={{ username }} requiredMark={false}>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!username} />
      </Form.Item>
      <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={!!username} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
        {t('signIn')}
      </Button>
    </Form>
  );
}
