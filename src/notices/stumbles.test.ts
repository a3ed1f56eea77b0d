import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarySentences } from '../domain/round-summary.ts';
import { findRound, totalsInSentence } from './analyse.ts';
import {
  findRanges,
  findRangesInYear,
  findSiteMeta,
  normalizeStatus,
  toHalfWidth,
  withoutSiteSuffix,
} from './normalize.ts';
import { parseNoticeText } from './parse.ts';

// Issue 16 point 2: what the analyser stumbled on in real notices, on fictional 江澜市 texts.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const clean = fixture('clean-notice.txt');
const brief = (n: ReturnType<typeof parseNoticeText>) =>
  n.sections.map((s) => ({
    heading: s.heading,
    items: s.items.map((i) => `${i.number}|${i.title}|${i.status}|${i.measure_count}`),
  }));
const TITLE = '中共江澜市交通运输局党组关于十三届市委第三轮巡察整改进展情况的通报';

describe('the site’s 来源/发布时间 line beside the title', () => {
  it.each([
    ['来源：江澜市纪委监委网站 发布时间：2026-03-02 10:15', 0, '2026-03-02'],
    ['发布时间：2026年3月2日', 0, '2026-03-02'],
    ['发布日期:2026/3/2 来源:江澜市审计局', 0, '2026-03-02'],
    ['信息来源：江澜市人民政府 浏览次数：128', 0, null],
    ['发布时间：二〇二六年三月二日', 0, '2026-03-02'],
    ['关于巡察整改的通报来源：江澜市纪委监委网站', 9, null],
    ['关于巡察整改的通报 ｜ 发布时间：2026-03-02', 12, '2026-03-02'],
    ['发布时间：2026-02-30', 0, null],
    ['关于巡察整改的通报 发布时间 2026-03-02 10:15', 10, '2026-03-02'],
  ])('%s', (line, index, date) => {
    expect(findSiteMeta(toHalfWidth(line))).toEqual({ index, date });
  });

  it.each([
    ['关于巡察整改进展情况的通报-江澜市纪委监委网站', '关于巡察整改进展情况的通报'],
    ['关于巡察整改进展情况的通报_江澜市人民政府', '关于巡察整改进展情况的通报'],
    ['关于巡察整改进展情况的通报 | 江澜市审计局门户网站', '关于巡察整改进展情况的通报'],
    ['关于巡察整改进展情况的通报——清风江澜网', '关于巡察整改进展情况的通报'],
    ['关于巡察整改进展情况的通报', '关于巡察整改进展情况的通报'],
    ['关于加强互联网平台监管巡察整改的通报', '关于加强互联网平台监管巡察整改的通报'],
  ])('drops the site name from %s', (title, clean) => {
    expect(withoutSiteSuffix(title)).toBe(clean);
  });

  it('finds none in a plain title or an opening sentence', () => {
    expect(findSiteMeta(TITLE)).toBeNull();
    expect(findSiteMeta(toHalfWidth('根据市委统一部署，2025年3月3日至4月28日，市委第六巡察组进行了巡察。'))).toBeNull();
  });

  const glued = [
    '来源：江澜市纪委监委网站 发布时间：2026-03-02 10:15',
    ' 来源：江澜市纪委监委网站  发布时间：2026-03-02 10:15',
    '｜来源：江澜市纪委监委网站｜发布时间：2026-03-02',
    ' | 发布时间: 2026-03-02 | 浏览次数: 56',
    '  发布日期：2026年3月2日  字号：大 中 小',
    '-江澜市纪委监委网站 发布时间：2026-03-02',
    ' 发布时间 2026-03-02 10:15',
  ];
  it.each(glued)('keeps the title clean with %s glued to it', (meta) => {
    const n = parseNoticeText(clean.replace(/通报\n/, `通报${meta}\n`));
    expect(n.title).toBe(TITLE);
    expect(n.issued_on).toBe('2025-12-05'); // the signature's date wins over the page's
    expect(n.inspection.from).toBe('2025-03-03');
  });

  it('stops the title at a site line under it, and drops that line from the body', () => {
    const n = parseNoticeText(
      clean.replace(/通报\n/, '通报\n来源：江澜市纪委监委网站 发布时间：2026-03-02 10:15\n字号：大 中 小\n'),
    );
    expect(n.title).toBe(TITLE);
    expect(n.inspection).toMatchObject({ from: '2025-03-03', to: '2025-04-28', feedback_on: '2025-06-10' });
    expect(n.sections).toHaveLength(2);
  });

  it('reads an undated signature, but never a heading or a sentence, as the issuer', () => {
    const undated = clean.replace(/\n2025年12月5日\n?$/, '\n');
    expect(parseNoticeText(undated).issuer).toBe('中共江澜市交通运输局党组');
    const noSignature = clean.replace(/\n中共江澜市交通运输局党组\n2025年12月5日\n?$/, '\n');
    const n = parseNoticeText(noSignature);
    expect(n.issuer).toBe('中共江澜市交通运输局党组'); // from the title, with its warning
    expect(n.warnings.join('\n')).toContain('发文单位取自标题');
  });

  it('skips a breadcrumb and a site line above the title, keeping the page’s date', () => {
    const unsigned = clean.replace(/\n2025年12月5日\n?$/, '\n');
    const n = parseNoticeText(
      `当前位置：首页 > 工作动态 > 巡察整改\n发布时间：2026-03-02 10:15:32 来源：江澜市纪委监委网站\n${unsigned}`,
    );
    expect(n.title).toBe(TITLE);
    expect(n.issued_on).toBe('2026-03-02');
    expect(parseNoticeText(`首页 > 巡察工作\n${clean}`).title).toBe(TITLE);
  });

  it('takes the page’s date as the notice date when the signature has none, and says so', () => {
    const unsigned = clean.replace(/\n2025年12月5日\n?$/, '\n');
    const n = parseNoticeText(unsigned.replace(/通报\n/, '通报来源：江澜市纪委监委网站 发布时间：2026-03-02 10:15\n'));
    expect(n.title).toBe(TITLE);
    expect(n.issued_on).toBe('2026-03-02');
    expect(n.warnings.join('\n')).toContain('发文日期取自网页发布时间');
    expect(parseNoticeText(unsigned).issued_on).toBeNull();
  });

  it('reads a saved page’s notice with the site line glued to its title (fixture)', () => {
    const n = parseNoticeText(fixture('web-title-meta.txt'));
    expect(n).toMatchObject({
      title: '江澜市审计局关于巡察整改进展情况的通报',
      issuer: '江澜市审计局',
      issued_on: '2026-06-02',
      inspection: {
        team: '市委第二巡察组',
        round: '市委第十三届第三轮',
        from: '2025-12-01',
        to: '2026-02-28',
        feedback_on: '2026-03-06',
      },
      publication_period: { from: '2026-06-02', to: '2026-06-16' },
      stated_totals: {
        aspects: null,
        problems: 4,
        refined_problems: null,
        completed: 3,
        partially_completed: 1,
        funds_recovered_yuan: null,
        as_of: '2026-05-25',
      },
      has_next_steps_section: true,
    });
    expect(brief(n)).toEqual([
      {
        heading: '（一）关于审计监督职责履行方面',
        items: ['1|审计整改跟踪不到位|完成|2', '2|审计项目计划执行偏差|阶段性完成|3'],
      },
      { heading: '（二）关于内部管理方面', items: ['3|公务用车管理不规范|完成|1', '4|档案归档不及时|完成|2'] },
    ]);
    // The organ under the text signs it, undated: no "issuer from the title" warning, only the date's.
    expect(n.warnings).toHaveLength(1);
    expect(n.warnings[0]).toContain('发文日期取自网页发布时间');
  });
});

