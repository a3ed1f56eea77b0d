import { createHash } from 'node:crypto';
import type { Config, LdapSettings } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError, appError } from '../errors.ts';
import { authenticateWithLdap, DirectoryUnavailableError, mapGroups } from '../identity/ldap.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { authSourceOf } from '../repositories/directory-accounts.repository.ts';
import { insertNotifications } from '../repositories/notifications.repository.ts';
import {
  type AttemptPolicy,
  clearAccountAttempts,
  hardLockAccount,
  recentPasswordHashes,
  releaseAccountAttempt,
  releaseAddressAttempt,
  rememberPassword,
  reserveAccountAttempt,
  reserveAddressAttempt,
  securityAdministratorIds,
} from '../repositories/signin.repository.ts';
import {
  type Credentials,
  clearSessionMustChange,
  deleteSession,
  deleteSessionsOfUser,
  findCredentials,
  getPasswordHash,
  listSessionsOfUser,
  setPasswordHash,
} from '../repositories/users.repository.ts';
import { provisionDirectoryAccount } from './directory-accounts.ts';
import {
  assertNotReused,
  assertPasswordStrength,
  DUMMY_PASSWORD_HASH,
  hashPassword,
  PASSWORD_HISTORY,
  verifyPassword,
} from './passwords.ts';
import { minutesBefore, type SignInAttempt, sessionIdHash, startSession } from './session-start.ts';
import { beginSecondFactor, hasTwoFactor } from './two-factor.commands.ts';

export { type SignInAttempt, sessionIdHash } from './session-start.ts';

function accountPolicy(config: Config, now: Date): AttemptPolicy & { maxAttempts: number } {
  return {
    freeAttempts: config.loginDelayAfter,
    maxDelaySeconds: config.loginDelayMaxSeconds,
    forgetBefore: minutesBefore(now, config.lockoutMinutes),
    maxAttempts: config.lockoutAttempts,
    now,
  };
}

function addressPolicy(config: Config, now: Date): AttemptPolicy {
  return {
    freeAttempts: config.loginAddressAttempts,
    maxDelaySeconds: config.loginDelayMaxSeconds,
    forgetBefore: minutesBefore(now, config.lockoutMinutes),
    now,
  };
}

/**
 * Signs in. Every refusal about the account (unknown, deactivated, hard-locked, slowed down, wrong password) is the same
 * 401 after the same single password verification, so neither the answer nor its time tells them apart; only the
 * caller's own address being slowed down is said (429 with Retry-After).
 */
export function login(db: Db, config: Config, attempt: SignInAttempt, now: Date) {
  return inLineFrom(attempt.sourceAddress, () => attemptSignIn(db, config, attempt, now));
}

/**
 * Sign-in attempts from one address are handled one at a time, and a refusal for a slowed-down address is held back a
 * moment: 200 requests in flight from one source then cost the server a few answers a second, not every cycle it has
 * (even a refusal that checks no password costs a few milliseconds, and a flood of them starved the ledger page).
 * This is load shedding within one process; the counts that decide are in the database.
 */
const inLine = new Map<string, Promise<unknown>>();
const THROTTLED_ANSWER_HOLD_MS = 250;

async function inLineFrom<T>(address: string, work: () => Promise<T>): Promise<T> {
  const ahead = inLine.get(address) ?? Promise.resolve();
  const mine = ahead.then(work);
  const tail = mine.catch(() => {});
  inLine.set(address, tail);
  try {
    return await mine;
  } finally {
    if (inLine.get(address) === tail) inLine.delete(address);
  }
}

