import { type CommandContext, today } from '../context.ts';
import { isOverdue } from '../domain/deadline.ts';
import {
  AspectCorrespondence,
  type AspectShape,
  aspectShape,
  type RepeatReason,
  type RepeatSide,
  repeatOf,
} from '../domain/recurrence.ts';
import { DEFAULT_THRESHOLD, groupSimilar, shapeOf } from '../domain/similarity.ts';
import { authorizeInspection } from '../policies/authorize.ts';
import { readScope } from '../policies/policies.ts';
import {
  type CarriedItem,
  earlierInspectionIds,
  itemsOfInspections,
  listCarriedItems,
  type RecurrenceItem,
  roundItems,
} from '../repositories/recurrence.repository.ts';
import { aspectMappingsInto } from '../repositories/recurrence-mapping.repository.ts';
import { getRound } from '../repositories/rounds.repository.ts';

// 屡查屡犯 and 举一反三 as the actor may read them: carried-over items, repeats across rounds, common problems.

export interface CarriedItemView extends CarriedItem {
  overdue: boolean;
}

export async function carriedOverItems(ctx: CommandContext, inspectionId: number): Promise<CarriedItemView[]> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const day = today(ctx);
  return (await listCarriedItems(ctx.db, readScope(ctx.actor), inspectionId, day)).map((item) => ({
    ...item,
    overdue: isOverdue(item.deadline, item.state, day),
  }));
}

export interface Repeat {
  item: RecurrenceItem;
  earlier: { item: RecurrenceItem; similarity: number; reason: RepeatReason }[];
}

/**
 * 屡查屡犯: items of this inspection whose title is like an item of the same unit in an earlier inspection (an earlier
 * round, or an earlier inspection in the same one) under a corresponding aspect — the same one, the same name once
 * numbering and suffixes are gone, or a pair of the office's mapping between the rounds (`repeatOf`, issue 15) — or
 * very like it under any aspect. A unit has hundreds of items, not thousands, so each item is compared with each
 * earlier one.
 */
export async function findRepeats(
  ctx: CommandContext,
  inspectionId: number,
  threshold = DEFAULT_THRESHOLD,
): Promise<{ repeats: Repeat[]; itemIds: number[] }> {
  const inspection = await authorizeInspection(ctx, inspectionId, 'read');
  const earlierIds = await earlierInspectionIds(ctx.db, inspection);
  // Both sides keep to the ledger's scope: a repeat names the earlier item, which may be another department's or
  // another team's (issue 11: a team read a 不宜公开 title here).
  const scope = readScope(ctx.actor);
  const day = today(ctx);
  const [current, earlier, pairs] = await Promise.all([
    itemsOfInspections(ctx.db, scope, [inspectionId], day),
    itemsOfInspections(ctx.db, scope, earlierIds, day),
    aspectMappingsInto(ctx.db, inspection.roundId),
  ]);
  return matchRepeats(current, earlier, new AspectCorrespondence(pairs), threshold);
}

/** The pure half of findRepeats, apart for the benchmark: each current item against each earlier one. */
export function matchRepeats(
  current: RecurrenceItem[],
  earlier: RecurrenceItem[],
  mapping: AspectCorrespondence,
  threshold = DEFAULT_THRESHOLD,
): { repeats: Repeat[]; itemIds: number[] } {
  const aspectShapes = new Map<string, AspectShape>();
  const aspectShapeOf = (name: string) => {
    let shape = aspectShapes.get(name);
    if (!shape) {
      shape = aspectShape(name);
      aspectShapes.set(name, shape);
    }
    return shape;
  };
  const side = (item: RecurrenceItem): RepeatSide => ({
    roundId: item.roundId,
    aspectId: item.aspectId,
    aspect: item.aspect,
    title: shapeOf(item.title),
  });
  const earlierShaped = earlier.map((item) => ({ item, side: side(item) }));
  const repeats: Repeat[] = [];
  for (const item of current) {
    const later = side(item);
    const matches: Repeat['earlier'] = [];
    for (const e of earlierShaped) {
      const found = repeatOf(e.side, later, mapping, threshold, aspectShapeOf);
      if (found) matches.push({ item: e.item, ...found });
    }
    matches.sort((a, b) => b.similarity - a.similarity || b.item.roundId - a.item.roundId);
    if (matches.length > 0) repeats.push({ item, earlier: matches });
  }
  return { repeats, itemIds: repeats.map((r) => r.item.id) };
}

export interface CommonProblemMember extends RecurrenceItem {
  overdue: boolean;
}

export interface CommonProblem {
  key: string;
  label: string;
  aspectId: number | null;
  aspect: string | null;
  unitCount: number;
  itemCount: number;
  units: { unitId: number; unit: string; open: number; closed: number; overdue: number }[];
  members: CommonProblemMember[];
}

/**
 * 举一反三: the round's items the actor may read, grouped by similar title within an aspect, kept when at least
 * `minUnits` units share the problem, most widely shared first. A group's key names its aspect and its first item, so
 * it stays the same while the group's items do.
 */
export async function commonProblems(
  ctx: CommandContext,
  roundId: number,
  options: { threshold?: number; minUnits?: number } = {},
): Promise<CommonProblem[]> {
  await getRound(ctx.db, roundId);
  const day = today(ctx);
  const items = await roundItems(ctx.db, readScope(ctx.actor), roundId, day);
  const byId = new Map(items.map((item) => [item.id, item]));
  const groups = groupSimilar(
    items.map((item) => ({ key: item.id, block: item.aspectId, title: item.title })),
    options.threshold ?? DEFAULT_THRESHOLD,
  );
  const minUnits = options.minUnits ?? 2;
  const problems: CommonProblem[] = [];
  for (const group of groups) {
    const members = group.keys
      .map((id) => byId.get(id) as RecurrenceItem)
      .map((item) => ({ ...item, overdue: isOverdue(item.deadline, item.state, day) }))
      .sort((a, b) => a.unit.localeCompare(b.unit, 'zh') || a.id - b.id);
    const units = new Map<number, CommonProblem['units'][number]>();
    for (const m of members) {
      let unit = units.get(m.unitId);
      if (!unit) {
        unit = { unitId: m.unitId, unit: m.unit, open: 0, closed: 0, overdue: 0 };
        units.set(m.unitId, unit);
      }
      if (m.state === 'closed') unit.closed++;
      else unit.open++;
      if (m.overdue) unit.overdue++;
    }
    if (units.size < minUnits) continue;
    problems.push({
      key: `${group.block ?? 0}-${Math.min(...group.keys)}`,
      label: group.label,
      aspectId: members[0].aspectId,
      aspect: members[0].aspect,
      unitCount: units.size,
      itemCount: members.length,
      units: [...units.values()],
      members,
    });
  }
  return problems.sort((a, b) => b.unitCount - a.unitCount || b.itemCount - a.itemCount || a.key.localeCompare(b.key));
}
