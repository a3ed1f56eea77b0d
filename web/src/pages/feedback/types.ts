import type { Inspection, ItemBasics, MeasureBasics, MeasureKind, PlanChoices } from '../../api/types.ts';

/** GET /api/plan/inspections/:id: the feedback tree and plan of one inspection. */
export interface PlanMeasure extends MeasureBasics {
  itemId: number;
}

export interface PlanItem extends ItemBasics {
  aspectId: number | null;
  problemId: number | null;
  description: string | null;
  suggestion: string | null;
  target: string | null;
  sortOrder: number;
  measures: PlanMeasure[];
}

export interface PlanProblem {
  id: number;
  aspectId: number | null;
  number: string | null;
  title: string;
  description: string | null;
  sortOrder: number;
  version: number;
}

export interface Plan extends PlanChoices {
  inspection: Inspection;
  aspects: { id: number; name: string }[];
  problems: PlanProblem[];
  items: PlanItem[];
}

/** A measure with the item it belongs to, as the plan table and the lists show it. */
export interface MeasureRow extends PlanMeasure {
  item: PlanItem;
  /** 1-based position in the plan, for labels a screen reader can name. */
  row: number;
}

export const MEASURE_KINDS: MeasureKind[] = ['immediate', 'deadline', 'ongoing'];

export function measureRows(plan: Plan): MeasureRow[] {
  let row = 0;
  return orderedItems(plan).flatMap((item) => item.measures.map((m) => ({ ...m, item, row: ++row })));
}

/** Items in the outline's order: aspect, then problem, then the item's own order. */
export function orderedItems(plan: Plan): PlanItem[] {
  const aspectRank = new Map(plan.aspects.map((a, i) => [a.id, i]));
  const problemRank = new Map(plan.problems.map((p, i) => [p.id, i]));
  const rank = (m: Map<number, number>, id: number | null) => (id === null ? -1 : (m.get(id) ?? m.size));
  return [...plan.items].sort(
    (a, b) =>
      rank(aspectRank, a.aspectId) - rank(aspectRank, b.aspectId) ||
      rank(problemRank, a.problemId) - rank(problemRank, b.problemId) ||
      a.sortOrder - b.sortOrder ||
      a.id - b.id,
  );
}
