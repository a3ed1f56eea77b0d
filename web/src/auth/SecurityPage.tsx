import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS } from '../../../src/domain/two-factor.ts';
import { twoFactorKeys } from '../api/queries/keys.ts';
import {
  type ApiToken,
  useApiTokens,
  useCreateApiToken,
  useDisableTwoFactor,
  useRegenerateRecoveryCodes,
  useRevokeApiToken,
  useTwoFactorStatus,
} from '../api/queries/twoFactor.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useNumberRule } from '../components/forms.tsx';
import { useNarrow } from '../components/ItemCards.tsx';
import { useT } from '../i18n/index.tsx';
import { twoFactorMessages } from './messages.ts';
import { RecoveryCodes, SixDigitField, TwoFactorEnrolment } from './TwoFactorEnrolment.tsx';

const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** The account's security: two-factor sign-in (set up, new recovery codes, turn off) and personal API tokens. */
export default function SecurityPage() {
  const t = useT(twoFactorMessages);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {t('pageTitle')}
      </Typography.Title>
      <TwoFactorCard />
      <ApiTokensCard />
    </Space>
  );
}

function TwoFactorCard() {
  const t = useT(twoFactorMessages);
  const status = useTwoFactorStatus();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: twoFactorKeys.status });
  const s = status.data;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('twoFactorTitle')}</h2>}
      extra={s && <Tag color={s.enabled ? 'green' : 'default'}>{s.enabled ? t('statusOn') : t('statusOff')}</Tag>}
    >
      <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      {!s ? (
        <Spin />
      ) : s.enabled ? (
        <EnabledTwoFactor
          enabledAt={s.enabledAt}
          left={s.recoveryCodesLeft}
          required={s.required}
          onChanged={refresh}
        />
      ) : (
        <>
          <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
          {s.required && <Alert type="info" showIcon title={t('requiredForRole')} style={{ marginBottom: 16 }} />}
          <TwoFactorEnrolment onDone={refresh} />
        </>
      )}
    </Card>
  );
}

function EnabledTwoFactor({
  enabledAt,
  left,
  required,
  onChanged,
}: {
  enabledAt: string | null;
  left: number;
  required: boolean;
  onChanged: () => void;
}) {
  const t = useT(twoFactorMessages);
  const { message } = App.useApp();
  const regenerate = useRegenerateRecoveryCodes();
  const disable = useDisableTwoFactor();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [disableForm] = Form.useForm();

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          onChanged();
        }}
      />
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>
        {enabledAt && t('enabledSince', { at: formatTime(enabledAt) })} · {t('recoveryLeft', { n: left })}
      </Typography.Text>
      {required && <Alert type="info" showIcon title={t('requiredForRole')} />}
      <div>
        <Typography.Title level={5}>{t('regenerate')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('regenerateHint')}</Typography.Paragraph>
        <ErrorAlert error={regenerate.error} />
        <Form
          layout="inline"
          requiredMark={false}
          onFinish={(v: { code: string }) =>
            regenerate.mutate({ code: v.code.replace(/\s/g, '') }, { onSuccess: (r) => setCodes(r.recoveryCodes) })
          }
        >
          <SixDigitField label={t('currentCode')} />
          <Form.Item>
            <Button htmlType="submit" loading={regenerate.isPending}>
              {t('regenerate')}
            </Button>
          </Form.Item>
        </Form>
      </div>
      {!required && (
        <div>
          <Typography.Title level={5}>{t('disable')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('disableHint')}</Typography.Paragraph>
          <ErrorAlert error={disable.error} />
          <Form
            form={disableForm}
            layout="inline"
            requiredMark={false}
            onFinish={(v: { password: string; code: string }) =>
              disable.mutate(
                { password: v.password, code: v.code.replace(/\s/g, '') },
                {
                  onSuccess: () => {
                    disableForm.resetFields();
                    message.success(t('disabled'));
                  },
                },
              )
            }
          >
            <Form.Item label={t('password')} name="password" rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" style={{ width: 180 }} />
            </Form.Item>
            <SixDigitField label={t('currentCode')} />
            <Form.Item>
              <Button danger htmlType="submit" loading={disable.isPending}>
                {t('disable')}
              </Button>
            </Form.Item>
          </Form>
        </div>
      )}
    </Space>
  );
}

function tokenState(token: ApiToken): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  return dayjs(token.expiresAt).isBefore(dayjs()) ? 'expired' : 'active';
}

