import type { CommandContext } from '../context.ts';
import { addMonths } from '../domain/dates.ts';
import { AppError } from '../errors.ts';
import {
  canEditFeedback,
  canEditPlan,
  canManageAccounts,
  canManageInspections,
  canReadInspection,
  isWithinActorTree,
  type Role,
  type ScopedResource,
} from '../policies/policies.ts';
import {
  getInspection,
  getProblem,
  type InspectionInput,
  insertInspection,
  insertProblem,
  insertWorkLog,
  inspectionColumns,
  nextProblemSortOrder,
  type WorkLogKind,
} from '../repositories/inspections.repository.ts';
import { setAspectOfProblemItems } from '../repositories/items.repository.ts';
import {
  getAspect,
  getRound,
  getTeam,
  insertAspect,
  insertRound,
  insertTeam,
  setAspectOrder,
} from '../repositories/rounds.repository.ts';
import { findUnitByCode, getUnit, insertUnit, renameUnit, type UnitKind } from '../repositories/units.repository.ts';
import {
  deleteSessionsOfUser,
  getUser,
  insertUser,
  setPasswordHash,
  usernameExists,
} from '../repositories/users.repository.ts';
import { updateVersioned } from '../repositories/versioned.ts';
import { change } from './context.ts';
import { assertPasswordStrength, hashPassword } from './passwords.ts';
import { carryOverWithin } from './recurrence.commands.ts';

function requireRight(allowed: boolean) {
  if (!allowed) throw AppError.forbidden();
}

export async function createUnit(
  ctx: CommandContext,
  input: { parentId: number | null; name: string; code: string; kind: UnitKind; sortOrder?: number },
) {
  requireRight(canManageAccounts(ctx.actor));
  if (input.parentId !== null) {
    const parent = await getUnit(ctx.db, input.parentId).catch(() => {
      throw AppError.badRequest('unknown_parent', `上级单位 ${input.parentId} 不存在 / parent unit does not exist`);
    });
    if (!isWithinActorTree(ctx.actor, parent.path)) throw AppError.forbidden();
  }
  if (await findUnitByCode(ctx.db, input.code)) {
    throw AppError.conflict('duplicate_code', `单位编码“${input.code}”已被使用 / unit code already in use`, {
      fields: [{ field: 'code' }],
    });
  }
  return change(ctx, async ({ trx, audit }) => {
    const unit = await insertUnit(trx, input);
    await audit({ action: 'unit.create', entity: 'unit', entityId: unit.id, after: unit });
    return unit;
  });
}

export async function createUser(
  ctx: CommandContext,
  input: { username: string; displayName: string; password: string; role: Role; unitId: number; teamId: number | null },
) {
  requireRight(canManageAccounts(ctx.actor));
  const unit = await getUnit(ctx.db, input.unitId).catch(() => {
    throw AppError.badRequest('unknown_unit', `单位 ${input.unitId} 不存在 / unit does not exist`);
  });
  if (!isWithinActorTree(ctx.actor, unit.path)) throw AppError.forbidden();
  if (input.role === 'team' && input.teamId === null) {
    throw AppError.badRequest('team_required', '巡察组成员须指定所在巡察组 / an inspection-team user needs a team', {
      fields: [{ field: 'teamId' }],
    });
  }
  if (input.teamId !== null) await getTeam(ctx.db, input.teamId);
  assertPasswordStrength(input.password);
  if (await usernameExists(ctx.db, input.username)) {
    throw AppError.conflict('duplicate_username', `用户名“${input.username}”已存在 / username already taken`, {
      fields: [{ field: 'username' }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  return change(ctx, async ({ trx, audit }) => {
    const { password: _omit, ...shown } = input;
    const id = await insertUser(trx, { ...shown, passwordHash });
    await audit({ action: 'user.create', entity: 'user', entityId: id, after: shown });
    return id;
  });
}

export async function createRound(
  ctx: CommandContext,
  input: { committeeUnitId: number; name: string; startsOn: string | null; endsOn: string | null; aspects: string[] },
) {
  requireRight(canManageInspections(ctx.actor));
  await getUnit(ctx.db, input.committeeUnitId);
  checkRoundDates(input.startsOn, input.endsOn);
  if (new Set(input.aspects).size !== input.aspects.length) {
    throw AppError.badRequest('duplicate_aspect', '问题方面有重复 / an aspect is listed twice', {
      fields: [{ field: 'aspects' }],
    });
  }
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertRound(trx, input);
    await audit({ action: 'round.create', entity: 'round', entityId: id, after: input });
    return id;
  });
}

export async function addAspect(ctx: CommandContext, roundId: number, name: string) {
  requireRight(canManageInspections(ctx.actor));
  const round = await getRound(ctx.db, roundId);
  if (round.aspects.some((a) => a.name === name)) {
    throw AppError.conflict('duplicate_aspect', `本轮已有方面“${name}” / the round already has this aspect`);
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
  requireRight(canManageInspections(ctx.actor));
  const round = await getRound(ctx.db, input.roundId);
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertTeam(trx, { ...input, roundId: round.id });
    await audit({ action: 'team.create', entity: 'team', entityId: id, after: input });
    return id;
  });
}

function checkRoundDates(startsOn: string | null, endsOn: string | null) {
  if (startsOn && endsOn && endsOn < startsOn) {
    throw AppError.badRequest('date_order', '结束日期早于开始日期 / the end date is before the start date', {
      fields: [{ field: 'endsOn' }],
    });
  }
}

/** Renames a round or corrects its dates; its aspects and teams are edited on their own. */
export async function updateRound(
  ctx: CommandContext,
  roundId: number,
  version: number,
  patch: { name?: string; startsOn?: string | null; endsOn?: string | null },
) {
  requireRight(canManageInspections(ctx.actor));
  const { aspects: _aspects, ...before } = await getRound(ctx.db, roundId);
  checkRoundDates(
    patch.startsOn !== undefined ? patch.startsOn : before.startsOn,
    patch.endsOn !== undefined ? patch.endsOn : before.endsOn,
  );
  const values: Record<string, unknown> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.startsOn !== undefined) values.starts_on = patch.startsOn;
  if (patch.endsOn !== undefined) values.ends_on = patch.endsOn;
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'rounds', roundId, version, values);
    await audit({ action: 'round.update', entity: 'round', entityId: roundId, before, after: patch });
  });
}