async function attemptSignIn(db: Db, config: Config, attempt: SignInAttempt, now: Date) {
  const address = await reserveAddressAttempt(db, attempt.sourceAddress, addressPolicy(config, now));
  if (!address.reserved) {
    const { retryAfterSeconds } = address;
    await new Promise((resolve) => setTimeout(resolve, THROTTLED_ANSWER_HOLD_MS));
    throw appError('login_throttled', { retryAfterSeconds }, { retryAfterSeconds });
  }
  if (address.count === config.loginAddressAttempts) await recordAddressThrottled(db, attempt, now);

  const account = await findCredentials(db, attempt.username);
  // With a directory configured, a name no local account holds, and any account the directory manages, sign in there.
  if (config.ldap && (!account || (await authSourceOf(db, account.id)) === 'ldap')) {
    return signInThroughLdap(db, config, config.ldap, attempt, now);
  }
  // The attempt is counted before the password is checked, so parallel requests cannot outrun the count.
  const reserved = account ? await reserveAccountAttempt(db, account.id, accountPolicy(config, now)) : undefined;
  // Only an active account holding a reserved attempt has its own password checked; any other attempt is checked
  // against a stand-in hash, at the same cost.
  const checkedHash = account?.active && reserved !== undefined ? account.passwordHash : null;
  const passwordMatches = await verifyPassword(checkedHash ?? DUMMY_PASSWORD_HASH, attempt.password);
  if (!account || checkedHash === null || !passwordMatches) {
    await recordFailure(db, config, attempt, account, reserved, now);
    throw AppError.unauthorized('wrong_credentials');
  }

  // The password is right. A second factor, where the account has one, is asked before any session exists
  // (two-factor.commands.ts); the attempts stay reserved until it is given, so the code has no budget of its own.
  if (await hasTwoFactor(db, account.id)) return beginSecondFactor(db, account.id, now);

  return startSession(db, config, attempt, account, now);
}

/**
 * Sign-in through LDAP/AD: the same address budget (already reserved by the caller), the same per-account budget and
 * lockout for an account the directory manages, the same 401 for a wrong password or an unknown name, and the same
 * session start. The directory's password is the only one checked; local accounts never come here.
 */
async function signInThroughLdap(db: Db, config: Config, ldap: LdapSettings, attempt: SignInAttempt, now: Date) {
  // The directory matches names case-insensitively, so every spelling of one person is one account.
  const username = attempt.username.trim().toLowerCase();
  const existing = await findCredentials(db, username);
  const account = existing && (await authSourceOf(db, existing.id)) === 'ldap' ? existing : undefined;
  const reserved = account ? await reserveAccountAttempt(db, account.id, accountPolicy(config, now)) : undefined;
  // A locked, slowed or deactivated account is refused here without asking the directory, as a local one would be.
  if (account && (reserved === undefined || !account.active)) {
    await recordFailure(db, config, attempt, account, reserved, now);
    throw AppError.unauthorized('wrong_credentials');
  }
  // An empty password would be an anonymous bind, which the directory may well accept (see identity/ldap.ts).
  if (attempt.password === '') {
    await recordFailure(db, config, attempt, account, reserved, now, 'empty_password');
    throw AppError.unauthorized('wrong_credentials');
  }
  let answer: Awaited<ReturnType<typeof authenticateWithLdap>>;
  try {
    answer = await authenticateWithLdap(ldap, username, attempt.password);
  } catch (error) {
    if (!(error instanceof DirectoryUnavailableError)) throw error;
    // Nobody's password was judged: the attempts are given back, so an outage neither throttles an office's address
    // nor slows down or locks the accounts of those who keep trying.
    await db.transaction().execute(async (trx) => {
      if (account) await releaseAccountAttempt(trx, account.id);
      await releaseAddressAttempt(trx, attempt.sourceAddress, config.loginAddressAttempts);
    });
    throw Object.assign(appError('directory_unavailable'), { cause: error });
  }
  if (answer.kind !== 'signed_in') {
    await recordFailure(db, config, attempt, account, reserved, now, answer.kind);
    throw AppError.unauthorized('wrong_credentials');
  }
  const { person } = answer;
  const mapping = mapGroups(ldap.groupMap, person.groups);
  if (!mapping) {
    await refuseUnmappedPerson(db, config, attempt, account?.id, person.dn, now);
    throw appError('directory_no_group');
  }
  const id = await provisionDirectoryAccount(
    db,
    {
      source: 'ldap',
      username,
      displayName: person.displayName ?? username,
      email: person.email,
      directoryDn: person.dn,
      role: mapping.role,
      unitCode: mapping.unitCode,
    },
    attempt,
    now,
  );
  const signedIn = await findCredentials(db, id);
  if (!signedIn) throw AppError.unauthorized('wrong_credentials');
  if (await hasTwoFactor(db, id)) return beginSecondFactor(db, id, now);
  return startSession(db, config, attempt, signedIn, now);
}

