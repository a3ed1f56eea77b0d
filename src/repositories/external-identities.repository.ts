import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';

// ---- OpenID Connect sign-ins between the redirect and the callback.

export async function insertOidcLogin(
  db: Db,
  login: { idHash: string; nonce: string; codeVerifier: string; createdAt: string; expiresAt: string },
) {
  await db
    .insertInto('oidc_logins')
    .values({
      id: login.idHash,
      nonce: login.nonce,
      code_verifier: login.codeVerifier,
      created_at: login.createdAt,
      expires_at: login.expiresAt,
    })
    .execute();
}

/** Sign-ins that ended long ago, used or not; a replay of one of them is then told it expired rather than was used. */
export async function deleteStaleOidcLogins(db: Db, beforeIso: string) {
  await db.deleteFrom('oidc_logins').where('expires_at', '<', beforeIso).execute();
}

export type ClaimedOidcLogin =
  | { status: 'claimed'; nonce: string; codeVerifier: string }
  | { status: 'used' | 'expired' };

/**
 * Spends a sign-in: a conditional update, so of two callbacks racing with one state only one gets its verifier.
 * Unknown and expired are one answer (both mean: start again).
 */
export async function claimOidcLogin(trx: Db, idHash: string, nowIso: string): Promise<ClaimedOidcLogin> {
  const claimed = await trx
    .updateTable('oidc_logins')
    .set({ used_at: nowIso })
    .where('id', '=', idHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .returning(['nonce', 'code_verifier'])
    .executeTakeFirst();
  if (claimed) return { status: 'claimed', nonce: claimed.nonce, codeVerifier: claimed.code_verifier };
  const row = await trx.selectFrom('oidc_logins').select('used_at').where('id', '=', idHash).executeTakeFirst();
  return { status: row?.used_at ? 'used' : 'expired' };
}

// ---- Accounts linked to an outside directory (directory-managed).

export interface LinkedAccount {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  active: boolean;
  lockedUntil: string | null;
  version: number;
}

const accountColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.unit_id',
  'u.active',
  'u.locked_until',
  'u.version',
] as const;

const toLinked = (r: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  unit_id: number;
  active: number;
  locked_until: string | null;
  version: number;
}): LinkedAccount => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  unitId: r.unit_id,
  active: r.active === 1,
  lockedUntil: r.locked_until,
  version: r.version,
});

/** The account linked to the directory's person, if any. */
export async function findLinkedAccount(
  db: Db,
  identity: { provider: string; issuer: string; subject: string },
): Promise<LinkedAccount | undefined> {
  const r = await db
    .selectFrom('external_identities as x')
    .innerJoin('users as u', 'u.id', 'x.user_id')
    .select(accountColumns)
    .where('x.provider', '=', identity.provider)
    .where('x.issuer', '=', identity.issuer)
    .where('x.subject', '=', identity.subject)
    .executeTakeFirst();
  return r && toLinked(r);
}

/** An account by user name, with whether an outside directory already manages it. */
export async function findAccountByUsername(
  db: Db,
  username: string,
): Promise<(LinkedAccount & { linked: boolean }) | undefined> {
  const r = await db
    .selectFrom('users as u')
    .select(accountColumns)
    .select((eb) =>
      eb
        .exists(eb.selectFrom('external_identities as x').select('x.id').whereRef('x.user_id', '=', 'u.id'))
        .as('linked'),
    )
    .where('u.username', '=', username)
    .executeTakeFirst();
  return r && { ...toLinked(r), linked: Boolean(r.linked) };
}

export async function linkExternalIdentity(
  trx: Db,
  link: { userId: number; provider: string; issuer: string; subject: string },
  now: Date,
) {
  const at = now.toISOString();
  await trx
    .insertInto('external_identities')
    .values({
      user_id: link.userId,
      provider: link.provider,
      issuer: link.issuer,
      subject: link.subject,
      created_at: at,
      last_sign_in_at: at,
    })
    .execute();
}

export async function touchExternalIdentity(
  trx: Db,
  identity: { provider: string; issuer: string; subject: string },
  now: Date,
) {
  await trx
    .updateTable('external_identities')
    .set({ last_sign_in_at: now.toISOString() })
    .where('provider', '=', identity.provider)
    .where('issuer', '=', identity.issuer)
    .where('subject', '=', identity.subject)
    .execute();
}

/**
 * A local account adopted by the directory signs in through it from now on: its password is replaced by one nobody
 * knows, and nothing asks the owner to change or renew a password they no longer use.
 */
export async function retireLocalPassword(trx: Db, userId: number, unusableHash: string, now: Date) {
  await trx
    .updateTable('users')
    .set({
      password_hash: unusableHash,
      password_changed_at: now.toISOString(),
      must_change_password: 0,
      password_expires: 0,
    })
    .where('id', '=', userId)
    .execute();
}
