import { describe, expect, it } from 'vitest';
import { bilingualMessage, ERRORS, type ErrorKey, errorCode, errorMessage, messageOfCode } from './error-codes.ts';

const keys = Object.keys(ERRORS) as ErrorKey[];

/** Any value a parameter might name: the words must read without throwing whatever they are given. */
const anything = new Proxy({} as Record<string, unknown>, {
  get: (_, name) =>
    ({ measureIds: [1, 2], lockedUntil: '2026-01-01T00:00:00Z', problems: '请填写意见内容' })[String(name)] ?? '7',
});

describe('the error catalogue', () => {
  it.each(keys)('%s has words in both languages and an HTTP error status', (key) => {
    const entry = ERRORS[key];
    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.status).toBeLessThan(600);
    const params = anything as never;
    const zh = errorMessage(key, params, 'zh');
    const en = errorMessage(key, params, 'en');
    expect(zh.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(bilingualMessage(key, params)).toBe(`${zh} / ${en}`);
  });

  it('keeps one status per code on the wire', () => {
    const statuses = new Map<string, Set<number>>();
    for (const key of keys) {
      const seen = statuses.get(errorCode(key)) ?? new Set<number>();
      seen.add(ERRORS[key].status);
      statuses.set(errorCode(key), seen);
    }
    // duplicate_aspect always was both: an aspect listed twice in one request (400), one the round has already (409).
    const mixed = [...statuses].filter(([, s]) => s.size > 1).map(([code]) => code);
    expect(mixed).toEqual(['duplicate_aspect']);
  });

  it('gives the web the words of a code only when they are the same for every refusal of that code', () => {
    expect(messageOfCode('csrf', 'en')).toBe('missing or wrong CSRF token; reload the page');
    expect(messageOfCode('self_lockout', 'zh')).toBe('不能停用自己的账号或修改自己的角色');
    expect(messageOfCode('validation', 'zh')).toBeNull();
    expect(messageOfCode('deadline_before_feedback', 'zh')).toBeNull();
    expect(messageOfCode('no_such_code', 'zh')).toBeNull();
  });
});
