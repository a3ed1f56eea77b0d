/**
 * Text helpers shared by the notice parser and linter.
 *
 * Matching runs on a copy of each line in which full-width ASCII is folded to half-width. The fold is one UTF-16 unit
 * for one, so an index found in the folded copy is valid in the original and output can keep the text as written.
 */

const FULLWIDTH_RE = /[\uFF01-\uFF5E\u3000\u00A0]/g;

export function toHalfWidth(s: string): string {
  return s.replace(FULLWIDTH_RE, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000 || code === 0xa0) return ' ';
    return String.fromCharCode(code - 0xfee0);
  });
}

/** Full-width digits and Latin letters only: addresses keep their Chinese punctuation but get ASCII numbers. */
export function asciiAlnum(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Word/WPS conversions leave anchors such as `[bookmark: _Toc31731804]` glued to the text; zero-width characters
 * come from web pages. Neither is content.
 */
const DEBRIS_RE =
  /\[(?:bookmark|anchor|image|img|comment|footnote|endnote)\b[^\]\n]{0,300}\]|[\u200B-\u200D\u2060\uFEFF]/gi;

export function stripDebris(s: string): string {
  return s.replace(DEBRIS_RE, '');
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  '○': 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 一百零五 → 105, 二〇二五 → 2025 (digit by digit when there is no unit), 17 → 17; null when not a number. */
export function parseNumber(raw: string): number | null {
  const s = toHalfWidth(raw).trim();
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Number(s);
  if (![...s].every((c) => c in CN_DIGITS || c in CN_UNITS)) return null;
  if (![...s].some((c) => c in CN_UNITS)) {
    let n = 0;
    for (const c of s) n = n * 10 + CN_DIGITS[c];
    return n;
  }
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in CN_DIGITS) {
      digit = CN_DIGITS[c];
    } else {
      total += (digit === 0 && c === '十' ? 1 : digit) * CN_UNITS[c];
      digit = 0;
    }
  }
  return total + digit;
}

/** A count written in Arabic or Chinese numerals, as used in totals sentences. */
export const NUM = String.raw`(\d{1,6}|[零〇一二两三四五六七八九十百千]{1,6})`;
/** The measure word after a count: 28个, 28项, 28条, 28件. */
export const UNIT = '(?:个|项|条|件)';

const YEAR = String.raw`(\d{4}|[〇○零Ｏ一二三四五六七八九]{4})`;
const MONTH = String.raw`(\d{1,2}|十[一二]?|[一二三四五六七八九])`;
const DAY = String.raw`(\d{1,2}|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])`;

/** A full date: 2025年3月25日, 2025 年 3 月 25 日, 二〇二五年三月二十五日. */
export const DATE_SRC = String.raw`${YEAR}\s*年\s*${MONTH}\s*月\s*${DAY}\s*[日号]`;
/** Month and day without a year, the second half of `2024年9月18日至12月20日`. */
export const MONTH_DAY_SRC = String.raw`${MONTH}\s*月\s*${DAY}\s*[日号]`;

export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1949 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface FoundDate {
  /** null when the text names an impossible date such as 2月30日. */
  iso: string | null;
  year: number;
  month: number;
  day: number;
  index: number;
  end: number;
  text: string;
}

const DATE_RE = new RegExp(DATE_SRC, 'g');

export function findDates(s: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of s.matchAll(DATE_RE)) {
    const year = parseNumber(m[1]) ?? 0;
    const month = parseNumber(m[2]) ?? 0;
    const day = parseNumber(m[3]) ?? 0;
    out.push({
      iso: isoDate(year, month, day),
      year,
      month,
      day,
      index: m.index,
      end: m.index + m[0].length,
      text: m[0],
    });
  }
  return out;
}

export interface FoundRange {
  from: FoundDate;
  /** ISO date of the end; its year is taken from the start when the text leaves it out. */
  to: string | null;
  index: number;
  end: number;
  text: string;
}

const RANGE_TAIL_RE = new RegExp(
  String.raw`^\s*(?:起)?\s*(?:至|到|—{1,2}|–|-|~|～)\s*(?:${DATE_SRC}|${MONTH_DAY_SRC}|(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号])`,
);

/** Ranges such as 2024年9月18日至12月20日, 2026年1月21日至2026年2月28日, 2025年6月11日-13日. */
export function findRanges(s: string): FoundRange[] {
  const out: FoundRange[] = [];
  for (const from of findDates(s)) {
    const range = rangeFrom(s, from);
    if (range) out.push(range);
  }
  return out;
}

function rangeFrom(s: string, from: FoundDate): FoundRange | null {
  const tail = RANGE_TAIL_RE.exec(s.slice(from.end, from.end + 40));
  if (!tail) return null;
  let y = from.year;
  let mo = from.month;
  let d: number;
  if (tail[1] !== undefined) {
    y = parseNumber(tail[1]) ?? 0;
    mo = parseNumber(tail[2]) ?? 0;
    d = parseNumber(tail[3]) ?? 0;
  } else if (tail[4] !== undefined) {
    mo = parseNumber(tail[4]) ?? 0;
    d = parseNumber(tail[5]) ?? 0;
    if (mo < from.month) y += 1;
  } else {
    d = parseNumber(tail[6]) ?? 0;
  }
  const end = from.end + tail[0].length;
  return { from, to: isoDate(y, mo, d), index: from.index, end, text: s.slice(from.index, end) };
}

