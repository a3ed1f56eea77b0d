/**
 * Issue 15 (督办 as documents): the document number (文号) an order is sent under, from a configurable pattern such as
 * `〔{year}〕第{n}号` with an optional prefix (市委巡察办督 → 市委巡察办督〔2026〕第12号). Numbers run per year or per round;
 * the pattern must hold {n}, may hold {year} and {round}, and nothing else in braces.
 */

export const NUMBERING_PERIODS = ['year', 'round'] as const;
export type NumberingPeriod = (typeof NUMBERING_PERIODS)[number];

export interface OrderNumbering {
  /** e.g. 〔{year}〕第{n}号 */
  pattern: string;
  /** Written before the pattern, e.g. 市委巡察办督; may be empty. */
  prefix: string;
  /** Whether numbers start again at 1 each year or each round. */
  per: NumberingPeriod;
}

export const DEFAULT_ORDER_NUMBERING: OrderNumbering = { pattern: '〔{year}〕第{n}号', prefix: '', per: 'year' };

export const NUMBER_PLACEHOLDERS = ['n', 'year', 'round'] as const;
export const MAX_PATTERN_LENGTH = 60;

/** Why a pattern or prefix cannot be used, in words for the operator; null when it is fine. */
export function numberingProblem(numbering: OrderNumbering): string | null {
  const { pattern, prefix } = numbering;
  if (!pattern.trim()) return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  if (prefix.length > MAX_PATTERN_LENGTH) return `the prefix is longer than ${MAX_PATTERN_LENGTH} characters`;
  if (/[{}]/.test(prefix)) return 'the prefix must not hold { or }';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(pattern + prefix)) return 'the pattern and prefix must not hold control characters';
  const counts = new Map<string, number>();
  const rest = pattern.replace(/\{([^{}]*)\}/g, (_m, name: string) => {
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return '';
  });
  if (/[{}]/.test(rest)) return 'the pattern has an unmatched { or }';
  for (const name of counts.keys()) {
    if (!(NUMBER_PLACEHOLDERS as readonly string[]).includes(name)) {
      return `the pattern names {${name}}; only {n}, {year} and {round} are known`;
    }
  }
  if ((counts.get('n') ?? 0) !== 1) return 'the pattern must hold {n} exactly once';
  if (numbering.per === 'round' && !counts.has('round')) {
    // Numbers per round restart each round: without the round two orders of one year could print the same 文号.
    return 'numbers per round need {round} in the pattern, or two rounds print the same number';
  }
  if (numbering.per === 'year' && !counts.has('year')) {
    return 'numbers per year need {year} in the pattern, or two years print the same number';
  }
  return null;
}

/** The scope a number is counted in: each year, or each round (orders outside any round count in their year). */
export function numberScope(per: NumberingPeriod, year: number, roundId: number | null): string {
  return per === 'round' && roundId !== null ? `round:${roundId}` : `year:${year}`;
}

/**
 * The 文号 as printed. {round} is the round's number as its name gives it (or its id when it has none); {year} the year
 * of sending. A pattern that `numberingProblem` refuses throws: the configuration is checked at start.
 */
export function formatDocumentNumber(
  numbering: OrderNumbering,
  values: { n: number; year: number; round?: string | number | null },
): string {
  const problem = numberingProblem(numbering);
  if (problem) throw new Error(`bad document number pattern: ${problem}`);
  if (!Number.isSafeInteger(values.n) || values.n < 1)
    throw new Error(`a document number counts from 1 (got ${values.n})`);
  const body = numbering.pattern.replace(/\{(n|year|round)\}/g, (_m, name: string) => {
    if (name === 'n') return String(values.n);
    if (name === 'year') return String(values.year);
    return values.round === null || values.round === undefined ? String(values.year) : String(values.round);
  });
  return numbering.prefix + body;
}

/** What {round} prints: the ordinal the round's name gives (2026年第十轮巡察 → 十), else its id. */
export function roundLabel(name: string, id: number): string {
  const m = /第\s*([0-9一二三四五六七八九十百零〇两]+)\s*轮/.exec(name);
  return m ? m[1] : String(id);
}
