import { isOverdue } from '../../domain/deadline.ts';
import { extensionWords, isLate } from '../../domain/extensions.ts';
import { type DocumentKind, headingParts, type NoticeWriting, PART_HEADINGS } from '../../domain/notice-writing.ts';
import { RESULT_LABEL_ZH, type ResultLabel } from '../../domain/result.ts';
import { WORKFLOW_STATE_ZH } from '../../domain/workflow.ts';
import type { LedgerSnapshot, SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';
import { computeTotals, formatYuan, type NoticeTotals } from './totals.ts';

export interface GenerateOptions {
  kind: DocumentKind;
  /** Leave out items marked 不宜公开 and count only what is listed (the public notice). */
  publicVersion: boolean;
  /** YYYY-MM-DD: the date under the signature when the writing gives none. */
  today: string;
}

/** One measure as the document lists it: the clause, and for internal reports who does it by when. */
export interface MeasureLine {
  content: string;
  /** 责任部门：…；责任人：…；完成时限：… (reports only). */
  note: string | null;
}

export type Block =
  /** 一、 (level 1, 黑体) or （一） (level 2, 楷体). */
  | { type: 'heading'; level: 1 | 2; number: string; text: string }
  /** The feedback problem the following items refine, as an unnumbered lead line. */
  | { type: 'problem'; text: string }
  | {
      type: 'item';
      /** Continuous through part 二. */
      number: number;
      title: string;
      result: ResultLabel;
      withheld: boolean;
      /** Reports: 整改结果、状态、责任领导、责任部门、责任人、时限 in one line. */
      facts: string | null;
      measures: MeasureLine[];
    }
  | { type: 'paragraph'; text: string; role: 'body' | 'totals' | 'supervision' };

export interface GeneratedDocument {
  kind: DocumentKind;
  publicVersion: boolean;
  inspectionId: number;
  title: string;
  /** The title as the printed page breaks it (see titleLines). */
  titleLines: string[];
  /** Reports: 中共江澜市委巡察工作领导小组： */
  addressee: string | null;
  blocks: Block[];
  /** The signing organ or person, then the date (2026年1月21日). */
  signature: { signer: string; date: string };
  issuedOn: string;
  totals: NoticeTotals;
  /** What the unit still has to supply or check before the document goes out; zh-CN / English. */
  warnings: string[];
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (the numbering of parts, sections and 一是/二是 clauses). */
export function zhNumber(n: number): string {
  if (n < 10) return ZH_DIGITS[n];
  if (n < 20) return `十${n % 10 === 0 ? '' : ZH_DIGITS[n % 10]}`;
  if (n < 100) return `${ZH_DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : ZH_DIGITS[n % 10]}`;
  return String(n);
}

/** 2026-01-21 → 2026年1月21日 (GB/T 9704: dates in Arabic numerals). */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The party organisation of a unit as offices name it: townships, companies, schools have a 委员会, bureaus a 党组. */
export function defaultIssuer(unitName: string): string {
  // Some units are entered under their party organisation's own name (中共…工作委员会, …医院党委).
  if (/(?:党委|党组|党工委|委员会)$/.test(unitName)) return unitName;
  const name = unitName.startsWith('中共') ? unitName.slice(2) : unitName;
  if (/街道(?:办事处)?$/.test(name)) return `中共${name.replace(/办事处$/, '')}工作委员会`;
  if (/(?:镇|乡|公司|集团|学校|学院|大学|医院|中学|小学)$/.test(name)) return `中共${name}委员会`;
  return `中共${name}党组`;
}

const TRAILING_PUNCT_RE = /[\s。；;，,、.：:]+$/;
const tidy = (s: string) => s.replace(/\s+/g, ' ').trim().replace(TRAILING_PUNCT_RE, '');
/** A leading 一是/二是 typed into the ledger would be doubled by the generated one. */
const withoutOrdinal = (s: string) => s.replace(/^[一二三四五六七八九十]{1,3}是[，,：:\s]*/, '');

export function roundPhrase(roundName: string): string {
  return /(?:巡察|巡视)$/.test(roundName) ? roundName : `${roundName}巡察`;
}

function paragraphsOf(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\n\s*\n|\r\n\s*\r\n/)
    .map((p) => p.replace(/\s*\n\s*/g, '').trim())
    .filter((p) => p !== '');
}

/** 一、 offered from the work log when the unit has not written its own account yet. */
function workLogFacts(snapshot: LedgerSnapshot): string[] {
  const dated = snapshot.workLog.filter((w) =>
    ['leading_group', 'deployment_meeting', 'democratic_life_meeting'].includes(w.kind),
  );
  const count = (kind: string) => snapshot.workLog.filter((w) => w.kind === kind).length;
  const out: string[] = [];
  if (dated.length > 0) out.push(`${dated.map((w) => `${zhDate(w.heldOn)}，${tidy(w.title)}`).join('；')}。`);
  const counted = [
    [count('progress_meeting'), '召开整改推进会', '次'],
    [count('study_session'), '开展专题学习', '次'],
    [count('check_visit'), '开展督导检查', '次'],
  ] as const;
  const parts = counted.filter(([n]) => n > 0).map(([n, what, unit]) => `${what}${n}${unit}`);
  if (parts.length > 0) out.push(`整改期间，先后${parts.join('，')}，逐项对账推进整改。`);
  return out;
}

/** The 截至… sentence, every number from the listed items. */
export function totalsSentence(t: NoticeTotals, asOf: string): string {
  const scope =
    t.problems === t.items && t.problems > 0 && t.aspects === 0
      ? `巡察反馈的${t.items}个问题`
      : `巡察反馈的${t.aspects > 0 ? `${t.aspects}个方面` : ''}${t.problems}个具体问题涉及的${t.items}个细化问题`;
  let s = `截至${zhDate(asOf)}，${scope}，已完成整改${t.completed}个，阶段性完成整改${t.partiallyCompleted}个`;
  if (t.notCompleted > 0) s += `，正在整改${t.notCompleted}个`;
  const outcomes: string[] = [];
  if (t.fundsRecoveredYuan > 0) outcomes.push(`清退、追缴资金${formatYuan(t.fundsRecoveredYuan)}元`);
  if (t.lossRecoveredYuan > 0) outcomes.push(`挽回损失${formatYuan(t.lossRecoveredYuan)}元`);
  if (t.rulesMade > 0) outcomes.push(`新建制度${t.rulesMade}项`);
  if (t.rulesRevised > 0) outcomes.push(`修订完善制度${t.rulesRevised}项`);
  if (t.accountabilityPeople > 0) outcomes.push(`问责${t.accountabilityPeople}人`);
  if (outcomes.length > 0) s += `；${outcomes.join('，')}`;
  return `${s}。`;
}

function itemFacts(item: SnapshotItem, today: string): string {
  const facts = [`整改结果：${RESULT_LABEL_ZH[item.result]}`, `当前状态：${WORKFLOW_STATE_ZH[item.state]}`];
  if (item.closedOn) facts.push(`销号日期：${zhDate(item.closedOn)}`);
  if (item.responsibleLeader) facts.push(`责任领导：${item.responsibleLeader}`);
  const departments = [
    ...new Set([item.leadDepartment, ...item.measures.map((m) => m.department)].filter((d): d is string => d !== null)),
  ];
  if (departments.length > 0) facts.push(`责任部门：${departments.join('、')}`);
  const people = [...new Set(item.measures.map((m) => m.responsiblePerson).filter((p): p is string => p !== null))];
  if (people.length > 0) facts.push(`责任人：${people.join('、')}`);
  if (item.deadline) {
    // Issue 13: the mark follows lateness on record, so an extension after a missed deadline still says so.
    const mark = isOverdue(item.deadline, item.state, today) ? '（已逾期）' : isLate(item, today) ? '（曾逾期）' : '';
    facts.push(`整改时限：${zhDate(item.deadline)}${mark}`);
  }
  const extended = extensionWords(item, zhDate);
  if (extended) facts.push(extended);
  if (item.withheld) facts.push(`不宜公开${item.withheldReason ? `（${tidy(item.withheldReason)}）` : ''}`);
  return `${facts.join('；')}。`;
}

function measureNote(m: SnapshotItem['measures'][number]): string | null {
  const parts: string[] = [];
  if (m.responsibleLeader) parts.push(`责任领导：${m.responsibleLeader}`);
  if (m.department) parts.push(`责任部门：${m.department}`);
  if (m.responsiblePerson) parts.push(`责任人：${m.responsiblePerson}`);
  if (m.deadline) parts.push(`完成时限：${zhDate(m.deadline)}`);
  if (m.completedOn) parts.push(`已于${zhDate(m.completedOn)}完成`);
  return parts.length > 0 ? parts.join('；') : null;
}

/** 二、: sections by aspect (or by problem when the feedback names no aspects), items numbered straight through. */
function itemBlocks(
  snapshot: LedgerSnapshot,
  items: SnapshotItem[],
  options: { internal: boolean; withMeasures: boolean; today: string },
): Block[] {
  const { internal, withMeasures, today } = options;
  const aspectName = new Map(snapshot.aspects.map((a) => [a.id, a.name]));
  const problemTitle = new Map(snapshot.problems.map((p) => [p.id, p.title]));
  const byAspect = items.some((i) => i.aspectId !== null);
  const byProblem = !byAspect && items.some((i) => i.problemId !== null);
  const blocks: Block[] = [];
  let section = 0;
  let sectionKey: number | null | undefined;
  let problemKey: number | null | undefined;
  let number = 0;
  for (const item of items) {
    const key = byAspect ? item.aspectId : byProblem ? item.problemId : undefined;
    if ((byAspect || byProblem) && key !== sectionKey) {
      section++;
      sectionKey = key;
      problemKey = undefined;
      let text: string;
      if (byAspect) {
        const name = key === null ? null : (aspectName.get(key as number) ?? null);
        text = name === null ? '其他方面的问题' : /^(?:关于|聚焦)/.test(name) ? name : `关于${name}`;
      } else {
        text = key === null ? '其他整改事项' : `反馈问题：${tidy(problemTitle.get(key as number) ?? '')}`;
      }
      blocks.push({ type: 'heading', level: 2, number: `（${zhNumber(section)}）`, text: tidy(text) });
    }
    if (byAspect && item.problemId !== null && item.problemId !== problemKey) {
      problemKey = item.problemId;
      blocks.push({ type: 'problem', text: `反馈问题：${tidy(problemTitle.get(item.problemId) ?? '')}` });
    }
    number++;
    blocks.push({
      type: 'item',
      number,
      title: tidy(item.title),
      result: item.result,
      withheld: item.withheld,
      facts: internal ? itemFacts(item, today) : null,
      measures: withMeasures
        ? item.measures
            .map((m) => ({ content: tidy(withoutOrdinal(tidy(m.content))), note: internal ? measureNote(m) : null }))
            .filter((m) => m.content !== '')
        : [],
    });
  }
  return blocks;
}

function contactParagraphs(writing: NoticeWriting): string[] {
  const c = writing.contacts;
  const out: string[] = [];
  if (c.phone.length > 0) out.push(`联系电话：${c.phone.join('，')}`);
  if (c.email.length > 0) out.push(`电子邮箱：${c.email.join('，')}`);
  if (c.postal) out.push(`邮政地址：${tidy(c.postal)}${c.postcode ? `，邮编：${c.postcode}` : ''}`);
  else if (c.postcode) out.push(`邮编：${c.postcode}`);
  return out.map((s) => `${s}。`);
}

const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  notice: '巡察整改进展情况的通报',
  report: '反馈意见整改情况的报告',
  'leader-report': '主要负责人组织落实巡察整改情况的报告',
};