/**
 * The directory accepted the password but grants nothing here. The password was right, so neither the account nor the
 * address is charged for it; the refusal is in the audit trail for whoever maintains the group map.
 */
async function refuseUnmappedPerson(
  db: Db,
  config: Config,
  attempt: SignInAttempt,
  accountId: number | undefined,
  dn: string,
  now: Date,
) {
  await db.transaction().execute(async (trx) => {
    if (accountId !== undefined) await clearAccountAttempts(trx, accountId);
    await releaseAddressAttempt(trx, attempt.sourceAddress, config.loginAddressAttempts);
    await recordAudit(
      trx,
      {
        actorId: null,
        action: 'auth.login_failed',
        entity: 'user',
        entityId: accountId ?? null,
        after: { username: attempt.username, reason: 'no_mapped_group', source: 'ldap', dn },
        sourceAddress: attempt.sourceAddress,
        userAgent: attempt.userAgent,
        outcome: 'failure',
        via: 'web',
      },
      now,
    );
  });
}

/**
 * The failed attempt in the audit trail, under the name typed (the actor is not known: nobody signed in). The last
 * attempt the account's budget allows, when wrong, locks it and tells every security administrator.
 */
async function recordFailure(
  db: Db,
  config: Config,
  attempt: SignInAttempt,
  account: Credentials | undefined,
  reserved: number | undefined,
  now: Date,
  /** What the directory answered, for a sign-in it judged. */
  directoryReason?: 'unknown_user' | 'wrong_password' | 'empty_password',
) {
  const reason =
    directoryReason ??
    (!account
      ? 'unknown_user'
      : reserved === undefined
        ? 'locked_or_slowed'
        : !account.active
          ? 'inactive'
          : 'wrong_password');
  const details = { username: attempt.username, reason, attempt: reserved ?? null };
  const origin = {
    sourceAddress: attempt.sourceAddress,
    userAgent: attempt.userAgent,
    outcome: 'failure' as const,
    via: 'web' as const,
  };
  const lock = account !== undefined && reason === 'wrong_password' && reserved === config.lockoutAttempts;
  await db.transaction().execute(async (trx) => {
    await recordAudit(
      trx,
      {
        actorId: null,
        action: 'auth.login_failed',
        entity: 'user',
        entityId: account?.id ?? null,
        after: details,
        ...origin,
      },
      now,
    );
    if (!lock || !account) return;
    const lockedUntil = new Date(now.getTime() + config.lockoutMinutes * 60_000).toISOString();
    await hardLockAccount(trx, account.id, lockedUntil);
    await recordAudit(
      trx,
      {
        actorId: null,
        action: 'auth.lockout',
        entity: 'user',
        entityId: account.id,
        after: { ...details, lockedUntil, failures: reserved },
        ...origin,
      },
      now,
    );
    const title = `账号 ${account.username} 连续 ${reserved} 次登录失败，已锁定 / account ${account.username} locked after ${reserved} failed sign-ins`;
    const body = `锁定至 ${lockedUntil}，最后一次尝试来自 ${attempt.sourceAddress}。如非本人操作，请核查。 / Locked until ${lockedUntil}; the last attempt came from ${attempt.sourceAddress}.`;
    const recipients = await securityAdministratorIds(trx);
    await insertNotifications(
      trx,
      recipients.map((userId) => ({ userId, kind: 'security.account_locked', title, body, link: null })),
      now.toISOString(),
    );
  });
}