/** Renames an aspect; items and problems point at it by id, so the ledger shows the new name at once. */
export async function renameAspect(ctx: CommandContext, aspectId: number, version: number, name: string) {
  requireRight(canManageInspections(ctx.actor));
  const before = await getAspect(ctx.db, aspectId);
  const round = await getRound(ctx.db, before.roundId);
  if (round.aspects.some((a) => a.id !== aspectId && a.name === name)) {
    throw AppError.conflict('duplicate_aspect', `本轮已有方面“${name}” / the round already has this aspect`, {
      fields: [{ field: 'name' }],
    });
  }
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'aspects', aspectId, version, { name });
    await audit({ action: 'aspect.update', entity: 'aspect', entityId: aspectId, before, after: { name } });
  });
}

/**
 * Puts a round's aspects in a new order. The order belongs to the round, so the round's version guards it: two people
 * reordering at once cannot interleave, and the list must name every aspect of the round exactly once.
 */
export async function reorderAspects(ctx: CommandContext, roundId: number, version: number, aspectIds: number[]) {
  requireRight(canManageInspections(ctx.actor));
  const round = await getRound(ctx.db, roundId);
  const known = new Set(round.aspects.map((a) => a.id));
  const given = new Set(aspectIds);
  if (given.size !== aspectIds.length || given.size !== known.size || aspectIds.some((id) => !known.has(id))) {
    throw AppError.badRequest(
      'aspect_order',
      '排序须恰好列出本轮的每个问题方面各一次 / the order must list each of the round’s aspects exactly once',
      { fields: [{ field: 'aspectIds' }], expected: [...known] },
    );
  }
  const before = round.aspects.map((a) => a.id);
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'rounds', roundId, version, {});
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
export async function updateTeam(
  ctx: CommandContext,
  teamId: number,
  version: number,
  patch: { name?: string; leaderName?: string | null },
) {
  requireRight(canManageInspections(ctx.actor));
  const before = await getTeam(ctx.db, teamId);
  const values: Record<string, unknown> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.leaderName !== undefined) values.leader_name = patch.leaderName;
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'teams', teamId, version, values);
    await audit({ action: 'team.update', entity: 'team', entityId: teamId, before, after: patch });
  });
}

/** Date order of PRODUCT.md: from ≤ to < feedback; the report is due a configurable number of months after feedback. */
function checkInspectionDates(
  ctx: CommandContext,
  input: Omit<InspectionInput, 'reportDueOn'> & { reportDueOn?: string | null },
): InspectionInput {
  const fields: { field: string; message: string }[] = [];
  if (input.to < input.from) fields.push({ field: 'to', message: `must be on or after ${input.from}` });
  if (input.feedbackOn && input.feedbackOn <= input.to)
    fields.push({ field: 'feedbackOn', message: `must be after ${input.to}` });
  if (input.concentratedUntil && input.feedbackOn && input.concentratedUntil < input.feedbackOn) {
    fields.push({ field: 'concentratedUntil', message: `must be on or after ${input.feedbackOn}` });
  }
  if (fields.length) {
    throw AppError.badRequest(
      'date_order',
      '日期先后不对：巡察开始 ≤ 结束 < 反馈 ≤ 集中整改期结束 / dates are out of order',
      { fields },
    );
  }
  const reportDueOn =
    input.reportDueOn ?? (input.feedbackOn ? addMonths(input.feedbackOn, ctx.config.reportMonths) : null);
  return { ...input, reportDueOn };
}