/** A stretch of the document, and what the unit still has to supply or check in it. */
interface Drafted {
  blocks: Block[];
  warnings: string[];
}

const bodyParagraph = (text: string): Block => ({ type: 'paragraph', text, role: 'body' });

/** The public version lists only items that may be made public, and its totals count only those. */
function listedItems(snapshot: LedgerSnapshot, publicVersion: boolean): { listed: SnapshotItem[]; warnings: string[] } {
  const listed = publicVersion ? snapshot.items.filter((i) => !i.withheld) : snapshot.items;
  const withheldLeftOut = snapshot.items.length - listed.length;
  const warnings =
    withheldLeftOut > 0
      ? [
          `${withheldLeftOut} 个不宜公开的事项未列入公开版，汇总数只计所列事项 / ${withheldLeftOut} item(s) marked 不宜公开 are left out of the public version and out of its totals`,
        ]
      : [];
  return { listed, warnings };
}

/** Who issues it and on which day: as written, else the unit's party organisation and today. */
function issuing(
  snapshot: LedgerSnapshot,
  writing: NoticeWriting,
  today: string,
): { issuer: string; issuedOn: string; warnings: string[] } {
  const warnings: string[] = [];
  let issuer = writing.issuer?.trim() || null;
  if (!issuer) {
    issuer = defaultIssuer(snapshot.inspection.unitName);
    warnings.push(
      `未填写发文单位，暂用“${issuer}”，请核对 / no issuer given; "${issuer}" is assumed from the unit's name, please check`,
    );
  }
  const issuedOn = writing.issuedOn ?? today;
  if (!writing.issuedOn) {
    warnings.push(`未填写成文日期，暂用${zhDate(issuedOn)} / no issue date given; today (${issuedOn}) is used`);
  }
  return { issuer, issuedOn, warnings };
}

