import type { CommandContext } from '../context.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeRound } from '../policies/authorize.ts';
import { canManageInspections } from '../policies/policies.ts';
import {
  countRoundOpenWork,
  getAspect,
  getTeam,
  insertAspect,
  insertRound,
  insertTeam,
  patchAspect,
  patchRound,
  patchTeam,
  type RoundChanges,
  setAspectOrder,
  setRoundArchived,
  type TeamChanges,
} from '../repositories/rounds.repository.ts';
import { getUnit } from '../repositories/units.repository.ts';
import { updateVersioned } from '../repositories/versioned.ts';
import { change } from './context.ts';

// Rounds with their aspects and teams, as the rounds routes serve them: the inspection office's to manage.

function requireManager(ctx: CommandContext) {
  if (!canManageInspections(ctx.actor)) throw AppError.forbidden();
}

export async function createRound(
  ctx: CommandContext,
  input: { committeeUnitId: number; name: string; startsOn: string | null; endsOn: string | null; aspects: string[] },
) {
  requireManager(ctx);
  await getUnit(ctx.db, input.committeeUnitId);
  checkRoundDates(input.startsOn, input.endsOn);
  if (new Set(input.aspects).size !== input.aspects.length) {
    throw appError('duplicate_aspect', { fields: [{ field: 'aspects' }] });
  }
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertRound(trx, input, ctx.now());
    await audit({ action: 'round.create', entity: 'round', entityId: id, after: input });
    return id;
  });
}

export async function addAspect(ctx: CommandContext, roundId: number, name: string) {
  const round = await authorizeRound(ctx, roundId, 'manage');
  if (round.aspects.some((a) => a.name === name)) {
    throw appError('aspect_exists', { name });
  }
  return change(ctx, async ({ trx, audit }) => {
    const aspect = await insertAspect(trx, roundId, name);
    await audit({ action: 'aspect.create', entity: 'aspect', entityId: aspect.id, after: aspect });
    return aspect;
  });
}

export async function createTeam(
  ctx: CommandContext,
  input: { roundId: number; name: string; leaderName: string | null },
) {
  const round = await authorizeRound(ctx, input.roundId, 'manage');
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertTeam(trx, { ...input, roundId: round.id }, ctx.now());
    await audit({ action: 'team.create', entity: 'team', entityId: id, after: input });
    return id;
  });
}

function checkRoundDates(startsOn: string | null, endsOn: string | null) {
  if (startsOn && endsOn && endsOn < startsOn) {
    throw appError('round_date_order', { fields: [{ field: 'endsOn' }] });
  }
}

/** Renames a round or corrects its dates; its aspects and teams are edited on their own. */
export async function updateRound(ctx: CommandContext, roundId: number, version: number, patch: RoundChanges) {
  const { aspects: _aspects, ...before } = await authorizeRound(ctx, roundId, 'manage');
  checkRoundDates(
    patch.startsOn !== undefined ? patch.startsOn : before.startsOn,
    patch.endsOn !== undefined ? patch.endsOn : before.endsOn,
  );
  await change(ctx, async ({ trx, audit }) => {
    await patchRound(trx, roundId, version, patch, ctx.now());
    await audit({ action: 'round.update', entity: 'round', entityId: roundId, before, after: patch });
  });
}

/** Renames an aspect; items and problems point at it by id, so the ledger shows the new name at once. */
export async function renameAspect(ctx: CommandContext, aspectId: number, version: number, name: string) {
  requireManager(ctx);
  const before = await getAspect(ctx.db, aspectId);
  const round = await authorizeRound(ctx, before.roundId, 'manage');
  if (round.aspects.some((a) => a.id !== aspectId && a.name === name)) {
    throw appError('aspect_exists', { name }, { fields: [{ field: 'name' }] });
  }
  await change(ctx, async ({ trx, audit }) => {
    await patchAspect(trx, aspectId, version, { name }, ctx.now());
    await audit({ action: 'aspect.update', entity: 'aspect', entityId: aspectId, before, after: { name } });
  });
}

/**
 * Puts a round's aspects in a new order. The order belongs to the round, so the round's version guards it: two people
 * reordering at once cannot interleave, and the list must name every aspect of the round exactly once.
 */
export async function reorderAspects(ctx: CommandContext, roundId: number, version: number, aspectIds: number[]) {
  const round = await authorizeRound(ctx, roundId, 'manage');
  const known = new Set(round.aspects.map((a) => a.id));
  const given = new Set(aspectIds);
  if (given.size !== aspectIds.length || given.size !== known.size || aspectIds.some((id) => !known.has(id))) {
    throw appError('aspect_order', { fields: [{ field: 'aspectIds' }], expected: [...known] });
  }
  const before = round.aspects.map((a) => a.id);
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'rounds', roundId, version, {}, ctx.now());
    await setAspectOrder(trx, roundId, aspectIds);
    await audit({
      action: 'aspect.reorder',
      entity: 'round',
      entityId: roundId,
      before: { aspectIds: before },
      after: { aspectIds },
    });
  });
}

/** Renames a team or records its leader. */
export async function updateTeam(ctx: CommandContext, teamId: number, version: number, patch: TeamChanges) {
  requireManager(ctx);
  const before = await getTeam(ctx.db, teamId);
  await authorizeRound(ctx, before.roundId, 'manage');
  await change(ctx, async ({ trx, audit }) => {
    await patchTeam(trx, teamId, version, patch, ctx.now());
    await audit({ action: 'team.update', entity: 'team', entityId: teamId, before, after: patch });
  });
}

// ---- archive (issue 12)

/**
 * Archives a finished round: read-only from then on (every write under it answers 409 round_archived, see
 * authorize.ts) and out of the default lists. Finished means nothing is left to do in it: every item 已销号, no
 * look-back waiting for its result (it could reopen an item) and no supervision order about its items still open. The
 * check and the write share the transaction, so the counts the refusal names are the ones the archive was refused on.
 */
export async function archiveRound(ctx: CommandContext, roundId: number) {
  const round = await authorizeRound(ctx, roundId, 'archive');
  if (round.archivedAt !== null) throw appError('round_already_archived');
  const at = ctx.now().toISOString();
  await change(ctx, async ({ trx, audit }) => {
    const open = await countRoundOpenWork(trx, roundId);
    if (open.openItems + open.pendingLookbacks + open.openOrders > 0) {
      throw appError('round_not_finished', open, open);
    }
    await setRoundArchived(trx, roundId, round.version, { at, by: ctx.actor.id }, ctx.now());
    await audit({
      action: 'round.archive',
      entity: 'round',
      entityId: roundId,
      before: { archivedAt: null, archivedBy: null },
      after: { archivedAt: at, archivedBy: ctx.actor.id },
    });
  });
}

/** Takes a round out of the archive (取消归档): writable again and back in the default lists. */
export async function unarchiveRound(ctx: CommandContext, roundId: number) {
  const round = await authorizeRound(ctx, roundId, 'archive');
  if (round.archivedAt === null) throw appError('round_not_archived');
  await change(ctx, async ({ trx, audit }) => {
    await setRoundArchived(trx, roundId, round.version, null, ctx.now());
    await audit({
      action: 'round.unarchive',
      entity: 'round',
      entityId: roundId,
      before: { archivedAt: round.archivedAt, archivedBy: round.archivedBy },
      after: { archivedAt: null, archivedBy: null },
    });
  });
}