function ApiTokensCard() {
  const t = useT(twoFactorMessages);
  const status = useTwoFactorStatus();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  // The server's policy says whether this role may hold tokens now (not while 2FA is required of an administrator).
  const refused = !!status.data?.apiTokensRefused;
  const stateColor = { active: 'green', revoked: 'default', expired: 'orange' } as const;
  const narrow = useNarrow();
  const stateTag = (r: ApiToken) => <Tag color={stateColor[tokenState(r)]}>{t(tokenState(r))}</Tag>;
  const revokeButton = (r: ApiToken) =>
    !r.revokedAt && (
      <Popconfirm title={t('revokeConfirm')} onConfirm={() => revoke.mutate(r.id)}>
        <Button size="small" danger>
          {t('revoke')}
        </Button>
      </Popconfirm>
    );

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('tokensTitle')}</h2>}
      extra={
        !refused && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('newToken')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('tokensIntro')}</Typography.Paragraph>
      {refused && <Alert type="info" showIcon title={t('tokensRefused')} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={tokens.error ?? revoke.error} />
      {narrow ? (
        // Seven columns scrolled sideways inside the card at 360 px: on a phone each token is a block of lines.
        <List<ApiToken>
          size="small"
          loading={tokens.isLoading}
          dataSource={tokens.data?.tokens ?? []}
          rowKey="id"
          locale={{ emptyText: t('noTokens') }}
          renderItem={(r) => (
            <List.Item style={{ display: 'block' }}>
              <Space wrap size={6}>
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {r.name}
                </Typography.Text>
                <Typography.Text code>{r.prefix}…</Typography.Text>
                {stateTag(r)}
              </Space>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {t('colCreated')} {formatTime(r.createdAt)} · {t('colExpires')} {formatTime(r.expiresAt)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {t('colLastUsed')} {r.lastUsedAt ? formatTime(r.lastUsedAt) : t('never')}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>{revokeButton(r)}</div>
            </List.Item>
          )}
        />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          loading={tokens.isLoading}
          dataSource={tokens.data?.tokens ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('noTokens') }}
          columns={[
            { key: 'name', title: t('colName'), dataIndex: 'name' },
            {
              key: 'prefix',
              title: t('colPrefix'),
              render: (_, r) => <Typography.Text code>{r.prefix}…</Typography.Text>,
            },
            { key: 'created', title: t('colCreated'), render: (_, r) => formatTime(r.createdAt) },
            {
              key: 'used',
              title: t('colLastUsed'),
              render: (_, r) => (r.lastUsedAt ? formatTime(r.lastUsedAt) : t('never')),
            },
            { key: 'expires', title: t('colExpires'), render: (_, r) => formatTime(r.expiresAt) },
            {
              key: 'state',
              title: t('colState'),
              render: (_, r) => stateTag(r),
            },
            {
              key: 'actions',
              title: '',
              render: (_, r) => revokeButton(r),
            },
          ]}
        />
      )}
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(twoFactorMessages);
  const within = useNumberRule();
  const create = useCreateApiToken();
  const [form] = Form.useForm();
  const [token, setToken] = useState<string | null>(null);
  const close = () => {
    setToken(null);
    form.resetFields();
    create.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('newToken')}
      onCancel={close}
      destroyOnHidden
      footer={
        token ? (
          <Button type="primary" onClick={close}>
            {t('done')}
          </Button>
        ) : (
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('create')}
          </Button>
        )
      }
    >
      {token ? (
        <>
          <Alert type="warning" showIcon title={t('tokenShownOnce')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph copyable code data-testid="new-api-token" style={{ wordBreak: 'break-all' }}>
            {token}
          </Typography.Paragraph>
        </>
      ) : (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ expiresInDays: API_TOKEN_DEFAULT_DAYS }}
          onFinish={(v: { name: string; expiresInDays: number }) =>
            create.mutate(
              { name: v.name.trim(), expiresInDays: v.expiresInDays },
              { onSuccess: (r) => setToken(r.token) },
            )
          }
        >
          <ErrorAlert error={create.error} />
          <Form.Item
            label={t('tokenName')}
            name="name"
            rules={[{ required: true, whitespace: true, max: 64, message: t('tokenNameRequired') }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item
            label={t('tokenDays')}
            name="expiresInDays"
            rules={[{ required: true }, within(t('tokenDays'), 1, API_TOKEN_MAX_DAYS)]}
          >
            <InputNumber />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
