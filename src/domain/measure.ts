/** How a measure (or an item without measures) is to be done: 立行立改 at once, 限期整改 by a date, 长期坚持 for good. */
export const MEASURE_KINDS = ['immediate', 'deadline', 'ongoing'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_KIND_ZH: Record<MeasureKind, string> = {
  immediate: '立行立改',
  deadline: '限期整改',
  ongoing: '长期坚持',
};

/**
 * A closed (已销号) item's measures are the record the close-out was approved on, so none is added after it; the office
 * reopens the item first. Any other state takes new measures.
 */
export function acceptsNewMeasures(state: string): boolean {
  return state !== 'closed';
}
