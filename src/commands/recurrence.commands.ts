import { type CommandContext, today } from '../context.ts';
import { isOverdue } from '../domain/deadline.ts';
import { DEFAULT_THRESHOLD, groupSimilar, shapeOf, shapeSimilarity, type TitleShape } from '../domain/similarity.ts';
import { AppError } from '../errors.ts';
import { canManageInspections, canReadInspection, isWithinActorTree, readScope } from '../policies/policies.ts';
import { getInspection, type Inspection } from '../repositories/inspections.repository.ts';
import {
  type CarriedItem,
  carriedItemIds,
  earlierInspectionIds,
  insertCarriedItems,
  itemsOfInspections,
  listCarriedItems,
  openItemIdsOf,
  type RecurrenceItem,
  roundItems,
} from '../repositories/recurrence.repository.ts';
import { getRound } from '../repositories/rounds.repository.ts';
import { change, type Unit } from './context.ts';
import { createSupervisionOrders } from './supervision.commands.ts';

async function readableInspection(ctx: CommandContext, inspectionId: number): Promise<Inspection> {
  const inspection = await getInspection(ctx.db, inspectionId);
  if (!canReadInspection(ctx.actor, { unitPath: inspection.unitPath, teamId: inspection.teamId })) {
    throw AppError.notFound('inspection', inspectionId);
  }
  return inspection;
}

/**
 * Links the open items of the unit's earlier inspections to this one, inside a running change. Links already made stay
 * as they were, so running it again adds only what was opened (or reopened) since; nothing added, nothing audited.
 */
export async function carryOverWithin(u: Unit, inspectionId: number, now: Date): Promise<number[]> {
  const inspection = await getInspection(u.trx, inspectionId);
  const open = await openItemIdsOf(u.trx, await earlierInspectionIds(u.trx, inspection));
  const already = new Set(await carriedItemIds(u.trx, inspectionId));
  const added = open.filter((id) => !already.has(id));
  if (added.length === 0) return [];
  await insertCarriedItems(u.trx, inspectionId, added, now.toISOString());
  await u.audit({
    action: 'inspection.carry_over',
    entity: 'inspection',
    entityId: inspectionId,
    after: { itemIds: added },
  });
  return added;
}

/** The office carries a unit's still-open items into its next inspection (POST /api/inspections/:id/carry-over). */
export async function carryOverOpenItems(ctx: CommandContext, inspectionId: number) {
  const inspection = await getInspection(ctx.db, inspectionId);
  if (!isWithinActorTree(ctx.actor, inspection.unitPath)) throw AppError.notFound('inspection', inspectionId);
  if (!canManageInspections(ctx.actor)) throw AppError.forbidden();
  const added = await change(ctx, (u) => carryOverWithin(u, inspectionId, ctx.now()));
  return { added: added.length, itemIds: added };
}

export interface CarriedItemView extends CarriedItem {
  overdue: boolean;
}

export async function carriedOverItems(ctx: CommandContext, inspectionId: number): Promise<CarriedItemView[]> {
  await readableInspection(ctx, inspectionId);
  const day = today(ctx);
  return (await listCarriedItems(ctx.db, inspectionId)).map((item) => ({
    ...item,
    overdue: isOverdue(item.deadline, item.state, day),
  }));
}

/** Aspect names match when they are alike; an item without an aspect may repeat one with any. */
function sameAspect(a: TitleShape | null, b: TitleShape | null, threshold: number): boolean {
  if (a === null || b === null) return true;
  return shapeSimilarity(a, b) >= threshold;
}

export interface Repeat {
  item: RecurrenceItem;
  earlier: { item: RecurrenceItem; similarity: number }[];
}

/**
 * 屡查屡犯: items of this inspection whose title is like an item of the same unit in an earlier inspection (an earlier
 * round, or an earlier inspection in the same one) under a like aspect. A unit has hundreds of items, not thousands, so
 * each item is compared with each earlier one.
 */
