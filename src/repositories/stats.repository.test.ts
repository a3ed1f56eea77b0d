import { describe, expect, it } from 'vitest';
import { MAX_TREND_POINTS, trendDates } from './stats.repository.ts';

describe('trendDates', () => {
  it('steps by a week and always ends today', () => {
    expect(trendDates('2026-07-01', '2026-07-15')).toEqual(['2026-07-01', '2026-07-08', '2026-07-15']);
    expect(trendDates('2026-07-01', '2026-07-17')).toEqual(['2026-07-01', '2026-07-08', '2026-07-15', '2026-07-17']);
  });

  it('is only today when feedback is today or still ahead', () => {
    expect(trendDates('2026-07-01', '2026-07-01')).toEqual(['2026-07-01']);
    expect(trendDates('2026-09-01', '2026-07-01')).toEqual(['2026-07-01']);
  });

  it('stretches the step on a long round so the line stays readable', () => {
    const dates = trendDates('2020-01-01', '2026-07-01');
    expect(dates.length).toBeLessThanOrEqual(MAX_TREND_POINTS);
    expect(dates[0]).toBe('2020-01-01');
    expect(dates.at(-1)).toBe('2026-07-01');
    expect(new Set(dates).size).toBe(dates.length);
  });
});