export async function createInspection(
  ctx: CommandContext,
  raw: Omit<InspectionInput, 'reportDueOn'> & { reportDueOn?: string | null },
) {
  requireRight(canManageInspections(ctx.actor));
  const input = checkInspectionDates(ctx, raw);
  const [team, unit] = await Promise.all([getTeam(ctx.db, input.teamId), getUnit(ctx.db, input.unitId)]);
  if (team.roundId !== input.roundId) {
    throw AppError.badRequest('team_outside_round', '巡察组不属于所选轮次 / the team belongs to another round', {
      fields: [{ field: 'teamId' }],
    });
  }
  if (unit.kind !== 'unit') {
    throw AppError.badRequest('not_inspectable', `“${unit.name}”不是被巡察单位 / not an inspected unit`, {
      fields: [{ field: 'unitId' }],
    });
  }
  if (!isWithinActorTree(ctx.actor, unit.path)) throw AppError.forbidden();
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertInspection(trx, input);
    await audit({ action: 'inspection.create', entity: 'inspection', entityId: id, after: input });
    await carryOverWithin({ trx, audit }, id, ctx.now());
    return id;
  });
}

export async function updateInspection(
  ctx: CommandContext,
  id: number,
  version: number,
  patch: Partial<Omit<InspectionInput, 'roundId' | 'unitId'>>,
) {
  requireRight(canManageInspections(ctx.actor));
  const before = await getInspection(ctx.db, id);
  if (!isWithinActorTree(ctx.actor, before.unitPath)) throw AppError.notFound('inspection', id);
  const merged = checkInspectionDates(ctx, {
    roundId: before.roundId,
    unitId: before.unitId,
    teamId: patch.teamId ?? before.teamId,
    kind: patch.kind ?? before.kind,
    from: patch.from ?? before.from,
    to: patch.to ?? before.to,
    feedbackOn: patch.feedbackOn !== undefined ? patch.feedbackOn : before.feedbackOn,
    concentratedUntil: patch.concentratedUntil !== undefined ? patch.concentratedUntil : before.concentratedUntil,
    reportDueOn:
      patch.reportDueOn !== undefined ? patch.reportDueOn : patch.feedbackOn !== undefined ? null : before.reportDueOn,
  });
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'inspections', id, version, inspectionColumns(merged));
    await audit({ action: 'inspection.update', entity: 'inspection', entityId: id, before, after: merged });
  });
}

async function inspectionScope(ctx: CommandContext, inspectionId: number): Promise<ScopedResource> {
  const inspection = await getInspection(ctx.db, inspectionId);
  const scope = { unitPath: inspection.unitPath, teamId: inspection.teamId, departmentPaths: [] };
  if (!canReadInspection(ctx.actor, scope)) throw AppError.notFound('inspection', inspectionId);
  return scope;
}

export async function createProblem(
  ctx: CommandContext,
  inspectionId: number,
  input: { aspectId: number | null; number: string | null; title: string; description: string | null },
) {
  const scope = await inspectionScope(ctx, inspectionId);
  requireRight(canEditFeedback(ctx.actor, scope));
  if (input.aspectId !== null) {
    const [aspect, inspection] = await Promise.all([
      getAspect(ctx.db, input.aspectId),
      getInspection(ctx.db, inspectionId),
    ]);
    if (aspect.roundId !== inspection.roundId) {
      throw AppError.badRequest(
        'aspect_outside_round',
        '所选方面不属于本轮巡察 / the aspect belongs to another round',
        { fields: [{ field: 'aspectId' }] },
      );
    }
  }
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertProblem(trx, {
      inspectionId,
      ...input,
      sortOrder: await nextProblemSortOrder(trx, inspectionId),
    });
    await audit({ action: 'problem.create', entity: 'problem', entityId: id, after: { inspectionId, ...input } });
    return id;
  });
}

export async function addWorkLog(
  ctx: CommandContext,
  inspectionId: number,
  input: { kind: WorkLogKind; heldOn: string; title: string; note: string | null },
) {
  const scope = await inspectionScope(ctx, inspectionId);
  requireRight(canEditPlan(ctx.actor, scope));
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertWorkLog(trx, { inspectionId, ...input, createdBy: ctx.actor.id });
    await audit({ action: 'work_log.create', entity: 'work_log', entityId: id, after: { inspectionId, ...input } });
    return id;
  });
}

export { inspectionScope };

export interface UserChanges {
  displayName?: string;
  role?: Role;
  unitId?: number;
  teamId?: number | null;
  active?: boolean;
  unlock?: boolean;
  password?: string;
}

