/**
 * Reads a published rectification notice (巡察/巡视整改进展情况的通报) or a feedback text into the ledger's structure.
 *
 * It works from the conventions every such text shares rather than from any one layout: the GB/T 9704 numbering
 * levels (一、 / （一） / 1. / （1）), the opening sentence (date range, team, 反馈), 一是/二是 measure clauses,
 * result labels (整改结果：完成), a 截至… totals sentence, the 公开期限 and contact paragraph, and the signature.
 * Everything is line-based and every regex is anchored or bounded, so a 50 MB paste stays linear.
 */
import {
  asciiAlnum,
  DATE_SRC,
  type FoundDate,
  findDates,
  findRanges,
  findRangesInYear,
  findSiteMeta,
  isoDate,
  MONTH_DAY_SRC,
  NUM,
  normalizePhone,
  normalizeStatus,
  parseNumber,
  type ResultStatus,
  STATUS_TAG_RE,
  STATUS_VALUE_RE,
  stripDebris,
  toHalfWidth,
  UNIT,
  withoutSiteSuffix,
} from './normalize.ts';

export type { ResultStatus } from './normalize.ts';

export interface NoticeItem {
  /** As written (digits folded to ASCII): "1", "12", "一". */
  number: string | null;
  title: string | null;
  status: ResultStatus | null;
  measure_count: number;
  /** The 一是/二是/… clauses, without their marker. */
  measures: string[];
}

export interface NoticeSection {
  /** As written, numbering included; null when the items sit directly under no heading. */
  heading: string | null;
  items: NoticeItem[];
}

export interface StatedTotals {
  aspects: number | null;
  problems: number | null;
  refined_problems: number | null;
  completed: number | null;
  partially_completed: number | null;
  funds_recovered_yuan: number | null;
  as_of: string | null;
}

export interface ParsedNotice {
  title: string | null;
  issuer: string | null;
  issued_on: string | null;
  inspection: {
    team: string | null;
    round: string | null;
    from: string | null;
    to: string | null;
    feedback_on: string | null;
  };
  publication_period: { from: string | null; to: string | null } | null;
  contacts: { phone: string[]; email: string[]; postal: string | null; postcode: string | null };
  stated_totals: StatedTotals;
  sections: NoticeSection[];
  has_next_steps_section: boolean;
  warnings: string[];
}

export type TotalField = Exclude<keyof StatedTotals, 'as_of'>;

/** Where things were found, 1-based line numbers of the input, for the linter. */
export interface NoticeAnalysis {
  notice: ParsedNotice;
  /** The input's lines as given (for excerpts). */
  lines: string[];
  titleLine: number | null;
  issuerLine: number | null;
  issuedLine: number | null;
  inspectionLine: number | null;
  feedbackLine: number | null;
  periodLine: number | null;
  /** A publication period was announced (公开期限…) but its dates could not be read. */
  periodUnreadable: boolean;
  contactLine: number | null;
  /** Every value each summary sentence states, in text order; the chosen one is in notice.stated_totals. */
  totals: StatedValues;
  totalsLine: number | null;
  invalidDates: InvalidDate[];
  parts: PartInfo[];
  /** Parallel to notice.sections. */
  sections: SectionInfo[];
}

export interface InvalidDate {
  text: string;
  line: number;
}

export interface PartInfo {
  line: number;
  heading: string;
  number: number | null;
  /** Written with Arabic numbering (3、 下一步打算) where the level calls for 三、. */
  slipped: boolean;
  kind: 'opening' | 'problems' | 'next_steps' | 'other';
  /** Numbers of the （一） headings directly under it, in order, with their lines. */
  subsections: { number: number | null; line: number }[];
}

export interface SectionInfo {
  line: number | null;
  part: number | null;
  items: { line: number; number: number | null }[];
}

interface Line {
  raw: string;
  norm: string;
  /** 1-based line in the input. */
  no: number;
}

interface Node {
  level: 1 | 2 | 3 | 4;
  idx: number;
  /** The numeral as written, digits folded. */
  numberText: string;
  number: number | null;
  /** Index in the line where the text after the marker starts. */
  restAt: number;
  slipped: boolean;
  /** Exclusive end: the next node of the same or a higher level, or the tail. */
  end: number;
  /** Its index among the nodes, and the index of the first node after its subtree. */
  pos: number;
  endPos: number;
}

const L1_RE = /^([一二三四五六七八九十]{1,3})\s*[、.,]\s*/;
const L2_RE = /^\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*/;
const L3_RE = /^(\d{1,3})\s*(?:[、,]|\.(?!\d))\s*/;
const L4_RE = /^(?:\(\s*(\d{1,3})\s*\)|([\u2460-\u2473]))\s*/;

const NEXT_STRONG_RE = /下一步|下步|今后|打算|工作安排|工作计划|努力方向/;
const NEXT_RE =
  /下一步|下步|今后|打算|工作安排|工作计划|努力方向|(?:巩固|深化|拓展|扩大|运用|转化).{0,8}(?:成效|成果)|长效机制|持续整改|继续整改/;
const ORGANISE_RE =
  /主体责任|组织领导|领导小组|加强领导|思想认识|统一思想|政治站位|提高站位|提高认识|高度重视|组织整改|组织实施|精神实质|工作开展情况|履行.{0,8}责任/;
const PROBLEM_RE = /问题|事项|任务|反馈意见|巡察意见|巡视意见|整改进展|落实情况|完成/;
const TAIL_RE =
  /^(?:欢迎|如有意见|如对|如您|公开期限|公示期|公开时间|公示时间|联系方式|联系电话|联系人|举报电话|电话\s*:|电子邮箱|邮箱\s*:)|欢迎.{0,12}(?:监督|批评|意见)/;
const CONTACT_KEY_RE = /联系方式|联系电话|电话|邮箱|信箱|邮编|邮政|地址|传真|来信|e-?mail/i;
const STATUS_LABEL_RE =
  /(?:^|[\s。;,])(?:整改结果|整改状态|整改情况|完成情况|整改进度|整改进展|进展情况|办理结果|办理情况|完成状态|目前状态|当前状态)\s*[:]\s*/g;

function node(level: Node['level'], numberText: string, number: number | null, restAt: number, slipped = false): Node {
  return { level, numberText, number, restAt, slipped, idx: 0, end: 0, pos: 0, endPos: 0 };
}

function headingOf(norm: string): Node | null {
  let m = L1_RE.exec(norm);
  if (m && !/^[一二三四五六七八九十]/.test(norm.slice(m[0].length))) {
    return node(1, m[1], parseNumber(m[1]), m[0].length);
  }
  m = L2_RE.exec(norm);
  if (m) return node(2, m[1], parseNumber(m[1]), m[0].length);
  m = L3_RE.exec(norm);
  if (m) {
    const rest = norm.slice(m[0].length);
    // `3、 下一步打算`: a part heading that slipped into Arabic numbering.
    if (
      rest.length <= 24 &&
      !/[。;]/.test(rest) &&
      /^(?:下一步|下步|今后)|^.{0,8}(?:打算|工作安排|工作计划)/.test(rest)
    ) {
      return node(1, m[1], Number(m[1]), m[0].length, true);
    }
    return node(3, m[1], Number(m[1]), m[0].length);
  }
  m = L4_RE.exec(norm);
  if (m) {
    const text = m[1] ?? String((m[2] ?? '①').charCodeAt(0) - 0x2460 + 1);
    return node(4, text, Number(text), m[0].length);
  }
  return null;
}

const ZERO_WIDTH_RE = /[\u200B-\u200D\u2060\uFEFF]/;

function splitLines(text: string): Line[] {
  const rawLines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  return rawLines.map((l, i) => {
    let raw = l.includes('[') || ZERO_WIDTH_RE.test(l) ? stripDebris(l) : l;
    raw = raw.trim();
    if (raw.includes('\t')) raw = raw.replace(/\t/g, ' ');
    return { raw, norm: toHalfWidth(raw), no: i + 1 };
  });
}

