import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isIsoDate, todayInChina } from './dates.ts';

describe('dates', () => {
  it.each([
    ['2025-07-03', 2, '2025-09-03'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2024-12-31', 2, '2025-02-28'],
    ['2023-12-31', 2, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-11-15', 3, '2026-02-15'],
    ['2025-03-31', -1, '2025-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('adds days and counts them across months and years', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-12-30', '2026-01-02')).toBe(3);
    expect(daysBetween('2026-01-02', '2025-12-30')).toBe(-3);
  });

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-1', '20250101', '2025-04-31', 'abc'])(
    'rejects %s',
    (d) => {
      expect(isIsoDate(d)).toBe(false);
    },
  );

  it.each(['2024-02-29', '2025-12-31', '2026-01-01'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });

  it('uses China time for today', () => {
    expect(todayInChina(new Date('2026-01-20T16:30:00Z'))).toBe('2026-01-21');
    expect(todayInChina(new Date('2026-01-20T15:59:00Z'))).toBe('2026-01-20');
  });
});
