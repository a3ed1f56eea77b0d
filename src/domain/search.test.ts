import { describe, expect, it } from 'vitest';
import { matchRanges, rankHits, rankPool, type SearchKind, searchTerms, snippet } from './search.ts';

describe('searchTerms', () => {
  it.each([
    ['北斗', ['北斗']],
    ['  北斗   定位 ', ['北斗', '定位']],
    ['北斗\u3000定位', ['北斗', '定位']],
    ['北斗 北斗', ['北斗']],
    ['   ', []],
    ['GPS-2024', ['GPS-2024']],
  ])('%j → %j', (q, terms) => expect(searchTerms(q)).toEqual(terms));
});

describe('matchRanges', () => {
  it('finds every occurrence of every term, case-insensitively, merged where they overlap', () => {
    expect(matchRanges('北斗定位，北斗终端', ['北斗'])).toEqual([
      { start: 0, end: 2 },
      { start: 5, end: 7 },
    ]);
    expect(matchRanges('GPS gps', ['Gps'])).toEqual([
      { start: 0, end: 3 },
      { start: 4, end: 7 },
    ]);
    expect(matchRanges('北斗定位终端', ['北斗定', '定位终'])).toEqual([{ start: 0, end: 5 }]);
    expect(matchRanges('北斗', ['', '无'])).toEqual([]);
  });
});

describe('snippet', () => {
  it('keeps a short text whole, white space collapsed', () => {
    expect(snippet('安装\n北斗  终端', ['北斗'])).toEqual({
      text: '安装 北斗 终端',
      cutStart: false,
      cutEnd: false,
      ranges: [{ start: 3, end: 5 }],
    });
  });

  it('cuts a long text around its first match and moves the ranges with it', () => {
    const body = `${'前'.repeat(100)}北斗${'后'.repeat(100)}`;
    const s = snippet(body, ['北斗'], 40);
    expect(s.text.length).toBe(40);
    expect(s.cutStart && s.cutEnd).toBe(true);
    expect(s.text.slice(s.ranges[0].start, s.ranges[0].end)).toBe('北斗');
  });

  it('ends at the text’s end when the match is near it', () => {
    const s = snippet(`${'前'.repeat(100)}北斗`, ['北斗'], 40);
    expect(s.cutEnd).toBe(false);
    expect(s.text.endsWith('北斗')).toBe(true);
  });
});

describe('rankHits', () => {
  const hit = (kind: SearchKind, body: string, id: number) => ({ kind, body, id });

  it('puts an item whose title holds every word first, then other kinds by weight, newer first among equals', () => {
    const hits = [
      hit('progress', '已完成北斗定位终端安装', 9),
      hit('measure', '加装北斗定位终端', 8),
      hit('item', '公务用车管理不严\n车辆未安装北斗定位终端', 7),
      hit('item', '北斗定位终端未安装\n', 6),
      hit('progress', '已完成北斗定位终端安装', 5),
    ];
    expect(rankHits(hits, ['北斗定位'], 10).map((h) => h.id)).toEqual([6, 7, 8, 9, 5]);
  });

  it('prefers the words side by side as typed, and more of them, and a short text', () => {
    const together = hit('progress', '车辆 北斗 定位 已装', 1);
    const apart = hit('progress', '北斗终端已经到货，定位平台下月上线', 2);
    expect(rankHits([apart, together], ['北斗', '定位'], 10).map((h) => h.id)).toEqual([1, 2]);
    const often = hit('progress', '北斗、北斗、北斗', 3);
    const once = hit('progress', '北斗终端', 4);
    expect(rankHits([once, often], ['北斗'], 10)[0].id).toBe(3);
    const short = hit('evidence', '北斗.pdf\n', 5);
    const long = hit('evidence', `北斗.pdf\n${'正文'.repeat(200)}`, 6);
    expect(rankHits([long, short], ['北斗'], 10)[0].id).toBe(5);
  });

  it('returns at most the page asked for, from a pool four times as large, capped', () => {
    const hits = Array.from({ length: 30 }, (_, i) => hit('progress', '北斗', i));
    expect(rankHits(hits, ['北斗'], 5).map((h) => h.id)).toEqual([0, 1, 2, 3, 4]);
    expect(rankHits([], ['北斗'], 5)).toEqual([]);
    expect([rankPool(1), rankPool(20), rankPool(50)]).toEqual([4, 80, 200]);
  });
});