export async function findRepeats(
  ctx: CommandContext,
  inspectionId: number,
  threshold = DEFAULT_THRESHOLD,
): Promise<{ repeats: Repeat[]; itemIds: number[] }> {
  const inspection = await readableInspection(ctx, inspectionId);
  const earlierIds = await earlierInspectionIds(ctx.db, inspection);
  const [current, earlier] = await Promise.all([
    itemsOfInspections(ctx.db, [inspectionId]),
    itemsOfInspections(ctx.db, earlierIds),
  ]);
  const aspectShapes = new Map<string, TitleShape>();
  const aspectShape = (name: string | null) => {
    if (name === null) return null;
    let shape = aspectShapes.get(name);
    if (!shape) {
      shape = shapeOf(name);
      aspectShapes.set(name, shape);
    }
    return shape;
  };
  const earlierShaped = earlier.map((item) => ({ item, shape: shapeOf(item.title), aspect: aspectShape(item.aspect) }));
  const repeats: Repeat[] = [];
  for (const item of current) {
    const shape = shapeOf(item.title);
    const aspect = aspectShape(item.aspect);
    const matches = earlierShaped
      .filter((e) => sameAspect(aspect, e.aspect, threshold))
      .map((e) => ({ item: e.item, similarity: round2(shapeSimilarity(shape, e.shape)) }))
      .filter((m) => m.similarity >= threshold)
      .sort((a, b) => b.similarity - a.similarity || b.item.roundId - a.item.roundId);
    if (matches.length > 0) repeats.push({ item, earlier: matches });
  }
  return { repeats, itemIds: repeats.map((r) => r.item.id) };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

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

export interface CommonProblemOrder {
  groupKey?: string;
  itemIds?: number[];
  title: string;
  content: string;
  dueOn: string;
}

/**
 * One supervision order to each unit sharing a common problem, all or nothing (createSupervisionOrders checks every
 * target before writing). The group is named by its key or by its items, which must all belong to the round.
 */
export async function orderCommonProblem(ctx: CommandContext, roundId: number, input: CommonProblemOrder) {
  const units = await targetUnits(ctx, roundId, input);
  const result = await createSupervisionOrders(ctx, {
    targets: units.map((unitId) => ({ unitId })),
    title: input.title,
    content: input.content,
    dueOn: input.dueOn,
  });
  return { ...result, unitIds: units };
}

async function targetUnits(ctx: CommandContext, roundId: number, input: CommonProblemOrder): Promise<number[]> {
  if ((input.groupKey === undefined) === (input.itemIds === undefined)) {
    throw AppError.badRequest(
      'group_or_items',
      '请指定共性问题或其事项（二者选一） / name the common problem by groupKey or by itemIds, not both',
      { fields: [{ field: 'groupKey' }] },
    );
  }
  if (input.groupKey !== undefined) {
    const group = (await commonProblems(ctx, roundId, { minUnits: 1 })).find((g) => g.key === input.groupKey);
    if (!group) {
      throw AppError.badRequest('unknown_group', `共性问题“${input.groupKey}”不存在 / no such common problem`, {
        fields: [{ field: 'groupKey' }],
      });
    }
    return group.units.map((u) => u.unitId);
  }
  await getRound(ctx.db, roundId);
  const ids = [...new Set(input.itemIds)];
  const readable = new Map(
    (await roundItems(ctx.db, readScope(ctx.actor), roundId, today(ctx))).map((item) => [item.id, item]),
  );
  const unitIds: number[] = [];
  for (const [index, id] of ids.entries()) {
    const item = readable.get(id);
    if (!item) {
      throw AppError.badRequest('item_outside_round', `事项 ${id} 不属于本轮巡察 / the item is not in this round`, {
        fields: [{ field: `itemIds[${index}]` }],
      });
    }
    if (!unitIds.includes(item.unitId)) unitIds.push(item.unitId);
  }
  return unitIds;
}
