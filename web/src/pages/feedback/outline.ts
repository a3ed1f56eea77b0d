import type { Plan, PlanItem, PlanMeasure } from '../../api/queries/plan.ts';

/** A node of the outline: `aspect:12`, `aspect:none`, `problem:7`, `item:40`. */
export type NodeKey = string;
export const NO_ASPECT: NodeKey = 'aspect:none';

/** A measure with the item it belongs to, as the plan table and the lists show it. */
export interface MeasureRow extends PlanMeasure {
  item: PlanItem;
  /** 1-based position in the plan, for labels a screen reader can name. */
  row: number;
}

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
