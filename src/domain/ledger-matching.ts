import { addDays } from './dates.ts';
import { shapeOf, shapeSimilarity, type TitleShape } from './similarity.ts';

/**
 * How an Excel ledger imported into a live ledger finds what it already holds (issue 14): aspects by their name once the
 * numbering and the customary suffixes are gone, then by similarity (only suggested, the user confirms); items by their
 * number and their title; new items numbered on from the last number taken.
 */

const CHINESE_NUMERAL = '[一二三四五六七八九十百零〇]+';
const DIGITS = '[0-9０-９]+';
const CIRCLED = '[①-⑳]';
/** One leading numbering: 一、 （一） (1) 1. 1、 1． ① 第一, with any spaces around it. */
const NUMBERING = new RegExp(
  `^\\s*(?:[（(]\\s*(${CHINESE_NUMERAL}|${DIGITS})\\s*[)）]|(${CHINESE_NUMERAL}|${DIGITS})\\s*[、.．,，](?![0-9０-９])|(${CIRCLED})|第(${CHINESE_NUMERAL}|${DIGITS})[、.．，,\\s]?)\\s*`,
  'u',
);

const CIRCLED_VALUES = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * A title's leading numbering split off ("1.党组会议…" → number "1", title "党组会议…"); only the first one, and a title
 * that is nothing but numbering keeps its text. Full-width digits come back as ASCII digits, circled ones as their value.
 */
export function splitLeadingNumber(text: string): { number: string | null; title: string } {
  const m = NUMBERING.exec(text);
  if (!m) return { number: null, title: text.trim() };
  const rest = text.slice(m[0].length).trim();
  if (rest === '') return { number: null, title: text.trim() };
  const raw = m[1] ?? m[2] ?? m[4] ?? String(CIRCLED_VALUES.indexOf(m[3]) + 1);
  return { number: raw.normalize('NFKC'), title: rest };
}

/** Every leading numbering removed ("一、（一）1.党的领导" → "党的领导"). */
export function withoutNumbering(text: string): string {
  let current = text.trim();
  for (;;) {
    const { number, title } = splitLeadingNumber(current);
    if (number === null) return current;
    current = title;
  }
}

/** The suffixes aspects are customarily written with, longest first so the whole of one goes. */
export const ASPECT_SUFFIXES = [
  '方面存在的问题',
  '方面存在问题',
  '方面的问题',
  '方面问题',
  '存在的问题',
  '问题',
  '方面',
];

/**
 * An aspect's name as matched: numbering, width, spaces and punctuation gone, then one customary suffix
 * ("一、落实全面从严治党战略部署方面存在的问题" → "落实全面从严治党战略部署"). A name that is only a suffix stays as it is.
 */
export function aspectKey(text: string): string {
  const bare = withoutNumbering(text.normalize('NFKC'))
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '');
  for (const suffix of ASPECT_SUFFIXES) {
    if (bare.endsWith(suffix) && bare.length > suffix.length) return bare.slice(0, -suffix.length);
  }
  return bare;
}

/** Below this an aspect is not suggested at all; the user still confirms any suggestion. */
export const ASPECT_SUGGESTION_THRESHOLD = 0.35;

export type AspectMatch =
  | { kind: 'exact'; id: number }
  | { kind: 'suggested'; id: number; name: string; similarity: number }
  | { kind: 'none' };

/** The round's aspect a written name means: equal keys, else the most similar one as a suggestion, else none. */
export function matchAspect(text: string, aspects: readonly { id: number; name: string }[]): AspectMatch {
  const key = aspectKey(text);
  if (key === '') return { kind: 'none' };
  for (const a of aspects) if (aspectKey(a.name) === key) return { kind: 'exact', id: a.id };
  let best: AspectMatch = { kind: 'none' };
  let bestScore = ASPECT_SUGGESTION_THRESHOLD;
  const shape = shapeOf(key);
  for (const a of aspects) {
    const score = shapeSimilarity(shape, shapeOf(aspectKey(a.name)));
    if (score >= bestScore && (best.kind === 'none' || score > bestScore)) {
      best = { kind: 'suggested', id: a.id, name: a.name, similarity: Math.round(score * 100) / 100 };
      bestScore = score;
    }
  }
  return best;
}

/** An item of the live ledger, as matching sees it. */
export interface ExistingItem {
  id: number;
  aspectId: number | null;
  number: string | null;
  title: string;
}

/** A title this close to an existing one is the same item even under another number. */
export const SAME_TITLE_THRESHOLD = 0.75;
/** Under the same number a title this close is the same item, reworded. */
export const SAME_NUMBER_THRESHOLD = 0.45;
/** Beyond this many items in one aspect only exact titles and numbers are compared (the comparison is pairwise). */
export const MAX_SIMILARITY_CANDIDATES = 2000;

export type ItemMatch = { id: number; by: 'number' | 'title'; similarity: number } | null;

/** A number as compared: width, spaces and a trailing dot do not matter ("１．" = "1"). */
export function numberKey(number: string | null): string | null {
  if (number === null) return null;
  const key = number
    .normalize('NFKC')
    .replace(/[\s.、,，]/g, '')
    .trim();
  return key === '' ? null : key;
}

interface Candidate extends ExistingItem {
  shape: TitleShape;
  numberKey: string | null;
}

