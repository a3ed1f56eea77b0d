import type { DatePickerProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../i18n/index.tsx';
import { DateInput, inputMessages, notBefore } from './forms.tsx';

/**
 * The server refuses a deadline before the inspection's feedback date; this rule refuses it first, under the field,
 * naming the date, and leaves the typed day in place to be mended.
 */
export function useDeadlineRules(feedbackOn: string | null) {
  const t = useT(inputMessages);
  return [notBefore(feedbackOn, t('deadlineBeforeFeedback', { date: feedbackOn ?? '' }))];
}

/**
 * A date picker for an item's or a measure's deadline; inside a Form.Item it takes the field's value like any input.
 * The Form.Item carries useDeadlineRules: days before the feedback date stay choosable so that a typed one is refused
 * in words rather than silently put back.
 */
export function DeadlinePicker({
  feedbackOn,
  ...props
}: Omit<DatePickerProps<Dayjs, false>, 'disabledDate' | 'multiple'> & { feedbackOn: string | null }) {
  // Outside a Form.Item (the plan's table) there is no message line, so at least the box turns red; the save is
  // refused by the server in words.
  const early = feedbackOn !== null && props.value ? props.value.format('YYYY-MM-DD') < feedbackOn : false;
  return <DateInput format="YYYY-MM-DD" status={early ? 'error' : undefined} {...props} />;
}