describe('the round, in its many written forms', () => {
  it.each([
    ['关于十三届市委第三轮巡察整改进展情况的通报', '十三届市委第三轮'],
    ['关于市委第十三届第三轮巡察整改进展情况的通报', '市委第十三届第三轮'],
    ['关于2026年市委第一轮巡察整改情况的通报', '2026年市委第一轮'],
    ['关于2026年度市委第一轮巡察整改情况的通报', '2026年度市委第一轮'],
    ['关于二〇二六年市委第一轮巡察整改情况的通报', '二〇二六年市委第一轮'],
    ['关于十二届区委第五轮巡察整改情况的通报', '十二届区委第五轮'],
    ['关于第十三届市委第三轮专项巡察整改情况的通报', '第十三届市委第三轮'],
    ['关于市委十三届第三轮巡察整改情况的通报', '市委十三届第三轮'],
    ['关于中共江澜市委第三轮巡察整改情况的通报', '中共江澜市委第三轮'],
    ['关于市委第三轮巡察整改情况的通报', '市委第三轮'],
    ['关于县委第3轮巡察整改情况的通报', '县委第3轮'],
    ['关于市委第 3 轮巡察整改情况的通报', '市委第 3 轮'],
    ['关于十三届市委第三轮次巡察整改情况的通报', '十三届市委第三轮次'],
    ['关于省委第二轮巡视整改进展情况的通报', '省委第二轮'],
    ['关于市委第四轮延伸巡察整改情况的通报', '市委第四轮'],
    ['根据十三届市委第三轮巡察工作统一部署', '十三届市委第三轮'],
    ['关于第三轮巡察整改情况的通报', '第三轮'],
    ['局党组关于市委第二轮巡察整改情况的通报', '市委第二轮'],
  ])('%s → %s', (text, round) => {
    expect(findRound(toHalfWidth(text))).toBe(round);
  });

  it.each(['关于巡察整改进展情况的通报', '第三轮次会议研究了整改工作', '市委第六巡察组', '开展第二轮整改回头看'])(
    'finds no round in %s',
    (text) => {
      expect(findRound(toHalfWidth(text))).toBeNull();
    },
  );

  it('finds the round and the inspection told under 一、 when there is no opening paragraph', () => {
    const t = clean
      .replace('十三届市委第三轮巡察整改', '巡察整改')
      .replace(/\n\n根据市委统一部署，/, '\n一、巡察基本情况\n根据十三届市委第三轮巡察统一部署，')
      .replace('一、履行巡察整改主体责任情况', '二、履行巡察整改主体责任情况')
      .replace('二、巡察反馈问题', '三、巡察反馈问题')
      .replace('三、下一步', '四、下一步');
    const n = parseNoticeText(t);
    expect(n.inspection).toEqual({
      team: '市委第六巡察组',
      round: '十三届市委第三轮',
      from: '2025-03-03',
      to: '2025-04-28',
      feedback_on: '2025-06-10',
    });
    expect(n.sections.map((s) => s.heading)).toEqual(['（一）关于落实交通强市部署方面', '（二）关于财务管理方面']);
    expect(n.warnings).toEqual([]);
  });

  const opening = (round: string) =>
    clean
      .replace('十三届市委第三轮巡察整改', '巡察整改')
      .replace(
        '市委第六巡察组对中共江澜市交通运输局党组进行了巡察',
        `市委第六巡察组对中共江澜市交通运输局党组开展了${round}巡察`,
      );
  it.each(['十三届市委第三轮', '市委第十三届第三轮', '2025年市委第一轮', '十二届区委第五轮'])(
    'finds %s in the opening sentence when the title has none',
    (round) => {
      const n = parseNoticeText(opening(round));
      expect(n.title).toBe('中共江澜市交通运输局党组关于巡察整改进展情况的通报');
      expect(n.inspection.round).toBe(round);
    },
  );
});

