import { Card, Typography } from 'antd';
import type { Session } from '../api/queries/auth.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/index.tsx';
import { LoginForm } from './LoginForm.tsx';
import { authMessages } from './messages.ts';
import { SingleSignOnButton, SingleSignOnError, useTakenFromAddress } from './SingleSignOn.tsx';

export function LoginPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const t = useT(authMessages);
  const c = useT(common);
  const pendingChallenge = useTakenFromAddress('secondFactor');
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f3f4f6' }}>
      <Card
        style={{ width: 380, maxWidth: 'calc(100vw - 32px)' }}
        title={<span>{c('appName')}</span>}
        extra={<LanguageSwitch />}
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('signInTitle')}
        </Typography.Title>
        <SingleSignOnError />
        <LoginForm onSignedIn={onSignedIn} pendingChallenge={pendingChallenge} />
        <SingleSignOnButton />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('footer')}
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
