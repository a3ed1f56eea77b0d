/**
 * Issue 15, point 4: 群众满意度测评. A short questionnaire on each published notice, answered without sign-in, one answer
 * per address per notice per day; its score (0–100) enters the evaluation with a configured weight. Pure rules: the
 * questions, checking an answer, scoring, and weighing the checklist with the satisfaction.
 */
import { type Grade, gradeOf } from './evaluation.ts';

export const SATISFACTION_LEVELS = ['satisfied', 'basic', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

export const SATISFACTION_LEVEL_ZH: Record<SatisfactionLevel, string> = {
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
};

/** Points per level; 基本满意 counts a little over half, as 满意度测评 tables commonly weigh it. */
export const LEVEL_POINTS: Record<SatisfactionLevel, number> = { satisfied: 100, basic: 60, dissatisfied: 0 };

/** The questions, overall first. Each is answered on the three levels. */
export const SATISFACTION_QUESTIONS = [
  {
    key: 'overall',
    zh: '您对该单位巡察整改工作的总体评价',
    en: 'Overall, how satisfied are you with the rectification?',
  },
  { key: 'effect', zh: '整改措施是否解决了群众反映的问题', en: 'Did the measures solve the problems people raised?' },
  { key: 'openness', zh: '整改情况公开是否及时、清楚', en: 'Was the progress made public in time and clearly?' },
  { key: 'change', zh: '您是否感受到整改带来的实际变化', en: 'Have you felt a real change from the rectification?' },
] as const;
export type QuestionKey = (typeof SATISFACTION_QUESTIONS)[number]['key'];
export const QUESTION_KEYS = SATISFACTION_QUESTIONS.map((q) => q.key) as QuestionKey[];

/** The overall answer counts half of an answer's score; the other questions share the other half. */
export const OVERALL_SHARE = 0.5;

export const REMARK_MAX = 500;

export type SatisfactionAnswer = Record<QuestionKey, SatisfactionLevel>;

export interface CheckedAnswer {
  answer: SatisfactionAnswer;
  remark: string | null;
}

export type AnswerProblem = { field: string; code: 'required' | 'unknown_level' | 'too_long' | 'control_characters' };

const isLevel = (v: unknown): v is SatisfactionLevel =>
  typeof v === 'string' && (SATISFACTION_LEVELS as readonly string[]).includes(v);

/** Checks a submitted questionnaire: every question answered on a known level; the remark optional, short, plain. */
export function checkAnswer(input: Record<string, unknown>): {
  value: CheckedAnswer | null;
  problems: AnswerProblem[];
} {
  const problems: AnswerProblem[] = [];
  const answer = {} as SatisfactionAnswer;
  for (const key of QUESTION_KEYS) {
    const v = input[key];
    if (v === undefined || v === null || v === '') problems.push({ field: key, code: 'required' });
    else if (!isLevel(v)) problems.push({ field: key, code: 'unknown_level' });
    else answer[key] = v;
  }
  let remark: string | null = null;
  const raw = input.remark;
  if (typeof raw === 'string' && raw.trim() !== '') {
    remark = raw.trim();
    if ([...remark].length > REMARK_MAX) problems.push({ field: 'remark', code: 'too_long' });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(remark))
      problems.push({ field: 'remark', code: 'control_characters' });
  }
  return { value: problems.length === 0 ? { answer, remark } : null, problems };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One answer's score, 0–100. */
export function answerScore(a: SatisfactionAnswer): number {
  const others = QUESTION_KEYS.filter((k) => k !== 'overall');
  const rest = others.reduce((n, k) => n + LEVEL_POINTS[a[k]], 0) / others.length;
  return LEVEL_POINTS[a.overall] * OVERALL_SHARE + rest * (1 - OVERALL_SHARE);
}

export interface SatisfactionSummary {
  answers: number;
  /** Per question, the count of each level. */
  counts: Record<QuestionKey, Record<SatisfactionLevel, number>>;
  /** The mean of the answers' scores to one decimal, 0–100; null with no answers (then it does not count). */
  score: number | null;
}

export function summarize(answers: readonly SatisfactionAnswer[]): SatisfactionSummary {
  const counts = Object.fromEntries(
    QUESTION_KEYS.map((k) => [k, { satisfied: 0, basic: 0, dissatisfied: 0 }]),
  ) as SatisfactionSummary['counts'];
  for (const a of answers) for (const k of QUESTION_KEYS) counts[k][a[k]] += 1;
  const score = answers.length === 0 ? null : round1(answers.reduce((n, a) => n + answerScore(a), 0) / answers.length);
  return { answers: answers.length, counts, score };
}

/** The bounds of the satisfaction's weight in the final score. */
export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 0.5;
export const DEFAULT_SATISFACTION_WEIGHT = 0.1;

export function weightProblem(w: number): string | null {
  if (!Number.isFinite(w) || w < WEIGHT_MIN || w > WEIGHT_MAX) return `must be between ${WEIGHT_MIN} and ${WEIGHT_MAX}`;
  return null;
}

export interface FinalScore {
  checklist: number;
  /** null: no answers, so the satisfaction does not count and the final score is the checklist's. */
  satisfaction: number | null;
  weight: number;
  /** The weight actually applied: 0 without answers. */
  applied: number;
  score: number;
  grade: Grade;
}

/** final = checklist × (1 − w) + satisfaction × w, to one decimal; with no satisfaction, the checklist alone. */
export function finalScore(checklist: number, satisfaction: number | null, weight: number): FinalScore {
  const problem = weightProblem(weight);
  if (problem) throw new RangeError(`satisfaction weight ${weight} ${problem}`);
  const applied = satisfaction === null ? 0 : weight;
  const score = satisfaction === null ? checklist : round1(checklist * (1 - weight) + satisfaction * weight);
  return { checklist, satisfaction, weight, applied, score, grade: gradeOf(score) };
}
