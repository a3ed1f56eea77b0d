import type { CommandContext } from '../context.ts';
import type { UnitKind } from '../domain/units.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeUnit } from '../policies/authorize.ts';
import { canManageAccounts, isWithinActorTree } from '../policies/policies.ts';
import { findUnitByCode, getUnit, insertUnit, renameUnit, type UnitChanges } from '../repositories/units.repository.ts';
import { change } from './context.ts';

export async function createUnit(
  ctx: CommandContext,
  input: { parentId: number | null; name: string; code: string; kind: UnitKind; sortOrder?: number },
) {
  if (!canManageAccounts(ctx.actor)) throw AppError.forbidden();
  const { parentId } = input;
  if (parentId !== null) {
    const parent = await getUnit(ctx.db, parentId).catch(() => {
      throw appError('unknown_parent', { parentId });
    });
    if (!isWithinActorTree(ctx.actor, parent.path)) throw AppError.forbidden();
  }
  if (await findUnitByCode(ctx.db, input.code)) {
    throw appError('duplicate_code', { code: input.code }, { fields: [{ field: 'code' }] });
  }
  return change(ctx, async ({ trx, audit }) => {
    const unit = await insertUnit(trx, input, ctx.now());
    await audit({ action: 'unit.create', entity: 'unit', entityId: unit.id, after: unit });
    return unit;
  });
}

/** Renames or reorders a unit; its place in the tree (and so everyone's access) does not move. */
export async function updateUnit(ctx: CommandContext, unitId: number, version: number, patch: UnitChanges) {
  const before = await authorizeUnit(ctx, unitId, 'manage');
  await change(ctx, async ({ trx, audit }) => {
    await renameUnit(trx, unitId, version, patch, ctx.now());
    await audit({ action: 'unit.update', entity: 'unit', entityId: unitId, before, after: patch });
  });
}
