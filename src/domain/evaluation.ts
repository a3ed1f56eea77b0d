import { CodedError, type ErrorKey, type ErrorParams } from './error-codes.ts';

/**
 * 整改评估: the office scores a unit's rectification against a checklist of 100 points, deducting per entry, and grades
 * the total. The checklist and the grade bands are data so a locality can adopt its own without touching the rules.
 */

export interface ChecklistEntry {
  key: string;
  label: string;
  /** Full marks for the entry; the entries of a checklist add up to CHECKLIST_TOTAL. */
  points: number;
  /** What the entry looks at, for the person scoring. */
  guide: string;
}

export const CHECKLIST_TOTAL = 100;

export const DEFAULT_CHECKLIST: readonly ChecklistEntry[] = [
  {
    key: 'leadership',
    label: '组织领导',
    points: 15,
    guide: '成立整改领导小组，主要负责人履行第一责任人职责，专题研究部署',
  },
  { key: 'plan', label: '整改方案', points: 15, guide: '方案按时报送，问题、任务、责任清单完整，措施具体可行' },
  { key: 'ledger', label: '台账管理', points: 15, guide: '台账逐项建立、动态更新，佐证材料齐全，对账销号规范' },
  { key: 'completion', label: '按期完成率', points: 25, guide: '按期完成整改的事项占比，逾期和反弹事项扣分' },
  { key: 'rules', label: '建章立制', points: 10, guide: '针对共性问题建立或修订制度，形成长效机制' },
  { key: 'accountability', label: '问责追责', points: 10, guide: '对移交的问题线索和责任人依规依纪处理到位' },
  { key: 'disclosure', label: '公开通报', points: 10, guide: '按要求公开整改进展情况，回应群众意见建议' },
];

export const GRADES = ['good', 'fairly_good', 'average', 'poor'] as const;
export type Grade = (typeof GRADES)[number];

/** Lowest score of each grade, best first; a score below the last band is 差. */
export const GRADE_BANDS: readonly { grade: Grade; min: number }[] = [
  { grade: 'good', min: 90 },
  { grade: 'fairly_good', min: 80 },
  { grade: 'average', min: 60 },
];

export const GRADE_ZH: Record<Grade, string> = { good: '好', fairly_good: '较好', average: '一般', poor: '差' };

export interface ScoredEntry {
  key: string;
  label: string;
  points: number;
  deduction: number;
  note: string | null;
}

export interface EvaluationResult {
  entries: ScoredEntry[];
  score: number;
  grade: Grade;
}

export class EvaluationError<K extends ErrorKey = ErrorKey> extends CodedError<K> {
  override name = 'EvaluationError';
  constructor(
    key: K,
    params: ErrorParams<K>,
    readonly field: string,
  ) {
    super(key, params);
  }
}

/** Deductions go in half points, the customary smallest step. */
export const DEDUCTION_STEP = 0.5;
const STEP = DEDUCTION_STEP;
const isStep = (n: number) => Number.isFinite(n) && Math.abs(n / STEP - Math.round(n / STEP)) < 1e-9;

/**
 * What is wrong with one entry's deduction, if anything: outside 0 to the entry's points, or not in half points. The
 * page asks the same before a save, so a bad number is refused in words rather than clamped.
 */
export function deductionProblem(deduction: number, points: number): 'out_of_range' | 'off_step' | null {
  if (!Number.isFinite(deduction) || deduction < 0 || deduction > points) return 'out_of_range';
  return isStep(deduction) ? null : 'off_step';
}

export function gradeOf(score: number, bands: readonly { grade: Grade; min: number }[] = GRADE_BANDS): Grade {
  return bands.find((b) => score >= b.min)?.grade ?? 'poor';
}

/**
 * Checks a scored checklist and computes its score and grade. Every entry must be scored once; a deduction lies between
 * 0 and the entry's points; the entries' points add up to 100.
 */
export function evaluate(entries: readonly ScoredEntry[]): EvaluationResult {
  if (entries.length === 0) throw new EvaluationError('entries_required', undefined, 'entries');
  const keys = new Set<string>();
  let total = 0;
  let deducted = 0;
  for (const [i, e] of entries.entries()) {
    const field = `entries[${i}]`;
    if (!e.key.trim() || !e.label.trim()) {
      throw new EvaluationError('entry_incomplete', { index: i + 1 }, field);
    }
    if (keys.has(e.key)) {
      throw new EvaluationError('duplicate_entry', { label: e.label, key: e.key }, field);
    }
    keys.add(e.key);
    if (!isStep(e.points) || e.points <= 0) {
      throw new EvaluationError('bad_points', { label: e.label, key: e.key }, `${field}.points`);
    }
    if (deductionProblem(e.deduction, e.points) !== null) {
      throw new EvaluationError(
        'bad_deduction',
        { label: e.label, key: e.key, points: e.points },
        `${field}.deduction`,
      );
    }
    total += e.points;
    deducted += e.deduction;
  }
  if (Math.abs(total - CHECKLIST_TOTAL) > 1e-9) {
    throw new EvaluationError('points_not_100', { expected: CHECKLIST_TOTAL, total }, 'entries');
  }
  const score = CHECKLIST_TOTAL - deducted;
  return { entries: entries.map((e) => ({ ...e })), score, grade: gradeOf(score) };
}
