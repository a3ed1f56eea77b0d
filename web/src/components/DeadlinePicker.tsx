import { type DatePickerProps, theme } from 'antd';
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
  inlineMessage = false,
  ...props
}: Omit<DatePickerProps<Dayjs, false>, 'disabledDate' | 'multiple'> & {
  feedbackOn: string | null;
  /** Outside a Form.Item (the plan's table) there is no message line: the picker writes the reason under itself. */
  inlineMessage?: boolean;
}) {
  const t = useT(inputMessages);
  const { token } = theme.useToken();
  const early = feedbackOn !== null && props.value ? props.value.format('YYYY-MM-DD') < feedbackOn : false;
  const picker = <DateInput format="YYYY-MM-DD" status={early ? 'error' : undefined} {...props} />;
  if (!inlineMessage) return picker;
  return (
    <>
      {picker}
      {early && (
        <div role="alert" style={{ color: token.colorError, fontSize: 12, lineHeight: 1.4 }}>
          {t('deadlineBeforeFeedback', { date: feedbackOn ?? '' })}
        </div>
      )}
    </>
  );
}
