import { Form, Input } from 'antd';
import type dayjs from 'dayjs';
import { todayInChina } from '../../../../src/domain/dates.ts';
import { DateInput, inputMessages, notBefore } from '../../components/forms.tsx';
import { useT } from '../../i18n/index.tsx';
import { supervisionMessages } from './messages.ts';

/** What every supervision order says, wherever it is sent from; the values land in the form as `title`, `content` and `dueOn`. */
export interface OrderFieldValues {
  title: string;
  content: string;
  dueOn: dayjs.Dayjs;
}

/** The subject, content and due date of a supervision order, inside the sender's own Form. */
export function OrderFields() {
  const t = useT(supervisionMessages);
  const m = useT(inputMessages);
  // The server's today (China's), so page and server refuse the same days.
  const today = todayInChina();
  const required = (field: string) => [{ required: true, whitespace: true, message: t('required', { field }) }];
  return (
    <>
      <Form.Item name="title" label={t('orderTitle')} rules={required(t('orderTitle'))}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="content" label={t('orderContent')} rules={required(t('orderContent'))}>
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Form.Item
        name="dueOn"
        label={t('dueOn')}
        rules={[
          { required: true, message: t('requiredChoice', { field: t('dueOn') }) },
          // Not disabledDate: a typed past day silently fell back to the default (12-01 became 12-22).
          notBefore(today, m('dateBeforeToday', { field: t('dueOn'), date: today })),
        ]}
      >
        <DateInput format="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
    </>
  );
}

/** The order as the server takes it: trimmed texts and the due day. */
export function orderBody(values: OrderFieldValues) {
  return { title: values.title.trim(), content: values.content.trim(), dueOn: values.dueOn.format('YYYY-MM-DD') };
}
