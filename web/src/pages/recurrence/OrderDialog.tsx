import { Alert, App, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { errorText } from '../../components/ErrorAlert.tsx';
import { useLang, useT } from '../../i18n/index.tsx';
import { OrderFields, type OrderFieldValues, orderBody } from '../supervision/OrderFields.tsx';
import { recurrenceMessages } from './messages.ts';
import type { CommonProblem } from './types.ts';

/** One supervision order to every unit sharing the group's problem; the server sends all or none. */
export function OrderDialog({
  roundId,
  group,
  onClose,
}: {
  roundId: number;
  group: CommonProblem;
  onClose: () => void;
}) {
  const t = useT(recurrenceMessages);
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrderFieldValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: OrderFieldValues) => {
    setSaving(true);
    setError(null);
    try {
      const res = await api<{ ids: number[] }>(`/api/rounds/${roundId}/common-problems/orders`, {
        method: 'POST',
        body: {
          groupKey: group.key,
          ...orderBody(values),
        },
      });
      message.success(t('orderSent', { n: res.ids.length }));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('sendOrderFor', { label: group.label })}
      okText={t('sendOrder')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('orderTo', { n: group.units.length, units: group.units.map((u) => u.unit).join('、') })}
      />
      <Form<OrderFieldValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          title: t('orderDefaultTitle', { label: group.label }),
          content: t('orderDefaultContent', { label: group.label }),
          dueOn: dayjs().add(30, 'day'),
        }}
      >
        <OrderFields />
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error, lang)} /> : null}
    </Modal>
  );
}