function documentTitle(kind: DocumentKind, issuer: string, inspection: LedgerSnapshot['inspection']): string {
  if (kind === 'notice') return `${issuer}关于${roundPhrase(inspection.roundName)}整改进展情况的通报`;
  if (kind === 'report') return `关于${inspection.teamName}${DOCUMENT_NAMES.report}`;
  return `${issuer}${DOCUMENT_NAMES['leader-report']}`;
}

/** The opening: who inspected whom, when, and when the feedback came. */
function openingParagraph(kind: DocumentKind, snapshot: LedgerSnapshot, issuer: string): Drafted {
  const insp = snapshot.inspection;
  const team = insp.teamName;
  const warnings: string[] = [];
  let opening = `根据${snapshot.committee.name}统一部署，${zhDate(insp.from)}至${zhDate(insp.to)}，${team}对${insp.unitName}进行了巡察。`;
  if (insp.feedbackOn) opening += `${zhDate(insp.feedbackOn)}，${team}向${insp.unitName}反馈了巡察意见。`;
  else {
    opening += `${team}向${insp.unitName}反馈了巡察意见。`;
    warnings.push('台账中没有反馈日期 / the ledger has no feedback date for this inspection');
  }
  opening +=
    kind === 'notice'
      ? '按照巡察工作有关要求，现将巡察整改进展情况予以公布。'
      : kind === 'report'
        ? '现将整改情况报告如下。'
        : `作为${issuer}主要负责人和巡察整改第一责任人，现将本人组织落实巡察整改情况报告如下。`;
  return { blocks: [bodyParagraph(opening)], warnings };
}