const trimPunct = (s: string) => s.replace(/^[\s,，、:：;；。]+|[\s,，、:：;；。]+$/g, '');

// ---------------------------------------------------------------------------------------------------------------
// Title and signature

const META_LINE_RE =
  /^(?:附件\s*\d*\s*[:：]?$|(?:信息|文章)?来源\s*[:：]|发布(?:时间|日期)|时间\s*[:：]|作者\s*[:：]|字号|浏览|(?:当前|您的|你的|所在)位置\s*[:：]|首页\s*[>＞»›/]|.{0,24}〔\d{4}〕\s*\d+\s*号$)/;
const TITLE_WORD_RE = /通报|公告|公示|情况|意见|报告|通知|决定|方案|总结|说明/;
const DATE_ONLY_RE = new RegExp(`^[(（]?\\s*${DATE_SRC}\\s*[)）]?$`);

function titleLike(l: Line): boolean {
  const n = l.norm;
  return (
    n.length > 0 &&
    n.length <= 60 &&
    !/[。;!?]/.test(n) &&
    !/:$/.test(n) &&
    !/^(?:根据|按照|依据|为|近日|经|现将|各)/.test(n) &&
    headingOf(n) === null &&
    !DATE_ONLY_RE.test(n)
  );
}

const STAMP_END_RE = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/;

/** Separators a site puts between a title and its own line: spaces, |, ·, /, -. */
const META_SEP_CHARS = ' \t|·/-—';

/** The length of `s` without trailing separators; a loop, as a `[…]+$` regex is quadratic over a long run of them. */
function withoutTrailingSeps(s: string): number {
  let n = s.length;
  while (n > 0 && META_SEP_CHARS.includes(s[n - 1])) n--;
  return n;
}

interface TitleFound {
  title: string | null;
  idxs: number[];
  bodyStart: number;
  /** The date of the site's 发布时间 line (glued to the title or beside it), and where it is. */
  siteDate: string | null;
  siteDateIdx: number | null;
}

function findTitle(lines: Line[]): TitleFound {
  let i = 0;
  let siteDate: string | null = null;
  let siteDateIdx: number | null = null;
  const noteSite = (k: number) => {
    const meta = findSiteMeta(lines[k].norm);
    if (meta?.date && siteDate === null) {
      siteDate = meta.date;
      siteDateIdx = k;
    }
  };
  while (i < lines.length && lines[i].raw === '') i++;
  let skipped = 0;
  while (i < lines.length && skipped < 3 && META_LINE_RE.test(lines[i].norm)) {
    noteSite(i);
    i++;
    skipped++;
    while (i < lines.length && lines[i].raw === '') i++;
  }
  const idxs: number[] = [];
  const parts: string[] = [];
  while (i < lines.length && idxs.length < 4) {
    const l = lines[i];
    if (l.raw === '') break;
    const meta = findSiteMeta(l.norm);
    // The site's 来源/发布时间 line, glued to the title or on its own line under it: the title ends there.
    let cut = meta ? withoutTrailingSeps(l.norm.slice(0, meta.index)) : l.norm.length;
    if (cut === 0) break;
    // …的通报 2026-03-02 10:15: the page's time stamp without a label.
    // Only the last 40 characters: the stamp is short, and a long line must stay linear.
    const tailAt = Math.max(0, cut - 40);
    const stamp = STAMP_END_RE.exec(l.norm.slice(tailAt, cut));
    if (stamp && tailAt + stamp.index > 0) {
      cut = withoutTrailingSeps(l.norm.slice(0, tailAt + stamp.index));
      if (siteDate === null) {
        siteDate = isoDate(Number(stamp[1]), Number(stamp[2]), Number(stamp[3]));
        siteDateIdx = i;
      }
    }
    const part: Line = cut < l.norm.length ? { ...l, raw: l.raw.slice(0, cut), norm: l.norm.slice(0, cut) } : l;
    if (!titleLike(part)) break;
    idxs.push(i);
    parts.push(part.raw);
    i++;
    if (meta) {
      noteSite(i - 1);
      break;
    }
  }
  // Site lines under the title (来源… / 发布时间… / 字号…) belong to neither the title nor the body.
  for (let k = 0; k < 3 && i < lines.length; k++) {
    let j = i;
    while (j < lines.length && lines[j].raw === '') j++;
    if (j >= lines.length || findSiteMeta(lines[j].norm)?.index !== 0) break;
    noteSite(j);
    i = j + 1;
  }
  const title = withoutSiteSuffix(parts.join(''));
  if (idxs.length === 0 || title.length < 6 || !TITLE_WORD_RE.test(title))
    return { title: null, idxs: [], bodyStart: 0, siteDate, siteDateIdx };
  return { title, idxs, bodyStart: i, siteDate, siteDateIdx };
}

const ORG_END_RE = /[。,;:!?@]/;

function findSignature(lines: Line[]): {
  issuer: string | null;
  issuerIdx: number | null;
  date: FoundDate | null;
  dateIdx: number | null;
} {
  const none = { issuer: null, issuerIdx: null, date: null, dateIdx: null };
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < 8; i--) {
    const l = lines[i];
    if (l.raw === '') continue;
    seen++;
    if (l.norm.length > 80) continue;
    const dates = findDates(l.norm);
    if (dates.length !== 1) continue;
    const d = dates[0];
    const before = l.norm.slice(0, d.index).replace(/[(（\s]+$/, '');
    const after = l.norm.slice(d.end).replace(/^[)）\s]+/, '');
    if (after !== '' && !/^(?:印发|发布)?$/.test(after)) continue;
    if (before !== '') {
      if (before.length <= 40 && !ORG_END_RE.test(before) && headingOf(before) === null) {
        return { issuer: l.raw.slice(0, before.length).trim(), issuerIdx: i, date: d, dateIdx: i };
      }
      continue;
    }
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const p = lines[j];
      if (p.raw === '') continue;
      if (p.norm.length <= 40 && !ORG_END_RE.test(p.norm) && headingOf(p.norm) === null && !/\d{5,}/.test(p.norm)) {
        return { issuer: p.raw, issuerIdx: j, date: d, dateIdx: i };
      }
      break;
    }
    return { ...none, date: d, dateIdx: i };
  }
  return none;
}

// ---------------------------------------------------------------------------------------------------------------
// Opening paragraph: inspection period, team, round, feedback date

const TEAM_RE = /([\u4e00-\u9fa5\d]{0,20}?(?:巡察|巡视)(?:第?[一二三四五六七八九十\d]{1,3})?组)(?![长员])/g;

function cleanTeam(s: string): string {
  return s.replace(/^.*?\d+日/, '').replace(/^(?:根据|按照|由|经|于|在|对|是)+/, '');
}

function teamsIn(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(TEAM_RE)) {
    const t = cleanTeam(m[1]);
    if (t.length >= 3 && !/领导小组|工作组/.test(t)) out.push(t);
  }
  return out;
}

function countOccurrences(hay: string, needle: string): number {
  let n = 0;
  let at = hay.indexOf(needle);
  while (at >= 0) {
    n++;
    at = hay.indexOf(needle, at + needle.length);
  }
  return n;
}

