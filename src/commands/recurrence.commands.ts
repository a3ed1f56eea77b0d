import { type CommandContext, today } from '../context.ts';
import { checkMapping, type MappingInput, mappingRows } from '../domain/recurrence.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeInspection, authorizeRound } from '../policies/authorize.ts';
import { canSupervise, readScope } from '../policies/policies.ts';
import { commonProblems } from '../queries/recurrence.queries.ts';
import { getAspectMapping } from '../queries/recurrence-mapping.queries.ts';
import { getInspection } from '../repositories/inspections.repository.ts';
import {
  carriedItemIds,
  earlierInspectionIds,
  insertCarriedItems,
  openItemIdsOf,
  roundItems,
} from '../repositories/recurrence.repository.ts';
import { aspectMappingOf, replaceAspectMapping } from '../repositories/recurrence-mapping.repository.ts';
import { getRound } from '../repositories/rounds.repository.ts';
import { lockRow } from '../repositories/row-locks.ts';
import { change, type Unit } from './context.ts';
import { createSupervisionOrders } from './supervision.commands.ts';

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
  await authorizeInspection(ctx, inspectionId, 'carryOver');
  const added = await change(ctx, (u) => carryOverWithin(u, inspectionId, ctx.now()));
  return { added: added.length, itemIds: added };
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
  // Refused to a role that may never supervise before the group is looked up, so the answer says nothing of the round.
  if (!canSupervise(ctx.actor, ctx.actor.unitPath)) throw AppError.forbidden();
  await authorizeRound(ctx, roundId, 'manage');
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
    throw appError('group_or_items', { fields: [{ field: 'groupKey' }] });
  }
  if (input.groupKey !== undefined) {
    const group = (await commonProblems(ctx, roundId, { minUnits: 1 })).find((g) => g.key === input.groupKey);
    if (!group) {
      throw appError('unknown_group', { groupKey: input.groupKey }, { fields: [{ field: 'groupKey' }] });
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
      throw appError('item_outside_round', { itemId: id }, { fields: [{ field: `itemIds[${index}]` }] });
    }
    if (!unitIds.includes(item.unitId)) unitIds.push(item.unitId);
  }
  return unitIds;
}

/**
 * The office saves its mapping from an earlier round's aspects to a later round's (issue 15), replacing the one saved
 * before, in one audited transaction. Every earlier aspect named must be the earlier round's, every later one the later
 * round's; a round is never mapped to itself. Refused whole: nothing is saved.
 */
export async function saveAspectMapping(
  ctx: CommandContext,
  laterRoundId: number,
  earlierRoundId: number,
  pairs: MappingInput[],
) {
  const later = await authorizeRound(ctx, laterRoundId, 'manage');
  const earlier = await getRound(ctx.db, earlierRoundId);
  const problem = checkMapping(
    earlierRoundId,
    laterRoundId,
    earlier.aspects.map((a) => a.id),
    later.aspects.map((a) => a.id),
    pairs,
  );
  if (problem) {
    if (problem.kind === 'same_round')
      throw appError('aspect_mapping_same_round', { fields: [{ field: 'earlierRoundId' }] });
    const field = { fields: [{ field: `pairs[${problem.index}]` }] };
    if (problem.kind === 'duplicate_earlier_aspect')
      throw appError('aspect_mapped_twice', { aspectId: problem.aspectId }, field);
    const round = problem.kind === 'earlier_aspect_not_of_round' ? earlier.name : later.name;
    throw appError('aspect_not_of_round', { aspectId: problem.aspectId, round }, field);
  }
  const rows = mappingRows(earlierRoundId, laterRoundId, pairs);
  await change(ctx, async ({ trx, audit }) => {
    // Two saves at once: the second waits, then replaces the first's rows rather than adding its own beside them.
    await lockRow(trx, 'rounds', laterRoundId);
    const before = await aspectMappingOf(trx, earlierRoundId, laterRoundId);
    await replaceAspectMapping(trx, earlierRoundId, laterRoundId, rows, ctx.actor.id, ctx.now());
    await audit({
      action: 'round.aspect_mapping',
      entity: 'round',
      entityId: laterRoundId,
      before: { earlierRoundId, pairs: before.map((p) => [p.earlierAspectId, p.laterAspectId]) },
      after: { earlierRoundId, pairs: rows.map((p) => [p.earlierAspectId, p.laterAspectId]) },
    });
  });
  return getAspectMapping(ctx, laterRoundId, earlierRoundId);
}
