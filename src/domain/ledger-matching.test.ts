import { describe, expect, it } from 'vitest';
import {
  aspectKey,
  changedFields,
  ItemMatcher,
  ItemNumbering,
  immediateDeadline,
  matchAspect,
  mayUndoImport,
  numberKey,
  numbersRestartPerAspect,
  splitLeadingNumber,
  withoutNumbering,
} from './ledger-matching.ts';

describe('splitLeadingNumber', () => {
  it.each([
    ['1.党组会议研究整改不及时', '1', '党组会议研究整改不及时'],
    ['1、党组会议', '1', '党组会议'],
    ['1．党组会议', '1', '党组会议'],
    ['１．党组会议', '1', '党组会议'],
    ['  1. 党组会议 ', '1', '党组会议'],
    ['12.差旅费', '12', '差旅费'],
    ['一、党的领导', '一', '党的领导'],
    ['十二、党的建设', '十二', '党的建设'],
    ['（一）党的领导', '一', '党的领导'],
    ['(二) 党的领导', '二', '党的领导'],
    ['（3）会议', '3', '会议'],
    ['①会议室', '1', '会议室'],
    ['③ 会议室', '3', '会议室'],
    ['第一、会议', '一', '会议'],
  ])('%s → %s | %s', (text, number, title) => {
    expect(splitLeadingNumber(text)).toEqual({ number, title });
  });

  it.each([
    ['党组会议', '党组会议'],
    ['2026.09前完成', '2026.09前完成'],
    ['1.5倍标准接待', '1.5倍标准接待'],
    ['1.', '1.'],
    ['（一）', '（一）'],
    ['', ''],
  ])('leaves %s without a number', (text, title) => {
    expect(splitLeadingNumber(text)).toEqual({ number: null, title });
  });
});

describe('withoutNumbering', () => {
  it('removes every leading numbering, not only the first', () => {
    expect(withoutNumbering('一、（一）1.党的领导')).toBe('党的领导');
    expect(withoutNumbering('（二）  2、党的建设')).toBe('党的建设');
    expect(withoutNumbering('党的领导')).toBe('党的领导');
  });
});

describe('aspectKey', () => {
  it.each([
    ['一、落实全面从严治党战略部署方面存在的问题', '落实全面从严治党战略部署'],
    ['落实全面从严治党战略部署方面', '落实全面从严治党战略部署'],
    ['落实全面从严治党战略部署', '落实全面从严治党战略部署'],
    ['（一）落实全面从严治党战略部署方面问题', '落实全面从严治党战略部署'],
    ['1.落实全面从严治党战略部署方面存在问题', '落实全面从严治党战略部署'],
    ['１．落实 全面从严治党 战略部署 方面存在的问题', '落实全面从严治党战略部署'],
    ['二、党的建设存在的问题', '党的建设'],
    ['二、 党的建设问题', '党的建设'],
    ['三、“两个维护”方面的问题', '两个维护'],
    ['问题', '问题'],
    ['方面', '方面'],
  ])('%s → %s', (text, key) => {
    expect(aspectKey(text)).toBe(key);
  });
});

describe('matchAspect', () => {
  const aspects = [
    { id: 1, name: '落实全面从严治党战略部署方面' },
    { id: 2, name: '贯彻落实党的路线方针政策和党中央重大决策部署' },
    { id: 3, name: '落实新时代党的组织路线' },
  ];

  it('matches equal names once numbering and suffixes are gone', () => {
    expect(matchAspect('一、落实全面从严治党战略部署方面存在的问题', aspects)).toEqual({ kind: 'exact', id: 1 });
    expect(matchAspect('（三）落实新时代党的组织路线方面问题', aspects)).toEqual({ kind: 'exact', id: 3 });
  });

  it('suggests the most similar aspect when no name is equal', () => {
    const found = matchAspect('一、贯彻党的路线方针政策和党中央决策部署方面存在的问题', aspects);
    expect(found).toMatchObject({ kind: 'suggested', id: 2, name: aspects[1].name });
    expect(found.kind === 'suggested' && found.similarity).toBeGreaterThan(0.5);
  });

  it('suggests nothing for a name unlike every aspect, or an empty one', () => {
    expect(matchAspect('财务管理', aspects)).toEqual({ kind: 'none' });
    expect(matchAspect('一、', aspects)).toEqual({ kind: 'none' });
    expect(matchAspect('落实全面从严治党战略部署', [])).toEqual({ kind: 'none' });
  });
});

