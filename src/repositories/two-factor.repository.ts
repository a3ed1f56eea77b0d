import type { Db } from '../db/database.ts';
import type { Actor } from '../policies/policies.ts';
import { hardLockAccount } from './signin.repository.ts';
import { toActor, toUser, type User, userColumns } from './users.repository.ts';

// ---- TOTP: the secret (pending until confirmed), when it was confirmed, and the last accepted time step.

export interface TwoFactorState {
  secret: string | null;
  enabledAt: string | null;
  lastStep: number | null;
}

export async function getTwoFactorState(db: Db, userId: number): Promise<TwoFactorState> {
  const r = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { secret: r.totp_secret, enabledAt: r.totp_enabled_at, lastStep: r.totp_last_step };
}

/** A new secret awaiting its first code; refused (false) once two-factor is on, so a session cannot swap the phone. */
export async function setPendingSecret(trx: Db, userId: number, secret: string): Promise<boolean> {
  const r = await trx
    .updateTable('users')
    .set({ totp_secret: secret, totp_last_step: null })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function enableTwoFactor(trx: Db, userId: number, step: number, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('users')
    .set({ totp_enabled_at: now.toISOString(), totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .where('totp_secret', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a code's time step as used, only if it is later than the last one: of two requests with the same code, one
 * wins whatever the concurrency (the row's write lock orders them on PostgreSQL, the database lock on SQLite).
 */
export async function claimTotpStep(trx: Db, userId: number, step: number): Promise<boolean> {
  const r = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function clearTwoFactor(trx: Db, userId: number): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

// ---- recovery codes: hashes only; each is spent by a conditional update.

export async function replaceRecoveryCodes(trx: Db, userId: number, codeHashes: string[], now: Date): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now.toISOString() })))
    .execute();
}

export async function spendRecoveryCode(trx: Db, userId: number, codeHash: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) >= 1;
}

export async function countRecoveryCodesLeft(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- the sign-in challenge between the password and the code.

export async function insertChallenge(
  trx: Db,
  c: { idHash: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await trx
    .insertInto('login_challenges')
    .values({ id: c.idHash, user_id: c.userId, created_at: c.createdAt, expires_at: c.expiresAt })
    .execute();
}

/** The user a live, unused challenge belongs to. */
export async function findChallengeUser(db: Db, idHash: string, nowIso: string): Promise<number | undefined> {
  const r = await db
    .selectFrom('login_challenges')
    .select('user_id')
    .where('id', '=', idHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return r?.user_id;
}

/** Spends a challenge; false when another request spent it first or it has expired meanwhile. */
export async function spendChallenge(trx: Db, idHash: string, nowIso: string): Promise<boolean> {
  const r = await trx
    .updateTable('login_challenges')
    .set({ used_at: nowIso })
    .where('id', '=', idHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteStaleChallenges(db: Db, nowIso: string): Promise<void> {
  await db.deleteFrom('login_challenges').where('expires_at', '<=', nowIso).execute();
}

/** Whether the account is locked now, and whether it may sign in at all. */
export async function signInStanding(
  db: Db,
  userId: number,
): Promise<{ active: boolean; lockedUntil: string | null; username: string }> {
  const r = await db
    .selectFrom('users')
    .select(['active', 'locked_until', 'username'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { active: r.active === 1, lockedUntil: r.locked_until, username: r.username };
}

/**
 * Counts one failed sign-in in the same budget as wrong passwords, in one statement so parallel wrong codes cannot
 * each read the same count; at the limit the account locks and the count starts again, as for passwords.
 */
export async function countSignInFailure(
  trx: Db,
  userId: number,
  limit: number,
  lockedUntil: string,
): Promise<{ locked: boolean }> {
  const r = await trx
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  if (r.failed_logins < limit) return { locked: false };
  await hardLockAccount(trx, userId, lockedUntil);
  return { locked: true };
}

// ---- personal API tokens: the hash of the token, its first characters for lists.

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  revokedAt: string | null;
}

export async function insertApiToken(
  trx: Db,
  t: { userId: number; name: string; tokenHash: string; prefix: string; expiresAt: string },
  now: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('api_tokens')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      created_at: now.toISOString(),
      expires_at: t.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes one of the user's own live tokens; false when there is none with that id (another user's included). */
export async function revokeApiToken(trx: Db, userId: number, id: number, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function revokeApiTokensOfUser(trx: Db, userId: number, now: Date): Promise<void> {
  await trx
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function apiTokenExists(db: Db, userId: number, id: number): Promise<boolean> {
  return !!(await db
    .selectFrom('api_tokens')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst());
}

/** The live token's id and its active user, as a session would carry them. */
export async function findApiTokenUser(
  db: Db,
  tokenHash: string,
  nowIso: string,
): Promise<{ tokenId: number; lastUsedAt: string | null; expiresAt: string; user: User; actor: Actor } | undefined> {
  const r = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['t.id as token_id', 't.last_used_at', 't.expires_at', ...userColumns])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', nowIso)
    .where('u.active', '=', 1)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    tokenId: r.token_id,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    user: toUser(r),
    actor: toActor(r),
  };
}

export async function touchApiToken(db: Db, id: number, nowIso: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: nowIso }).where('id', '=', id).execute();
}
