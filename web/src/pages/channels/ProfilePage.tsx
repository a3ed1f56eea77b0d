import { App, Button, Card, Checkbox, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import {
  isEmailAddress,
  isMobileNumber,
  OUTWARD_CHANNELS,
  type OutwardChannel,
} from '../../../../src/domain/channels.ts';
import { type OwnContact, useOwnContact, usePatchOwnContact } from '../../api/queries/channels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { channelMessages } from './messages.ts';

interface Values {
  email: string;
  phone: string;
  channels: OutwardChannel[];
}

/** The signed-in person's own e-mail and mobile, and which outward channels reach them (in-app always does). */
export default function ProfilePage() {
  const t = useT(channelMessages);
  const contact = useOwnContact();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {t('profileTitle')}
      </Typography.Title>
      <ErrorAlert error={contact.error} onRetry={() => void contact.refetch()} />
      {contact.data ? <ContactForm contact={contact.data} onReload={() => void contact.refetch()} /> : <Spin />}
    </Space>
  );
}

function ContactForm({ contact, onReload }: { contact: OwnContact; onReload: () => void }) {
  const t = useT(channelMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = usePatchOwnContact();
  const initial: Values = {
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    channels: OUTWARD_CHANNELS.filter((c) => contact.channels[c]),
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version (a save, another tab's change) is what makes the fields worth refreshing
  useEffect(() => form.setFieldsValue(initial), [contact.version]);
  const email = Form.useWatch('email', form);
  const phone = Form.useWatch('phone', form);
  const note = (c: OutwardChannel) => {
    if (!contact.available[c]) return <Tag>{t('notSetUp')}</Tag>;
    if (c === 'email' && !email?.trim()) return <Tag color="orange">{t('needsEmail')}</Tag>;
    if (c === 'sms' && !phone?.trim()) return <Tag color="orange">{t('needsPhone')}</Tag>;
    return null;
  };
  const submit = (v: Values) =>
    save.mutate(
      {
        version: contact.version,
        email: v.email,
        phone: v.phone,
        channels: Object.fromEntries(OUTWARD_CHANNELS.map((c) => [c, v.channels.includes(c)])),
      },
      { onSuccess: () => void message.success(t('saved')) },
    );
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('contactTitle')}</h2>} style={{ marginBottom: 16 }}>
        <Form.Item
          name="email"
          label={t('email')}
          extra={t('emailHint')}
          rules={[
            {
              validator: (_, value?: string) =>
                !value?.trim() || isEmailAddress(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('emailInvalid'))),
            },
          ]}
        >
          <Input inputMode="email" autoComplete="email" maxLength={254} placeholder="name@example.gov.cn" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('phone')}
          extra={t('phoneHint')}
          rules={[
            {
              validator: (_, value?: string) =>
                !value?.trim() || isMobileNumber(value.replace(/[\s-]/g, ''))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('phoneInvalid'))),
            },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={13} placeholder="13800000000" />
        </Form.Item>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('channelsTitle')}</h2>} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('channelsIntro')}</Typography.Paragraph>
        <Space orientation="vertical" size={8}>
          <Checkbox checked disabled>
            {t('inApp')} <Tag color="green">{t('always')}</Tag>
          </Checkbox>
          <Form.Item name="channels" noStyle>
            <Checkbox.Group>
              <Space orientation="vertical" size={8}>
                {OUTWARD_CHANNELS.map((c) => (
                  <Checkbox key={c} value={c}>
                    {t(`ch_${c}`)} {note(c)}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
        </Space>
      </Card>
      <SaveErrorAlert error={save.error} onReload={onReload} />
      <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 8 }}>
        {t('save')}
      </Button>
    </Form>
  );
}