/** Account changes by the administrator: role, unit, team, deactivation, unlock, password reset. */
export async function updateUser(ctx: CommandContext, userId: number, version: number, input: UserChanges) {
  requireRight(canManageAccounts(ctx.actor));
  const before = await getUser(ctx.db, userId);
  const beforeUnit = await getUnit(ctx.db, before.unitId);
  if (!isWithinActorTree(ctx.actor, beforeUnit.path)) throw AppError.notFound('user', userId);
  if (userId === ctx.actor.id && (input.active === false || (input.role && input.role !== ctx.actor.role))) {
    throw AppError.conflict(
      'self_lockout',
      '不能停用自己的账号或修改自己的角色 / you cannot deactivate yourself or change your own role',
    );
  }
  if (input.unitId !== undefined) {
    const unit = await getUnit(ctx.db, input.unitId).catch(() => {
      throw AppError.badRequest('unknown_unit', `单位 ${input.unitId} 不存在 / unit does not exist`, {
        fields: [{ field: 'unitId' }],
      });
    });
    if (!isWithinActorTree(ctx.actor, unit.path)) throw AppError.forbidden();
  }
  const role = input.role ?? before.role;
  const teamId = input.teamId !== undefined ? input.teamId : before.teamId;
  if (role === 'team' && teamId === null) {
    throw AppError.badRequest('team_required', '巡察组成员须指定所在巡察组 / an inspection-team user needs a team', {
      fields: [{ field: 'teamId' }],
    });
  }
  if (input.teamId) await getTeam(ctx.db, input.teamId);
  if (input.password !== undefined) assertPasswordStrength(input.password);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const patch: Record<string, unknown> = {};
  if (input.displayName !== undefined) patch.display_name = input.displayName;
  if (input.role !== undefined) patch.role = input.role;
  if (input.unitId !== undefined) patch.unit_id = input.unitId;
  if (input.teamId !== undefined) patch.team_id = input.teamId;
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  if (input.unlock) {
    patch.failed_logins = 0;
    patch.locked_until = null;
  }
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'users', userId, version, patch);
    if (passwordHash) await setPasswordHash(trx, userId, passwordHash);
    // A changed role, unit, password or a deactivation takes effect now, not at the next sign-in.
    if (input.active === false || input.role || input.unitId || input.teamId !== undefined || passwordHash) {
      await deleteSessionsOfUser(trx, userId);
    }
    const { password: _omit, ...shown } = input;
    await audit({
      action: 'user.update',
      entity: 'user',
      entityId: userId,
      before,
      after: { ...shown, passwordReset: !!passwordHash },
    });
  });
}

/** Corrects a feedback problem; its items follow a changed aspect so the ledger's aspect column stays true. */
export async function updateProblem(
  ctx: CommandContext,
  problemId: number,
  version: number,
  input: { aspectId?: number | null; number?: string | null; title?: string; description?: string | null },
) {
  const before = await getProblem(ctx.db, problemId);
  const scope = await inspectionScope(ctx, before.inspectionId);
  requireRight(canEditFeedback(ctx.actor, scope));
  if (input.aspectId) {
    const [aspect, inspection] = await Promise.all([
      getAspect(ctx.db, input.aspectId),
      getInspection(ctx.db, before.inspectionId),
    ]);
    if (aspect.roundId !== inspection.roundId) {
      throw AppError.badRequest(
        'aspect_outside_round',
        '所选方面不属于本轮巡察 / the aspect belongs to another round',
        {
          fields: [{ field: 'aspectId' }],
        },
      );
    }
  }
  const patch: Record<string, unknown> = {};
  if (input.aspectId !== undefined) patch.aspect_id = input.aspectId;
  if (input.number !== undefined) patch.number = input.number;
  if (input.title !== undefined) patch.title = input.title;
  if (input.description !== undefined) patch.description = input.description;
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'problems', problemId, version, patch);
    if (input.aspectId !== undefined) {
      await setAspectOfProblemItems(trx, problemId, input.aspectId);
    }
    await audit({ action: 'problem.update', entity: 'problem', entityId: problemId, before, after: patch });
  });
}

/** Renames or reorders a unit; its place in the tree (and so everyone's access) does not move. */
export async function updateUnit(
  ctx: CommandContext,
  unitId: number,
  version: number,
  patch: { name?: string; sortOrder?: number },
) {
  requireRight(canManageAccounts(ctx.actor));
  const before = await getUnit(ctx.db, unitId);
  if (!isWithinActorTree(ctx.actor, before.path)) throw AppError.notFound('unit', unitId);
  await change(ctx, async ({ trx, audit }) => {
    await renameUnit(trx, unitId, version, patch);
    await audit({ action: 'unit.update', entity: 'unit', entityId: unitId, before, after: patch });
  });
}
