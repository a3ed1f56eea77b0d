import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  findSession,
  insertSession,
  recordLoginSuccess,
  type SessionWithActor,
} from '../repositories/users.repository.ts';

export const sessionIdHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: SessionWithActor['user'];
  actor: SessionWithActor['actor'];
}

/**
 * Opens a session for a user who has proved who they are: the password sign-in and the second factor both end here.
 * `alsoInTransaction` runs first in the same transaction (spending the challenge and the code), so a refusal there opens
 * nothing.
 */
export async function startSession(
  db: Db,
  config: Config,
  userId: number,
  now: Date,
  alsoInTransaction?: (trx: Db) => Promise<void>,
): Promise<SignedIn> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await alsoInTransaction?.(trx);
    await recordLoginSuccess(trx, userId);
    await insertSession(trx, {
      idHash: sessionIdHash(token),
      userId,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt,
    });
    await recordAudit(trx, { actorId: userId, action: 'auth.login', entity: 'user', entityId: userId }, now);
  });
  const session = await findSession(db, sessionIdHash(token), now.toISOString());
  if (!session) throw AppError.unauthorized('wrong_credentials');
  return { token, csrfToken, expiresAt, user: session.user, actor: session.actor };
}
