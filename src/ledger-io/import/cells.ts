import { isIsoDate } from '../../domain/dates.ts';
import { MEASURE_KIND_ZH, type MeasureKind } from '../../domain/measure.ts';
import type { ResultLabel } from '../../domain/result.ts';
import { WORKFLOW_STATE_ZH, type WorkflowState } from '../../domain/workflow.ts';

/** One cell as the readers hand it over: formulas already replaced by their cached result. */
export type CellValue = string | number | boolean | Date | { error: string } | null;

export const isCellError = (v: CellValue): v is { error: string } =>
  typeof v === 'object' && v !== null && !(v instanceof Date);

/** Full-width letters, digits and punctuation to their ASCII forms, spaces (incl. ideographic) dropped. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

const isoOf = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug folded in). */
function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 20000 || serial > 80000) return null;
  return new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);
}

/** The text of a cell as a clerk sees it; dates as YYYY-MM-DD, whole numbers without a decimal point. */
export function cellText(v: CellValue): string {
  if (v === null || isCellError(v)) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v.replace(/\r\n?/g, '\n').trim();
}

export type DeadlineReading =
  | { ok: true; deadline: string | null; kind: MeasureKind | null }
  | { ok: false; message: string };

const WORD_KINDS: [RegExp, MeasureKind][] = [
  [/立行立改|立即整改|即知即改|立整立改/, 'immediate'],
  [/长期坚持|长期整改|持续整改|常态化|长期/, 'ongoing'],
];

/**
 * 整改时限 as offices write it: an Excel date, 2025年6月底, 2025年6月30日前, 2025.06.30, 2025/6/30, 2025年底, or words
 * (立行立改, 长期坚持), possibly both ("立行立改，2025年6月底前"). A month without a day means its last day.
 */
export function readDeadline(v: CellValue): DeadlineReading {
  if (v instanceof Date) return { ok: true, deadline: v.toISOString().slice(0, 10), kind: null };
  if (typeof v === 'number') {
    const iso = excelSerialToIso(v);
    return iso ? { ok: true, deadline: iso, kind: null } : { ok: false, message: `无法识别的日期“${v}”` };
  }
  const text = normalise(cellText(v));
  if (!text) return { ok: true, deadline: null, kind: null };
  const kind = WORD_KINDS.find(([re]) => re.test(text))?.[1] ?? null;
  const date = findDate(text);
  if (date === 'invalid') return { ok: false, message: `日期“${cellText(v)}”不存在` };
  if (!date && !kind)
    return { ok: false, message: `无法识别的整改时限“${cellText(v)}”（应为日期或“立行立改”“长期坚持”）` };
  return { ok: true, deadline: date, kind };
}

/** The first date written in a text, or null; 'invalid' for a date that does not exist (2025年2月30日). */
export function findDate(text: string): string | null | 'invalid' {
  const t = text.normalize('NFKC');
  let m = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?/.exec(t);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return isIsoDate(iso) ? iso : 'invalid';
  }
  // 9/30/2026: a sheet saved as CSV by software in an English locale writes its dates month first.
  m = /(?<!\d)(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const iso = a > 12 ? isoOf(Number(m[3]), b, a) : isoOf(Number(m[3]), a, b);
    return isIsoDate(iso) ? iso : 'invalid';
  }
  m = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*月?(?:底|末|份|中旬|下旬|上旬)?/.exec(t);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) return 'invalid';
    const dayByPart = /上旬/.test(t.slice(m.index)) ? 10 : /中旬/.test(t.slice(m.index)) ? 20 : lastDayOf(y, mo);
    return isoOf(y, mo, dayByPart);
  }
  m = /(\d{4})\s*年\s*(?:底|末|年底|年末)/.exec(t);
  if (m) return isoOf(Number(m[1]), 12, 31);
  m = /(\d{4})\s*年\s*上半年/.exec(t);
  if (m) return isoOf(Number(m[1]), 6, 30);
  m = /(\d{4})\s*年\s*下半年/.exec(t);
  if (m) return isoOf(Number(m[1]), 12, 31);
  return null;
}

/** A date at the very start of a progress text ("2025年7月10日，召开…", "2025.7.10 …"). */
export function leadingDate(text: string): string | null | 'invalid' {
  const t = text.normalize('NFKC').trimStart();
  const m = /^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?/.exec(t);
  if (!m) return null;
  const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return isIsoDate(iso) ? iso : 'invalid';
}

/** The words after a leading date, which the progress entry's own date replaces; the text itself when that is all. */
export function withoutLeadingDate(text: string): string {
  const rest = text
    .normalize('NFKC')
    .trimStart()
    .replace(/^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?[\s，,：:。；;]*/, '');
  return rest.trim() === '' ? text.trim() : rest.trim();
}

/**
 * A label to its value: what the export writes, read back. Without a prototype, so a cell reading "constructor" or
 * "toString" is no match rather than a function.
 */
