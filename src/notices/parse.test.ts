import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRanges, normalizePhone, normalizeStatus, parseNumber, toHalfWidth } from './normalize.ts';
import { parseNoticeText } from './parse.ts';

// All fixtures are fictional (江澜市 and its bodies do not exist).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const brief = (n: ReturnType<typeof parseNoticeText>) =>
  n.sections.map((s) => ({
    heading: s.heading,
    items: s.items.map((i) => `${i.number}|${i.title}|${i.status}|${i.measure_count}`),
  }));

describe('normalisation helpers', () => {
  it('reads Arabic and Chinese numerals', () => {
    expect(parseNumber('17')).toBe(17);
    expect(parseNumber('１７')).toBe(17);
    expect(parseNumber('十二')).toBe(12);
    expect(parseNumber('二十五')).toBe(25);
    expect(parseNumber('一百零五')).toBe(105);
    expect(parseNumber('二〇二五')).toBe(2025);
    expect(parseNumber('两')).toBe(2);
    expect(parseNumber('abc')).toBeNull();
  });

  it('folds full-width ASCII one unit for one', () => {
    const s = '（一）１．公开期限：２０２６';
    expect(toHalfWidth(s)).toBe('(一)1.公开期限:2026');
    expect(toHalfWidth(s)).toHaveLength(s.length);
  });

  it('reads date ranges, inheriting the year and rolling over December', () => {
    expect(findRanges('2024年9月18日至12月20日')[0].to).toBe('2024-12-20');
    expect(findRanges('2024年11月5日至1月10日')[0].to).toBe('2025-01-10');
    expect(findRanges('二〇二四年十一月五日至二〇二五年一月十日')[0]).toMatchObject({
      from: { iso: '2024-11-05' },
      to: '2025-01-10',
    });
    expect(findRanges('2026年1月21日—2026年2月28日')[0].to).toBe('2026-02-28');
    expect(findRanges('2025年6月11日-13日')[0].to).toBe('2025-06-13');
    expect(findRanges('2025年2月30日至3月2日')[0].from.iso).toBeNull();
  });

  it('normalises phone numbers to ASCII digits and "-"', () => {
    expect(normalizePhone('0763—3369020')).toBe('0763-3369020');
    expect(normalizePhone('(0731)88866220')).toBe('0731-88866220');
    expect(normalizePhone('（０７３１）８８８６６２２０')).toBe('0731-88866220');
    expect(normalizePhone('0731 5551234')).toBe('0731-5551234');
    expect(normalizePhone('13812345678')).toBe('13812345678');
  });

  it('maps result wording onto the three labels', () => {
    for (const w of ['完成', '已完成', '完成整改', '已整改到位', '整改完成', '已办结'])
      expect(normalizeStatus(w)).toBe('完成');
    for (const w of ['阶段性完成', '基本完成', '基本完成并持续整改', '持续整改'])
      expect(normalizeStatus(w)).toBe('阶段性完成');
    for (const w of ['未完成', '正在整改', '整改中', '尚未完成']) expect(normalizeStatus(w)).toBe('未完成');
  });
});

