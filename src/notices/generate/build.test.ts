import { describe, expect, it } from 'vitest';
import { EMPTY_WRITING } from '../../domain/notice-writing.ts';
import type { LedgerSnapshot } from '../../repositories/ledger-snapshot.repository.ts';
import { type Block, buildDocument, defaultIssuer, type GeneratedDocument, titleLines, zhNumber } from './build.ts';
import { baseSnapshot, item, measure, outcome, writing } from './fixtures.ts';
import { computeTotals, formatYuan } from './totals.ts';

const NOTICE = { kind: 'notice', publicVersion: true, today: '2026-11-20' } as const;

const items = (doc: GeneratedDocument) =>
  doc.blocks.filter((b): b is Extract<Block, { type: 'item' }> => b.type === 'item');
const headings = (doc: GeneratedDocument, level: 1 | 2) =>
  doc.blocks
    .filter((b) => b.type === 'heading' && b.level === level)
    .map((b) => b.type === 'heading' && b.number + b.text);
const totalsText = (doc: GeneratedDocument) => {
  const b = doc.blocks.find((x) => x.type === 'paragraph' && x.role === 'totals');
  return b?.type === 'paragraph' ? b.text : '';
};

function ledger(): LedgerSnapshot {
  return baseSnapshot({
    aspects: [
      { id: 1, roundId: 1, name: '落实全面从严治党战略部署方面', sortOrder: 0 },
      { id: 2, roundId: 1, name: '落实新时代党的组织路线方面', sortOrder: 1 },
    ],
    problems: [
      {
        id: 10,
        inspectionId: 7,
        aspectId: 1,
        number: null,
        title: '落实中央八项规定精神不够严格',
        description: null,
        sortOrder: 0,
        version: 1,
      },
      {
        id: 11,
        inspectionId: 7,
        aspectId: 1,
        number: null,
        title: '财务管理存在廉洁风险',
        description: null,
        sortOrder: 1,
        version: 1,
      },
      {
        id: 12,
        inspectionId: 7,
        aspectId: 2,
        number: null,
        title: '干部选拔任用程序不规范',
        description: null,
        sortOrder: 2,
        version: 1,
      },
      {
        id: 13,
        inspectionId: 7,
        aspectId: 2,
        number: null,
        title: '尚未细化的问题',
        description: null,
        sortOrder: 3,
        version: 1,
      },
    ],
    items: [
      item('公务接待管理不规范', {
        aspectId: 1,
        problemId: 10,
        measures: [measure('逐笔清查接待费用。'), measure('一是修订公务接待管理办法；')],
        outcomes: [outcome('funds_recovered', { amountYuan: 1234.5 }), outcome('rule_revised')],
      }),
      item('公务用车使用管理不严', {
        aspectId: 1,
        problemId: 10,
        result: 'partially_completed',
        measures: [measure('加装北斗定位终端')],
        outcomes: [outcome('accountability', { peopleCount: 2 }), outcome('accountability', { peopleCount: null })],
      }),
      item('某案件线索核查', {
        aspectId: 1,
        problemId: 11,
        withheld: true,
        withheldReason: '案件正在审查',
        result: 'not_completed',
        measures: [measure('配合开展核查')],
        outcomes: [outcome('funds_recovered', { amountYuan: 50000 })],
      }),
      item('往来款长期挂账', {
        aspectId: 1,
        problemId: 11,
        result: 'not_completed',
        responsibleLeader: '陈玉兰',
        leadDepartment: '计划财务科',
        deadline: '2026-09-30',
        outcomes: [outcome('funds_recovered', { amountYuan: 0.1 }), outcome('funds_recovered', { amountYuan: 0.2 })],
      }),
      item('干部档案审核不严', {
        aspectId: 2,
        problemId: 12,
        measures: [measure('开展干部人事档案专项审核', { department: '机关党委（人事科）', deadline: '2026-10-31' })],
        outcomes: [outcome('rule_made'), outcome('loss_recovered', { amountYuan: 8000 })],
      }),
    ],
  });
}