/** 一、 the unit's own account, or facts from the work log to start from, then the totals sentence. */
function organisingPart(
  kind: DocumentKind,
  snapshot: LedgerSnapshot,
  writing: NoticeWriting,
  totals: NoticeTotals,
  asOf: string,
): Drafted {
  const warnings: string[] = [];
  let account = paragraphsOf(writing.organising);
  if (account.length === 0) {
    account = workLogFacts(snapshot);
    warnings.push(
      account.length > 0
        ? '整改工作开展情况未填写，暂据工作台账列出领导小组、会议等事实，请补充完善 / the account of organising the work is empty; facts from the work log (leading group, meetings) are offered in its place'
        : '整改工作开展情况未填写，工作台账也无记录 / the account of organising the work is empty and the work log has no entries',
    );
  }
  const blocks: Block[] = [
    { type: 'heading', level: 1, ...headingParts(PART_HEADINGS[kind].one) },
    ...account.map(bodyParagraph),
    { type: 'paragraph', text: totalsSentence(totals, asOf), role: 'totals' },
  ];
  return { blocks, warnings };
}

/** 二、 the listed items, and the feedback problems no item refines yet. */
function problemsPart(
  kind: DocumentKind,
  snapshot: LedgerSnapshot,
  listed: SnapshotItem[],
  totals: NoticeTotals,
  today: string,
): Drafted {
  const internal = kind !== 'notice';
  const blocks: Block[] = [{ type: 'heading', level: 1, ...headingParts(PART_HEADINGS[kind].two) }];
  const warnings: string[] = [];
  if (listed.length === 0) {
    blocks.push(bodyParagraph('台账中尚无整改事项。'));
    warnings.push('台账中没有可列出的整改事项 / the ledger has no items to list');
  }
  blocks.push(...itemBlocks(snapshot, listed, { internal, withMeasures: kind !== 'leader-report', today }));
  const listedProblems = new Set(snapshot.items.map((i) => i.problemId));
  const bare = snapshot.problems.filter((p) => !listedProblems.has(p.id));
  if (bare.length > 0) {
    if (internal)
      blocks.push(bodyParagraph(`以下反馈问题尚未细化整改事项：${bare.map((p) => tidy(p.title)).join('；')}。`));
    warnings.push(
      `${bare.length} 个反馈问题尚未细化整改事项${internal ? '' : '，未列入通报'} / ${bare.length} feedback problem(s) have no items yet${internal ? '' : ' and are not listed'}`,
    );
  }
  if (totals.itemsWithoutMeasures > 0) {
    warnings.push(
      `${totals.itemsWithoutMeasures} 个事项没有整改措施 / ${totals.itemsWithoutMeasures} item(s) have no measures`,
    );
  }
  return { blocks, warnings };
}

