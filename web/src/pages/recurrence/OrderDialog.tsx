import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { errorText } from '../../components/ErrorAlert.tsx';
import { useLang, useT } from '../../i18n/index.tsx';
import { recurrenceMessages } from './messages.ts';
import type { CommonProblem } from './types.ts';

interface OrderForm {
  title: string;
  content: string;
  dueOn: dayjs.Dayjs;
}

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
  const [form] = Form.useForm<OrderForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: OrderForm) => {
    setSaving(true);
    setError(null);
    try {
      const res = await api<{ ids: number[] }>(`/api/rounds/${roundId}/common-problems/orders`, {
        method: 'POST',
        body: {
          groupKey: group.key,
          title: values.title.trim(),
          content: values.content.trim(),
          dueOn: values.dueOn.format('YYYY-MM-DD'),
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

  const required = (field: string) => [{ required: true, whitespace: true, message: t('required', { field }) }];
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
      <Form<OrderForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          title: t('orderDefaultTitle', { label: group.label }),
          content: t('orderDefaultContent', { label: group.label }),
          dueOn: dayjs().add(30, 'day'),
        }}
      >
        <Form.Item name="title" label={t('orderTitle')} rules={required(t('orderTitle'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={t('orderContent')} rules={required(t('orderContent'))}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('orderDue')}
          rules={[{ required: true, message: t('required', { field: t('orderDue') }) }]}
        >
          <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error, lang)} /> : null}
    </Modal>
  );
}
