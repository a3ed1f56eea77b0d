/**
 * Issue 15 (报送): the rules of recording that an inspection's 整改情况报告 was submitted upward. Pure: the command
 * asks them before anything is stored.
 */
import type { IsoDate } from './dates.ts';
import { isIsoDate } from './dates.ts';

/** The report's file: the formats a 报告 is sent in (the evidence store checks the bytes). */
export const REPORT_FILE_TYPES = ['docx', 'pdf'] as const;

export const DOC_NUMBER_MAX = 50;

/** A problem with the date, by error key (the catalogue's words), or null. */
export type SubmittedOnProblem =
  | { key: 'report_submitted_on_future'; today: IsoDate }
  | { key: 'report_submitted_before_feedback'; feedbackOn: IsoDate }
  | null;

/** The date: a real date, not after today (China), not before the inspection's feedback date when it has one. */
export function submittedOnProblem(
  submittedOn: IsoDate,
  today: IsoDate,
  feedbackOn: IsoDate | null,
): SubmittedOnProblem {
  if (submittedOn > today) return { key: 'report_submitted_on_future', today };
  if (feedbackOn && submittedOn < feedbackOn) return { key: 'report_submitted_before_feedback', feedbackOn };
  return null;
}

export function isSubmittedOn(value: string): boolean {
  return isIsoDate(value);
}

/**
 * The 文号 as written (〔2026〕12号): kept as the unit typed it, spaces at the ends and runs of spaces inside taken out;
 * null when empty, too long, or holding control characters.
 */
export function normalizeDocNumber(value: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  const text = value.trim().replace(/\s+/g, ' ');
  if (text.length === 0 || text.length > DOC_NUMBER_MAX) return null;
  return text;
}

/** Whether the file's name ends in a report type. */
export function isReportFileName(fileName: string): boolean {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return fileName.includes('.') && (REPORT_FILE_TYPES as readonly string[]).includes(ext);
}
