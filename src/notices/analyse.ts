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
  totals: Record<TotalField, { value: number; line: number }[]>;
  totalsLine: number | null;
  invalidDates: { text: string; line: number }[];
  parts: PartInfo[];
  /** Parallel to notice.sections. */
  sections: SectionInfo[];
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
  /^(?:附件\s*\d*\s*[:：]?$|来源\s*[:：]|发布(?:时间|日期)|时间\s*[:：]|作者\s*[:：]|字号|浏览|.{0,24}〔\d{4}〕\s*\d+\s*号$)/;
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

function findTitle(lines: Line[]): { title: string | null; idxs: number[]; bodyStart: number } {
  let i = 0;
  while (i < lines.length && lines[i].raw === '') i++;
  let skipped = 0;
  while (i < lines.length && skipped < 3 && META_LINE_RE.test(lines[i].norm)) {
    i++;
    skipped++;
    while (i < lines.length && lines[i].raw === '') i++;
  }
  const idxs: number[] = [];
  while (i < lines.length && idxs.length < 4) {
    if (lines[i].raw === '') break;
    if (!titleLike(lines[i])) break;
    idxs.push(i);
    i++;
  }
  const title = idxs.map((k) => lines[k].raw).join('');
  if (idxs.length === 0 || title.length < 6 || !TITLE_WORD_RE.test(title))
    return { title: null, idxs: [], bodyStart: 0 };
  return { title, idxs, bodyStart: i };
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

const ROUND_RE = /第([一二三四五六七八九十\d]{1,3})轮(?=(?:常规|专项|机动|提级|交叉|联动|集中)?(?:巡察|巡视))/;
const ROUND_PREFIX_RES = [
  /(?:第)?[一二三四五六七八九十百零〇\d]{1,4}届$/,
  /(?:中共(?:(?!关于|对|党组)[\u4e00-\u9fa5]){1,10}?)?(?:中央|省委|市委|县委|区委|州委|盟委|旗委|自治区党委|党委|党组|工委|市区委)$/,
  /\d{4}年度?$/,
];

/** 八届市委第六轮: walk back from 第N轮 over a few known tokens, so a preceding 关于 or issuer never leaks in. */
function findRound(text: string): string | null {
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

interface Opening {
  team: string | null;
  from: string | null;
  to: string | null;
  feedback: string | null;
  inspectionLine: number | null;
  feedbackLine: number | null;
  invalid: { text: string; line: number }[];
}

function readOpening(lines: Line[], start: number, end: number, fullText: string): Opening {
  const out: Opening = {
    team: null,
    from: null,
    to: null,
    feedback: null,
    inspectionLine: null,
    feedbackLine: null,
    invalid: [],
  };
  const sentences: { text: string; line: number }[] = [];
  let budget = 6000;
  for (let i = start; i < end && budget > 0; i++) {
    const n = lines[i].norm.slice(0, budget);
    budget -= n.length;
    for (const s of n.split(/(?<=[。!?])/)) if (s.trim() !== '') sentences.push({ text: s, line: lines[i].no });
  }
  const candidates: string[] = [];
  let inspIdx = -1;
  let rangeEnd = 0;
  let lastDate: { y: number; m: number; d: number } | null = null;
  for (let k = 0; k < sentences.length && inspIdx < 0; k++) {
    const s = sentences[k].text;
    if (!/巡察|巡视/.test(s) || /公开|公示/.test(s)) continue;
    const range = findRanges(s)[0];
    if (!range) continue;
    inspIdx = k;
    rangeEnd = range.end;
    out.from = range.from.iso;
    out.to = range.to;
    if (!range.from.iso || !range.to) out.invalid.push({ text: range.text, line: sentences[k].line });
    out.inspectionLine = sentences[k].line;
    candidates.push(...teamsIn(s));
    const to = out.to ? out.to.split('-').map(Number) : [range.from.year, range.from.month, range.from.day];
    lastDate = { y: to[0], m: to[1], d: to[2] };
  }
  const from = Math.max(inspIdx, 0);
  for (let k = from; k < sentences.length && k < from + 6; k++) {
    const s = sentences[k].text;
    const searchFrom = k === inspIdx ? rangeEnd : 0;
    const at = s.indexOf('反馈', searchFrom);
    if (at < 0) continue;
    const part = s.slice(searchFrom);
    const full = findDates(part)[0];
    let iso: string | null = null;
    if (full) {
      iso = full.iso;
      if (!iso) out.invalid.push({ text: full.text, line: sentences[k].line });
    } else {
      const md = MONTH_DAY_RE.exec(part);
      if (md && lastDate) {
        const mo = parseNumber(md[1]) ?? 0;
        const d = parseNumber(md[2]) ?? 0;
        const y = mo < lastDate.m ? lastDate.y + 1 : lastDate.y;
        iso = isoDate(y, mo, d);
      }
    }
    if (!iso && !full) continue;
    out.feedback = iso;
    out.feedbackLine = sentences[k].line;
    candidates.push(...teamsIn(s.slice(searchFrom)));
    break;
  }
  if (candidates.length === 0) {
    for (const s of sentences.slice(0, 4)) candidates.push(...teamsIn(s.text));
  }
  out.team = chooseTeam(candidates, fullText);
  return out;
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

function readPeriod(lines: Line[]): {
  period: { from: string | null; to: string | null } | null;
  line: number | null;
  unreadable: boolean;
} {
  let unreadable: number | null = null;
  for (const l of lines) {
    for (const m of l.norm.matchAll(PERIOD_LABEL_RE)) {
      const after = l.norm.slice(m.index + m[0].length, m.index + m[0].length + 80);
      const range = findRanges(after)[0];
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

const TOTAL_PATTERNS: Record<TotalField, RegExp[]> = {
  aspects: [new RegExp(`${NUM}个方面`)],
  problems: [
    new RegExp(`${NUM}(?:个|项|条)(?:具体|反馈)?问题(?!清单)`),
    new RegExp(`(?:具体|反馈)问题(?:共)?${NUM}(?:个|项|条)`),
  ],
  refined_problems: [
    new RegExp(`${NUM}(?:个|项|条)(?:细化问题|整改事项|问题点)`),
    new RegExp(`细化(?:为|成)?${NUM}(?:个|项|条)(?:具体)?(?:问题|整改事项)`),
    new RegExp(`细化问题(?:共)?${NUM}(?:个|项|条)`),
  ],
  completed: [
    new RegExp(
      `(?<!阶段性|基本|未|尚未|正在)(?:已经?)?(?:全部)?(?:完成整改|整改完成|整改到位|办结|完成)(?:的)?(?:问题|事项)?(?:共)?${NUM}(?:个|项|条)(?!(?:整改)?措施)`,
    ),
    new RegExp(`${NUM}(?:个|项|条)(?:问题|事项)?(?:已经?|均已|全部)(?:完成整改|整改完成|整改到位|办结|完成)(?!率)`),
  ],
  partially_completed: [
    new RegExp(
      `(?:阶段性完成|基本完成)(?:整改)?(?:并持续整改|、持续整改)?(?:的)?(?:问题|事项)?(?:共)?${NUM}(?:个|项|条)(?!(?:整改)?措施)`,
    ),
    new RegExp(`${NUM}(?:个|项|条)(?:问题|事项)?(?:已)?(?:阶段性完成|基本完成)`),
  ],
  funds_recovered_yuan: [],
};

const FUNDS_RE = /(?<!其中)(?:清退|追缴|追回|收回|退还|退缴|返还|收缴)[^,;。]{0,16}?(\d+(?:\.\d+)?)\s*(亿元|万元|元)/g;
const AS_OF_RE = new RegExp(`(?:截至|截止|到)(?:目前|当前)?\\s*${DATE_SRC}`);

function yuan(amount: string, unit: string): number {
  const factor = unit === '亿元' ? 100_000_000 : unit === '万元' ? 10_000 : 1;
  return Number((Number(amount) * factor).toFixed(2));
}

interface TotalsResult {
  totals: StatedTotals;
  all: Record<TotalField, { value: number; line: number }[]>;
  line: number | null;
}

function readTotals(lines: Line[]): TotalsResult {
  const all: TotalsResult['all'] = {
    aspects: [],
    problems: [],
    refined_problems: [],
    completed: [],
    partially_completed: [],
    funds_recovered_yuan: [],
  };
  const fromAsOf: Partial<Record<TotalField, number>> = {};
  let asOf: string | null = null;
  let asOfLine: number | null = null;
  let firstLine: number | null = null;
  for (const l of lines) {
    if (!/问题|完成|方面|清退|追缴|追回|收回|退还|退缴|返还|收缴|事项/.test(l.norm)) continue;
    for (const s of l.norm.split(/(?<=[。!?])/)) {
      const found: Partial<Record<TotalField, number>> = {};
      for (const field of Object.keys(TOTAL_PATTERNS) as TotalField[]) {
        for (const re of TOTAL_PATTERNS[field]) {
          const m = re.exec(s);
          if (!m) continue;
          const v = parseNumber(m[1]);
          if (v !== null) {
            found[field] = v;
            break;
          }
        }
      }
      if (found.aspects !== undefined && !/问题|反馈|意见/.test(s)) delete found.aspects;
      let funds = 0;
      let anyFunds = false;
      for (const m of s.matchAll(FUNDS_RE)) {
        funds += yuan(m[1], m[2]);
        anyFunds = true;
      }
      if (anyFunds) found.funds_recovered_yuan = Number(funds.toFixed(2));
      const fields = Object.keys(found) as TotalField[];
      if (fields.length === 0) continue;
      firstLine ??= l.no;
      for (const f of fields) all[f].push({ value: found[f] as number, line: l.no });
      const a = AS_OF_RE.exec(s);
      if (a && fields.some((f) => f !== 'aspects')) {
        const iso = isoDate(parseNumber(a[1]) ?? 0, parseNumber(a[2]) ?? 0, parseNumber(a[3]) ?? 0);
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

function emptyNotice(): ParsedNotice {
  return {
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
    warnings: [],
  };
}

export function analyseNotice(text: string): NoticeAnalysis {
  const notice = emptyNotice();
  const warnings = notice.warnings;
  const source = typeof text === 'string' ? text : '';
  const analysis: NoticeAnalysis = {
    notice,
    lines: [],
    titleLine: null,
    issuerLine: null,
    issuedLine: null,
    inspectionLine: null,
    feedbackLine: null,
    periodLine: null,
    periodUnreadable: false,
    contactLine: null,
    totals: {
      aspects: [],
      problems: [],
      refined_problems: [],
      completed: [],
      partially_completed: [],
      funds_recovered_yuan: [],
    },
    totalsLine: null,
    invalidDates: [],
    parts: [],
    sections: [],
  };
  if (source.trim() === '') {
    warnings.push('输入为空 / empty input');
    return analysis;
  }
  const lines = splitLines(source.replace(/^\uFEFF/, ''));
  analysis.lines = source.split(/\r\n|\r|\n|\u2028|\u2029/);
  const fullNorm = lines.map((l) => l.norm).join('\n');

  // Title, signature.
  const t = findTitle(lines);
  notice.title = t.title;
  if (t.idxs.length > 0) analysis.titleLine = lines[t.idxs[0]].no;
  const sig = findSignature(lines);
  notice.issuer = sig.issuer;
  analysis.issuerLine = sig.issuerIdx === null ? null : lines[sig.issuerIdx].no;
  if (sig.date) {
    notice.issued_on = sig.date.iso;
    analysis.issuedLine = sig.dateIdx === null ? null : lines[sig.dateIdx].no;
    if (!sig.date.iso) analysis.invalidDates.push({ text: sig.date.text, line: analysis.issuedLine ?? 0 });
  }
  if (notice.issuer === null && notice.title) {
    const m = /^(.{2,40}?)关于/.exec(notice.title);
    if (m) {
      notice.issuer = m[1];
      analysis.issuerLine = analysis.titleLine;
      warnings.push('未找到落款单位，发文单位取自标题 / no signature found; the issuer is taken from the title');
    }
  }
  const sigStart = Math.min(sig.issuerIdx ?? lines.length, sig.dateIdx ?? lines.length);

  // Structure: numbered headings between the title and the signature.
  const nodes: Node[] = [];
  for (let i = t.bodyStart; i < sigStart; i++) {
    const h = headingOf(lines[i].norm);
    if (h) {
      h.idx = i;
      h.end = sigStart;
      h.pos = nodes.length;
      nodes.push(h);
    }
  }
  const lastNodeIdx = nodes.length > 0 ? nodes[nodes.length - 1].idx : t.bodyStart;
  let tail = sigStart;
  for (let i = lastNodeIdx + 1; i < sigStart; i++) {
    if (TAIL_RE.test(lines[i].norm)) {
      tail = i;
      break;
    }
  }
  // The part after the last heading may itself start with the 欢迎…监督 paragraph.
  if (
    nodes.length > 0 &&
    tail === sigStart &&
    TAIL_RE.test(lines[lastNodeIdx].norm.slice(nodes[nodes.length - 1].restAt))
  ) {
    tail = lastNodeIdx;
    nodes.pop();
  }
  // Subtree ends in one pass (a stack of open headings), so thousands of headings stay linear.
  const open: Node[] = [];
  for (const node of nodes) {
    while (open.length > 0 && open[open.length - 1].level >= node.level) (open.pop() as Node).endPos = node.pos;
    open.push(node);
  }
  for (const node of open) node.endPos = nodes.length;
  for (const node of nodes) node.end = Math.min(node.endPos < nodes.length ? nodes[node.endPos].idx : tail, tail);
  const firstL1 = nodes.find((n) => n.level === 1);
  const openingEnd = firstL1 ? firstL1.idx : nodes.length > 0 ? nodes[0].idx : Math.min(tail, t.bodyStart + 3);

  // Opening.
  const opening = readOpening(
    lines,
    t.bodyStart,
    Math.max(openingEnd, Math.min(t.bodyStart + 1, lines.length)),
    fullNorm,
  );
  notice.inspection.team = opening.team;
  notice.inspection.from = opening.from;
  notice.inspection.to = opening.to;
  notice.inspection.feedback_on = opening.feedback;
  analysis.inspectionLine = opening.inspectionLine;
  analysis.feedbackLine = opening.feedbackLine;
  analysis.invalidDates.push(...opening.invalid);
  const roundText = `${notice.title ?? ''}\n${lines
    .slice(t.bodyStart, openingEnd)
    .map((l) => l.norm.slice(0, 3000))
    .join('\n')}`;
  notice.inspection.round = findRound(toHalfWidth(roundText));

  // Parts, sections, items.
  const itemRanges: [number, number][] = [];
  const partNodes: (Node | null)[] = nodes.some((n) => n.level === 1) ? nodes.filter((n) => n.level === 1) : [null];
  let seenProblems = false;
  let missingStatus: string[] = [];
  let untitled = 0;
  for (const part of partNodes) {
    const pEnd = part ? part.end : tail;
    const children = part ? nodes.slice(part.pos + 1, part.endPos) : nodes.filter((n) => n.idx < pEnd);
    const heading = part ? headingText(lines[part.idx]) : null;
    const headingNorm = heading ? toHalfWidth(heading) : '';
    const info: PartInfo | null = part
      ? {
          line: lines[part.idx].no,
          heading: heading ?? '',
          number: part.number,
          slipped: part.slipped,
          kind: 'other',
          subsections: children.filter((c) => c.level === 2).map((c) => ({ number: c.number, line: lines[c.idx].no })),
        }
      : null;
    if (info) analysis.parts.push(info);

    const l2 = children.filter((c) => c.level === 2);
    const below = (s: Node) => nodes.slice(s.pos + 1, s.endPos);
    const shallowest = (list: Node[]) => {
      let min = 4;
      for (const n of list) if (n.level < min) min = n.level;
      return list.filter((n) => n.level === min);
    };
    type Group = { heading: string | null; headingNode: Node | null; items: Node[] };
    const groups: Group[] = [];
    if (l2.length > 0) {
      const before = children.filter((c) => c.level > 2 && c.idx < l2[0].idx);
      if (before.length > 0) groups.push({ heading, headingNode: part, items: shallowest(before) });
      const withItems = l2.filter((s) => s.endPos > s.pos + 1);
      if (withItems.length > 0) {
        for (const s of l2) {
          const inner = below(s);
          const sh = headingText(lines[s.idx]);
          if (inner.length === 0 && NEXT_STRONG_RE.test(toHalfWidth(sh))) {
            notice.has_next_steps_section = true;
            continue;
          }
          if (inner.length === 0 && ORGANISE_RE.test(toHalfWidth(sh)) && !PROBLEM_RE.test(toHalfWidth(sh))) continue;
          groups.push({ heading: sh, headingNode: s, items: inner.length > 0 ? shallowest(inner) : [] });
        }
      } else if (PROBLEM_RE.test(headingNorm) || /方面/.test(headingNorm) || !part) {
        groups.push({ heading, headingNode: part, items: l2 });
      }
    } else {
      const inner = children.filter((c) => c.level > 2);
      if (inner.length > 0) groups.push({ heading, headingNode: part, items: shallowest(inner) });
    }
    const hasItems = groups.some((g) => g.items.length > 0);
    const organising = !!part && ORGANISE_RE.test(headingNorm) && !PROBLEM_RE.test(headingNorm);
    const nextSteps =
      !!part &&
      (NEXT_STRONG_RE.test(headingNorm) || part.slipped || (!hasItems && seenProblems && NEXT_RE.test(headingNorm)));
    if (nextSteps) {
      notice.has_next_steps_section = true;
      if (info) info.kind = 'next_steps';
      continue;
    }
    if (!hasItems || organising) {
      if (info) info.kind = seenProblems ? 'other' : 'opening';
      continue;
    }
    seenProblems = true;
    if (info) info.kind = 'problems';
    const partIndex = info ? analysis.parts.length - 1 : null;
    for (const g of groups) {
      const section: NoticeSection = { heading: g.heading, items: [] };
      const sInfo: SectionInfo = {
        line: g.headingNode ? lines[g.headingNode.idx].no : null,
        part: partIndex,
        items: [],
      };
      const impliedStatus =
        (g.heading ? statusFromHeading(g.heading) : null) ?? (heading ? statusFromHeading(heading) : null);
      for (const node of g.items) {
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
          split.status ??
          labelledStatus([{ raw: rawRest, norm: normRest, no: line.no }, ...bodyLines]) ??
          impliedStatus;
        const item: NoticeItem = {
          number: node.numberText,
          title: split.title,
          status,
          measure_count: measures.length,
          measures,
        };
        if (status === null) missingStatus.push(`${node.numberText}`);
        if (split.title === null) untitled++;
        section.items.push(item);
        sInfo.items.push({ line: line.no, number: node.number });
        itemRanges.push([node.idx, node.end]);
      }
      notice.sections.push(section);
      analysis.sections.push(sInfo);
    }
    if (missingStatus.length > 0) {
      const where = heading ? `「${heading}」` : '';
      const shown = missingStatus.length > 30 ? [...missingStatus.slice(0, 30), '…'] : missingStatus;
      warnings.push(
        `${where}第 ${shown.join('、')} 项未标明整改结果（完成/阶段性完成/未完成） / ${missingStatus.length} item(s) ${where ? `under "${heading}" ` : ''}have no result label: ${shown.join(', ')}`,
      );
      missingStatus = [];
    }
  }
  if (untitled > 0)
    warnings.push(`${untitled} 个整改事项没有可识别的标题 / ${untitled} item(s) have no recognisable title`);
  if (notice.sections.length === 0) {
    warnings.push(
      '未识别出整改事项的编号结构（一、/（一）/1.） / no recognisable numbered structure of rectified items',
    );
  }
  if (lines.filter((l) => /^(?:序号|编号)$/.test(l.norm)).length > 0) {
    warnings.push('正文含表格，表格中的事项未解析 / the text contains a table; items inside tables are not parsed');
  }

  // Totals: summary sentences outside the items.
  itemRanges.sort((a, b) => a[0] - b[0]);
  const inItem = new Uint8Array(lines.length);
  for (const [a, b] of itemRanges) inItem.fill(1, a, b);
  const summaryLines = lines.filter((_, i) => !inItem[i] && i < tail && !t.idxs.includes(i));
  const totals = readTotals(summaryLines);
  notice.stated_totals = totals.totals;
  analysis.totals = totals.all;
  analysis.totalsLine = totals.line;
  if (Object.values(totals.totals).every((v) => v === null)) {
    warnings.push('未找到汇总数字（截至…已完成整改…个） / no stated totals found');
  }

  // Public period and contacts: the closing paragraph, or wherever a contact label appears outside the items.
  const closing = lines.slice(Math.min(tail, lines.length));
  const periodSearch = [...closing, ...lines.slice(0, Math.min(tail, lines.length)).filter((_, i) => !inItem[i])];
  const period = readPeriod(periodSearch);
  notice.publication_period = period.period;
  analysis.periodLine = period.line;
  analysis.periodUnreadable = period.unreadable;
  if (period.unreadable)
    warnings.push('公开期限的日期无法识别 / the public period is given but its dates cannot be read');
  if (period.period && (!period.period.from || !period.period.to)) {
    analysis.invalidDates.push({ text: '公开期限', line: period.line ?? 0 });
  }
  const contactRegion = closing.length > 0 ? closing : lines.filter((_, i) => !inItem[i]);
  const sigIdxs = new Set([sig.issuerIdx, sig.dateIdx]);
  notice.contacts = readContacts(contactRegion.filter((l) => !sigIdxs.has(l.no - 1)));
  const contactLine = contactRegion.find((l) => CONTACT_KEY_RE.test(l.norm));
  analysis.contactLine = contactLine ? contactLine.no : null;

  if (!notice.issued_on) warnings.push('未找到落款日期 / no issue date under the signature');
  if (!notice.issuer) warnings.push('未找到发文单位 / no issuer found');
  if (!notice.inspection.from || !notice.inspection.to) {
    warnings.push('未找到巡察（巡视）起止日期 / inspection period not found');
  }
  if (!notice.inspection.feedback_on) warnings.push('未找到反馈日期 / feedback date not found');
  for (const d of analysis.invalidDates)
    warnings.push(`第 ${d.line} 行日期无效：${d.text} / invalid date on line ${d.line}`);
  return analysis;
}
