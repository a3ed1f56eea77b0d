import { describe, expect, it } from 'vitest';
import {
  findDate,
  MEASURE_KIND_WORDS,
  matchKey,
  readDeadline,
  readResult,
  STATE_WORDS,
  splitMeasures,
  splitNumbering,
} from './cells.ts';
import { fieldOfHeader, headerOf, withSubHeader } from './columns.ts';

describe('deadlines as offices write them', () => {
  it.each([
    ['2025年6月底', '2025-06-30', null],
    ['2025年6月30日前', '2025-06-30', null],
    ['2025.06.30', '2025-06-30', null],
    ['2025/6/30', '2025-06-30', null],
    ['2025-6-30', '2025-06-30', null],
    ['6/30/2025', '2025-06-30', null],
    ['30/6/2025', '2025-06-30', null],
    ['2024年2月', '2024-02-29', null],
    ['2025年底', '2025-12-31', null],
    ['立行立改', null, 'immediate'],
    ['长期坚持', null, 'ongoing'],
    ['立行立改，2025年6月底前', '2025-06-30', 'immediate'],
    ['', null, null],
  ])('%s', (text, deadline, kind) => {
    expect(readDeadline(text)).toEqual({ ok: true, deadline, kind });
  });

  it('reads Excel dates and serial numbers', () => {
    expect(readDeadline(new Date(Date.UTC(2025, 5, 30)))).toEqual({ ok: true, deadline: '2025-06-30', kind: null });
    expect(readDeadline(45838)).toEqual({ ok: true, deadline: '2025-06-30', kind: null });
  });

  it('refuses what is not a deadline', () => {
    expect(readDeadline('尽快')).toMatchObject({ ok: false });
    expect(readDeadline('2025年2月30日')).toMatchObject({ ok: false });
    expect(readDeadline(12)).toMatchObject({ ok: false });
    expect(findDate('2025年13月')).toBe('invalid');
  });
});

describe('measures numbered inside one cell', () => {
  it.each([
    ['1. 修订规则；2. 专题研究。', ['修订规则。', '专题研究。']],
    ['1、修订规则\n2、专题研究\n3、纳入考核', ['修订规则', '专题研究', '纳入考核']],
    ['（1）完善制度（2）开展检查', ['完善制度', '开展检查']],
    ['一是制定清单；二是开展培训；三是纳入考核', ['制定清单。', '开展培训。', '纳入考核']],
    ['①建立台账②定期通报', ['建立台账', '定期通报']],
  ])('%s', (text, clauses) => {
    expect(splitMeasures(text)).toEqual(clauses);
  });

  it('leaves a single measure and numbers inside sentences alone', () => {
    expect(splitMeasures('2025.6 前完成 2. 号文件的修订')).toEqual(['2025.6 前完成 2. 号文件的修订']);
    expect(splitMeasures('1. 只有一条')).toEqual(['1. 只有一条']);
    expect(splitMeasures('')).toEqual([]);
  });
});

describe('results, numbering and names', () => {
  it('maps result words to state and label', () => {
    expect(readResult('已完成')).toEqual({ state: 'closed', result: 'completed' });
    expect(readResult('阶段性完成')).toEqual({ state: 'in_progress', result: 'partially_completed' });
    expect(readResult('持续整改')).toEqual({ state: 'in_progress', result: 'partially_completed' });
    expect(readResult('正在整改')).toEqual({ state: 'in_progress', result: 'not_completed' });
    expect(readResult('')).toEqual({ state: 'not_started', result: 'not_completed' });
    expect(readResult('也许')).toBeUndefined();
  });

  it('keeps numbering apart and matches names whatever the width and punctuation', () => {
    expect(splitNumbering('（一）落实主体责任有差距')).toEqual({ number: '一', title: '落实主体责任有差距' });
    expect(splitNumbering('2.财务管理')).toEqual({ number: '2', title: '财务管理' });
    expect(matchKey('一、党的领导方面')).toBe(matchKey('党的领导 方面'));
  });
});

describe('headers', () => {
  it('recognises the usual column names with notes and stars', () => {
    expect(fieldOfHeader('整改时限（月底前）')).toBe('deadline');
    expect(fieldOfHeader('责任人*')).toBe('person');
    expect(fieldOfHeader('细化问题')).toBe('item');
    expect(fieldOfHeader('江澜市整改台账')).toBeUndefined();
  });

  it('needs a problem, item or measure column and combines a two-row header', () => {
    expect(headerOf(['江澜市整改台账'])).toBeUndefined();
    expect(headerOf(['序号', '备注'])).toBeUndefined();
    const top = headerOf(['序号', '具体问题', '整改措施', '整改责任', null, '整改时限']);
    expect(top).toEqual({ number: 0, item: 1, measure: 2, deadline: 5 });
    const both = withSubHeader(top ?? {}, [null, null, null, '责任部门', '责任人', null]);
    expect(both).toEqual({ number: 0, item: 1, measure: 2, deadline: 5, department: 3, person: 4 });
    expect(withSubHeader(top ?? {}, [1, '问题', '措施', '办公室', '张三', '2025-06-30'])).toBeUndefined();
  });
});

describe('state and kind words', () => {
  it('reads back what the export writes and nothing that only looks like an object key', () => {
    expect(STATE_WORDS.已销号).toBe('closed');
    expect(MEASURE_KIND_WORDS.长期坚持).toBe('ongoing');
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(STATE_WORDS[word]).toBeUndefined();
      expect(MEASURE_KIND_WORDS[word]).toBeUndefined();
    }
  });
});
