import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Typography } from 'antd';
import { twoFactorKeys } from '../api/queries/keys.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/index.tsx';
import { authMessages, twoFactorMessages } from './messages.ts';
import { useSession } from './session.tsx';
import { TwoFactorEnrolment } from './TwoFactorEnrolment.tsx';

/**
 * Shown instead of the whole application to a user whose role must use two-factor sign-in and has not set it up: the
 * server refuses everything else to this session until then, so no page behind it would work anyway.
 */
export function ForcedEnrolment() {
  const t = useT(twoFactorMessages);
  const a = useT(authMessages);
  const c = useT(common);
  const { user, signOut } = useSession();
  const queryClient = useQueryClient();
  return (
    <main style={{ minHeight: '100vh', background: '#f3f4f6', padding: '32px 12px' }}>
      <Card
        style={{ maxWidth: 640, margin: '0 auto' }}
        title={c('appName')}
        extra={
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <LanguageSwitch />
            <Button type="link" onClick={() => void signOut()}>
              {a('signOut')}
            </Button>
          </span>
        }
      >
        <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
          {t('forcedTitle')}
        </Typography.Title>
        <Typography.Paragraph>
          {user.displayName} · {t('forcedText')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        <TwoFactorEnrolment onDone={() => void queryClient.invalidateQueries({ queryKey: twoFactorKeys.status })} />
      </Card>
    </main>
  );
}