/** 三、 next steps as written, or one sentence from the ledger to start from. */
function nextStepsPart(kind: DocumentKind, writing: NoticeWriting, totals: NoticeTotals): Drafted {
  const warnings: string[] = [];
  const next = paragraphsOf(writing.nextSteps);
  if (next.length === 0) {
    // No counts here: the totals sentence states them once, and a second number would read as a second total.
    next.push(
      totals.partiallyCompleted + totals.notCompleted > 0
        ? '对阶段性完成和正在整改的问题，按照整改方案明确的时限和措施持续推进，逐项对账销号，巩固拓展整改成效。'
        : '巩固拓展整改成效，对已整改的问题适时开展“回头看”，防止反弹回潮，健全长效机制。',
    );
    warnings.push(
      '下一步工作打算未填写，暂按台账生成一句，请补充 / next steps are empty; one sentence from the ledger stands in',
    );
  }
  const blocks: Block[] = [
    { type: 'heading', level: 1, ...headingParts(PART_HEADINGS[kind].three) },
    ...next.map(bodyParagraph),
  ];
  return { blocks, warnings };
}

/** A notice's closing: the invitation to supervise, the public period and the contacts. */
function supervisionParagraphs(writing: NoticeWriting, issuedOn: string): Drafted {
  const warnings: string[] = [];
  const texts = ['欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。'];
  if (writing.publicFrom && writing.publicTo) {
    texts.push(`公开期限：${zhDate(writing.publicFrom)}至${zhDate(writing.publicTo)}。`);
    if (writing.publicFrom < issuedOn || writing.publicTo <= writing.publicFrom) {
      warnings.push(
        '公开期限应始于成文日期当日或之后，且结束晚于开始 / the public period must start on or after the issue date and end after it starts',
      );
    }
  } else {
    warnings.push('未填写公开期限 / no public period given');
  }
  const contacts = contactParagraphs(writing);
  if (contacts.length === 0) warnings.push('未填写联系方式 / no contacts given for public comments');
  texts.push(...contacts);
  return { blocks: texts.map((text) => ({ type: 'paragraph', text, role: 'supervision' })), warnings };
}

/** The issuer signs, except a leader report, which its first responsible person signs. */
function signerOf(kind: DocumentKind, writing: NoticeWriting, issuer: string): { signer: string; warnings: string[] } {
  if (kind !== 'leader-report') return { signer: issuer, warnings: [] };
  const signer = writing.signatory?.trim() || '';
  if (signer) return { signer, warnings: [] };
  return {
    signer: `${issuer}书记`,
    warnings: ['未填写签署人（第一责任人） / no signatory (the first responsible person) given'],
  };
}

/**
 * Builds a notice or report from the ledger and what the unit wrote. Pure: the same inputs give the same document, so
 * the preview, the download and the linted text never differ.
 */
