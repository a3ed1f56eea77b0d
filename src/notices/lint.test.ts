import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LintFinding, lintNotice } from './lint.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const codes = (f: LintFinding[]) => f.map((x) => `${x.severity}:${x.code}`);
const errors = (f: LintFinding[]) => f.filter((x) => x.severity === 'error');

describe('lintNotice', () => {
  it('finds nothing wrong with a consistent notice', () => {
    expect(lintNotice(fixture('clean-notice.txt'))).toEqual([]);
  });

  it('reports totals, date order, contacts and numbering in a broken notice', () => {
    const f = lintNotice(fixture('lint-broken.txt'));
    expect(codes(f).sort()).toEqual(
      [
        'error:date_order',
        'error:date_order',
        'error:date_order',
        'error:contacts_missing',
        'error:numbering_gap',
        'error:totals_refined_mismatch',
        'error:totals_completed_mismatch',
      ].sort(),
    );
    const totals = f.find((x) => x.code === 'totals_refined_mismatch') as LintFinding;
    expect(totals.line).toBe(6);
    expect(totals.excerpt).toMatch(/^截至2025年10月31日/);
    expect(totals.message).toContain(
      '通报称6个细化问题（已完成5个、阶段性完成1个），但列出3个事项（完成2个、阶段性完成1个）',
    );
    expect(totals.message).toContain(' / the notice states 6 refined problems');
    const order = f.filter((x) => x.code === 'date_order').map((x) => x.message);
    expect(order[0]).toContain('巡察开始（2025-05-12）应不晚于巡察结束（2025-03-01）');
    expect(order[1]).toContain('巡察结束（2025-03-01）应早于反馈日期（2025-02-20）');
    expect(order[2]).toContain('通报日期（2025-11-12）应不晚于公开开始（2025-11-10）');
    const gap = f.find((x) => x.code === 'numbering_gap') as LintFinding;
    expect(gap).toMatchObject({ line: 16, excerpt: '4.医疗机构收费不规范' });
    for (const x of f) expect(x.message).toMatch(/ \/ [A-Za-z]/);
  });

  it('reports stated totals that disagree with the listed items (the pattern of seed 003): 13 stated (11 + 2) against 10 + 2 listed', () => {
    const items = (n: number, from: number, status: string) =>
      Array.from({ length: n }, (_, i) => `${i + 1}.问题${from + i}\n整改结果:${status}\n整改情况:一是整改。`).join(
        '\n',
      );
    const text = [
      '按照市委安排,2026年4月8日至6月5日,市委第三巡察组对江澜市某局开展了常规巡察。2026年7月20日,巡察组向该局党组反馈了意见。',
      '一、组织整改落实情况',
      '截至2026年12月10日,巡察反馈的6个具体问题涉及的13个细化问题,已完成整改11个,阶段性完成整改2个。',
      '二、集中整改期内已完成的整改事项',
      '(一)反馈问题:甲问题',
      items(10, 1, '完成'),
      '三、集中整改期内阶段性完成的整改事项',
      '(一)反馈问题:乙问题',
      items(2, 11, '阶段性完成'),
      '四、下一步整改工作安排',
      '联系电话:0731-1234567。',
      '江澜市某机关',
      '2026年12月15日',
    ].join('\n');
    const f = errors(lintNotice(text));
    expect(f.map((x) => x.code)).toEqual(['period_missing', 'totals_refined_mismatch', 'totals_completed_mismatch']);
    expect(f[1].message).toContain(
      '13个细化问题（已完成11个、阶段性完成2个），但列出12个事项（完成10个、阶段性完成2个）',
    );
  });

  it('flags a completed + partially completed sum larger than the refined problems', () => {
    const f = lintNotice('截至2025年1月1日,巡察反馈的5个细化问题,已完成整改5个,阶段性完成整改2个。');
    expect(codes(f)).toContain('error:totals_sum_mismatch');
  });

  it('flags items without a result when others have one', () => {
    const f = lintNotice(fixture('restart-notitle.txt'));
    const missing = f.filter((x) => x.code === 'item_status_missing');
    expect(missing.map((x) => [x.severity, x.line])).toEqual([
      ['error', 4],
      ['error', 11],
    ]);
    // Restarting at 1 in each section is fine; 1 → 3 is not.
    expect(f.filter((x) => x.code === 'numbering_gap').map((x) => x.line)).toEqual([11]);
    expect(codes(f)).toContain('warning:title_missing');
    expect(f.filter((x) => x.code === 'date_order')).toHaveLength(2);
  });

  it('warns once when no item states a result at all', () => {
    const f = lintNotice(fixture('truncated.txt'));
    expect(f.filter((x) => x.code === 'item_status_missing')).toMatchObject([{ severity: 'warning', line: 8 }]);
    expect(codes(f)).toEqual(
      expect.arrayContaining(['error:period_missing', 'error:contacts_missing', 'warning:next_steps_missing']),
    );
  });

  it('checks part numbering and notes a slipped part heading', () => {
    const f = lintNotice(fixture('provincial-xunshi.txt'));
    expect(f.filter((x) => x.code.startsWith('numbering'))).toMatchObject([
      { severity: 'error', code: 'numbering_gap', line: 31, excerpt: '4、 下一步打算' },
      { severity: 'warning', code: 'numbering_style', line: 31 },
    ]);
  });

  it('warns when the public period cannot be read', () => {
    const f = lintNotice('一、情况\n1.问题甲。整改结果:完成。\n公开期限:5个工作日。联系电话:0731-1234567。');
    expect(codes(f)).toContain('error:period_unreadable');
  });

  it('reports ledger items missing from the notice', () => {
    const f = lintNotice(fixture('clean-notice.txt'), {
      itemTitles: ['农村公路养护不到位', '项目审批效率不高', '执法车辆管理不规范', '固定资产账实不符。'],
    });
    expect(f).toMatchObject([
      { severity: 'error', code: 'ledger_item_missing', message: expect.stringContaining('执法车辆管理不规范') },
    ]);
  });

  it('reports an empty notice and nothing else', () => {
    expect(codes(lintNotice(''))).toEqual(['error:empty']);
    expect(codes(lintNotice(' \n '))).toEqual(['error:empty']);
  });
});