describe('a totals sentence, each figure on its own field', () => {
  it.each<[string, Record<string, number>]>([
    [
      '截至2025年11月30日，巡察反馈问题28个，其中立行立改5个，已完成整改26个，基本完成2个。',
      { problems: 28, completed: 26, partially_completed: 2 },
    ],
    ['反馈问题28个，其中立行立改问题5个，已完成整改26个。', { problems: 28, completed: 26 }],
    ['其中5个问题立行立改，反馈问题28个，已完成整改26个。', { problems: 28, completed: 26 }],
    [
      '市委巡察组反馈的28个问题中，已完成整改26件，部分完成2件。',
      { problems: 28, completed: 26, partially_completed: 2 },
    ],
    ['反馈问题28项，制定整改措施96条，已完成93条，已完成整改问题26项。', { problems: 28, completed: 26 }],
    ['制定整改措施96条，已完成93条。', {}],
    [
      '反馈的28个问题已整改完成26个、基本完成1个、部分完成1个。',
      { problems: 28, completed: 26, partially_completed: 2 },
    ],
    ['共反馈问题二十八条，已完成整改二十六条，基本完成两条。', { problems: 28, completed: 26, partially_completed: 2 }],
    ['发现问题15件，已办结13件，正在办理2件。', { problems: 15, completed: 13 }],
    ['指出问题12条，其中已完成整改10条，阶段性完成2条。', { problems: 12, completed: 10, partially_completed: 2 }],
    ['26个问题已整改完成，2个问题基本完成。', { completed: 26, partially_completed: 2 }],
    [
      '巡察反馈的3个方面12个具体问题涉及的30个细化问题，已完成整改27个，阶段性完成整改3个，清退资金1.5万元。',
      {
        aspects: 3,
        problems: 12,
        refined_problems: 30,
        completed: 27,
        partially_completed: 3,
        funds_recovered_yuan: 15000,
      },
    ],
    ['12个具体问题中已完成整改10个，其中6个问题立行立改。', { problems: 12, completed: 10 }],
    ['反馈问题28个，已全部完成整改。', { problems: 28 }],
    ['已完成整改26项，整改完成率92.9%。', { completed: 26 }],
    ['基本完成并持续整改的问题3个。', { partially_completed: 3 }],
    [
      '全市8个单位共反馈问题126个，已完成整改98个，基本完成17个，部分完成11个。',
      { problems: 126, completed: 98, partially_completed: 28 },
    ],
    ['追回资金12万元，清退违规发放补贴3000元。', { funds_recovered_yuan: 123000 }],
    ['涉及5个方面的工作。', {}],
    [
      '反馈问题共计28个，已完成整改的有26个，基本完成的为2个。',
      { problems: 28, completed: 26, partially_completed: 2 },
    ],
    ['细化问题合计30条，已完成整改30条。', { refined_problems: 30, completed: 30 }],
  ])('%s', (sentence, expected) => {
    expect(totalsInSentence(toHalfWidth(sentence))).toEqual(expected);
  });

  it('puts the figures of the issue’s example on their fields in a whole notice', () => {
    const n = parseNoticeText(
      clean.replace(
        /截至2025年11月30日.*\n/,
        '截至2025年11月30日，市委第六巡察组反馈问题28个，其中立行立改5个，已完成整改26个，部分完成2个。\n',
      ),
    );
    expect(n.stated_totals).toEqual({
      aspects: null,
      problems: 28,
      refined_problems: null,
      completed: 26,
      partially_completed: 2,
      funds_recovered_yuan: null,
      as_of: '2025-11-30',
    });
  });

  it('reads 部分完成 as a partly completed item', () => {
    expect(normalizeStatus('部分完成')).toBe('阶段性完成');
    const n = parseNoticeText(clean.replace('整改结果：阶段性完成', '整改结果：部分完成'));
    expect(n.sections[0].items[1].status).toBe('阶段性完成');
  });

  it('reads a round’s summary notice: partly completed totals summed, rounds and ranges from the title’s year', () => {
    const n = parseNoticeText(fixture('round-summary-notice.txt'));
    expect(n).toMatchObject({
      title: '中共江澜市委巡察工作领导小组办公室关于2026年市委第一轮巡察集中整改情况的通报',
      issuer: '中共江澜市委巡察工作领导小组办公室',
      issued_on: '2026-10-12',
      inspection: { team: '市委第一巡察组', round: '2026年市委第一轮', from: '2026-03-01', to: '2026-05-15' },
      publication_period: { from: '2026-10-12', to: '2026-10-26' },
      stated_totals: {
        aspects: null,
        problems: 26,
        refined_problems: null,
        completed: 19,
        partially_completed: 7,
        funds_recovered_yuan: 236000,
        as_of: '2026-09-30',
      },
      has_next_steps_section: true,
    });
    expect(brief(n)).toEqual([
      {
        heading: '（一）江澜市水务局',
        items: ['1|河道管护责任落实不到位|阶段性完成|2', '2|工程项目验收把关不严|完成|2'],
      },
      { heading: '（二）江澜市文化旅游局', items: ['3|景区安全检查流于形式|阶段性完成|1'] },
    ]);
  });
});