describe('computeTotals', () => {
  it('counts problems, items, results, measures and outcomes, money to the fen', () => {
    const t = computeTotals(ledger().items);
    expect(t).toEqual({
      aspects: 2,
      problems: 3,
      items: 5,
      completed: 2,
      partiallyCompleted: 1,
      notCompleted: 2,
      withheld: 1,
      measures: 5,
      itemsWithoutMeasures: 1,
      fundsRecoveredYuan: 51234.8,
      lossRecoveredYuan: 8000,
      rulesMade: 1,
      rulesRevised: 1,
      accountabilityCases: 2,
      accountabilityPeople: 3,
    });
  });

  it('counts an item entered without a problem as its own problem', () => {
    const t = computeTotals([item('甲'), item('乙'), item('丙', { problemId: 5 }), item('丁', { problemId: 5 })]);
    expect(t.problems).toBe(3);
    expect(t.aspects).toBe(0);
  });

  it('formats yuan without float noise', () => {
    expect(formatYuan(0.1 + 0.2)).toBe('0.3');
    expect(formatYuan(665700)).toBe('665700');
    expect(formatYuan(100)).toBe('100');
    expect(formatYuan(12.5)).toBe('12.5');
  });
});

describe('buildDocument: the public notice', () => {
  const doc = buildDocument(ledger(), writing(), NOTICE);

  it('leaves withheld items out and counts only what it lists', () => {
    expect(items(doc).map((i) => i.title)).toEqual([
      '公务接待管理不规范',
      '公务用车使用管理不严',
      '往来款长期挂账',
      '干部档案审核不严',
    ]);
    expect(doc.totals.items).toBe(4);
    expect(doc.totals.fundsRecoveredYuan).toBe(1234.8);
    expect(totalsText(doc)).toBe(
      '截至2026年11月15日，巡察反馈的2个方面3个具体问题涉及的4个细化问题，已完成整改2个，阶段性完成整改1个，正在整改1个；清退、追缴资金1234.8元，挽回损失8000元，新建制度1项，修订完善制度1项，问责3人。',
    );
    expect(JSON.stringify(doc)).not.toContain('某案件线索核查');
    expect(doc.warnings.some((w) => w.includes('1 个不宜公开的事项未列入公开版'))).toBe(true);
  });

  it('numbers items straight through the sections, sections by aspect, problems as lead lines', () => {
    expect(items(doc).map((i) => i.number)).toEqual([1, 2, 3, 4]);
    expect(headings(doc, 1)).toEqual([
      '一、履行巡察整改主体责任情况',
      '二、巡察反馈问题整改落实情况',
      '三、下一步工作打算',
    ]);
    expect(headings(doc, 2)).toEqual([
      '（一）关于落实全面从严治党战略部署方面',
      '（二）关于落实新时代党的组织路线方面',
    ]);
    expect(doc.blocks.filter((b) => b.type === 'problem').map((b) => b.type === 'problem' && b.text)).toEqual([
      '反馈问题：落实中央八项规定精神不够严格',
      '反馈问题：财务管理存在廉洁风险',
      '反馈问题：干部选拔任用程序不规范',
    ]);
  });

  it('lists measures without their typed ordinals and trailing punctuation, and none for an item without any', () => {
    expect(items(doc)[0].measures.map((m) => m.content)).toEqual(['逐笔清查接待费用', '修订公务接待管理办法']);
    expect(items(doc)[2].measures).toEqual([]);
    expect(items(doc)[0].facts).toBeNull();
    expect(doc.warnings.some((w) => w.includes('没有整改措施'))).toBe(true);
  });

  it('warns of a problem without items and leaves it out', () => {
    expect(JSON.stringify(doc.blocks)).not.toContain('尚未细化的问题');
    expect(doc.warnings.some((w) => w.startsWith('1 个反馈问题尚未细化整改事项'))).toBe(true);
  });

  it('writes the title, opening, public period, contacts and signature from the ledger and the writing', () => {
    expect(doc.title).toBe('中共江澜市交通运输局党组关于十届市委第一轮巡察整改进展情况的通报');
    expect(doc.blocks[0]).toEqual({
      type: 'paragraph',
      role: 'body',
      text: '根据中共江澜市委统一部署，2026年3月10日至2026年5月10日，市委第一巡察组对江澜市交通运输局进行了巡察。2026年7月1日，市委第一巡察组向江澜市交通运输局反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。',
    });
    const closing = doc.blocks.filter((b) => b.type === 'paragraph' && b.role === 'supervision');
    expect(closing.map((b) => b.type === 'paragraph' && b.text)).toEqual([
      '欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。',
      '公开期限：2026年11月20日至2026年12月4日。',
      '联系电话：0571-88776655。',
      '电子邮箱：jtjzg@jianglan.gov.cn。',
      '邮政地址：江澜市滨江路88号，邮编：310000。',
    ]);
    expect(doc.signature).toEqual({ signer: '中共江澜市交通运输局党组', date: '2026年11月20日' });
    expect(doc.addressee).toBeNull();
  });

  it('lists withheld items, marked, in the internal version of the notice', () => {
    const internal = buildDocument(ledger(), writing(), { ...NOTICE, publicVersion: false });
    expect(items(internal)).toHaveLength(5);
    expect(items(internal)[2]).toMatchObject({ title: '某案件线索核查', withheld: true, number: 3 });
    expect(internal.totals.items).toBe(5);
  });
});

