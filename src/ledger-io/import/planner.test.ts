import { describe, expect, it } from 'vitest';
import type { CellValue } from './cells.ts';
import { type ImportLookups, LedgerPlanner } from './planner.ts';

const lookups: ImportLookups = {
  feedbackOn: '2026-07-01',
  today: '2026-08-15',
  aspects: [
    { id: 1, name: '党的领导方面' },
    { id: 2, name: '全面从严治党方面' },
  ],
  departments: [{ id: 10, code: 'JL-01', name: '办公室' }],
  people: [{ id: 20, username: 'zhang', displayName: '张三' }],
  existingProblems: [],
  mapping: {},
  immediateDeadlineDays: 30,
};

function plan(rows: CellValue[][], extra: Partial<ImportLookups> = {}) {
  const planner = new LedgerPlanner({ ...lookups, ...extra });
  planner.startSheet('表1');
  for (const [i, cells] of rows.entries()) planner.row(i + 1, cells);
  const summary = planner.finish();
  return { summary, items: planner.ready, problems: planner.newProblems };
}

describe('the ledger planner', () => {
  it('reads aspects as units write them: numbered, with 方面存在的问题, as a heading row or a column (issue 14)', () => {
    const { summary, items } = plan([
      ['序号', '问题类别', '具体问题', '整改措施', '措施类型', '整改时限'],
      ['', '一、党的领导方面存在的问题'],
      ['', '', '1.理论学习不深入', '制定学习计划', '立行立改', ''],
      ['2', '（二）全面从严治党问题', '１．监督不到位', '修订规则', '限期整改', '2026-12-31'],
    ]);
    expect(summary).toMatchObject({ items: 2, errors: [], aspectSuggestions: [] });
    expect(items.map((i) => [i.aspectId, i.number, i.title, i.kind, i.deadline, i.deadlineWritten])).toEqual([
      // The lone "1." is the item's number; 立行立改 with no date is due 30 days after the feedback date (2026-07-01).
      [1, '1', '理论学习不深入', 'immediate', '2026-07-31', false],
      [2, '2', '监督不到位', 'deadline', '2026-12-31', true],
    ]);
  });

  it('suggests the most similar aspect for a name that is not the round’s, and takes the user’s confirmed choice', () => {
    const rows = [
      ['问题类别', '具体问题', '整改措施'],
      ['一、全面从严治党建设方面存在的问题', '学习不深入', '制定学习计划'],
    ];
    const suggested = plan(rows);
    expect(suggested.summary.aspectSuggestions).toEqual([
      {
        written: '一、全面从严治党建设方面存在的问题',
        aspectId: 2,
        aspectName: '全面从严治党方面',
        similarity: expect.any(Number),
      },
    ]);
    expect(suggested.summary.errors.map((e) => e.message)).toEqual([
      '问题类别“一、全面从严治党建设方面存在的问题”与本轮方面名称不完全一致，是否指“全面从严治党方面”？请在预览中确认后再导入',
    ]);
    const confirmed = plan(rows, { mapping: { aspects: { '一、全面从严治党建设方面存在的问题': 2 } } });
    expect(confirmed.summary.errors).toEqual([]);
    expect(confirmed.items[0].aspectId).toBe(2);
    const elsewhere = plan(rows, { mapping: { aspects: { '一、全面从严治党建设方面存在的问题': 99 } } });
    expect(elsewhere.summary.errors[0].message).toMatch(/所选的方面不在本轮巡察的方面清单中/);
    const inherited = plan([rows[0], ['constructor', '学习不深入', '制定学习计划']]);
    expect(inherited.summary.errors[0].message).toMatch(/问题类别“constructor”不在本轮巡察的方面清单中/);
  });

  it('takes a section row as the aspect of the rows below and a 反馈问题 without 具体问题 as the item', () => {
    const { summary, items, problems } = plan([
      ['序号', '反馈问题', '具体问题', '整改措施', '责任部门', '责任人'],
      ['一、党的领导方面'],
      [1, '学习贯彻不深入', null, '开展专题学习', 'JL-01', '张三'],
      ['二、全面从严治党方面'],
      [2, '监督不到位', '“三重一大”决策不规范', '修订决策规则', '办公室', 'zhang'],
      ['序号', '反馈问题', '具体问题', '整改措施', '责任部门', '责任人'],
      ['合计', null, null, null, null, null],
    ]);
    expect(summary).toMatchObject({ aspects: 2, problems: 2, items: 2, measures: 2, errors: [] });
    expect(items.map((i) => [i.aspectId, i.title, i.leadDepartmentId, i.measures[0].responsiblePersonId])).toEqual([
      [1, '学习贯彻不深入', 10, 20],
      [2, '“三重一大”决策不规范', 10, 20],
    ]);
    expect(problems.map((p) => [p.title, p.aspectId])).toEqual([
      ['学习贯彻不深入', 1],
      ['监督不到位', 2],
    ]);
  });

  it('takes a row with only a 反馈问题 as the problem of the items below it', () => {
    const { summary, items, problems } = plan([
      ['问题类别', '反馈问题', '具体问题', '整改措施'],
      ['党的领导方面', null, null, null],
      [null, '（一）学习贯彻不深入', null, null],
      [null, null, '理论学习中心组学习不规范', '制定学习计划'],
      [null, null, '专题研讨流于形式', '开展专题研讨'],
    ]);
    expect(summary).toMatchObject({ aspects: 1, problems: 1, items: 2, measures: 2, errors: [] });
    expect(problems).toEqual([{ key: expect.any(String), number: '一', title: '学习贯彻不深入', aspectId: 1 }]);
    expect(items.map((i) => [i.aspectId, i.problemKey, i.title])).toEqual([
      [1, problems[0].key, '理论学习中心组学习不规范'],
      [1, problems[0].key, '专题研讨流于形式'],
    ]);
  });

  it('uses a mapping for unmatched names, and lists what stays unmatched', () => {
    const rows: CellValue[][] = [
      ['具体问题', '整改措施', '责任部门', '责任人'],
      ['问题甲', '措施甲', '综合科、办公室', '李四'],
      ['问题乙', '措施乙', '党建办', '王五'],
    ];
    expect(plan(rows).summary.unmatched).toEqual({ people: ['李四', '王五'], departments: ['综合科', '党建办'] });
    const mapped = plan(rows, {
      mapping: { departments: { 综合科: '办公室', 党建办: null }, people: { 李四: 'zhang', 王五: null } },
    });
    expect(mapped.summary.unmatched).toEqual({ people: [], departments: [] });
    expect(mapped.items.map((i) => [i.measures[0].departmentId, i.measures[0].responsiblePersonId])).toEqual([
      [10, 20],
      [null, null],
    ]);
    const wrong = plan(rows, { mapping: { departments: { 综合科: '不存在的科', 党建办: null } } });
    expect(wrong.summary.errors[0].message).toMatch(/部门映射“综合科”→“不存在的科”：本单位没有这个部门/);
  });

  it('checks 整改状态 against 整改结果 and reads a closing date from the result', () => {
    const { summary, items } = plan([
      ['具体问题', '整改措施', '整改状态', '整改结果'],
      ['问题甲', '措施甲', '已销号', '完成（2026年8月1日）'],
      ['问题乙', '措施乙', '已销号', '未完成'],
      ['问题丙', '措施丙', '搁置', null],
    ]);
    expect(items[0]).toMatchObject({ state: 'closed', result: 'completed', closedOn: '2026-08-01' });
    expect(summary.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, 'D列（整改结果）', '已销号的事项不能标为“未完成”'],
      [4, 'C列（整改状态）', '无法识别的整改状态“搁置”（应为未启动、整改中、申请销号或已销号）'],
    ]);
  });

  it('dates progress from a leading date and refuses one in the future', () => {
    const { summary, items } = plan([
      ['具体问题', '整改措施', '整改进展'],
      ['问题甲', '措施甲', '2026.8.1 已召开专题会'],
      ['问题乙', '措施乙', '2026年9月1日 将完成'],
    ]);
    expect(items[0].progress).toEqual([{ measure: 0, entryOn: '2026-08-01', content: '已召开专题会' }]);
    expect(summary.errors[0]).toMatchObject({ row: 3, message: '整改进展的日期 2026-09-01 晚于今天' });
  });
});