describe('date ranges whose end (or start) leaves out the year', () => {
  it.each([
    ['2026年3月1日至4月30日', '2026-03-01', '2026-04-30'],
    ['2026年3月1日—4月30日', '2026-03-01', '2026-04-30'],
    ['2026年3月1日起至4月30日止', '2026-03-01', '2026-04-30'],
    ['2026年3月1日到4月30日', '2026-03-01', '2026-04-30'],
    ['2026年3月1日～4月30日', '2026-03-01', '2026-04-30'],
    ['２０２６年３月１日－４月３０日', '2026-03-01', '2026-04-30'],
    ['2025年12月1日至2月28日', '2025-12-01', '2026-02-28'],
    ['2025年12月1日至2026年2月28日', '2025-12-01', '2026-02-28'],
    ['2026年3月1日至15日', '2026-03-01', '2026-03-15'],
    ['二〇二六年三月一日至四月三十日', '2026-03-01', '2026-04-30'],
    ['2026年3月1日至4月31日', '2026-03-01', null],
  ])('%s', (text, from, to) => {
    const r = findRanges(toHalfWidth(text))[0];
    expect(r.from.iso).toBe(from);
    expect(r.to).toBe(to);
  });

  it.each<[string, number, string, string | null]>([
    ['3月1日—5月15日', 2026, '2026-03-01', '2026-05-15'],
    ['3月1日至5月15日', 2026, '2026-03-01', '2026-05-15'],
    ['12月1日至2月28日', 2025, '2025-12-01', '2026-02-28'],
    ['三月一日至五月十五日', 2026, '2026-03-01', '2026-05-15'],
    ['3月1日至15日', 2026, '2026-03-01', '2026-03-15'],
    ['2月29日至3月5日', 2025, '2025-02-29', '2025-03-05'],
  ])('%s in %i', (text, year, from, to) => {
    const r = findRangesInYear(toHalfWidth(text), year)[0];
    expect(r.from.iso).toBe(from === '2025-02-29' ? null : from);
    expect(r.to).toBe(to);
  });

  it('prefers a full start date, and reads nothing without a year to give', () => {
    expect(findRangesInYear('2025年3月1日至4月30日', 2026)).toHaveLength(1);
    expect(findRangesInYear('2025年3月1日至4月30日', 2026)[0].from.iso).toBe('2025-03-01');
    expect(findRangesInYear('3月1日至4月30日', null)).toEqual([]);
    expect(findRangesInYear('3月1日召开会议', 2026)).toEqual([]);
  });

  const withPeriod = (range: string) => clean.replace('2025年3月3日至4月28日', range);
  it.each([
    ['2025年3月1日至4月30日', '2025-03-01', '2025-04-30'],
    ['3月1日—5月15日', '2025-03-01', '2025-05-15'], // the year of the feedback date after it
    ['2024年12月1日至2月28日', '2024-12-01', '2025-02-28'],
  ])('reads the inspection period %s', (range, from, to) => {
    expect(parseNoticeText(withPeriod(range)).inspection).toMatchObject({ from, to, feedback_on: '2025-06-10' });
  });

  it('takes the year written before a yearless range', () => {
    const n = parseNoticeText(
      clean.replace('根据市委统一部署，2025年3月3日至4月28日', '2024年，根据市委统一部署，11月3日至1月8日'),
    );
    expect(n.inspection).toMatchObject({ from: '2024-11-03', to: '2025-01-08' });
  });

  it('takes the year from the issue date when nothing else gives one', () => {
    const n = parseNoticeText(
      clean.replace('2025年3月3日至4月28日', '3月3日至4月28日').replace('2025年6月10日，', '随后，'),
    );
    expect(n.inspection).toMatchObject({ from: '2025-03-03', to: '2025-04-28' });
  });
});

