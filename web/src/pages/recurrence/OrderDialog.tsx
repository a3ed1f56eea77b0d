import { Alert, App, Form } from 'antd';
import dayjs from 'dayjs';
import { type CommonProblem, useOrderCommonProblem } from '../../api/queries/recurrence.ts';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../supervision/FormDialog.tsx';
import { OrderFields, type OrderFieldValues, orderBody } from '../supervision/OrderFields.tsx';
import { recurrenceMessages } from './messages.ts';

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
  const order = useOrderCommonProblem();
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
      sending={order.isPending}
      error={order.error}
      onSubmit={(values) =>
        order.mutate(
          { roundId, body: { groupKey: group.key, ...orderBody(values) } },
          {
            onSuccess: (res) => {
              message.success(t('orderSent', { n: res.ids.length }));
              onClose();
            },
          },
        )
      }
    >
      <OrderFields />
    </FormDialog>
  );
}
