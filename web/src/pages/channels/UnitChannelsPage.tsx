import { App, Button, Card, Form, Input, Popconfirm, Radio, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { SMS_CONTENT_TYPES, SMS_METHODS, SMS_TEMPLATE_MAX } from '../../../../src/domain/channels.ts';
import {
  type UnitChannels,
  type UnitChannelsBody,
  usePatchUnitChannels,
  useUnitChannels,
} from '../../api/queries/channels.ts';
import { useUnits } from '../../api/queries/units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { channelMessages } from './messages.ts';

/**
 * A unit's 钉钉 and 企业微信 robots and its 政务短信 hook, for the office (any unit in its tree) and a unit's
 * administrator (their own). The page never holds a token or a secret: the server sends them masked, and a field left
 * empty here keeps what is stored.
 */
export default function UnitChannelsPage() {
  const t = useT(channelMessages);
  const units = useUnits({ kind: ['committee', 'inspection_office', 'unit'] });
  const list = units.data?.units ?? [];
  const [unitId, setUnitId] = useState<number | null>(null);
  useEffect(() => {
    if (unitId === null && list.length > 0) setUnitId(list[0].id);
  }, [list, unitId]);
  const channels = useUnitChannels(unitId);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {t('robotsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('robotsIntro')}
      </Typography.Paragraph>
      <ErrorAlert error={units.error ?? channels.error} />
      <Space wrap>
        <span>{t('unit')}</span>
        <Select
          style={{ minWidth: 240, maxWidth: '80vw' }}
          showSearch={{ optionFilterProp: 'label' }}
          value={unitId ?? undefined}
          onChange={setUnitId}
          options={list.map((u) => ({ value: u.id, label: u.name }))}
          notFoundContent={t('noUnits')}
          aria-label={t('unit')}
        />
      </Space>
      {unitId !== null && channels.data ? <ChannelsForm key={unitId} unitId={unitId} current={channels.data} /> : null}
      {unitId !== null && channels.isPending ? <Spin /> : null}
    </Space>
  );
}

interface Values {
  dingtalkUrl: string;
  dingtalkSecret: string;
  wecomUrl: string;
  smsUrl: string;
  smsMethod: 'GET' | 'POST';
  smsContentType: 'json' | 'form' | 'text';
  smsBody: string;
  smsSecret: string;
}

function ChannelsForm({ unitId, current }: { unitId: number; current: UnitChannels }) {
  const t = useT(channelMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = usePatchUnitChannels();
  const shown = (v: string | null | undefined) => t('current', { v: v ?? t('notSet') });
  const send = (body: UnitChannelsBody) =>
    save.mutate(
      { unitId, body },
      {
        onSuccess: () => {
          form.resetFields(['dingtalkUrl', 'dingtalkSecret', 'wecomUrl', 'smsSecret']);
          void message.success(t('saved'));
        },
      },
    );
  // Only what was typed is sent: an empty token field keeps the stored one, which the page never had.
  const submit = (v: Values) => {
    const body: UnitChannelsBody = {};
    if (v.dingtalkUrl?.trim()) body.dingtalkUrl = v.dingtalkUrl.trim();
    if (v.dingtalkSecret?.trim()) body.dingtalkSecret = v.dingtalkSecret.trim();
    if (v.wecomUrl?.trim()) body.wecomUrl = v.wecomUrl.trim();
    if (v.smsSecret?.trim()) body.smsSecret = v.smsSecret.trim();
    const smsTyped = v.smsUrl?.trim() && v.smsUrl.trim() !== current.sms?.url;
    const smsChanged =
      smsTyped ||
      (current.sms &&
        (v.smsMethod !== current.sms.method ||
          v.smsContentType !== current.sms.contentType ||
          v.smsBody !== current.sms.body));
    if (smsChanged) {
      if (!v.smsUrl?.trim() || (!smsTyped && current.sms?.url.includes('****'))) {
        // The stored address has a masked part the page cannot send back: it must be typed again to change the hook.
        form.setFields([{ name: 'smsUrl', errors: [t('smsUrlRetype')] }]);
        return;
      }
      body.sms = { url: v.smsUrl.trim(), method: v.smsMethod, contentType: v.smsContentType, body: v.smsBody ?? '' };
    }
    if (Object.keys(body).length === 0) return;
    send(body);
  };
  const clear = (body: UnitChannelsBody) => (
    <Popconfirm title={t('clearConfirm')} onConfirm={() => send(body)}>
      <Button size="small" danger>
        {t('clear')}
      </Button>
    </Popconfirm>
  );
  const card = (title: string, extra: React.ReactNode, children: React.ReactNode) => (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} extra={extra} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        smsUrl: current.sms?.url ?? '',
        smsMethod: current.sms?.method ?? 'POST',
        smsContentType: current.sms?.contentType ?? 'json',
        smsBody: current.sms?.body ?? '{"mobile":"{phone}","content":"{text}"}',
      }}
    >
      {card(
        t('dingtalkTitle'),
        current.dingtalk.url && clear({ dingtalkUrl: null, dingtalkSecret: null }),
        <>
          <Form.Item name="dingtalkUrl" label={t('dingtalkUrl')} extra={shown(current.dingtalk.url)}>
            <Input
              placeholder={`https://oapi.dingtalk.com/robot/send?access_token=… (${t('keepBlank')})`}
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item
            name="dingtalkSecret"
            label={t('dingtalkSecret')}
            extra={current.dingtalk.secretSet ? t('secretSet') : t('notSet')}
          >
            <Input.Password placeholder={t('keepBlank')} autoComplete="new-password" />
          </Form.Item>
        </>,
      )}
      {card(
        t('wecomTitle'),
        current.wecom.url && clear({ wecomUrl: null }),
        <Form.Item name="wecomUrl" label={t('wecomUrl')} extra={shown(current.wecom.url)}>
          <Input
            placeholder={`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… (${t('keepBlank')})`}
            autoComplete="off"
          />
        </Form.Item>,
      )}
      {card(
        t('smsTitle'),
        current.sms && clear({ sms: null, smsSecret: null }),
        <>
          <Form.Item name="smsUrl" label={t('smsUrl')}>
            <Input placeholder="https://sms.example.gov.cn/api/send" autoComplete="off" />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="smsMethod" label={t('smsMethod')}>
              <Radio.Group options={SMS_METHODS.map((m) => ({ value: m, label: m }))} optionType="button" />
            </Form.Item>
            <Form.Item name="smsContentType" label={t('smsContentType')}>
              <Radio.Group options={SMS_CONTENT_TYPES.map((m) => ({ value: m, label: m }))} optionType="button" />
            </Form.Item>
          </Space>
          <Form.Item name="smsBody" label={t('smsBody')} extra={t('smsBodyHint')}>
            <Input.TextArea rows={3} maxLength={SMS_TEMPLATE_MAX} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item
            name="smsSecret"
            label={t('smsSecret')}
            extra={current.sms?.secretSet ? t('secretSet') : t('notSet')}
          >
            <Input.Password placeholder={t('keepBlank')} autoComplete="new-password" />
          </Form.Item>
        </>,
      )}
      <ErrorAlert error={save.error} />
      <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 8 }}>
        {t('save')}
      </Button>
    </Form>
  );
}
