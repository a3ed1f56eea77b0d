import { Alert, App, Form } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../supervision/FormDialog.tsx';
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
  const { message } = App.useApp();
  const [form] = Form.useForm<OrderFieldValues>();
  return (
    <FormDialog<OrderFieldValues>
      form={form}
      title={t('sendOrderFor', { label: group.label })}
      okText={t('sendOrder')}
      width={640}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('orderTo', { n: group.units.length, units: group.units.map((u) => u.unit).join('、') })}
        />
      }
      initialValues={{
        title: t('orderDefaultTitle', { label: group.label }),
        content: t('orderDefaultContent', { label: group.label }),
        dueOn: dayjs().add(30, 'day'),
      }}
      onClose={onClose}
      send={async (values) => {
        const res = await api<{ ids: number[] }>(`/api/rounds/${roundId}/common-problems/orders`, {
          method: 'POST',
          body: { groupKey: group.key, ...orderBody(values) },
        });
        message.success(t('orderSent', { n: res.ids.length }));
        onClose();
      }}
    >
      <OrderFields />
    </FormDialog>
  );
}