/**
 * The existing items of a live ledger, indexed for matching rows against: by aspect, then an equal title, the same
 * number with a similar title, or a very similar title. Each existing item is matched at most once per import, so two
 * rows never update one item.
 */
export class ItemMatcher {
  private readonly byAspect = new Map<number | null, Candidate[]>();
  private readonly taken = new Set<number>();

  constructor(items: readonly ExistingItem[]) {
    for (const item of items) {
      const list = this.byAspect.get(item.aspectId) ?? [];
      list.push({ ...item, shape: shapeOf(item.title), numberKey: numberKey(item.number) });
      this.byAspect.set(item.aspectId, list);
    }
  }

  match(row: { aspectId: number | null; number: string | null; title: string }): ItemMatch {
    const candidates = (this.byAspect.get(row.aspectId) ?? []).filter((c) => !this.taken.has(c.id));
    const shape = shapeOf(row.title);
    const rowNumber = numberKey(row.number);
    const found = pick(candidates, shape, rowNumber);
    if (found) this.taken.add(found.id);
    return found;
  }
}

function pick(candidates: Candidate[], shape: TitleShape, rowNumber: string | null): ItemMatch {
  const same = candidates.find((c) => c.shape.normalised === shape.normalised && shape.normalised !== '');
  if (same)
    return { id: same.id, by: rowNumber !== null && same.numberKey === rowNumber ? 'number' : 'title', similarity: 1 };
  if (rowNumber !== null) {
    const numbered = candidates.find((c) => c.numberKey === rowNumber);
    if (numbered) {
      const similarity = shapeSimilarity(shape, numbered.shape);
      if (similarity >= SAME_NUMBER_THRESHOLD) return { id: numbered.id, by: 'number', similarity: round(similarity) };
    }
  }
  if (candidates.length > MAX_SIMILARITY_CANDIDATES) return null;
  let best: Candidate | null = null;
  let bestScore = SAME_TITLE_THRESHOLD;
  for (const c of candidates) {
    const score = shapeSimilarity(shape, c.shape);
    if (score >= bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best ? { id: best.id, by: 'title', similarity: round(bestScore) } : null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Numbers for new items: a row keeps the number it was written with when no item of its scope holds it yet, else it is
 * numbered on from the highest number taken. The scope is the aspect when the ledger numbers each aspect from 1 (some
 * number appears under two aspects), else the whole inspection.
 */
export class ItemNumbering {
  private readonly perAspect: boolean;
  private readonly taken = new Map<string, Set<string>>();
  private readonly highest = new Map<string, number>();

  constructor(existing: readonly { aspectId: number | null; number: string | null }[]) {
    this.perAspect = numbersRestartPerAspect(existing);
    for (const item of existing) this.take(item.aspectId, numberKey(item.number));
  }

  next(aspectId: number | null, written: string | null): string {
    const scope = this.scopeOf(aspectId);
    const key = numberKey(written);
    const taken = this.taken.get(scope);
    const number = key !== null && !taken?.has(key) ? key : String((this.highest.get(scope) ?? 0) + 1);
    this.take(aspectId, number);
    return number;
  }

  private scopeOf(aspectId: number | null): string {
    return this.perAspect ? String(aspectId) : '';
  }

  private take(aspectId: number | null, key: string | null) {
    if (key === null) return;
    const scope = this.scopeOf(aspectId);
    const set = this.taken.get(scope) ?? new Set<string>();
    set.add(key);
    this.taken.set(scope, set);
    if (/^\d+$/.test(key)) this.highest.set(scope, Math.max(this.highest.get(scope) ?? 0, Number(key)));
  }
}

/** Whether a ledger numbers its items from 1 in each aspect: some number is held under two aspects. */
export function numbersRestartPerAspect(items: readonly { aspectId: number | null; number: string | null }[]): boolean {
  const aspectOf = new Map<string, number | null>();
  for (const item of items) {
    const key = numberKey(item.number);
    if (key === null) continue;
    const seen = aspectOf.get(key);
    if (seen !== undefined && seen !== item.aspectId) return true;
    aspectOf.set(key, item.aspectId);
  }
  return false;
}

/** A field an import may change on an existing item, as the preview lists it. */
export interface FieldChange<F extends string = string> {
  field: F;
  from: string | null;
  to: string | null;
}

/** The fields whose values differ, in the order given; values are compared as written (null and '' alike). */
export function changedFields<F extends string>(
  before: Record<string, string | null>,
  after: Record<string, string | null>,
  fields: readonly F[],
): FieldChange<F>[] {
  const changes: FieldChange<F>[] = [];
  for (const field of fields) {
    const from = before[field] || null;
    const to = after[field] || null;
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

/** The deadline a 立行立改 row without one gets: the configured number of days after the feedback date. */
export function immediateDeadline(feedbackOn: string | null, days: number): string | null {
  return feedbackOn === null ? null : addDays(feedbackOn, days);
}

/** How long after an import its administrator may still undo it. */
export const IMPORT_UNDO_HOURS = 24;

/** Whether an import made at `importedAt` may still be undone at `now` (ISO timestamps). */
export function mayUndoImport(importedAt: string, now: Date): boolean {
  return now.getTime() - new Date(importedAt).getTime() <= IMPORT_UNDO_HOURS * 3_600_000;
}
