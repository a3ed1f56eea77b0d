import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { groupSecret } from '../../../src/domain/two-factor.ts';
import { type Enrolment, useBeginEnrolment, useConfirmEnrolment } from '../api/queries/twoFactor.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useT } from '../i18n/index.tsx';
import { twoFactorMessages } from './messages.ts';

/** A 6-digit code field; spaces typed between the groups of three are allowed. */
export function SixDigitField({ name = 'code', label }: { name?: string; label: string }) {
  const t = useT(twoFactorMessages);
  return (
    <Form.Item
      label={label}
      name={name}
      rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t('sixDigits') }]}
    >
      <Input autoComplete="one-time-code" inputMode="numeric" maxLength={7} style={{ maxWidth: 160 }} />
    </Form.Item>
  );
}

/**
 * Setting up the authenticator: the QR code drawn by the server, the secret in groups of four for typing, the first
 * code, then the recovery codes shown once. `onDone` runs when the user says the codes are saved.
 */
export function TwoFactorEnrolment({ onDone }: { onDone: () => void }) {
  const t = useT(twoFactorMessages);
  const begin = useBeginEnrolment();
  const confirm = useConfirmEnrolment();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  if (!enrolment) {
    return (
      <>
        <ErrorAlert error={begin.error} />
        <Button
          type="primary"
          loading={begin.isPending}
          onClick={() => begin.mutate(undefined, { onSuccess: setEnrolment })}
        >
          {t('start')}
        </Button>
      </>
    );
  }
  return (
    <div>
      <Typography.Title level={5}>{t('step1')}</Typography.Title>
      <img
        src={enrolment.qrDataUrl}
        alt="otpauth QR"
        width={200}
        height={200}
        style={{ display: 'block', border: '1px solid #f0f0f0', marginBottom: 8 }}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('cannotScan')}
      </Typography.Paragraph>
      <Typography.Paragraph
        copyable={{ text: enrolment.secret }}
        code
        data-testid="totp-secret"
        style={{ fontSize: 15, letterSpacing: 1, wordBreak: 'break-all' }}
      >
        {groupSecret(enrolment.secret)}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('step2')}</Typography.Title>
      <ErrorAlert error={confirm.error} />
      <Form
        layout="inline"
        requiredMark={false}
        onFinish={(values: { code: string }) =>
          confirm.mutate({ code: values.code.replace(/\s/g, '') }, { onSuccess: (r) => setCodes(r.recoveryCodes) })
        }
      >
        <SixDigitField label={t('currentCode')} />
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={confirm.isPending}>
            {t('confirm')}
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}

/** The recovery codes, shown once, with a clear note, copy and download. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT(twoFactorMessages);
  const { message } = App.useApp();
  const asText = `${t('fileHeader')}\n\n${codes.join('\n')}\n`;
  const copy = () =>
    navigator.clipboard.writeText(asText).then(
      () => message.success(t('copied')),
      () => {},
    );
  const download = () => {
    const url = URL.createObjectURL(new Blob([asText], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'rectify-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div>
      <Typography.Title level={5}>{t('recoveryTitle')}</Typography.Title>
      <Alert type="warning" showIcon title={t('recoveryNote')} style={{ marginBottom: 16 }} />
      <ol
        data-testid="recovery-codes"
        style={{
          fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
          fontSize: 15,
          columns: '2 140px',
          padding: '12px 12px 12px 36px',
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          maxWidth: 420,
        }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Space wrap>
        <Button icon={<CopyOutlined />} onClick={copy}>
          {t('copy')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t('download')}
        </Button>
        <Button type="primary" onClick={onDone}>
          {t('savedThem')}
        </Button>
      </Space>
    </div>
  );
}
