import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { clearAccountAttempts, releaseAddressAttempt } from '../repositories/signin.repository.ts';
import {
  type Credentials,
  findSession,
  insertSession,
  type SessionWithActor,
  trimSessionsOfUser,
} from '../repositories/users.repository.ts';

/** What is stored in place of a secret handed out (a session id, an API token, a sign-in challenge): its SHA-256. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const sessionIdHash = secretHash;

/** Where a sign-in comes from: the address and agent go into the audit trail and "my sessions". */
export interface SignInOrigin {
  sourceAddress: string;
  userAgent: string | null;
}

/** Who is trying to sign in, and from where. */
export interface SignInAttempt extends SignInOrigin {
  username: string;
  password: string;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: string;
  /** A password someone else set, or an expired one: the session may only change it (and sign out). */
  mustChangePassword: boolean;
  user: SessionWithActor['user'];
  actor: SessionWithActor['actor'];
}

export const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function passwordExpired(account: Credentials, config: Config, now: Date): boolean {
  if (config.passwordMaxAgeDays === 0 || account.passwordExpiresFrom === null) return false;
  return account.passwordExpiresFrom <= minutesBefore(now, config.passwordMaxAgeDays * 24 * 60);
}

/**
 * Opens a session for someone who has proved who they are: the password sign-in and the second factor both end here.
 * The account's and the address's attempts are released, the oldest sessions beyond maxSessions end. `alsoInTransaction`
 * runs first in the same transaction (the second factor spends its challenge and code there), so a refusal there opens
 * nothing.
 */
export async function startSession(
  db: Db,
  config: Config,
  origin: SignInOrigin,
  account: Credentials,
  now: Date,
  alsoInTransaction?: (trx: Db) => Promise<void>,
): Promise<SignedIn> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3600_000).toISOString();
  const mustChangePassword = account.mustChangePassword || passwordExpired(account, config, now);
  await db.transaction().execute(async (trx) => {
    await alsoInTransaction?.(trx);
    await clearAccountAttempts(trx, account.id);
    await releaseAddressAttempt(trx, origin.sourceAddress, config.loginAddressAttempts);
    // The oldest sessions end so that, with this one, the account keeps at most maxSessions.
    await trimSessionsOfUser(trx, account.id, config.maxSessions);
    await insertSession(trx, {
      idHash: sessionIdHash(token),
      userId: account.id,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt,
      sourceAddress: origin.sourceAddress,
      userAgent: origin.userAgent,
      mustChangePassword,
    });
    await recordAudit(
      trx,
      {
        actorId: account.id,
        action: 'auth.login',
        entity: 'user',
        entityId: account.id,
        after: { mustChangePassword },
        sourceAddress: origin.sourceAddress,
        userAgent: origin.userAgent,
        outcome: 'success',
        via: 'web',
      },
      now,
    );
  });
  const session = await findSession(db, sessionIdHash(token), now, config.sessionIdleMinutes);
  if (!session) throw AppError.unauthorized('wrong_credentials');
  return { token, csrfToken, expiresAt, mustChangePassword, user: session.user, actor: session.actor };
}
