import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ORDER_NUMBERING,
  formatDocumentNumber,
  type NumberingPeriod,
  numberingProblem,
  numberScope,
  roundLabel,
} from './document-number.ts';

const year = (pattern: string, prefix = '') => ({ pattern, prefix, per: 'year' as NumberingPeriod });

describe('formatDocumentNumber', () => {
  it('prints the default 〔year〕第n号', () => {
    expect(formatDocumentNumber(DEFAULT_ORDER_NUMBERING, { n: 12, year: 2026 })).toBe('〔2026〕第12号');
  });

  it('puts the prefix first', () => {
    expect(formatDocumentNumber(year('〔{year}〕第{n}号', '市委巡察办督'), { n: 12, year: 2026 })).toBe(
      '市委巡察办督〔2026〕第12号',
    );
  });

  it('prints the round where asked, and the year in its place when the order is outside any round', () => {
    const perRound = { pattern: '〔{year}〕{round}轮第{n}号', prefix: '督', per: 'round' as const };
    expect(formatDocumentNumber(perRound, { n: 1, year: 2026, round: '十' })).toBe('督〔2026〕十轮第1号');
    expect(formatDocumentNumber(perRound, { n: 3, year: 2026, round: null })).toBe('督〔2026〕2026轮第3号');
  });

  it.each([1, 9, 10, 99, 100, 12345])('writes %i in plain digits', (n) => {
    expect(formatDocumentNumber(year('{year}-{n}'), { n, year: 2027 })).toBe(`2027-${n}`);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses %s as a number', (n) => {
    expect(() => formatDocumentNumber(DEFAULT_ORDER_NUMBERING, { n, year: 2026 })).toThrow(/counts from 1/);
  });

  it('refuses to print with a bad pattern', () => {
    expect(() => formatDocumentNumber(year('第号'), { n: 1, year: 2026 })).toThrow(/bad document number pattern/);
  });

  it('leaves $ and other characters of the pattern as they are', () => {
    expect(formatDocumentNumber(year('$&〔{year}〕$1第{n}号'), { n: 5, year: 2026 })).toBe('$&〔2026〕$1第5号');
  });
});

describe('numberingProblem', () => {
  it.each([
    ['〔{year}〕第{n}号', ''],
    ['{year}年第{n}号', '市委巡察办督'],
    ['〔{year}〕{n}', ''],
  ])('accepts %s (prefix “%s”)', (pattern, prefix) => {
    expect(numberingProblem(year(pattern, prefix))).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['〔{year}〕第号', '{n} exactly once'],
    ['〔{year}〕第{n}-{n}号', '{n} exactly once'],
    ['〔{year}〕第{N}号', '{N}'],
    ['〔{year}〕第{num}号', '{num}'],
    ['〔{year}〕第{n号', 'unmatched'],
    ['〔{year}〕第n}号', 'unmatched'],
    ['〔{year}〕第{{n}}号', 'unmatched'],
    ['第{n}号', 'per year need {year}'],
    [`〔{year}〕第{n}号${'x'.repeat(60)}`, 'longer than'],
    ['〔{year}〕\n第{n}号', 'control'],
  ])('refuses %j', (pattern, words) => {
    expect(numberingProblem(year(pattern))).toContain(words);
  });

  it('refuses braces, control characters and length in the prefix', () => {
    expect(numberingProblem(year('〔{year}〕第{n}号', '督{'))).toContain('prefix');
    expect(numberingProblem(year('〔{year}〕第{n}号', 'x'.repeat(61)))).toContain('prefix');
    expect(numberingProblem(year('〔{year}〕第{n}号', '督\t'))).toContain('control');
  });

  it('numbers per round need the round in the pattern', () => {
    expect(numberingProblem({ pattern: '〔{year}〕第{n}号', prefix: '', per: 'round' })).toContain('{round}');
    expect(numberingProblem({ pattern: '〔{year}〕{round}-{n}', prefix: '', per: 'round' })).toBeNull();
    expect(numberingProblem({ pattern: '{round}-{n}', prefix: '', per: 'round' })).toBeNull();
  });
});

describe('numberScope', () => {
  it('counts per year, whatever the round', () => {
    expect(numberScope('year', 2026, 7)).toBe('year:2026');
    expect(numberScope('year', 2026, null)).toBe('year:2026');
  });
  it('counts per round, and in the year when there is no round', () => {
    expect(numberScope('round', 2026, 7)).toBe('round:7');
    expect(numberScope('round', 2026, null)).toBe('year:2026');
  });
});

describe('roundLabel', () => {
  it.each([
    ['2026年第十轮巡察', 7, '十'],
    ['十五届市委第3轮巡察', 7, '3'],
    ['第 二 轮', 7, '二'],
    ['专项巡察', 7, '7'],
    ['', 12, '12'],
  ])('%s → %s', (name, id, label) => {
    expect(roundLabel(name, id)).toBe(label);
  });
});
