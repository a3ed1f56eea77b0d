import { describe, expect, it } from 'vitest';
import { isReportFileName, normalizeDocNumber, submittedOnProblem } from './report-submission.ts';

describe('报送 rules', () => {
  it('takes a date from the feedback date to today, both included', () => {
    expect(submittedOnProblem('2026-08-15', '2026-08-15', '2026-07-01')).toBeNull();
    expect(submittedOnProblem('2026-07-01', '2026-08-15', '2026-07-01')).toBeNull();
    expect(submittedOnProblem('2026-08-16', '2026-08-15', '2026-07-01')).toEqual({
      key: 'report_submitted_on_future',
      today: '2026-08-15',
    });
    expect(submittedOnProblem('2026-06-30', '2026-08-15', '2026-07-01')).toEqual({
      key: 'report_submitted_before_feedback',
      feedbackOn: '2026-07-01',
    });
    // Without a feedback date only the future is refused.
    expect(submittedOnProblem('2020-01-01', '2026-08-15', null)).toBeNull();
  });

  it('keeps the 文号 as written, trimmed, refusing empty, long and control characters', () => {
    expect(normalizeDocNumber(' 〔2026〕12号 ')).toBe('〔2026〕12号');
    expect(normalizeDocNumber('江纪发  〔2026〕 12号')).toBe('江纪发 〔2026〕 12号');
    expect(normalizeDocNumber('   ')).toBeNull();
    expect(normalizeDocNumber('')).toBeNull();
    expect(normalizeDocNumber('号'.repeat(51))).toBeNull();
    expect(normalizeDocNumber('号'.repeat(50))).toBe('号'.repeat(50));
    expect(normalizeDocNumber('〔2026〕\u000012号')).toBeNull();
  });

  it('takes .docx and .pdf files only', () => {
    expect(isReportFileName('整改情况报告.PDF')).toBe(true);
    expect(isReportFileName('报告.docx')).toBe(true);
    expect(isReportFileName('报告.doc')).toBe(false);
    expect(isReportFileName('报告.xlsx')).toBe(false);
    expect(isReportFileName('pdf')).toBe(false);
  });
});
