import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNoticeFile, parseNoticeText } from '../parse.ts';
import { type ImportTarget, matchAspect, matchTeam, nameKey, planNoticeImport, problemTitleOf } from './plan.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

const target: ImportTarget = {
  unit: { id: 7, name: '江澜市港航管理局' },
  round: {
    id: 3,
    name: '十届市委第一轮巡察',
    aspects: [
      { id: 31, name: '党的领导方面' },
      { id: 32, name: '全面从严治党方面' },
      { id: 33, name: '干部队伍建设方面' },
    ],
  },
  teams: [
    { id: 11, name: '市委第一巡察组' },
    { id: 12, name: '市委第二巡察组' },
  ],
  existing: [],
};

const notice = () => parseNoticeText(fixture('import-notice.txt'));

describe('planNoticeImport', () => {
  it('maps each section to a problem under the aspect its heading names, and every result to a state', () => {
    const plan = planNoticeImport(notice(), target);
    expect(plan.errors).toEqual([]);
    expect(plan.inspection).toEqual({
      unitId: 7,
      roundId: 3,
      teamId: 12,
      kind: 'regular',
      from: '2026-03-16',
      to: '2026-05-15',
      feedbackOn: '2026-06-20',
    });
    expect(plan.problems.map((p) => [p.title, p.aspectId])).toEqual([
      ['关于党的领导方面', 31],
      ['关于全面从严治党方面的问题', 32],
      ['关于档案管理方面', null],
    ]);
    const items = plan.problems.flatMap((p) => p.items);
    expect(items.map((i) => [i.number, i.state, i.result, i.closedOn])).toEqual([
      ['1', 'closed', 'completed', '2026-08-10'],
      ['2', 'in_progress', 'partially_completed', null],
      ['3', 'in_progress', 'not_completed', null],
      ['4', 'not_started', 'not_completed', null],
      ['5', 'closed', 'completed', '2026-08-10'],
    ]);
    expect(items[1].measures).toEqual(['倒排工期', '每月通报进度', '约谈施工单位']);
    expect(plan.counts).toEqual({
      problems: 3,
      items: 5,
      measures: 10,
      completed: 2,
      partiallyCompleted: 1,
      notCompleted: 2,
      unlabelled: 1,
    });
  });

  it('passes the parser’s warnings through and adds its own for an unmatched aspect and an unlabelled item', () => {
    const n = notice();
    expect(n.warnings.length).toBeGreaterThan(0);
    const plan = planNoticeImport(n, target);
    expect(plan.warnings.slice(0, n.warnings.length)).toEqual(n.warnings);
    expect(plan.warnings.join('\n')).toMatch(/关于档案管理方面/);
    expect(plan.warnings.join('\n')).toMatch(/1 item\(s\) have no result/);
  });

  it('closes completed items on the as-of date when the notice has no date under the signature', () => {
    const n = notice();
    n.issued_on = null;
    const items = planNoticeImport(n, target).problems.flatMap((p) => p.items);
    expect(items[0].closedOn).toBe('2026-07-31');
    n.stated_totals.as_of = null;
    expect(planNoticeImport(n, target).errors.join('\n')).toMatch(/销号日期/);
  });

  it('refuses a notice without an inspection period unless it is given, and checks the date order', () => {
    const n = notice();
    n.inspection.from = null;
    expect(planNoticeImport(n, target).errors.join('\n')).toMatch(/--from/);
    const given = planNoticeImport(n, target, { from: '2026-03-01' });
    expect(given.errors).toEqual([]);
    expect(given.inspection.from).toBe('2026-03-01');
    expect(planNoticeImport(notice(), target, { feedbackOn: '2026-05-01' }).errors.join('\n')).toMatch(
      /must be after the inspection ends/,
    );
    expect(planNoticeImport(notice(), target, { to: '2026-02-30' }).errors.join('\n')).toMatch(/not a valid/);
  });

  it('lists the round’s teams when the notice names none of them, and accepts an explicit one', () => {
    const n = notice();
    n.inspection.team = '市委第九巡察组';
    const refused = planNoticeImport(n, target);
    expect(refused.inspection.teamId).toBeNull();
    expect(refused.errors.join('\n')).toMatch(/11 市委第一巡察组；12 市委第二巡察组/);
    expect(planNoticeImport(n, target, { teamId: 11 }).inspection.teamId).toBe(11);
    expect(planNoticeImport(n, target, { teamId: 99 }).errors.join('\n')).toMatch(/team 99 is not in this round/);
  });

  it('refuses a second import of the same inspection', () => {
    const plan = planNoticeImport(notice(), { ...target, existing: [{ id: 40, teamId: 12, from: '2026-03-16' }] });
    expect(plan.errors.join('\n')).toMatch(/inspection 40 .* already exists/);
  });

  it('refuses a text with no items: 未识别出整改事项', () => {
    const plan = planNoticeImport(parseNoticeText(fixture('prose-only.txt')), {
      ...target,
      teams: [{ id: 12, name: '市委第二巡察组' }],
    });
    expect(plan.counts.items).toBe(0);
    expect(plan.errors).toContain('未识别出整改事项 / no rectification items were recognised in the notice');
  });

  it('names an untitled item after its first measure and warns about it', () => {
    const plan = planNoticeImport(parseNoticeText(fixture('restart-notitle.txt')), {
      ...target,
      teams: [{ id: 5, name: '县委第一巡察组' }],
    });
    const first = plan.problems[0].items[0];
    expect(first.title).toBe('完成耕地卫片图斑核查');
    expect(plan.warnings.join('\n')).toMatch(/without a title/);
  });

  it('warns when the notice is issued by another unit than the one chosen', () => {
    const plan = planNoticeImport(notice(), { ...target, unit: { id: 7, name: '江澜市档案馆' } });
    expect(plan.warnings.join('\n')).toMatch(/does not name the chosen unit/);
    expect(planNoticeImport(notice(), target).warnings.join('\n')).not.toMatch(/chosen unit/);
  });

  it('merges a problem listed under two parts into one', () => {
    const n = notice();
    n.sections.push({ heading: '（一）关于党的领导方面', items: [{ ...n.sections[0].items[0], number: '6' }] });
    const plan = planNoticeImport(n, target);
    expect(plan.problems).toHaveLength(3);
    expect(plan.problems[0].items.map((i) => i.number)).toEqual(['1', '2', '6']);
  });
});