const YEARLESS_START_RE = new RegExp(String.raw`(?<![年\d〇○零一二三四五六七八九十]\s{0,3})${MONTH_DAY_SRC}`, 'g');

/**
 * Ranges whose start has no year (3月1日—5月15日): the year comes from the context, the year the text is about.
 * Ranges with a full start date are read by findRanges and come first; the year rolls over when the end's month
 * comes before the start's (12月1日至2月28日).
 */
export function findRangesInYear(s: string, year: number | null): FoundRange[] {
  const full = findRanges(s);
  if (year === null) return full;
  const out = [...full];
  for (const m of s.matchAll(YEARLESS_START_RE)) {
    if (full.some((r) => m.index >= r.index && m.index < r.end)) continue;
    const month = parseNumber(m[1]) ?? 0;
    const day = parseNumber(m[2]) ?? 0;
    const fromEnd = m.index + m[0].length;
    const from: FoundDate = {
      iso: isoDate(year, month, day),
      year,
      month,
      day,
      index: m.index,
      end: fromEnd,
      text: m[0],
    };
    const range = rangeFrom(s, from);
    if (range) out.push(range);
  }
  return out.sort((a, b) => a.index - b.index);
}

const SITE_META_RE =
  /(?:来源|信息来源|文章来源|发布时间|发布日期|发文日期|发稿时间|更新时间|时间|日期|作者|编辑|责任编辑|浏览次数|浏览量|浏览|点击数|点击量|点击|字号)\s*:|(?:发布时间|发布日期|发稿时间|更新时间)\s(?=\s{0,3}\d{4})/;
const META_DATE_RE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;

const SITE_SUFFIX_RE = /\s*[-_|—]{1,2}\s*[\u4e00-\u9fa5A-Za-z]{2,20}(?:网站|网|门户|官网|平台|政府|客户端)$/;

/** A page title's site name (…的通报-江澜市纪委监委网站, …的通报_江澜市人民政府): the title without it. */
export function withoutSiteSuffix(title: string): string {
  const m = SITE_SUFFIX_RE.exec(toHalfWidth(title.slice(-40)));
  return m ? title.slice(0, title.length - (title.slice(-40).length - m.index)) : title;
}

export interface SiteMeta {
  /** Where the site's line starts in the text (0 when the whole line is the site's). */
  index: number;
  /** The date it gives (发布时间：2026-03-02 10:15 → 2026-03-02), or null. */
  date: string | null;
}

/**
 * The web page's own line (来源：… 发布时间：… 浏览：…) glued to the end of a title, or standing alone; null when there
 * is none. Works on half-width text (： folded to :); the separators before it (spaces, |, ·) are left to the caller.
 */
export function findSiteMeta(norm: string): SiteMeta | null {
  const m = SITE_META_RE.exec(norm);
  if (!m) return null;
  const rest = norm.slice(m.index);
  const d = META_DATE_RE.exec(rest);
  const date = d ? isoDate(Number(d[1]), Number(d[2]), Number(d[3])) : (findDates(rest)[0]?.iso ?? null);
  return { index: m.index, date };
}

const STATUS_WORD_SRC =
  '基本完成并持续整改|基本完成[,，]持续整改|阶段性完成|基本完成|部分完成|持续整改中|持续整改|长期坚持|已完成整改|完成整改|整改完成|已整改到位|整改到位|已整改完毕|整改完毕|已完成|已整改|已办结|已销号|尚未完成|未完成|正在整改|整改中|正在推进|推进中|未整改|完成';

/** A result label, at the start of a label's value and standing alone (完成了 is prose, not a label). */
export const STATUS_VALUE_RE = new RegExp(`^(?:${STATUS_WORD_SRC})(?=$|[。；;，,、\\s)）\\]】])`);
/** The same words wrapped in brackets at the end of an item title: 1.规范公文办理（已完成）. */
export const STATUS_TAG_RE = new RegExp(`[(（【\\[]\\s*(${STATUS_WORD_SRC})\\s*[)）】\\]]\\s*[。.]?$`);

export type ResultStatus = '完成' | '阶段性完成' | '未完成';

export function normalizeStatus(word: string): ResultStatus {
  if (/未完成|尚未|正在|整改中|推进中|未整改/.test(word)) return '未完成';
  if (/阶段性|基本完成|部分完成|持续整改|长期坚持/.test(word)) return '阶段性完成';
  return '完成';
}

/** Phone numbers to ASCII digits and '-': (0763)3362993, 0763—3362993 and 0763 3362993 all become 0763-3362993. */
export function normalizePhone(raw: string): string {
  const s = toHalfWidth(raw).replace(/[—–‐‑−－]/g, '-');
  const area = /^\(?\s*(0\d{2,3})\s*\)?\s*-*\s*(\d{7,8})$/.exec(s);
  if (area) return `${area[1]}-${area[2]}`;
  return s.replace(/\s+/g, '').replace(/-+/g, '-');
}
