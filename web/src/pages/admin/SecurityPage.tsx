import { Descriptions, Flex, Spin, Tag, Typography } from 'antd';
import { useSecuritySettings } from '../../api/queries/users.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { adminMessages } from './messages.ts';
import { AdminGate } from './shared.tsx';

/** The security administrator's view of the security settings in force; they live in the configuration. */
export default function SecurityPage() {
  const t = useT(adminMessages);
  return (
    <AdminGate ability="secureAccounts" reason={t('notAllowedSecurity')}>
      <Security />
    </AdminGate>
  );
}

function Security() {
  const t = useT(adminMessages);
  const settings = useSecuritySettings();
  const s = settings.data;
  const flag = (on: boolean) => <Tag color={on ? 'green' : 'default'}>{t(on ? 'on' : 'off')}</Tag>;
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('securityTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('securityIntro')}
        </Typography.Paragraph>
      </div>
      <ErrorAlert error={settings.error} onRetry={settings.refetch} />
      {!s ? (
        settings.isPending && <Spin />
      ) : (
        <Descriptions bordered column={1} size="middle" style={{ maxWidth: 640 }}>
          <Descriptions.Item label={t('loginDelayAfter')}>{s.loginDelayAfter}</Descriptions.Item>
          <Descriptions.Item label={t('loginDelayMaxSeconds')}>{s.loginDelayMaxSeconds}</Descriptions.Item>
          <Descriptions.Item label={t('loginAddressAttempts')}>{s.loginAddressAttempts}</Descriptions.Item>
          <Descriptions.Item label={t('lockoutAttempts')}>{s.lockoutAttempts}</Descriptions.Item>
          <Descriptions.Item label={t('lockoutMinutes')}>{s.lockoutMinutes}</Descriptions.Item>
          <Descriptions.Item label={t('passwordMaxAgeDays')}>
            {s.passwordMaxAgeDays === 0 ? t('never') : s.passwordMaxAgeDays}
          </Descriptions.Item>
          <Descriptions.Item label={t('sessionHours')}>{s.sessionHours}</Descriptions.Item>
          <Descriptions.Item label={t('sessionIdleMinutes')}>{s.sessionIdleMinutes}</Descriptions.Item>
          <Descriptions.Item label={t('maxSessions')}>{s.maxSessions}</Descriptions.Item>
          <Descriptions.Item label={t('rateLimits')}>
            {t('rateLimitValues', { session: s.rateLimitPerSession, address: s.rateLimitPerAddress })}
          </Descriptions.Item>
          <Descriptions.Item label={t('separationOfDuties')}>{flag(s.separationOfDuties)}</Descriptions.Item>
          <Descriptions.Item label={t('requireTwoFactor')}>{flag(s.requireTwoFactor)}</Descriptions.Item>
        </Descriptions>
      )}
    </Flex>
  );
}
