import type { CommandContext } from '../context.ts';
import { ROLE_ZH, type Role } from '../domain/roles.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeUser } from '../policies/authorize.ts';
import { canManageAccounts, isAdministratorRole, isWithinActorTree, mayGrantRole } from '../policies/policies.ts';
import { authSourceOf } from '../repositories/directory-accounts.repository.ts';
import { getTeam } from '../repositories/rounds.repository.ts';
import { clearAccountAttempts, rememberPassword } from '../repositories/signin.repository.ts';
import { getUnit } from '../repositories/units.repository.ts';
import {
  type AccountChanges,
  countActiveWithRole,
  deleteSessionsOfUser,
  insertUser,
  patchUser,
  setPasswordHash,
  type User,
  usernameExists,
} from '../repositories/users.repository.ts';
import { checkedEmail, checkedPhone } from './channels.commands.ts';
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
  if (!mayGrantRole(ctx.actor, input.role, input.role)) throw appError('administrator_role_reserved');
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

/**
 * Account changes: the system administrator renames, moves, deactivates and resets a password ('manage'); a role and
 * the team that goes with it are granted by whoever grants roles ('grantRoles', then mayGrantRole); unlocking is
 * account security ('secure'). Each part of the change is authorised on its own, so one request cannot smuggle a part
 * its sender may not make.
 */
export async function updateUser(ctx: CommandContext, userId: number, version: number, input: UserChanges) {
  const { role: _role, teamId: _team, unlock: _unlock, ...managed } = input;
  const grants = input.role !== undefined || input.teamId !== undefined;
  const manages = Object.values(managed).some((v) => v !== undefined) || (!grants && !input.unlock);
  let before: User | undefined;
  if (manages) before = await authorizeUser(ctx, userId, 'manage');
  if (input.unlock) before = await authorizeUser(ctx, userId, 'secure');
  if (grants) before = await authorizeUser(ctx, userId, 'grantRoles');
  if (!before) throw AppError.forbidden();
  const changesRole = input.role !== undefined && input.role !== before.role;
  if (userId === ctx.actor.id && (input.active === false || changesRole)) throw appError('self_lockout');
  if (changesRole && input.role && !mayGrantRole(ctx.actor, before.role, input.role)) {
    throw appError('administrator_role_reserved');
  }
  if (changesRole || (input.active === false && before.active)) await keepOneOfEachAdministrator(ctx, before);
  const { unitId } = input;
  if (unitId !== undefined) {
    const unit = await getUnit(ctx.db, unitId).catch(() => {
      throw appError('unknown_unit', { unitId }, { fields: [{ field: 'unitId' }] });
    });
    if (!isWithinActorTree(ctx.actor, unit.path)) throw AppError.forbidden();
  }
  const role = input.role ?? before.role;
  const beforeUser = before;
  const teamId = input.teamId !== undefined ? input.teamId : before.teamId;
  if (role === 'team' && teamId === null) teamRequired();
  if (input.teamId) await getTeam(ctx.db, input.teamId);
  if (input.password !== undefined && (await authSourceOf(ctx.db, userId)) !== 'local') {
    throw appError('directory_managed_password', { fields: [{ field: 'password' }] });
  }
  if (input.password !== undefined) assertPasswordStrength(input.password, before.username);
  input.email = checkedEmail(input.email);
  input.phone = checkedPhone(input.phone);
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
      before: beforeUser,
      after: { ...shown, passwordReset: !!passwordHash },
    });
  });
}

/** Under 三员分立 the last active account of an administrator role is neither deactivated nor given another role. */
async function keepOneOfEachAdministrator(ctx: CommandContext, account: User) {
  if (!ctx.actor.separationOfDuties || !account.active || !isAdministratorRole(account.role)) return;
  if ((await countActiveWithRole(ctx.db, account.role)) <= 1) {
    throw appError('last_administrator', { role: ROLE_ZH[account.role] });
  }
}

/** The security administrator's unlock: the failed sign-ins, the delay and the lock are cleared; nothing else changes. */
export async function unlockUser(ctx: CommandContext, userId: number) {
  const account = await authorizeUser(ctx, userId, 'secure');
  await change(ctx, async ({ trx, audit }) => {
    await clearAccountAttempts(trx, userId);
    await audit({
      action: 'user.unlock',
      entity: 'user',
      entityId: userId,
      before: { lockedUntil: account.lockedUntil },
    });
  });
}

/** Ends every session of an account (a lost laptop, a suspected takeover); the owner signs in again. */
export async function endSessionsOf(ctx: CommandContext, userId: number) {
  await authorizeUser(ctx, userId, 'secure');
  await change(ctx, async ({ trx, audit }) => {
    await deleteSessionsOfUser(trx, userId);
    await audit({ action: 'user.sessions_end', entity: 'user', entityId: userId });
  });
}