describe('buildDocument: what the unit has not written yet', () => {
  const snapshot = baseSnapshot({
    items: [item('甲事项'), item('乙事项', { result: 'not_completed' })],
    workLog: [
      {
        id: 1,
        inspectionId: 7,
        kind: 'leading_group',
        heldOn: '2026-07-03',
        title: '成立巡察整改工作领导小组',
        note: null,
        version: 1,
      },
      {
        id: 2,
        inspectionId: 7,
        kind: 'progress_meeting',
        heldOn: '2026-08-03',
        title: '推进会',
        note: null,
        version: 1,
      },
      {
        id: 3,
        inspectionId: 7,
        kind: 'progress_meeting',
        heldOn: '2026-09-03',
        title: '推进会',
        note: null,
        version: 1,
      },
    ],
  });
  const doc = buildDocument(snapshot, EMPTY_WRITING, NOTICE);

  it('assumes an issuer and today, offers work-log facts, and says so', () => {
    expect(doc.title.startsWith('中共江澜市交通运输局党组关于')).toBe(true);
    expect(doc.issuedOn).toBe('2026-11-20');
    const texts = doc.blocks.map((b) => (b.type === 'paragraph' ? b.text : ''));
    expect(texts).toContain('2026年7月3日，成立巡察整改工作领导小组。');
    expect(texts).toContain('整改期间，先后召开整改推进会2次，逐项对账推进整改。');
    for (const w of [
      '未填写发文单位',
      '未填写成文日期',
      '整改工作开展情况未填写',
      '下一步工作打算未填写',
      '未填写公开期限',
      '未填写联系方式',
    ]) {
      expect(doc.warnings.some((x) => x.startsWith(w))).toBe(true);
    }
  });

  it('without aspects or problems lists the items directly under 二、 and states the plain count', () => {
    expect(headings(doc, 2)).toEqual([]);
    expect(totalsText(doc)).toBe(
      '截至2026年11月20日，巡察反馈的2个问题，已完成整改1个，阶段性完成整改0个，正在整改1个。',
    );
  });

  it('sections by problem when the feedback names no aspects', () => {
    const byProblem = buildDocument(
      baseSnapshot({
        problems: [
          {
            id: 3,
            inspectionId: 7,
            aspectId: null,
            number: null,
            title: '问题甲',
            description: null,
            sortOrder: 0,
            version: 1,
          },
        ],
        items: [item('零散事项'), item('甲一', { problemId: 3 }), item('甲二', { problemId: 3 })],
      }),
      writing(),
      NOTICE,
    );
    expect(headings(byProblem, 2)).toEqual(['（一）其他整改事项', '（二）反馈问题：问题甲']);
    expect(items(byProblem).map((i) => i.number)).toEqual([1, 2, 3]);
  });

  it('warns when the dates are out of order', () => {
    const late = buildDocument(snapshot, writing({ issuedOn: '2026-06-01', publicFrom: '2026-05-01' }), NOTICE);
    expect(late.warnings.some((w) => w.startsWith('公开期限应始于成文日期'))).toBe(true);
    expect(late.warnings.some((w) => w.startsWith('成文日期早于反馈日期'))).toBe(true);
  });
});