describe('more of the same stumbles', () => {
  it('cuts a bare time stamp off the title and uses it when unsigned', () => {
    const unsigned = clean.replace(/\n2025年12月5日\n?$/, '\n');
    const n = parseNoticeText(unsigned.replace(/通报\n/, '通报 2026-03-02 10:15\n'));
    expect(n.title).toBe(TITLE);
    expect(n.issued_on).toBe('2026-03-02');
  });

  it('does not count done problems as the total (已完成26个问题的整改)', () => {
    expect(totalsInSentence('已完成26个问题的整改，剩余2个问题正在推进。')).toEqual({ completed: 26 });
    expect(totalsInSentence('完成整改26个问题。')).toEqual({ completed: 26 });
  });

  it('reads a public period written without its year, in the notice’s year', () => {
    const n = parseNoticeText(clean.replace('公开期限：2025年12月5日至2025年12月19日', '公开期限：12月5日至12月19日'));
    expect(n.publication_period).toEqual({ from: '2025-12-05', to: '2025-12-19' });
  });
});

describe('stays linear on long lines', () => {
  it('reads a 200,000-space title line and a yearless-range run quickly', () => {
    const t0 = performance.now();
    parseNoticeText(
      `关于巡察整改的通报${' '.repeat(200_000)}2026-03-02\n巡察${' '.repeat(200_000)}${'3月1日'.repeat(50_000)}`,
    );
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('the round’s own 汇总报告 sentences read back', () => {
  it('gives its figures, spaced as it writes them, to the right fields', () => {
    const sentences = summarySentences({
      asOf: '2026-08-15',
      roundName: '十三届市委第三轮巡察',
      totals: {
        units: 8,
        problems: 126,
        items: 300,
        completed: 250,
        partial: 30,
        inProgress: 15,
        overdue: 5,
        rulesMade: 12,
        rulesRevised: 20,
        peopleHeld: 3,
        fundsFen: 1_250_000,
        cluesHandedOver: 2,
        cluesDisciplined: 1,
        reportsSubmitted: 7,
      },
    } as unknown as Parameters<typeof summarySentences>[0]);
    const n = parseNoticeText(
      `江澜市委巡察办关于十三届市委第三轮巡察整改情况的通报\n\n${sentences.join('')}\n\n江澜市委巡察办\n2026年8月20日\n`,
    );
    expect(n.stated_totals).toEqual({
      aspects: null,
      problems: 126,
      refined_problems: 300,
      completed: 250,
      partially_completed: 30,
      funds_recovered_yuan: 12500,
      as_of: '2026-08-15',
    });
    expect(n.inspection.round).toBe('十三届市委第三轮');
  });
});

describe('the year of a yearless inspection period', () => {
  it('comes from the feedback date after it before the title’s year', () => {
    const n = parseNoticeText(
      clean
        .replace('十三届市委第三轮巡察', '2025年度巡察')
        .replace('2025年3月3日至4月28日', '11月3日至12月20日')
        .replace('2025年6月10日，', '2025年1月10日，'),
    );
    expect(n.inspection).toMatchObject({ from: '2024-11-03', to: '2024-12-20', feedback_on: '2025-01-10' });
  });

  it('comes from the title when nothing in the opening gives one', () => {
    const n = parseNoticeText(fixture('round-summary-notice.txt'));
    expect(n.inspection).toMatchObject({ from: '2026-03-01', to: '2026-05-15', feedback_on: null });
  });
});
