import type { CommandContext } from '../context.ts';
import type { Role } from '../domain/roles.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeUser } from '../policies/authorize.ts';
import { canManageAccounts, isWithinActorTree } from '../policies/policies.ts';
import { getTeam } from '../repositories/rounds.repository.ts';
import { rememberPassword } from '../repositories/signin.repository.ts';
import { getUnit } from '../repositories/units.repository.ts';
import {
  type AccountChanges,
  deleteSessionsOfUser,
  insertUser,
  patchUser,
  setPasswordHash,
  usernameExists,
} from '../repositories/users.repository.ts';
import { change } from './context.ts';
import { assertPasswordStrength, hashPassword, PASSWORD_HISTORY } from './passwords.ts';

function teamRequired(): never {
  throw appError('team_required', { fields: [{ field: 'teamId' }] });
}

export async function createUser(
  ctx: CommandContext,
  input: { username: string; displayName: string; password: string; role: Role; unitId: number; teamId: number | null },
) {
  if (!canManageAccounts(ctx.actor)) throw AppError.forbidden();
  const unit = await getUnit(ctx.db, input.unitId).catch(() => {
    throw appError('unknown_unit', { unitId: input.unitId });
  });
  if (!isWithinActorTree(ctx.actor, unit.path)) throw AppError.forbidden();
  if (input.role === 'team' && input.teamId === null) teamRequired();
  if (input.teamId !== null) await getTeam(ctx.db, input.teamId);
  assertPasswordStrength(input.password, input.username);
  if (await usernameExists(ctx.db, input.username)) {
    throw appError('duplicate_username', { username: input.username }, { fields: [{ field: 'username' }] });
  }
  const passwordHash = await hashPassword(input.password);
  return change(ctx, async ({ trx, audit }) => {
    const { password: _omit, ...shown } = input;
    // Someone else chose this password: the owner changes it at first sign-in.
    const id = await insertUser(trx, { ...shown, passwordHash, mustChangePassword: true }, ctx.now());
    await audit({ action: 'user.create', entity: 'user', entityId: id, after: shown });
    return id;
  });
}

/** What the administrator changes on an account, a password reset included. */
export type UserChanges = AccountChanges & { password?: string };

/** Account changes by the administrator: role, unit, team, deactivation, unlock, password reset. */
export async function updateUser(ctx: CommandContext, userId: number, version: number, input: UserChanges) {
  const before = await authorizeUser(ctx, userId, 'manage');
  if (userId === ctx.actor.id && (input.active === false || (input.role && input.role !== ctx.actor.role))) {
    throw appError('self_lockout');
  }
  const { unitId } = input;
  if (unitId !== undefined) {
    const unit = await getUnit(ctx.db, unitId).catch(() => {
      throw appError('unknown_unit', { unitId }, { fields: [{ field: 'unitId' }] });
    });
    if (!isWithinActorTree(ctx.actor, unit.path)) throw AppError.forbidden();
  }
  const role = input.role ?? before.role;
  const teamId = input.teamId !== undefined ? input.teamId : before.teamId;
  if (role === 'team' && teamId === null) teamRequired();
  if (input.teamId) await getTeam(ctx.db, input.teamId);
  if (input.password !== undefined) assertPasswordStrength(input.password, before.username);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const { password: _omit, ...shown } = input;
  await change(ctx, async ({ trx, audit }) => {
    await patchUser(trx, userId, version, shown, ctx.now());
    if (passwordHash) {
      // A reset by someone else must be changed at the owner's next sign-in.
      await setPasswordHash(trx, userId, passwordHash, ctx.now(), userId !== ctx.actor.id);
      await rememberPassword(trx, userId, passwordHash, PASSWORD_HISTORY, ctx.now());
    }
    // A changed role, unit, password or a deactivation takes effect now, not at the next sign-in.
    if (input.active === false || input.role || input.unitId || input.teamId !== undefined || passwordHash) {
      await deleteSessionsOfUser(trx, userId);
    }
    await audit({
      action: 'user.update',
      entity: 'user',
      entityId: userId,
      before,
      after: { ...shown, passwordReset: !!passwordHash },
    });
  });
}