async function recordAddressThrottled(db: Db, attempt: SignInAttempt, now: Date) {
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        actorId: null,
        action: 'auth.address_throttled',
        entity: 'user',
        entityId: null,
        after: { username: attempt.username },
        sourceAddress: attempt.sourceAddress,
        userAgent: attempt.userAgent,
        outcome: 'refused',
        via: 'web',
      },
      now,
    ),
  );
}

export async function logout(db: Db, token: string, actorId: number, now: Date) {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionIdHash(token));
    await recordAudit(trx, { actorId, action: 'auth.logout', entity: 'user', entityId: actorId }, now);
  });
}

/** The owner changes their password: not common, not their name, none of their last five; other sessions end. */
export async function changePassword(db: Db, userId: number, token: string, current: string, next: string, now: Date) {
  // The directory keeps this password; one set here would never be asked for.
  if ((await authSourceOf(db, userId)) !== 'local') throw appError('directory_managed_password');
  const { username, passwordHash: currentHash } = await getPasswordHash(db, userId);
  if (!(await verifyPassword(currentHash, current))) {
    throw appError('wrong_password', { fields: [{ field: 'currentPassword' }] });
  }
  assertPasswordStrength(next, username, 'newPassword');
  if (current === next) {
    throw appError('same_password', { fields: [{ field: 'newPassword' }] });
  }
  await assertNotReused(next, await recentPasswordHashes(db, userId, PASSWORD_HISTORY));
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash, now);
    await rememberPassword(trx, userId, passwordHash, PASSWORD_HISTORY, now);
    // Other sessions end: whoever else had the old password is signed out.
    await deleteSessionsOfUser(trx, userId, sessionIdHash(token));
    await clearSessionMustChange(trx, sessionIdHash(token));
    await recordAudit(trx, { actorId: userId, action: 'auth.password_changed', entity: 'user', entityId: userId }, now);
  });
}

// ---- "my sessions"

/** What identifies a session on the wire: not its stored key, so the list cannot be replayed against the table. */
export const sessionPublicId = (idHash: string) =>
  createHash('sha256').update(`session:${idHash}`).digest('base64url').slice(0, 22);

export async function listMySessions(db: Db, config: Config, userId: number, token: string, now: Date) {
  const current = sessionIdHash(token);
  const sessions = await listSessionsOfUser(db, userId, now, config.sessionIdleMinutes);
  return sessions.map(({ idHash, ...s }) => ({ id: sessionPublicId(idHash), current: idHash === current, ...s }));
}

/** Ends one of the actor's own sessions (another device); someone else's or an unknown id is not found. */
export async function endMySession(db: Db, config: Config, userId: number, publicId: string, now: Date) {
  const sessions = await listSessionsOfUser(db, userId, now, config.sessionIdleMinutes);
  const target = sessions.find((s) => sessionPublicId(s.idHash) === publicId);
  if (!target) throw AppError.notFound('session', publicId);
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, target.idHash);
    await recordAudit(
      trx,
      {
        actorId: userId,
        action: 'auth.session_ended',
        entity: 'user',
        entityId: userId,
        before: { createdAt: target.createdAt, sourceAddress: target.sourceAddress, userAgent: target.userAgent },
      },
      now,
    );
  });
}

/** "Sign out everywhere else": every session of the actor but this one ends. */
export async function endMyOtherSessions(db: Db, userId: number, token: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    await deleteSessionsOfUser(trx, userId, sessionIdHash(token));
    await recordAudit(
      trx,
      { actorId: userId, action: 'auth.other_sessions_ended', entity: 'user', entityId: userId },
      now,
    );
  });
}
