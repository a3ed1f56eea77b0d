import { DatePicker, type DatePickerProps } from 'antd';
import type { Dayjs } from 'dayjs';

/** The server refuses a deadline before the inspection's feedback date, so the picker greys those days out. */
export function beforeFeedback(feedbackOn: string | null) {
  return (day: Dayjs) => feedbackOn !== null && day.format('YYYY-MM-DD') < feedbackOn;
}

/** A date picker for an item's or a measure's deadline; inside a Form.Item it takes the field's value like any input. */
export function DeadlinePicker({
  feedbackOn,
  ...props
}: Omit<DatePickerProps<Dayjs, false>, 'disabledDate' | 'multiple'> & { feedbackOn: string | null }) {
  return <DatePicker {...props} disabledDate={beforeFeedback(feedbackOn)} />;
}