describe('ItemMatcher', () => {
  const existing = [
    { id: 10, aspectId: 1, number: '1', title: '党组会议研究整改不及时' },
    { id: 11, aspectId: 1, number: '2', title: '意识形态工作责任制落实不到位' },
    { id: 12, aspectId: 2, number: '1', title: '公务接待超标准' },
  ];

  it('matches an equal title (by number when the number agrees too)', () => {
    const m = new ItemMatcher(existing);
    expect(m.match({ aspectId: 1, number: '1', title: '党组会议研究整改不及时' })).toEqual({
      id: 10,
      by: 'number',
      similarity: 1,
    });
    expect(m.match({ aspectId: 1, number: '9', title: '意识形态工作责任制落实不到位。' })).toEqual({
      id: 11,
      by: 'title',
      similarity: 1,
    });
  });

  it('matches the same number with a reworded title, and a near-identical title under another number', () => {
    const byNumber = new ItemMatcher(existing).match({
      aspectId: 1,
      number: '１.',
      title: '党组会议研究整改工作不及时',
    });
    expect(byNumber).toMatchObject({ id: 10, by: 'number' });
    const byTitle = new ItemMatcher(existing).match({
      aspectId: 1,
      number: '5',
      title: '意识形态工作责任制落实不到位的问题',
    });
    expect(byTitle).toMatchObject({ id: 11, by: 'title' });
  });

  it('keeps to the aspect, matches each item once, and leaves unlike titles new', () => {
    const m = new ItemMatcher(existing);
    expect(m.match({ aspectId: 2, number: '1', title: '党组会议研究整改不及时' })).toBeNull();
    expect(m.match({ aspectId: 1, number: '1', title: '会议室使用登记不全' })).toBeNull();
    expect(m.match({ aspectId: 2, number: '1', title: '公务接待超标准' })).toMatchObject({ id: 12 });
    expect(m.match({ aspectId: 2, number: '1', title: '公务接待超标准' })).toBeNull();
  });
});

describe('ItemNumbering', () => {
  it('numbers on from the highest number of the inspection, keeping a written number not yet taken', () => {
    const n = new ItemNumbering([
      { aspectId: 1, number: '1' },
      { aspectId: 1, number: '2' },
      { aspectId: 2, number: '3' },
      { aspectId: 2, number: '4' },
    ]);
    expect(n.next(1, '1')).toBe('5');
    expect(n.next(2, '4.')).toBe('6');
    expect(n.next(2, '9')).toBe('9');
    expect(n.next(1, null)).toBe('10');
  });

  it('numbers on within the aspect when the ledger numbers each aspect from 1', () => {
    const existing = [
      { aspectId: 1, number: '1' },
      { aspectId: 1, number: '2' },
      { aspectId: 2, number: '1' },
    ];
    expect(numbersRestartPerAspect(existing)).toBe(true);
    const n = new ItemNumbering(existing);
    expect(n.next(1, '1')).toBe('3');
    expect(n.next(2, '1')).toBe('2');
    expect(n.next(3, '1')).toBe('1');
  });

  it('starts at 1 in an empty ledger and keeps the file numbers there', () => {
    const n = new ItemNumbering([]);
    expect(n.next(1, null)).toBe('1');
    expect(n.next(1, '1')).toBe('2');
    expect(n.next(1, '7')).toBe('7');
    expect(numbersRestartPerAspect([])).toBe(false);
  });
});

describe('numberKey', () => {
  it('ignores width, spaces and trailing punctuation', () => {
    expect(numberKey('１．')).toBe('1');
    expect(numberKey(' 2、')).toBe('2');
    expect(numberKey('')).toBeNull();
    expect(numberKey(null)).toBeNull();
  });
});

describe('changedFields', () => {
  it('lists the fields whose values differ, old → new, blank and null alike', () => {
    expect(
      changedFields(
        { title: 'a', deadline: '2026-09-30', leader: '', kind: '限期整改' },
        { title: 'a', deadline: '2026-10-31', leader: null, kind: '立行立改' },
        ['title', 'deadline', 'leader', 'kind'],
      ),
    ).toEqual([
      { field: 'deadline', from: '2026-09-30', to: '2026-10-31' },
      { field: 'kind', from: '限期整改', to: '立行立改' },
    ]);
  });
});

describe('immediateDeadline and mayUndoImport', () => {
  it('puts a 立行立改 deadline the configured days after the feedback date', () => {
    expect(immediateDeadline('2026-08-19', 30)).toBe('2026-09-18');
    expect(immediateDeadline('2026-12-20', 15)).toBe('2027-01-04');
    expect(immediateDeadline(null, 30)).toBeNull();
  });

  it('allows undoing an import for one day', () => {
    const at = '2026-09-01T08:00:00.000Z';
    expect(mayUndoImport(at, new Date('2026-09-01T09:00:00.000Z'))).toBe(true);
    expect(mayUndoImport(at, new Date('2026-09-02T08:00:00.000Z'))).toBe(true);
    expect(mayUndoImport(at, new Date('2026-09-02T08:00:01.000Z'))).toBe(false);
  });
});