describe('name matching', () => {
  it('ignores width, punctuation and how the team number is written', () => {
    expect(nameKey('市区委巡察第7组')).toBe(nameKey('市区委巡察第七组'));
    expect(matchTeam('市委第二巡察组', [{ id: 1, name: '江澜市委第二巡察组' }])).toEqual({
      id: 1,
      name: '江澜市委第二巡察组',
    });
    expect(
      matchTeam('市委第一巡察组', [
        { id: 1, name: '市委第十一巡察组' },
        { id: 2, name: '市委第十巡察组' },
      ]),
    ).toBeNull();
    expect(matchTeam(null, target.teams)).toBeNull();
  });

  it('strips numbering and a 反馈问题 label from headings; matches the longest aspect name', () => {
    expect(problemTitleOf('(三)反馈问题:财经纪律执行不严')).toBe('财经纪律执行不严');
    expect(problemTitleOf('（十二）关于作风建设方面')).toBe('关于作风建设方面');
    expect(matchAspect('关于加强党的领导的问题', target.round.aspects)?.id).toBe(31);
    expect(
      matchAspect('关于全面从严治党方面', [
        { id: 1, name: '治党方面' },
        { id: 2, name: '全面从严治党方面' },
      ])?.id,
    ).toBe(2);
    expect(matchAspect('关于档案管理方面', target.round.aspects)).toBeNull();
  });
});

// Real published notices live outside the project (../shared/seeds) and are read, never copied.
const seeds = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

describe.skipIf(!existsSync(seeds))('seed notices read from ../shared/seeds (skipped when absent)', () => {
  const files = existsSync(seeds) ? readdirSync(seeds).filter((f) => /\.(txt|docx)$/.test(f)) : [];
  it.each(files)('%s: the preview plans exactly the items the parser found', async (file) => {
    const n = await parseNoticeFile(`${seeds}${file}`);
    const plan = planNoticeImport(n, { ...target, teams: [{ id: 1, name: n.inspection.team ?? '巡察组' }] });
    const parsed = n.sections.reduce((sum, s) => sum + s.items.length, 0);
    expect(plan.counts.items).toBe(parsed);
    expect(plan.problems.flatMap((p) => p.items)).toHaveLength(parsed);
    expect(plan.counts.measures).toBe(n.sections.flatMap((s) => s.items).reduce((m, i) => m + i.measures.length, 0));
  });
});
