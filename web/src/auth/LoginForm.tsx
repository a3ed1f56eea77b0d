import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { type Session, useSecondFactor, useSignIn } from '../api/queries/auth.ts';
import { refusalText } from '../i18n/errors.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { authMessages, twoFactorMessages } from './messages.ts';

/**
 * The sign-in form, used by the sign-in page and by the dialog that appears when a session expires mid-work. With
 * two-factor sign-in on, a right password brings a second step asking for the code.
 */
export function LoginForm({
  onSignedIn,
  username,
  pendingChallenge = null,
}: {
  onSignedIn: (session: Session) => void;
  username?: string;
  /** A second step already begun elsewhere (single sign-on for an account with its own second factor). */
  pendingChallenge?: string | null;
}) {
  const t = useT(authMessages);
  const { lang } = useLang();
  const signIn = useSignIn();
  const [challenge, setChallenge] = useState<string | null>(pendingChallenge);
  const error = signIn.error
    ? signIn.error instanceof ApiError
      ? refusalText(signIn.error, lang)
      : String(signIn.error)
    : null;

  const submit = (values: { username: string; password: string }) =>
    signIn.mutate(values, {
      onSuccess: (answer) => ('secondFactorRequired' in answer ? setChallenge(answer.challenge) : onSignedIn(answer)),
    });

  if (challenge) {
    return (
      <SecondFactorForm
        challenge={challenge}
        onSignedIn={onSignedIn}
        onBack={() => {
          signIn.reset();
          setChallenge(null);
        }}
      />
    );
  }

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

/** The second step: the 6-digit code from the authenticator app, or one of the recovery codes. */
function SecondFactorForm({
  challenge,
  onSignedIn,
  onBack,
}: {
  challenge: string;
  onSignedIn: (session: Session) => void;
  onBack: () => void;
}) {
  const t = useT(twoFactorMessages);
  const { lang } = useLang();
  const verify = useSecondFactor();
  const error = verify.error
    ? verify.error instanceof ApiError
      ? refusalText(verify.error, lang)
      : String(verify.error)
    : null;
  // An expired or used challenge cannot be retried with another code: only going back to the password helps.
  const expired = verify.error instanceof ApiError && verify.error.code === 'challenge_expired';

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      onFinish={(values: { code: string }) =>
        verify.mutate({ challenge, code: values.code.trim() }, { onSuccess: onSignedIn })
      }
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('codeTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('codeHint')}</Typography.Paragraph>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item
        label={t('code')}
        name="code"
        rules={[{ required: true, whitespace: true, message: t('codeRequired') }]}
      >
        <Input
          prefix={<SafetyOutlined />}
          autoComplete="one-time-code"
          inputMode="text"
          maxLength={32}
          autoFocus
          disabled={expired}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={verify.isPending} disabled={expired}>
        {t('verify')}
      </Button>
      <Button type="link" block onClick={onBack} style={{ marginTop: 8 }}>
        {t('back')}
      </Button>
    </Form>
  );
}