/** The form of the team's name the text itself uses most, preferring a numbered one (市委第一巡察组 over 市委巡察组). */
function chooseTeam(candidates: string[], fullText: string): string | null {
  if (candidates.length === 0) return null;
  const numbered = candidates.filter(
    (c) => /第?[一二三四五六七八九十\d]{1,3}(?:巡察|巡视)?组$/.test(c) && /第|\d/.test(c),
  );
  const pool = numbered.length > 0 ? numbered : candidates;
  let best = pool[0];
  let bestCount = -1;
  for (const c of pool) {
    const n = countOccurrences(fullText, c);
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

const ROUND_RE =
  /第\s*([一二三四五六七八九十\d]{1,3})\s*轮次?(?=\s*(?:常规|专项|机动|提级|交叉|联动|集中|延伸|回头看)?\s*(?:巡察|巡视))/;
const ROUND_PREFIX_RES = [
  /(?:第)?[一二三四五六七八九十百零〇\d]{1,4}届$/,
  /(?:中共(?:(?!关于|对|党组)[\u4e00-\u9fa5]){1,10}?)?(?:中央|省委|市委|县委|区委|州委|盟委|旗委|自治区党委|党委|党组|工委|市区委)$/,
  /(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?$/,
];

/** 八届市委第六轮: walk back from 第N轮 over a few known tokens, so a preceding 关于 or issuer never leaks in. */
export function findRound(text: string): string | null {
  const m = ROUND_RE.exec(text);
  if (!m) return null;
  let start = m.index;
  for (let guard = 0; guard < 4; guard++) {
    const before = text.slice(Math.max(0, start - 24), start);
    let moved = false;
    for (const re of ROUND_PREFIX_RES) {
      const p = re.exec(before);
      if (p && p[0].length > 0) {
        start -= p[0].length;
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  return text.slice(start, m.index + m[0].length);
}

const MONTH_DAY_RE = new RegExp(MONTH_DAY_SRC);

interface Sentence {
  text: string;
  line: number;
}

/** The opening's sentences, from at most 6000 characters of it. */
function openingSentences(lines: Line[], start: number, end: number): Sentence[] {
  const sentences: Sentence[] = [];
  let budget = 6000;
  for (let i = start; i < end && budget > 0; i++) {
    const n = lines[i].norm.slice(0, budget);
    budget -= n.length;
    for (const s of n.split(/(?<=[。!?])/)) if (s.trim() !== '') sentences.push({ text: s, line: lines[i].no });
  }
  return sentences;
}

interface InspectionPeriod {
  sentence: number;
  /** Where the date range ends in its sentence: a 反馈 date there comes after it. */
  rangeEnd: number;
  from: string | null;
  to: string | null;
  line: number;
  invalid: InvalidDate[];
  teams: string[];
  /** Gives its year to a feedback date written without one. */
  end: { year: number; month: number };
}

const YEAR_RE = /(\d{4})\s*年/g;
const YEARLESS_RANGE_RE = new RegExp(`${MONTH_DAY_SRC}\\s*(?:起)?\\s*(?:至|到|—{1,2}|–|-|~)`);

/** The last year written before `at` in sentence k or the sentences before it (2025年，…于3月3日至4月28日). */
function yearBefore(sentences: Sentence[], k: number, at: number): number | null {
  for (let j = k; j >= 0; j--) {
    const text = j === k ? sentences[j].text.slice(0, at) : sentences[j].text;
    let last: number | null = null;
    for (const m of text.matchAll(YEAR_RE)) last = Number(m[1]);
    if (last !== null && last >= 1949 && last <= 2200) return last;
  }
  return null;
}

/**
 * The first sentence about the inspection itself (巡察/巡视, not the public period) that gives a date range. A range
 * without a year (3月3日至4月28日) takes the last year written before it, or else `yearOf` (title, later dates).
 */
function findInspectionPeriod(
  sentences: Sentence[],
  yearOf: (month: number) => number | null,
): InspectionPeriod | null {
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k].text;
    if (!/巡察|巡视/.test(s) || /公开|公示/.test(s)) continue;
    let range = findRanges(s)[0];
    if (!range) {
      const bare = YEARLESS_RANGE_RE.exec(s);
      if (!bare) continue;
      const year = yearBefore(sentences, k, bare.index) ?? yearOf(parseNumber(bare[1]) ?? 0);
      range = findRangesInYear(s, year)[0];
      if (!range) continue;
    }
    const to = range.to ? range.to.split('-').map(Number) : [range.from.year, range.from.month, range.from.day];
    return {
      sentence: k,
      rangeEnd: range.end,
      from: range.from.iso,
      to: range.to,
      line: sentences[k].line,
      invalid: !range.from.iso || !range.to ? [{ text: range.text, line: sentences[k].line }] : [],
      teams: teamsIn(s),
      end: { year: to[0], month: to[1] },
    };
  }
  return null;
}

interface Feedback {
  on: string | null;
  line: number;
  invalid: InvalidDate[];
  teams: string[];
}

/** The 反馈 date: in the inspection's sentence after its range, or in one of the five sentences after that. */
function findFeedback(sentences: Sentence[], period: InspectionPeriod | null): Feedback | null {
  const first = period ? period.sentence : 0;
  for (let k = first; k < sentences.length && k < first + 6; k++) {
    const searchFrom = k === period?.sentence ? period.rangeEnd : 0;
    if (sentences[k].text.indexOf('反馈', searchFrom) < 0) continue;
    const part = sentences[k].text.slice(searchFrom);
    const full = findDates(part)[0];
    const on = full ? full.iso : monthDayAfter(part, period?.end ?? null);
    if (!on && !full) continue;
    const line = sentences[k].line;
    return { on, line, invalid: full && !full.iso ? [{ text: full.text, line }] : [], teams: teamsIn(part) };
  }
  return null;
}

/** 3月5日 without a year: the year the inspection ended, or the next one when the month comes before its end. */
function monthDayAfter(text: string, end: InspectionPeriod['end'] | null): string | null {
  const md = MONTH_DAY_RE.exec(text);
  if (!md || !end) return null;
  const month = parseNumber(md[1]) ?? 0;
  const day = parseNumber(md[2]) ?? 0;
  return isoDate(month < end.month ? end.year + 1 : end.year, month, day);
}

interface Opening {
  inspection: ParsedNotice['inspection'];
  inspectionLine: number | null;
  feedbackLine: number | null;
  invalid: InvalidDate[];
}

/**
 * Where the opening would end if it went on under the first part's heading: its paragraphs, up to the first
 * numbered heading below it or the next part, at most 6 lines. `end` itself when the first part is not there.
 */
function openingUnderFirstPart(lines: Line[], end: number): number {
  let i = end;
  if (i >= lines.length || headingOf(lines[i].norm)?.level !== 1) return end;
  i++;
  for (let taken = 0; i < lines.length && taken < 6; i++) {
    if (lines[i].raw === '') continue;
    if (headingOf(lines[i].norm) !== null) break;
    taken++;
  }
  return i;
}

/** The inspection as the opening paragraph (and the title, for the round) states it. */
function readOpening(
  lines: Line[],
  title: string | null,
  bodyStart: number,
  openingEnd: number,
  fullText: string,
  issuedOn: string | null,
): Opening {
  const end = Math.max(openingEnd, Math.min(bodyStart + 1, lines.length));
  // No opening paragraph before 一、: the inspection is told under the first part (一、巡察基本情况 / 根据…).
  const extended = openingUnderFirstPart(lines, openingEnd);
  let sentences = openingSentences(lines, bodyStart, end);
  const yearOf = (month: number): number | null => {
    // The first full date after it (反馈 comes later; a month before the start's belongs to the next year), else
    // the title's year (2026年市委第一轮巡察), else the issue date's.
    const later = sentences.map((x) => findDates(x.text)[0]).find((d) => d?.iso);
    if (later) return later.month < month ? later.year - 1 : later.year;
    const titleYear = title ? /(\d{4})\s*年/.exec(title) : null;
    if (titleYear) return Number(titleYear[1]);
    if (!issuedOn) return null;
    const [y, m] = [Number(issuedOn.slice(0, 4)), Number(issuedOn.slice(5, 7))];
    return m < month ? y - 1 : y;
  };
  let period = findInspectionPeriod(sentences, yearOf);
  if (!period && extended > end) {
    const more = openingSentences(lines, bodyStart, extended);
    const saved = sentences;
    sentences = more;
    period = findInspectionPeriod(more, yearOf);
    if (!period) sentences = saved;
  }
  const feedback = findFeedback(sentences, period);
  const teams = [...(period?.teams ?? []), ...(feedback?.teams ?? [])];
  if (teams.length === 0) {
    for (const s of sentences.slice(0, 4)) teams.push(...teamsIn(s.text));
  }
  const roundIn = (to: number) =>
    findRound(
      toHalfWidth(
        `${title ?? ''}\n${lines
          .slice(bodyStart, to)
          .map((l) => l.norm.slice(0, 3000))
          .join('\n')}`,
      ),
    );
  const round = roundIn(openingEnd) ?? (extended > end ? roundIn(extended) : null);
  return {
    inspection: {
      team: chooseTeam(teams, fullText),
      round,
      from: period?.from ?? null,
      to: period?.to ?? null,
      feedback_on: feedback?.on ?? null,
    },
    inspectionLine: period?.line ?? null,
    feedbackLine: feedback?.line ?? null,
    invalid: [...(period?.invalid ?? []), ...(feedback?.invalid ?? [])],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Contacts and public period

const EMAIL_LOCAL_RE = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN_RE = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,6}\.[A-Za-z]{2,12}/;

/** E-mail addresses found from each '@' outwards, so a long run of letters without one costs nothing. */
function findEmails(s: string): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  let at = s.indexOf('@');
  while (at >= 0) {
    let start = at;
    while (start > 0 && at - start < 64 && EMAIL_LOCAL_RE.test(s[start - 1])) start--;
    const domain = EMAIL_DOMAIN_RE.exec(s.slice(at + 1, at + 256));
    if (start < at && domain) {
      const text = s.slice(start, at + 1 + domain[0].length).replace(/^[._%+-]+/, '');
      out.push({ index: at + 1 + domain[0].length - text.length, text });
    }
    at = s.indexOf('@', at + 1);
  }
  return out;
}
const PHONE_RE =
  /(?<![\d-])(?:1[3-9]\d{9}|[48]00[-\s]?\d{3}[-\s]?\d{4}|(?:\(\s*0\d{2,3}\s*\)|0\d{2,3}\s{0,2}[-—–‐‑−]{0,2}\s{0,2})?[1-9]\d{6,7})(?![\d])/g;
const POSTCODE_RE = /(?:邮编|邮政编码)\s*:?\s*(\d{6})(?!\d)/;
const POSTAL_RE =
  /(?:邮政地址|通信地址|通讯地址|来信地址|邮寄地址|联系地址|办公地址|来信请寄|邮政信箱|(?<![电子邮])信箱|(?<![邮箱网站])地址)\s*[:]?\s*/g;
const POSTAL_STOP_RE = /[;,。、(\n]|邮编|邮政编码|电话|电子邮箱|邮箱|e-?mail|传真/i;

interface Contacts {
  phone: string[];
  email: string[];
  postal: string | null;
  postcode: string | null;
}

function readContacts(region: Line[]): Contacts {
  const out: Contacts = { phone: [], email: [], postal: null, postcode: null };
  for (const l of region) {
    if (!CONTACT_KEY_RE.test(l.norm) && !l.norm.includes('@')) continue;
    // The contact block is short; on a pathological line keep its end, where contacts sit.
    const cut = l.norm.length > 3000 ? l.norm.length - 3000 : 0;
    const norm = l.norm.slice(cut);
    const raw = l.raw.slice(cut);
    let masked = norm;
    for (const m of findEmails(norm)) {
      if (!out.email.includes(m.text)) out.email.push(m.text);
      masked = masked.slice(0, m.index) + ' '.repeat(m.text.length) + masked.slice(m.index + m.text.length);
    }
    const pc = POSTCODE_RE.exec(masked);
    if (pc && out.postcode === null) out.postcode = pc[1];
    if (pc) masked = masked.slice(0, pc.index) + ' '.repeat(pc[0].length) + masked.slice(pc.index + pc[0].length);
    for (const m of masked.matchAll(POSTAL_RE)) {
      const valueAt = m.index + m[0].length;
      const rest = masked.slice(valueAt, valueAt + 120);
      const stop = POSTAL_STOP_RE.exec(rest);
      const len = stop ? stop.index : rest.length;
      const value = asciiAlnum(raw.slice(valueAt, valueAt + len)).trim();
      if (value.length < 4 || value.includes('@')) continue;
      if (out.postal === null) out.postal = value;
      masked = masked.slice(0, valueAt) + ' '.repeat(len) + masked.slice(valueAt + len);
    }
    for (const m of masked.matchAll(PHONE_RE)) {
      const p = normalizePhone(m[0].trim());
      if (!out.phone.includes(p)) out.phone.push(p);
    }
  }
  return out;
}

const PERIOD_LABEL_RE = /(?:公开|公示)(?:期限|期间|时间|日期|期)\s*(?:为|是)?\s*[:]?/g;

/** year: of the notice, for a period written without one (公开期限：3月2日至3月16日). */
function readPeriod(
  lines: Line[],
  year: number | null,
): {
  period: { from: string | null; to: string | null } | null;
  line: number | null;
  unreadable: boolean;
} {
  let unreadable: number | null = null;
  for (const l of lines) {
    for (const m of l.norm.matchAll(PERIOD_LABEL_RE)) {
      const after = l.norm.slice(m.index + m[0].length, m.index + m[0].length + 80);
      const range = findRanges(after)[0] ?? findRangesInYear(after.slice(0, 30), year)[0];
      if (range) return { period: { from: range.from.iso, to: range.to }, line: l.no, unreadable: false };
      unreadable ??= l.no;
    }
    // 自2026年1月21日起至2月28日止进行公示: the range comes first and the word after it.
    if (/公开|公示/.test(l.norm)) {
      const range = findRanges(l.norm).find((r) => /^.{0,8}(?:公开|公示)/.test(l.norm.slice(r.end, r.end + 12)));
      if (range) return { period: { from: range.from.iso, to: range.to }, line: l.no, unreadable: false };
    }
  }
  return { period: null, line: unreadable, unreadable: unreadable !== null };
}

// ---------------------------------------------------------------------------------------------------------------
// Stated totals

/** A count starts at its first numeral: not at the 6 of 26. */
const NUM_START = '(?<![\\d零〇一二两三四五六七八九十百千])';
const DONE = '(?:完成整改|整改完成|整改到位|整改完毕|办结|销号|完成)';
const PARTIAL = '(?:阶段性完成|基本完成|部分完成)';
/** What may stand between a label and its count: 反馈问题共计28个, 已完成整改的有26个. */
const FILL = '(?:共计|合计|共|总数|总计)?(?:的)?(?:有|为|达)?';

const TOTAL_PATTERNS: Record<TotalField, RegExp[]> = {
  aspects: [new RegExp(`${NUM}个方面`)],
  problems: [
    // Not 26个问题已整改完成 nor 剩余2个问题正在推进 (counts of some), but 28个问题已整改完成26个 is the total again.
    new RegExp(
      `(?=[\\d零〇一二两三四五六七八九十百千])${NUM_START}(?<!${DONE}(?:了)?|${PARTIAL}(?:了)?|剩余|剩下|尚有|还有|仍有|其余|另有)${NUM}${UNIT}(?:具体|反馈)?问题(?!清单|正在|尚未|未|仍在|还在)(?!(?:已经?|均已|全部)?(?:整改)?(?:${DONE}|${PARTIAL})(?!(?:整改)?[\\d零〇一二两三四五六七八九十]))`,
    ),
    new RegExp(`(?:具体|反馈|发现|指出|反馈的|交办)问题${FILL}${NUM}${UNIT}`),
  ],
  refined_problems: [
    new RegExp(`${NUM}${UNIT}(?:细化问题|整改事项|问题点)`),
    new RegExp(`(?:形成|梳理|细化为?|分解为?)整改事项${FILL}${NUM}${UNIT}`),
    new RegExp(`细化(?:为|成)?${NUM}${UNIT}(?:具体)?(?:问题|整改事项)`),
    new RegExp(`细化问题${FILL}${NUM}${UNIT}`),
  ],
  completed: [
    new RegExp(
      `(?<!阶段性|基本|部分|未|尚未|正在)(?:已经?)?(?:全部)?${DONE}(?:的)?(?:问题|事项)?${FILL}${NUM}${UNIT}(?!(?:整改)?措施)`,
    ),
    // 26个问题已整改完成, but not 28个问题已整改完成26个 (the 28 is the total, the 26 follows).
    new RegExp(
      `${NUM}${UNIT}(?:问题|事项)?(?:已经?|均已|全部)(?:整改)?${DONE}(?!率|(?:整改)?[\\d零〇一二两三四五六七八九十])`,
    ),
  ],
  partially_completed: [
    new RegExp(
      `${PARTIAL}(?:整改)?(?:并持续整改|、持续整改)?(?:的)?(?:问题|事项)?${FILL}${NUM}${UNIT}(?!(?:整改)?措施)`,
      'g',
    ),
    new RegExp(`${NUM}${UNIT}(?:问题|事项)?(?:已)?${PARTIAL}`, 'g'),
  ],
  funds_recovered_yuan: [],
};

/** Fields a 其中 clause may state: the part of a total that is done, never the total itself. */
const SUBSET_FIELDS: ReadonlySet<TotalField> = new Set(['completed', 'partially_completed']);
const CLAUSE_SPLIT_RE = /[,;:]/;

const FUNDS_RE = /(?<!其中)(?:清退|追缴|追回|收回|退还|退缴|返还|收缴)[^,;。]{0,16}?(\d+(?:\.\d+)?)\s*(亿元|万元|元)/g;
/** 截至2025年11月30日, or 截至2026-08-15 as the round's 汇总报告 writes it. */
const AS_OF_RE = new RegExp(`(?:截至|截止|到)(?:目前|当前)?\\s*(?:${DATE_SRC}|(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d))`);

function yuan(amount: string, unit: string): number {
  const factor = unit === '亿元' ? 100_000_000 : unit === '万元' ? 10_000 : 1;
  return Number((Number(amount) * factor).toFixed(2));
}

type StatedValues = Record<TotalField, { value: number; line: number }[]>;

interface TotalsResult {
  totals: StatedTotals;
  all: StatedValues;
  line: number | null;
}

function noTotals(): StatedValues {
  return {
    aspects: [],
    problems: [],
    refined_problems: [],
    completed: [],
    partially_completed: [],
    funds_recovered_yuan: [],
  };
}

/**
 * The totals one sentence states, read clause by clause (split at ，；：) so each figure lands on the field its own
 * clause names, the first clause naming a field winning: 反馈问题28个，其中立行立改5个，已完成整改26个 gives 28 and 26.
 * A 其中 clause states only what is done of a total, not the total; a 已完成93条 right after 整改措施96条 counts measures,
 * not problems. 基本完成 and 部分完成 add up; 个方面 counts only beside 问题, 反馈 or 意见; the recovered funds add up.
 */
export function totalsInSentence(s: string): Partial<Record<TotalField, number>> {
  const found: Partial<Record<TotalField, number>> = {};
  let partial = 0;
  let anyPartial = false;
  let aboutMeasures = false;
  // 反馈问题 126 个: the 汇总报告 spaces its figures.
  const text = /\d\s|\s\d/.test(s) ? s.replace(/(?<=\d)\s+(?=[^\d\s])|(?<=[^\d\s])\s+(?=\d)/g, '') : s;
  for (const clause of text.split(CLAUSE_SPLIT_RE)) {
    const subset = /其中/.test(clause);
    const names = /问题|事项/.test(clause);
    if (/措施/.test(clause) && !names) aboutMeasures = true;
    else if (names) aboutMeasures = false;
    if (!/[个项条件]/.test(clause) || !/\d|[一二两三四五六七八九十]/.test(clause)) continue;
    for (const field of Object.keys(TOTAL_PATTERNS) as TotalField[]) {
      if (field === 'funds_recovered_yuan') continue;
      if (subset && !SUBSET_FIELDS.has(field)) continue;
      if (aboutMeasures && SUBSET_FIELDS.has(field)) continue;
      if (field === 'partially_completed') {
        for (const re of TOTAL_PATTERNS[field]) {
          let hit = false;
          for (const m of clause.matchAll(re)) {
            const v = parseNumber(m[1]);
            if (v === null) continue;
            partial += v;
            anyPartial = hit = true;
          }
          if (hit) break;
        }
        continue;
      }
      if (found[field] !== undefined) continue;
      let best: { at: number; v: number } | null = null;
      for (const re of TOTAL_PATTERNS[field]) {
        const m = re.exec(clause);
        if (!m) continue;
        const v = parseNumber(m[1]);
        if (v !== null && (best === null || m.index < best.at)) best = { at: m.index, v };
      }
      if (best) found[field] = best.v;
    }
  }
  if (anyPartial) found.partially_completed = partial;
  if (found.aspects !== undefined && !/问题|反馈|意见/.test(text)) delete found.aspects;
  let funds = 0;
  let anyFunds = false;
  for (const m of text.matchAll(FUNDS_RE)) {
    funds += yuan(m[1], m[2]);
    anyFunds = true;
  }
  if (anyFunds) found.funds_recovered_yuan = Number(funds.toFixed(2));
  return found;
}

/** Every stated total; where several sentences state one, the first dated (截至…) sentence's value wins. */
function readTotals(lines: Line[]): TotalsResult {
  const all = noTotals();
  const fromAsOf: Partial<Record<TotalField, number>> = {};
  let asOf: string | null = null;
  let asOfLine: number | null = null;
  let firstLine: number | null = null;
  for (const l of lines) {
    if (!/问题|完成|方面|清退|追缴|追回|收回|退还|退缴|返还|收缴|事项/.test(l.norm)) continue;
    for (const s of l.norm.split(/(?<=[。!?])/)) {
      const found = totalsInSentence(s);
      const fields = Object.keys(found) as TotalField[];
      if (fields.length === 0) continue;
      firstLine ??= l.no;
      for (const f of fields) all[f].push({ value: found[f] as number, line: l.no });
      const a = AS_OF_RE.exec(s);
      if (a && fields.some((f) => f !== 'aspects')) {
        const [y, m, d] = a[1] !== undefined ? [a[1], a[2], a[3]] : [a[4], a[5], a[6]];
        const iso = isoDate(parseNumber(y) ?? 0, parseNumber(m) ?? 0, parseNumber(d) ?? 0);
        if (asOf === null) {
          asOf = iso;
          asOfLine = l.no;
          for (const f of fields) fromAsOf[f] = found[f];
        }
      }
    }
  }
  const pick = (f: TotalField): number | null => fromAsOf[f] ?? all[f][0]?.value ?? null;
  return {
    totals: {
      aspects: pick('aspects'),
      problems: pick('problems'),
      refined_problems: pick('refined_problems'),
      completed: pick('completed'),
      partially_completed: pick('partially_completed'),
      funds_recovered_yuan: pick('funds_recovered_yuan'),
      as_of: asOf,
    },
    all,
    line: asOfLine ?? firstLine,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Items

const STATUS_LABEL_ONCE_RE = new RegExp(STATUS_LABEL_RE.source);
const MEASURE_RE = /(^|[\s。;:,!?)\]】、])([一二三四五六七八九十]{1,3})是/g;

/** The 一是/二是/… clauses in order; a numeral out of sequence (统一是, a second 一是 inside a clause) is prose. */
export function findMeasures(norm: string, raw: string): string[] {
  const starts: { at: number; textAt: number }[] = [];
  let expected = 1;
  for (const m of norm.matchAll(MEASURE_RE)) {
    if (parseNumber(m[2]) !== expected) continue;
    const at = m.index + m[1].length;
    starts.push({ at, textAt: at + m[2].length + 1 });
    expected++;
  }
  return starts.map((s, i) => {
    let end = i + 1 < starts.length ? starts[i + 1].at : raw.length;
    // A result label after the last clause (整改状态：已完成) belongs to the item, not to the measure.
    const label = STATUS_LABEL_ONCE_RE.exec(norm.slice(s.textAt, end));
    if (label) end = s.textAt + label.index + (/^[\s。;,]/.test(label[0]) ? 1 : 0);
    return trimPunct(raw.slice(s.textAt, end).replace(/\s*\n\s*/g, ''));
  });
}

function splitTitle(
  rawRest: string,
  normRest: string,
): { title: string | null; bodyAt: number; status: ResultStatus | null } {
  let cut = -1;
  const term = /[。;!?]/.exec(normRest);
  if (term) cut = term.index;
  const colon = /:\s*(?=一是|整改|具体|问题)/.exec(normRest);
  if (colon && (cut < 0 || colon.index < cut)) cut = colon.index;
  const marker = /,\s*(?=一是)/.exec(normRest);
  if (marker && (cut < 0 || marker.index < cut)) cut = marker.index;
  if (cut >= 0 && normRest.slice(cut + 1).trim() === '') cut = -1;
  let title = cut < 0 ? rawRest : rawRest.slice(0, cut);
  const bodyAt = cut < 0 ? rawRest.length : cut + 1;
  let status: ResultStatus | null = null;
  const tag = STATUS_TAG_RE.exec(toHalfWidth(title));
  if (tag) {
    status = normalizeStatus(tag[1]);
    title = title.slice(0, tag.index);
  }
  title = trimPunct(title);
  // No short title before the text: the whole line is body (1.一是… or a long run-in paragraph).
  if (title === '' || title.length > 60 || /^[一二三四五六七八九十]{1,3}是/.test(title))
    return { title: null, bodyAt: 0, status };
  return { title, bodyAt, status };
}

function statusFromHeading(heading: string): ResultStatus | null {
  const h = toHalfWidth(heading);
  if (/未完成|尚未完成|正在(?:整改|推进)|持续推进中/.test(h)) return '未完成';
  if (/阶段性完成|基本完成/.test(h)) return '阶段性完成';
  if (/已完成|已整改到位|已办结|已销号|完成整改的/.test(h)) return '完成';
  return null;
}

function labelledStatus(lines: Line[]): ResultStatus | null {
  for (const l of lines) {
    for (const m of l.norm.matchAll(STATUS_LABEL_RE)) {
      const v = STATUS_VALUE_RE.exec(l.norm.slice(m.index + m[0].length, m.index + m[0].length + 20));
      if (v) return normalizeStatus(v[0]);
    }
  }
  return null;
}

function headingText(l: Line): string {
  const stop = l.raw.indexOf('。');
  if (stop >= 0 && l.raw.slice(stop + 1).trim() !== '') return l.raw.slice(0, stop).trim();
  return l.raw.replace(/[。；;]+$/, '').trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Structure: the numbered headings between the title and the signature

interface Outline {
  /** Every heading in text order, each knowing its subtree. */
  nodes: Node[];
  /** Where the closing paragraph (欢迎…监督, contacts) starts, or the signature when there is none. */
  tail: number;
  /** Where the opening paragraph ends: at the first 一、 heading. */
  openingEnd: number;
}

function findHeadings(lines: Line[], start: number, end: number): Node[] {
  const nodes: Node[] = [];
  for (let i = start; i < end; i++) {
    const h = headingOf(lines[i].norm);
    if (h) {
      h.idx = i;
      h.pos = nodes.length;
      nodes.push(h);
    }
  }
  return nodes;
}

/** Subtree ends in one pass (a stack of open headings), so thousands of headings stay linear. */
function closeSubtrees(nodes: Node[], tail: number): void {
  const open: Node[] = [];
  for (const node of nodes) {
    while (open.length > 0 && open[open.length - 1].level >= node.level) (open.pop() as Node).endPos = node.pos;
    open.push(node);
  }
  for (const node of open) node.endPos = nodes.length;
  for (const node of nodes) node.end = Math.min(node.endPos < nodes.length ? nodes[node.endPos].idx : tail, tail);
}

function outlineBody(lines: Line[], bodyStart: number, sigStart: number): Outline {
  const nodes = findHeadings(lines, bodyStart, sigStart);
  const last = nodes.at(-1);
  const lastNodeIdx = last ? last.idx : bodyStart;
  let tail = sigStart;
  for (let i = lastNodeIdx + 1; i < sigStart; i++) {
    if (TAIL_RE.test(lines[i].norm)) {
      tail = i;
      break;
    }
  }
  // The part after the last heading may itself start with the 欢迎…监督 paragraph.
  if (last && tail === sigStart && TAIL_RE.test(lines[last.idx].norm.slice(last.restAt))) {
    tail = last.idx;
    nodes.pop();
  }
  closeSubtrees(nodes, tail);
  const firstL1 = nodes.find((n) => n.level === 1);
  const openingEnd = firstL1 ? firstL1.idx : nodes.length > 0 ? nodes[0].idx : Math.min(tail, bodyStart + 3);
  return { nodes, tail, openingEnd };
}

// ---------------------------------------------------------------------------------------------------------------
// Parts, sections and items

interface Group {
  heading: string | null;
  headingNode: Node | null;
  items: Node[];
}

const below = (nodes: Node[], s: Node) => nodes.slice(s.pos + 1, s.endPos);

function shallowest(list: Node[]): Node[] {
  let min = 4;
  for (const n of list) if (n.level < min) min = n.level;
  return list.filter((n) => n.level === min);
}

/** The groups of items under a part's （一） headings; a bare 下一步 or 组织领导 subsection holds no items. */
function subsectionGroups(
  subsections: Node[],
  nodes: Node[],
  lines: Line[],
): { groups: Group[]; nextStepsSubsection: boolean } {
  const groups: Group[] = [];
  let nextStepsSubsection = false;
  for (const s of subsections) {
    const inner = below(nodes, s);
    const sh = headingText(lines[s.idx]);
    if (inner.length === 0 && NEXT_STRONG_RE.test(toHalfWidth(sh))) {
      nextStepsSubsection = true;
      continue;
    }
    if (inner.length === 0 && ORGANISE_RE.test(toHalfWidth(sh)) && !PROBLEM_RE.test(toHalfWidth(sh))) continue;
    groups.push({ heading: sh, headingNode: s, items: inner.length > 0 ? shallowest(inner) : [] });
  }
  return { groups, nextStepsSubsection };
}

/** A part's items grouped by its （一） headings, or all in one group when it has none (or they are the items). */
function groupPart(
  part: Node | null,
  heading: string | null,
  children: Node[],
  nodes: Node[],
  lines: Line[],
): { groups: Group[]; nextStepsSubsection: boolean } {
  const l2 = children.filter((c) => c.level === 2);
  if (l2.length === 0) {
    const inner = children.filter((c) => c.level > 2);
    const groups = inner.length > 0 ? [{ heading, headingNode: part, items: shallowest(inner) }] : [];
    return { groups, nextStepsSubsection: false };
  }
  const before = children.filter((c) => c.level > 2 && c.idx < l2[0].idx);
  const leading: Group[] = before.length > 0 ? [{ heading, headingNode: part, items: shallowest(before) }] : [];
  if (l2.some((s) => s.endPos > s.pos + 1)) {
    const sub = subsectionGroups(l2, nodes, lines);
    return { groups: [...leading, ...sub.groups], nextStepsSubsection: sub.nextStepsSubsection };
  }
  const headingNorm = heading ? toHalfWidth(heading) : '';
  if (PROBLEM_RE.test(headingNorm) || /方面/.test(headingNorm) || !part) {
    return { groups: [...leading, { heading, headingNode: part, items: l2 }], nextStepsSubsection: false };
  }
  return { groups: leading, nextStepsSubsection: false };
}

/** Whether a part reports problems, announces next steps, or opens or closes around them. */
function partKind(part: Node | null, heading: string | null, groups: Group[], seenProblems: boolean): PartInfo['kind'] {
  const headingNorm = heading ? toHalfWidth(heading) : '';
  const hasItems = groups.some((g) => g.items.length > 0);
  const organising = !!part && ORGANISE_RE.test(headingNorm) && !PROBLEM_RE.test(headingNorm);
  const nextSteps =
    !!part &&
    (NEXT_STRONG_RE.test(headingNorm) || part.slipped || (!hasItems && seenProblems && NEXT_RE.test(headingNorm)));
  if (nextSteps) return 'next_steps';
  if (!hasItems || organising) return seenProblems ? 'other' : 'opening';
  return 'problems';
}

interface ReadItem {
  item: NoticeItem;
  line: number;
  number: number | null;
  /** The input lines it spans, [first, end). */
  span: [number, number];
}

/** One numbered item: its title (and result tag), its 一是/二是 measures and its result. */
function readItem(node: Node, lines: Line[], impliedStatus: ResultStatus | null): ReadItem {
  const line = lines[node.idx];
  let rawRest = line.raw.slice(node.restAt);
  let normRest = line.norm.slice(node.restAt);
  let bodyFrom = node.idx + 1;
  if (rawRest.trim() === '' && bodyFrom < node.end && headingOf(lines[bodyFrom].norm) === null) {
    rawRest = lines[bodyFrom].raw;
    normRest = lines[bodyFrom].norm;
    bodyFrom++;
  }
  const split = splitTitle(rawRest, normRest);
  const bodyLines = lines.slice(bodyFrom, node.end);
  const bodyRaw = [rawRest.slice(split.bodyAt), ...bodyLines.map((b) => b.raw)].join('\n');
  const bodyNorm = [normRest.slice(split.bodyAt), ...bodyLines.map((b) => b.norm)].join('\n');
  const measures = findMeasures(bodyNorm, bodyRaw);
  const status =
    split.status ?? labelledStatus([{ raw: rawRest, norm: normRest, no: line.no }, ...bodyLines]) ?? impliedStatus;
  return {
    item: { number: node.numberText, title: split.title, status, measure_count: measures.length, measures },
    line: line.no,
    number: node.number,
    span: [node.idx, node.end],
  };
}

function readSection(
  group: Group,
  partHeading: string | null,
  partIndex: number | null,
  lines: Line[],
): { section: NoticeSection; info: SectionInfo; read: ReadItem[] } {
  const impliedStatus =
    (group.heading ? statusFromHeading(group.heading) : null) ?? (partHeading ? statusFromHeading(partHeading) : null);
  const read = group.items.map((node) => readItem(node, lines, impliedStatus));
  return {
    section: { heading: group.heading, items: read.map((r) => r.item) },
    info: {
      line: group.headingNode ? lines[group.headingNode.idx].no : null,
      part: partIndex,
      items: read.map((r) => ({ line: r.line, number: r.number })),
    },
    read,
  };
}

function missingStatusWarning(heading: string | null, numbers: string[]): string {
  const where = heading ? `「${heading}」` : '';
  const shown = numbers.length > 30 ? [...numbers.slice(0, 30), '…'] : numbers;
  return `${where}第 ${shown.join('、')} 项未标明整改结果（完成/阶段性完成/未完成） / ${numbers.length} item(s) ${where ? `under "${heading}" ` : ''}have no result label: ${shown.join(', ')}`;
}

interface Body {
  parts: PartInfo[];
  sections: NoticeSection[];
  /** Parallel to sections. */
  sectionInfos: SectionInfo[];
  hasNextSteps: boolean;
  /** The input lines inside items, which no summary sentence, period or contact is read from. */
  itemSpans: [number, number][];
  warnings: string[];
}

/** Every 一、 part (or the whole body when there is none), its sections and their items. */
function readBody(lines: Line[], { nodes, tail }: Outline): Body {
  const body: Body = { parts: [], sections: [], sectionInfos: [], hasNextSteps: false, itemSpans: [], warnings: [] };
  const partNodes: (Node | null)[] = nodes.some((n) => n.level === 1) ? nodes.filter((n) => n.level === 1) : [null];
  let seenProblems = false;
  let untitled = 0;
  for (const part of partNodes) {
    const children = part ? below(nodes, part) : nodes.filter((n) => n.idx < tail);
    const heading = part ? headingText(lines[part.idx]) : null;
    const { groups, nextStepsSubsection } = groupPart(part, heading, children, nodes, lines);
    if (nextStepsSubsection) body.hasNextSteps = true;
    const kind = partKind(part, heading, groups, seenProblems);
    if (part) {
      const subsections = children
        .filter((c) => c.level === 2)
        .map((c) => ({ number: c.number, line: lines[c.idx].no }));
      const { number, slipped } = part;
      body.parts.push({ line: lines[part.idx].no, heading: heading ?? '', number, slipped, kind, subsections });
    }
    if (kind === 'next_steps') body.hasNextSteps = true;
    if (kind !== 'problems') continue;
    seenProblems = true;
    const partIndex = part ? body.parts.length - 1 : null;
    const missingStatus: string[] = [];
    for (const { section, info, read } of groups.map((g) => readSection(g, heading, partIndex, lines))) {
      for (const r of read) {
        if (r.item.status === null) missingStatus.push(r.item.number ?? '');
        if (r.item.title === null) untitled++;
        body.itemSpans.push(r.span);
      }
      body.sections.push(section);
      body.sectionInfos.push(info);
    }
    if (missingStatus.length > 0) body.warnings.push(missingStatusWarning(heading, missingStatus));
  }
  if (untitled > 0)
    body.warnings.push(`${untitled} 个整改事项没有可识别的标题 / ${untitled} item(s) have no recognisable title`);
  return body;
}

// ---------------------------------------------------------------------------------------------------------------
// Signature, closing paragraph, and the whole

interface Signature {
  issuer: string | null;
  issuerLine: number | null;
  issuedOn: string | null;
  issuedLine: number | null;
  invalid: InvalidDate[];
  /** Indexes of its lines, left out of the contacts. */
  idxs: Set<number | null>;
  /** Where it starts: the body ends there. */
  start: number;
  warnings: string[];
}

const ORGAN_END_RE =
  /(?:党组|党委|党工委|委员会|委|局|办公室|办|厅|院|政府|中心|公司|集团|大学|学校|医院|街道|镇|乡|部|处|所|站|会)$/;

/** The last line, when it is nothing but an organ's name (江澜市审计局): an undated signature. */
function undatedSignature(lines: Line[]): number | null {
  let i = lines.length - 1;
  while (i >= 0 && lines[i].raw === '') i--;
  if (i <= 0) return null;
  const n = lines[i].norm;
  if (n.length < 4 || n.length > 30 || ORG_END_RE.test(n) || /\s|\d|:/.test(n) || headingOf(n) !== null) return null;
  return ORGAN_END_RE.test(n) ? i : null;
}

/** The signature, or the issuer named in the title (XX关于…) when there is none. */
function readSignature(lines: Line[], title: string | null, titleLine: number | null): Signature {
  const sig = findSignature(lines);
  const issuedLine = sig.date && sig.dateIdx !== null ? lines[sig.dateIdx].no : null;
  const signature: Signature = {
    issuer: sig.issuer,
    issuerLine: sig.issuerIdx === null ? null : lines[sig.issuerIdx].no,
    issuedOn: sig.date ? sig.date.iso : null,
    issuedLine,
    invalid: sig.date && !sig.date.iso ? [{ text: sig.date.text, line: issuedLine ?? 0 }] : [],
    idxs: new Set([sig.issuerIdx, sig.dateIdx]),
    start: Math.min(sig.issuerIdx ?? lines.length, sig.dateIdx ?? lines.length),
    warnings: [],
  };
  if (signature.issuer === null && sig.date === null) {
    // A saved page often ends with the signing organ and no date under it (the page gives the date).
    const last = undatedSignature(lines);
    if (last !== null) {
      return { ...signature, issuer: lines[last].raw, issuerLine: lines[last].no, idxs: new Set([last]), start: last };
    }
  }
  const fromTitle = signature.issuer === null && title ? /^(.{2,40}?)关于/.exec(title) : null;
  if (!fromTitle) return signature;
  return {
    ...signature,
    issuer: fromTitle[1],
    issuerLine: titleLine,
    warnings: ['未找到落款单位，发文单位取自标题 / no signature found; the issuer is taken from the title'],
  };
}

interface Closing {
  period: ParsedNotice['publication_period'];
  periodLine: number | null;
  periodUnreadable: boolean;
  invalid: InvalidDate[];
  contacts: ParsedNotice['contacts'];
  contactLine: number | null;
}

/** Public period and contacts: the closing paragraph, or wherever a contact label appears outside the items. */
function readClosing(lines: Line[], inItem: Uint8Array, tail: number, signature: Signature): Closing {
  const closing = lines.slice(Math.min(tail, lines.length));
  const periodSearch = [...closing, ...lines.slice(0, Math.min(tail, lines.length)).filter((_, i) => !inItem[i])];
  const period = readPeriod(periodSearch, signature.issuedOn ? Number(signature.issuedOn.slice(0, 4)) : null);
  const contactRegion = closing.length > 0 ? closing : lines.filter((_, i) => !inItem[i]);
  const contactLine = contactRegion.find((l) => CONTACT_KEY_RE.test(l.norm));
  return {
    period: period.period,
    periodLine: period.line,
    periodUnreadable: period.unreadable,
    invalid:
      period.period && (!period.period.from || !period.period.to) ? [{ text: '公开期限', line: period.line ?? 0 }] : [],
    contacts: readContacts(contactRegion.filter((l) => !signature.idxs.has(l.no - 1))),
    contactLine: contactLine ? contactLine.no : null,
  };
}

function itemLineMask(count: number, spans: [number, number][]): Uint8Array {
  const inItem = new Uint8Array(count);
  for (const [a, b] of spans) inItem.fill(1, a, b);
  return inItem;
}

/** What the text leaves out or gets wrong, in the order a reader meets it. */
function gapWarnings(
  notice: Omit<ParsedNotice, 'warnings'>,
  lines: Line[],
  periodUnreadable: boolean,
  invalidDates: InvalidDate[],
): string[] {
  const warnings: string[] = [];
  if (notice.sections.length === 0) {
    warnings.push(
      '未识别出整改事项的编号结构（一、/（一）/1.） / no recognisable numbered structure of rectified items',
    );
  }
  if (lines.filter((l) => /^(?:序号|编号)$/.test(l.norm)).length > 0) {
    warnings.push('正文含表格，表格中的事项未解析 / the text contains a table; items inside tables are not parsed');
  }
  if (Object.values(notice.stated_totals).every((v) => v === null)) {
    warnings.push('未找到汇总数字（截至…已完成整改…个） / no stated totals found');
  }
  if (periodUnreadable)
    warnings.push('公开期限的日期无法识别 / the public period is given but its dates cannot be read');
  if (!notice.issued_on) warnings.push('未找到落款日期 / no issue date under the signature');
  if (!notice.issuer) warnings.push('未找到发文单位 / no issuer found');
  if (!notice.inspection.from || !notice.inspection.to) {
    warnings.push('未找到巡察（巡视）起止日期 / inspection period not found');
  }
  if (!notice.inspection.feedback_on) warnings.push('未找到反馈日期 / feedback date not found');
  for (const d of invalidDates) warnings.push(`第 ${d.line} 行日期无效：${d.text} / invalid date on line ${d.line}`);
  return warnings;
}

function emptyAnalysis(): NoticeAnalysis {
  return {
    notice: {
      title: null,
      issuer: null,
      issued_on: null,
      inspection: { team: null, round: null, from: null, to: null, feedback_on: null },
      publication_period: null,
      contacts: { phone: [], email: [], postal: null, postcode: null },
      stated_totals: {
        aspects: null,
        problems: null,
        refined_problems: null,
        completed: null,
        partially_completed: null,
        funds_recovered_yuan: null,
        as_of: null,
      },
      sections: [],
      has_next_steps_section: false,
      warnings: ['输入为空 / empty input'],
    },
    lines: [],
    titleLine: null,
    issuerLine: null,
    issuedLine: null,
    inspectionLine: null,
    feedbackLine: null,
    periodLine: null,
    periodUnreadable: false,
    contactLine: null,
    totals: noTotals(),
    totalsLine: null,
    invalidDates: [],
    parts: [],
    sections: [],
  };
}

export function analyseNotice(text: string): NoticeAnalysis {
  const source = typeof text === 'string' ? text : '';
  if (source.trim() === '') return emptyAnalysis();
  const lines = splitLines(source.replace(/^\uFEFF/, ''));
  const title = findTitle(lines);
  const titleLine = title.idxs.length > 0 ? lines[title.idxs[0]].no : null;
  let signature = readSignature(lines, title.title, titleLine);
  if (signature.issuedOn === null && signature.invalid.length === 0 && title.siteDate !== null) {
    // No date under the signature: the site's 发布时间 is the next best thing, and the reader is told.
    signature = {
      ...signature,
      issuedOn: title.siteDate,
      issuedLine: title.siteDateIdx === null ? null : lines[title.siteDateIdx].no,
      warnings: [
        ...signature.warnings,
        '未找到落款日期，发文日期取自网页发布时间 / no date under the signature; the issue date is the page’s publishing date',
      ],
    };
  }
  const outline = outlineBody(lines, title.bodyStart, signature.start);
  const fullNorm = lines.map((l) => l.norm).join('\n');
  const opening = readOpening(lines, title.title, title.bodyStart, outline.openingEnd, fullNorm, signature.issuedOn);
  const body = readBody(lines, outline);
  const inItem = itemLineMask(lines.length, body.itemSpans);
  const totals = readTotals(lines.filter((_, i) => !inItem[i] && i < outline.tail && !title.idxs.includes(i)));
  const closing = readClosing(lines, inItem, outline.tail, signature);
  const invalidDates = [...signature.invalid, ...opening.invalid, ...closing.invalid];
  const found: Omit<ParsedNotice, 'warnings'> = {
    title: title.title,
    issuer: signature.issuer,
    issued_on: signature.issuedOn,
    inspection: opening.inspection,
    publication_period: closing.period,
    contacts: closing.contacts,
    stated_totals: totals.totals,
    sections: body.sections,
    has_next_steps_section: body.hasNextSteps,
  };
  const warnings = [
    ...signature.warnings,
    ...body.warnings,
    ...gapWarnings(found, lines, closing.periodUnreadable, invalidDates),
  ];
  return {
    notice: { ...found, warnings },
    lines: source.split(/\r\n|\r|\n|\u2028|\u2029/),
    titleLine,
    issuerLine: signature.issuerLine,
    issuedLine: signature.issuedLine,
    inspectionLine: opening.inspectionLine,
    feedbackLine: opening.feedbackLine,
    periodLine: closing.periodLine,
    periodUnreadable: closing.periodUnreadable,
    contactLine: closing.contactLine,
    totals: totals.all,
    totalsLine: totals.line,
    invalidDates,
    parts: body.parts,
    sections: body.sectionInfos,
  };
}