export function buildDocument(
  snapshot: LedgerSnapshot,
  writing: NoticeWriting,
  options: GenerateOptions,
): GeneratedDocument {
  const { kind } = options;
  const insp = snapshot.inspection;
  const publicVersion = kind === 'notice' && options.publicVersion;
  const { listed, warnings: listWarnings } = listedItems(snapshot, publicVersion);
  const totals = computeTotals(listed);
  const { issuer, issuedOn, warnings: issueWarnings } = issuing(snapshot, writing, options.today);
  const title = documentTitle(kind, issuer, insp);
  const addressee =
    kind !== 'notice' ? writing.addressee?.trim() || `${snapshot.committee.name}巡察工作领导小组：` : null;
  const parts = [
    openingParagraph(kind, snapshot, issuer),
    organisingPart(kind, snapshot, writing, totals, writing.asOf ?? issuedOn),
    problemsPart(kind, snapshot, listed, totals, options.today),
    nextStepsPart(kind, writing, totals),
    ...(kind === 'notice' ? [supervisionParagraphs(writing, issuedOn)] : []),
  ];
  const dateWarnings =
    insp.feedbackOn && issuedOn < insp.feedbackOn
      ? [
          `成文日期早于反馈日期（${zhDate(insp.feedbackOn)}） / the issue date is before the feedback date (${insp.feedbackOn})`,
        ]
      : [];
  const { signer, warnings: signerWarnings } = signerOf(kind, writing, issuer);
  return {
    kind,
    publicVersion,
    inspectionId: insp.id,
    title,
    titleLines: titleLines(title),
    addressee,
    blocks: parts.flatMap((p) => p.blocks),
    signature: { signer, date: zhDate(issuedOn) },
    issuedOn,
    totals,
    warnings: [
      ...listWarnings,
      ...issueWarnings,
      ...parts.flatMap((p) => p.warnings),
      ...dateWarnings,
      ...signerWarnings,
    ],
  };
}

/** Characters of 2号 in the 156 mm line. */
const TITLE_LINE_CHARS = 20;
const TITLE_BREAK_RE =
  /关于|(?:党组|党委|委员会|工作委员会)(?=关于)|(?:巡察|巡视)(?=整改|反馈)|反馈意见|(?=整改)|(?=主要负责人)|(?=组织落实)/g;

/**
 * Where a long title breaks (GB/T 9704 7.3.1: lines keep words whole, the shape a trapezoid): at a word boundary such as
 * after 关于, so that no line exceeds the type area and the upper line is not the longer one; one line when it fits,
 * and left to the word processor when no boundary gives two lines that fit.
 */
export function titleLines(title: string): string[] {
  const chars = Array.from(title);
  if (chars.length <= TITLE_LINE_CHARS) return [title];
  let best: { at: number; score: number } | null = null;
  for (const m of title.matchAll(TITLE_BREAK_RE)) {
    const at = Array.from(title.slice(0, m.index + m[0].length)).length;
    const upper = at;
    const lower = chars.length - at;
    if (upper === 0 || lower === 0 || upper > TITLE_LINE_CHARS || lower > TITLE_LINE_CHARS) continue;
    // Balanced lines first; of two equally balanced, the shorter upper line (a trapezoid, not an inverted one).
    const score = Math.abs(lower - upper) * 2 + (upper > lower ? 1 : 0);
    if (!best || score < best.score) best = { at, score };
  }
  if (!best) return [title];
  return [chars.slice(0, best.at).join(''), chars.slice(best.at).join('')];
}

/** The heading line of an item as every format writes it: 1.规范公文办理（完成）. */
export function itemHeading(block: Extract<Block, { type: 'item' }>): string {
  // 1.2024年… would read as the decimal 1.2 without the space.
  const gap = /^\d/.test(block.title) ? ' ' : '';
  // Only internal documents list withheld items at all; there the mark tells the reader not to pass them on.
  const mark = block.withheld ? '【不宜公开】' : '';
  return `${block.number}.${gap}${mark}${block.title}（${RESULT_LABEL_ZH[block.result]}）`;
}

/** 一是…。二是…。 with, in reports, who and by when after each clause. */
export function measuresText(measures: MeasureLine[]): string {
  return measures.map((m, i) => `${zhNumber(i + 1)}是${m.content}${m.note ? `（${m.note}）` : ''}。`).join('');
}
