import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError, appError } from '../errors.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  deleteSession,
  deleteSessionsOfUser,
  findCredentials,
  getPasswordHash,
  recordLoginFailure,
  setPasswordHash,
} from '../repositories/users.repository.ts';
import { assertPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { sessionIdHash, startSession } from './session-start.ts';
import { beginSecondFactor, hasTwoFactor } from './two-factor.commands.ts';

export { sessionIdHash } from './session-start.ts';

// A fixed hash to verify against when the username is unknown, so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

export async function login(db: Db, config: Config, username: string, password: string, now: Date) {
  const creds = await findCredentials(db, username);
  const refused = AppError.unauthorized('wrong_credentials');
  if (!creds) {
    dummyHash ??= hashPassword('not-a-real-password-Aa1!');
    await verifyPassword(await dummyHash, password);
    throw refused;
  }
  if (creds.lockedUntil && creds.lockedUntil > now.toISOString()) {
    throw appError('account_locked', { lockedUntil: creds.lockedUntil }, { lockedUntil: creds.lockedUntil });
  }
  if (!creds.active) throw refused;
  const ok = await verifyPassword(creds.passwordHash, password);
  if (!ok) {
    const failed = creds.failedLogins + 1;
    const lock = failed >= config.lockoutAttempts;
    const lockedUntil = lock ? new Date(now.getTime() + config.lockoutMinutes * 60_000).toISOString() : null;
    await db.transaction().execute(async (trx) => {
      await recordLoginFailure(trx, creds.id, lock ? 0 : failed, lockedUntil);
      await recordAudit(
        trx,
        { actorId: creds.id, action: lock ? 'auth.lockout' : 'auth.login_failed', entity: 'user', entityId: creds.id },
        now,
      );
    });
    throw refused;
  }
  // Two-factor sign-in (two-factor.commands.ts): a right password only earns a challenge for the code.
  if (await hasTwoFactor(db, creds.id)) return beginSecondFactor(db, creds.id, now);
  return startSession(db, config, creds.id, now);
}

export async function logout(db: Db, token: string, actorId: number, now: Date) {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionIdHash(token));
    await recordAudit(trx, { actorId, action: 'auth.logout', entity: 'user', entityId: actorId }, now);
  });
}

export async function changePassword(db: Db, userId: number, token: string, current: string, next: string, now: Date) {
  if (!(await verifyPassword(await getPasswordHash(db, userId), current))) {
    throw appError('wrong_password', { fields: [{ field: 'currentPassword' }] });
  }
  assertPasswordStrength(next);
  if (current === next) {
    throw appError('same_password', { fields: [{ field: 'newPassword' }] });
  }
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash, now);
    // Other sessions end: whoever else had the old password is signed out.
    await deleteSessionsOfUser(trx, userId, sessionIdHash(token));
    await recordAudit(trx, { actorId: userId, action: 'auth.password_changed', entity: 'user', entityId: userId }, now);
  });
}
