import { DatePicker, type DatePickerProps, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import type { KeyboardEvent } from 'react';
import { defineMessages, useT } from '../i18n/index.tsx';

export const inputMessages = defineMessages({
  deadlineBeforeFeedback: ['整改时限不能早于反馈日期 {date}', 'The deadline cannot be before the feedback date {date}'],
  dateBeforeToday: ['{field}不能早于今天 {date}', 'The {field} cannot be before today {date}'],
  dateNotLater: ['{field}应晚于 {date}', 'The {field} must be after {date}'],
  dateAfterToday: ['{field}不能晚于今天 {date}', 'The {field} cannot be after today {date}'],
  numberOutOfRange: ['{field}应在 {min} 到 {max} 之间', 'The {field} must lie between {min} and {max}'],
  numberStep: ['{field}应是 {step} 的整数倍', 'The {field} must be a multiple of {step}'],
  numberInteger: ['{field}应是整数', 'The {field} must be a whole number'],
  numberDecimals: ['{field}最多保留 {n} 位小数', 'The {field} takes at most {n} decimal places'],
  mendBeforeSaving: [
    '有填写不符合要求的项（见红色提示），改正后再保存',
    'Some entries are refused (in red); mend them, then save',
  ],
});

/**
 * The form's values, or null when a field is refused: the refusal is already shown under its field, so nothing is left
 * to do but stay put. Any other failure is a fault and is thrown on.
 */
export async function validated<V>(form: FormInstance<V>): Promise<V | null> {
  try {
    return await form.validateFields();
  } catch (error) {
    if (error && typeof error === 'object' && 'errorFields' in error) return null;
    throw error;
  }
}

/**
 * Enter confirms what was typed into a picker; it must not also reach the form and send the whole dialog (it once
 * added a measure while the user was only finishing a date). Put on a picker's onKeyDown.
 */
export function keepEnterInPicker(event: KeyboardEvent) {
  if (event.key === 'Enter') event.preventDefault();
}

/** A date picker that keeps Enter to itself; every date picker inside a form should be this one. */
export function DateInput(props: Omit<DatePickerProps<Dayjs, false>, 'multiple'>) {
  const { onKeyDown } = props;
  return (
    <DatePicker
      {...props}
      onKeyDown={(event, preventDefault) => {
        keepEnterInPicker(event);
        onKeyDown?.(event, preventDefault);
      }}
    />
  );
}

/**
 * A rule refusing a day before `earliest` ('YYYY-MM-DD') with words saying why. A picker's disabledDate is not used
 * for this: a typed disabled day silently reverts to the previous value when the field loses focus.
 */
export function notBefore(earliest: string | null, message: string) {
  return {
    validator: async (_: unknown, value: Dayjs | string | null | undefined) => {
      if (!earliest || !value) return;
      const day = typeof value === 'string' ? value : value.format('YYYY-MM-DD');
      if (day < earliest) throw new Error(message);
    },
  };
}

/** The same for a day after `latest`. */
export function notAfter(latest: string, message: string) {
  return {
    validator: async (_: unknown, value: Dayjs | string | null | undefined) => {
      if (!value) return;
      const day = typeof value === 'string' ? value : value.format('YYYY-MM-DD');
      if (day > latest) throw new Error(message);
    },
  };
}

/**
 * A rule for an InputNumber that refuses, in words, a number outside [min, max] or with more decimals than allowed.
 * The InputNumber itself carries no min, max or precision: those clamp or round what was typed without a word.
 */
export function useNumberRule() {
  const t = useT(inputMessages);
  return (field: string, min: number, max: number, decimals = 0) => ({
    validator: async (_: unknown, value: number | null | undefined) => {
      if (value === null || value === undefined) return;
      if (!Number.isFinite(value) || value < min || value > max) {
        throw new Error(t('numberOutOfRange', { field, min, max }));
      }
      const scaled = value * 10 ** decimals;
      if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
        throw new Error(decimals === 0 ? t('numberInteger', { field }) : t('numberDecimals', { field, n: decimals }));
      }
    },
  });
}