describe('parseNoticeText on fictional notices', () => {
  it('reads a provincial 巡视 notice with every kind of mess', () => {
    const n = parseNoticeText(fixture('provincial-xunshi.txt'));
    // Title broken over three lines after a [bookmark: …] artefact.
    expect(n.title).toBe('中共江澜市委员会关于十四届省委第四轮巡视整改进展情况的通报');
    expect(n.issuer).toBe('中共江澜市委员会');
    // 二〇二五年十月九日 under the signature.
    expect(n.issued_on).toBe('2025-10-09');
    expect(n.inspection).toEqual({
      team: '省委第三巡视组',
      round: '十四届省委第四轮',
      from: '2024-11-05',
      to: '2025-01-10',
      feedback_on: '2025-03-18',
    });
    expect(n.publication_period).toEqual({ from: '2025-10-09', to: '2025-10-15' });
    expect(n.contacts).toEqual({
      phone: ['0731-88866220', '13812345678'],
      email: ['jlxs@jianglan.gov.cn'],
      postal: '江澜市政通路1号市委大院3号楼',
      postcode: '410001',
    });
    // Full-width digits; 66.57万元 + 3.2万元, the 其中 sub-amount not counted twice.
    expect(n.stated_totals).toEqual({
      aspects: 3,
      problems: 12,
      refined_problems: 40,
      completed: 36,
      partially_completed: 4,
      funds_recovered_yuan: 697700,
      as_of: '2025-09-30',
    });
    expect(brief(n)).toEqual([
      {
        heading: '（一）关于贯彻落实党中央决策部署方面的问题',
        // A bracketed result tag after the title; 一是…十二是 in one paragraph.
        items: ['1|学习贯彻不够深入|完成|3', '2|重点项目推进迟缓|阶段性完成|12'],
      },
      {
        heading: '（二）关于全面从严治党方面的问题',
        // Title on its own line; title run into the text with a trailing 整改状态 label.
        items: ['3|违规发放津贴补贴|完成|2', '4|公务用车管理不规范|完成|2'],
      },
      // "５．" alone on a line with the title on the next.
      { heading: '（三）关于基层党组织建设方面的问题', items: ['5|发展党员程序不规范|未完成|2'] },
    ]);
    expect(n.sections[0].items[1].measures[11]).toBe('形成长效机制');
    expect(n.sections[1].items[1].measures).toEqual(['修订公务用车管理办法', '开展专项检查']);
    // The slipped "4、 下一步打算" is the closing part, not a fifth item.
    expect(n.has_next_steps_section).toBe(true);
    expect(n.warnings).toEqual([]);
  });

  it('reads a notice with no title, restarting numbering, an untitled item and a year-less feedback date', () => {
    const n = parseNoticeText(fixture('restart-notitle.txt'));
    expect(n.title).toBeNull();
    expect(n.issuer).toBe('县自然资源局党组');
    expect(n.inspection).toMatchObject({ team: '县委第一巡察组', round: null, feedback_on: '2025-07-03' });
    // Recorded as written: the linter, not the parser, judges the order.
    expect(n.publication_period).toEqual({ from: '2025-12-01', to: '2025-11-20' });
    expect(brief(n)).toEqual([
      { heading: '(一)关于耕地保护方面', items: ['1|null|null|2', '2|永久基本农田划定不准确|完成|1'] },
      { heading: '(二)关于干部队伍建设方面', items: ['1|干部轮岗交流不及时|阶段性完成|2', '3|档案管理混乱|null|1'] },
    ]);
    expect(n.warnings.some((w) => w.includes('no result label: 1, 3'))).toBe(true);
    expect(n.warnings.some((w) => w.includes('no recognisable title'))).toBe(true);
  });

  it('reads a feedback text (problems, no results, no signature) without throwing', () => {
    const n = parseNoticeText(fixture('feedback.txt'));
    expect(n.title).toBe('市委第五巡察组关于对江澜市水务局党组巡察情况的反馈意见');
    expect(n.inspection).toMatchObject({
      team: '市委第五巡察组',
      from: '2025-04-08',
      to: '2025-06-06',
      feedback_on: null,
    });
    expect(n.issued_on).toBeNull();
    const items = n.sections.flatMap((s) => s.items);
    expect(items.map((i) => i.title)).toEqual([
      '学习贯彻习近平新时代中国特色社会主义思想不够深入',
      '落实河湖长制工作有差距',
      '公务接待超标准',
      '工程款支付审核不严，存在超进度付款问题',
    ]);
    expect(items.every((i) => i.status === null)).toBe(true);
    // 整改建议 with 一是… is advice, not an item; a 涉及金额 in a problem is not a recovered fund.
    expect(n.stated_totals.funds_recovered_yuan).toBeNull();
  });

  it('reads a notice without any numbered sections and says so', () => {
    const n = parseNoticeText(fixture('prose-only.txt'));
    expect(n.sections).toEqual([]);
    expect(n.issuer).toBe('江澜市档案馆');
    expect(n.issued_on).toBe('2025-11-03');
    expect(n.inspection.feedback_on).toBe('2025-08-01');
    expect(n.contacts.phone).toEqual(['0731-12345678']);
    expect(n.warnings.some((w) => w.includes('no recognisable numbered structure'))).toBe(true);
  });

  it('reads what there is of a truncated paste', () => {
    const n = parseNoticeText(fixture('truncated.txt'));
    expect(n.inspection.round).toBe('十三届市委第二轮');
    expect(brief(n)).toEqual([
      {
        heading: '（一）关于落实教育优先发展战略方面',
        items: ['1|学校布局调整滞后|null|2', '2|校外培训治理不到位|null|1'],
      },
    ]);
    expect(n.issued_on).toBeNull();
    expect(n.issuer).toBe('中共江澜市教育局党组');
    expect(n.warnings.some((w) => w.includes('no signature'))).toBe(true);
  });

  it('reads a generated-style notice completely', () => {
    const n = parseNoticeText(fixture('clean-notice.txt'));
    expect(n.stated_totals).toMatchObject({
      refined_problems: 4,
      completed: 3,
      partially_completed: 1,
      funds_recovered_yuan: 15000,
    });
    expect(n.sections.flatMap((s) => s.items).map((i) => i.status)).toEqual(['完成', '阶段性完成', '完成', '完成']);
    expect(n.warnings).toEqual([]);
  });

  it('returns the same keys for every input', () => {
    const keys = Object.keys(parseNoticeText(fixture('clean-notice.txt')));
    expect(keys).toEqual([
      'title',
      'issuer',
      'issued_on',
      'inspection',
      'publication_period',
      'contacts',
      'stated_totals',
      'sections',
      'has_next_steps_section',
      'warnings',
    ]);
    expect(Object.keys(parseNoticeText(''))).toEqual(keys);
  });
});