const byLabel = <T extends string>(labels: Record<T, string>): Record<string, T | undefined> =>
  Object.assign(
    Object.create(null),
    Object.fromEntries(Object.entries(labels).map(([value, label]) => [label, value])),
  ) as Record<string, T | undefined>;

export const MEASURE_KIND_WORDS = byLabel<MeasureKind>(MEASURE_KIND_ZH);
export const STATE_WORDS = byLabel<WorkflowState>(WORKFLOW_STATE_ZH);

export interface Outcome {
  state: WorkflowState;
  result: ResultLabel;
}

const RESULT_WORDS: [RegExp, Outcome][] = [
  [
    /^(阶段性完成|阶段性整改完成|基本完成|基本完成整改|持续整改|持续推进|长期坚持)/,
    { state: 'in_progress', result: 'partially_completed' },
  ],
  [/^(未完成|未整改|整改中|正在整改|推进中|正在推进|尚未完成)/, { state: 'in_progress', result: 'not_completed' }],
  [/^(未启动|未开始)/, { state: 'not_started', result: 'not_completed' }],
  [/^(完成|已完成|已整改|整改完成|已办结|已落实|完成整改|已销号)/, { state: 'closed', result: 'completed' }],
];

/** 整改结果 words to the workflow state and public label they imply; undefined when the words are not recognised. */
export function readResult(text: string): Outcome | undefined {
  const t = normalise(text).replace(/^[（(]/, '');
  if (!t) return { state: 'not_started', result: 'not_completed' };
  return RESULT_WORDS.find(([re]) => re.test(t))?.[1];
}

const CN_DIGITS = '一二三四五六七八九十';
const cnNumber = (n: number) =>
  n <= 10
    ? CN_DIGITS[n - 1]
    : n < 20
      ? `十${CN_DIGITS[n - 11]}`
      : `${CN_DIGITS[Math.floor(n / 10) - 1]}十${n % 10 ? CN_DIGITS[(n % 10) - 1] : ''}`;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** The ways a clause is numbered inside one cell; n is the clause number. */
const MARKER_PATTERNS: ((n: number) => RegExp)[] = [
  (n) => new RegExp(`(?:^|(?<=[\\s。；;，,：:]))${n}\\s*[、.．)）](?!\\d)`, 'g'),
  (n) => new RegExp(`[（(]${n}[)）]`, 'g'),
  (n) => new RegExp(`(?:^|(?<=[\\s。；;，,：:]))${cnNumber(n)}是`, 'g'),
  (n) => new RegExp(CIRCLED[n - 1] ?? '\\uFFFF', 'g'),
];

// Built once per clause number: splitting runs for every measure cell of a large ledger.
const markerCache = new Map<string, RegExp>();
const MARKERS = MARKER_PATTERNS.map((pattern, kind) => (n: number) => {
  const key = `${kind}:${n}`;
  let re = markerCache.get(key);
  if (!re) {
    re = pattern(n);
    markerCache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
});

/**
 * Splits "1. 建立… 2. 开展…" or "一是…二是…" into its clauses. Only a run starting at 1 with consecutive numbers counts,
 * so "2025.6" or a lone "2." inside a sentence are left alone.
 */
export function splitMeasures(text: string): string[] {
  const source = text.trim();
  if (!source) return [];
  for (const marker of MARKERS) {
    const first = marker(1).exec(source);
    if (!first || source.slice(0, first.index).trim() !== '') continue;
    const cuts: { at: number; end: number }[] = [{ at: first.index, end: first.index + first[0].length }];
    for (let n = 2; n <= 60; n++) {
      const re = marker(n);
      re.lastIndex = cuts[cuts.length - 1].end;
      const next = re.exec(source);
      if (!next) break;
      cuts.push({ at: next.index, end: next.index + next[0].length });
    }
    if (cuts.length < 2) continue;
    return cuts
      .map((c, i) => source.slice(c.end, i + 1 < cuts.length ? cuts[i + 1].at : undefined).trim())
      .map((s) =>
        s
          .replace(/[；;]$/, '。')
          .replace(/^[：:]/, '')
          .trim(),
      )
      .filter((s) => s.length > 0);
  }
  return [source];
}

/** "（一）落实…" → number 一, title 落实…; leading numbering is kept apart from the words it numbers. */
export function splitNumbering(text: string): { number: string | null; title: string } {
  const m =
    /^\s*(?:[（(]\s*([一二三四五六七八九十百\d]+)\s*[)）]|([一二三四五六七八九十百]+|\d+)\s*[、.．](?!\d))\s*/.exec(
      text,
    );
  if (!m) return { number: null, title: text.trim() };
  return { number: m[1] ?? m[2], title: text.slice(m[0].length).trim() };
}

/** Name key for matching aspects and problems: width, spacing, punctuation and leading numbering do not matter. */
export function matchKey(text: string): string {
  return normalise(splitNumbering(text).title).replace(/[\p{P}\p{S}]/gu, '');
}