describe('buildDocument: the internal reports', () => {
  it('report: addressed to the leading group, every item with its state, leader, departments and deadline', () => {
    const doc = buildDocument(ledger(), writing(), { kind: 'report', publicVersion: true, today: '2026-11-20' });
    expect(doc.title).toBe('关于市委第一巡察组反馈意见整改情况的报告');
    expect(doc.addressee).toBe('中共江澜市委巡察工作领导小组：');
    expect(doc.publicVersion).toBe(false);
    expect(items(doc)).toHaveLength(5);
    expect(items(doc)[2].facts).toBe('整改结果：未完成；当前状态：整改中；不宜公开（案件正在审查）。');
    expect(items(doc)[3].facts).toBe(
      '整改结果：未完成；当前状态：整改中；责任领导：陈玉兰；责任部门：计划财务科；整改时限：2026年9月30日（已逾期）。',
    );
    expect(items(doc)[4].measures).toEqual([
      { content: '开展干部人事档案专项审核', note: '责任部门：机关党委（人事科）；完成时限：2026年10月31日' },
    ]);
    expect(
      doc.blocks.some((b) => b.type === 'paragraph' && b.text === '以下反馈问题尚未细化整改事项：尚未细化的问题。'),
    ).toBe(true);
    expect(doc.blocks.some((b) => b.type === 'paragraph' && b.role === 'supervision')).toBe(false);
    expect(doc.totals.items).toBe(5);
  });

  it('report: an extended item says 原定时限, 调整后时限 and how many extensions, and 曾逾期 once it missed one (issue 13)', () => {
    const snapshot = ledger();
    snapshot.items[3] = {
      ...snapshot.items[3],
      deadline: '2026-12-31',
      originalDeadline: '2026-09-30',
      extensionCount: 1,
      missedDeadline: '2026-09-30',
    };
    const doc = buildDocument(snapshot, writing(), { kind: 'report', publicVersion: true, today: '2026-11-20' });
    expect(items(doc)[3].facts).toBe(
      '整改结果：未完成；当前状态：整改中；责任领导：陈玉兰；责任部门：计划财务科；整改时限：2026年12月31日（曾逾期）；' +
        '原定时限：2026年9月30日；调整后时限：2026年12月31日（延期1次）。',
    );
  });

  it('leader report: the first responsible person signs, same totals, items without measures', () => {
    const doc = buildDocument(ledger(), writing(), {
      kind: 'leader-report',
      publicVersion: false,
      today: '2026-11-20',
    });
    expect(doc.title).toBe('中共江澜市交通运输局党组主要负责人组织落实巡察整改情况的报告');
    expect(doc.signature.signer).toBe('局党组书记 周立平');
    expect(doc.totals).toEqual(computeTotals(ledger().items));
    expect(items(doc).every((i) => i.measures.length === 0 && i.facts !== null)).toBe(true);
    const unsigned = buildDocument(ledger(), writing({ signatory: null }), {
      kind: 'leader-report',
      publicVersion: false,
      today: '2026-11-20',
    });
    expect(unsigned.warnings.some((w) => w.startsWith('未填写签署人'))).toBe(true);
  });
});

describe('helpers', () => {
  it('numbers in Chinese', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(zhNumber)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
  });

  it('breaks a long title at a word, within 20 characters of 2号 a line, the upper line not the longer', () => {
    expect(titleLines('关于市委第一巡察组反馈意见整改情况的报告')).toEqual([
      '关于市委第一巡察组反馈意见整改情况的报告',
    ]);
    expect(titleLines('中共江澜市交通运输局党组关于十届市委第一轮巡察整改进展情况的通报')).toEqual([
      '中共江澜市交通运输局党组关于',
      '十届市委第一轮巡察整改进展情况的通报',
    ]);
    expect(titleLines('中共江澜市滨河街道工作委员会关于九届市委第三轮巡察整改进展情况的通报')).toEqual([
      '中共江澜市滨河街道工作委员会关于',
      '九届市委第三轮巡察整改进展情况的通报',
    ]);
    const unbreakable = '江澜市某某某某某某某某某某某某某某某某某某某某某某某某某某通报';
    expect(titleLines(unbreakable)).toEqual([unbreakable]);
  });

  it('names the party organisation that signs', () => {
    expect(defaultIssuer('江澜市交通运输局')).toBe('中共江澜市交通运输局党组');
    expect(defaultIssuer('江澜市滨河街道')).toBe('中共江澜市滨河街道工作委员会');
    expect(defaultIssuer('江澜市城市建设投资集团有限公司')).toBe('中共江澜市城市建设投资集团有限公司委员会');
    expect(defaultIssuer('江澜市人民医院党委')).toBe('江澜市人民医院党委');
  });
});