describe('parseNoticeText on odd input', () => {
  it('reports empty input instead of throwing', () => {
    for (const text of ['', '   \n\n\u3000 ']) {
      const n = parseNoticeText(text);
      expect(n.sections).toEqual([]);
      expect(n.warnings).toEqual(['输入为空 / empty input']);
    }
  });

  it('survives junk characters', () => {
    const junk = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    const n = parseNoticeText(junk);
    expect(Array.isArray(n.warnings)).toBe(true);
  });

  it('reads half-width punctuation, Chinese-numeral dates and run-in titles', () => {
    const n = parseNoticeText(
      [
        '中共江澜市民政局党组关于市委第一轮巡察整改进展情况的通报',
        '根据市委统一部署,二〇二五年三月三日至四月三十日,市委第一巡察组对市民政局党组进行了巡察。二〇二五年六月九日,市委第一巡察组向市民政局党组反馈了巡察意见。',
        '一、整改落实情况',
        '1.救助资金发放不及时。一是优化审批流程;二是建立月度对账机制;三是开展专项检查。',
        '2.养老机构监管薄弱:一是开展安全隐患排查;二是完善监管制度。',
        '二、下一步打算',
        '持续巩固整改成效。',
        '公开期限:2025年9月1日至2025年9月15日。联系电话:0731-2223333。',
        '中共江澜市民政局党组',
        '二〇二五年九月一日',
      ].join('\n'),
    );
    expect(n.inspection).toMatchObject({
      round: '市委第一轮',
      from: '2025-03-03',
      to: '2025-04-30',
      feedback_on: '2025-06-09',
    });
    expect(n.issued_on).toBe('2025-09-01');
    expect(brief(n)).toEqual([
      { heading: '一、整改落实情况', items: ['1|救助资金发放不及时|null|3', '2|养老机构监管薄弱|null|2'] },
    ]);
  });

  it('infers a result from a part heading that states it', () => {
    const n = parseNoticeText(
      [
        '一、已完成整改的问题',
        '1.值班制度落实不严。一是修订值班制度。',
        '二、正在推进整改的问题',
        '1.信息化建设滞后。一是编制建设方案。',
      ].join('\n'),
    );
    expect(n.sections.map((s) => s.items[0].status)).toEqual(['完成', '未完成']);
  });

  it('does not take numbers from inside items as stated totals', () => {
    const n = parseNoticeText(
      ['一、整改落实情况', '1.超标准报销。整改结果:完成。一是清退超标准报销的800元;二是对3个问题完成整改8个。'].join(
        '\n',
      ),
    );
    expect(n.stated_totals.funds_recovered_yuan).toBeNull();
    expect(n.stated_totals.completed).toBeNull();
    expect(n.warnings.some((w) => w.includes('no stated totals'))).toBe(true);
  });

  it('counts problems, not measures, in a totals sentence', () => {
    const t = parseNoticeText(
      '截至2025年6月30日，反馈的12个问题细化为48项整改措施，已完成45项整改措施。',
    ).stated_totals;
    expect(t).toMatchObject({ problems: 12, refined_problems: null, completed: null, as_of: '2025-06-30' });
    expect(parseNoticeText('巡察反馈的问题细化为20个具体问题，细化问题共20个。').stated_totals.refined_problems).toBe(
      20,
    );
  });

  it('notes a table it cannot read as items', () => {
    const n = parseNoticeText(
      ['序号', '反馈问题', '整改措施', '完成情况', '1', '公文办理不规范', '修订制度', '已完成'].join('\n'),
    );
    expect(n.sections).toEqual([]);
    expect(n.warnings.some((w) => w.includes('table'))).toBe(true);
  });

  it('parses a very long paste', () => {
    const notice = fixture('clean-notice.txt');
    const text = `${notice}\n${'巡察整改，一是'.repeat(200_000)}\n${'a'.repeat(1_000_000)}@\n${notice.repeat(50)}`;
    const n = parseNoticeText(text);
    expect(n.title).toBe('中共江澜市交通运输局党组关于十三届市委第三轮巡察整改进展情况的通报');
    expect(n.sections.length).toBeGreaterThan(2);
  });
});
