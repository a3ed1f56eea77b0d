import { describe, expect, it } from 'vitest';
import {
  acceptsComments,
  checkComment,
  countLinks,
  describeProblem,
  judgeFormTime,
  publicationState,
  retryAfterSeconds,
  shownOnPortal,
} from './publication.ts';

describe('publicationState', () => {
  const p = { status: 'published' as const, publicFrom: '2026-08-15', publicTo: '2026-08-29' };
  it.each([
    ['2026-08-14', 'archive', 'scheduled'],
    ['2026-08-15', 'archive', 'public'],
    ['2026-08-29', 'withdraw', 'public'],
    ['2026-08-30', 'archive', 'archived'],
    ['2026-08-30', 'withdraw', 'withdrawn'],
  ] as const)('on %s with expiry %s is %s', (today, expiry, state) => {
    expect(publicationState(p, today, expiry)).toBe(state);
  });
  it('a withdrawn notice stays withdrawn whatever the day', () => {
    expect(publicationState({ ...p, status: 'withdrawn' }, '2026-08-20', 'archive')).toBe('withdrawn');
  });
  it('only the public period takes comments; archived ones are still shown', () => {
    expect(acceptsComments('public')).toBe(true);
    expect(acceptsComments('archived')).toBe(false);
    expect(shownOnPortal('archived')).toBe(true);
    expect(shownOnPortal('scheduled')).toBe(false);
    expect(shownOnPortal('withdrawn')).toBe(false);
  });
});

describe('checkComment', () => {
  it('trims and empties optional fields to null', () => {
    expect(checkComment({ content: '  意见 ', name: ' ', contact: null })).toEqual({
      value: { content: '意见', name: null, contact: null },
      problems: [],
    });
  });
  it('counts characters, not bytes, at each limit', () => {
    expect(
      checkComment({ content: '字'.repeat(2000), name: '名'.repeat(50), contact: '1'.repeat(100) }).problems,
    ).toEqual([]);
    expect(
      checkComment({ content: '字'.repeat(2001), name: '名'.repeat(51), contact: '1'.repeat(101) }).problems,
    ).toEqual([
      { field: 'content', code: 'too_long' },
      { field: 'name', code: 'too_long' },
      { field: 'contact', code: 'too_long' },
    ]);
  });
  it('requires content and limits links and control characters', () => {
    expect(checkComment({ content: '' }).problems).toEqual([{ field: 'content', code: 'required' }]);
    expect(checkComment({ content: 'http://a.example https://b.example' }).problems).toEqual([]);
    expect(checkComment({ content: 'http://a.example https://b.example www.c.example' }).problems).toEqual([
      { field: 'content', code: 'too_many_links' },
    ]);
    expect(checkComment({ content: 'a\u0007b' }).problems).toEqual([{ field: 'content', code: 'control_characters' }]);
    expect(checkComment({ content: 'a\n\tb' }).problems).toEqual([]);
    expect(countLinks('see HTTPS://x.example and www.y.example')).toBe(2);
  });
  it('describes a problem in words', () => {
    expect(describeProblem({ field: 'name', code: 'too_long' })).toBe('姓名：内容超过长度上限（最多 50 字）');
  });
});

describe('bot and flood signs', () => {
  it('judges the time between render and post', () => {
    expect(judgeFormTime(0, 2999)).toBe('too_fast');
    expect(judgeFormTime(0, 3000)).toBe('ok');
    expect(judgeFormTime(0, 24 * 3600_000 + 1)).toBe('expired');
  });
  it('says when the oldest comment of the hour drops out', () => {
    const now = new Date('2026-08-15T04:30:00Z');
    expect(retryAfterSeconds(new Date('2026-08-15T04:00:00Z'), now)).toBe(1800);
    expect(retryAfterSeconds(new Date('2026-08-15T03:00:00Z'), now)).toBe(1);
  });
});
