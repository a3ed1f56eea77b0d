/**
 * Single sign-on in our database: the sign-in kept between the redirect and the callback, the directory-managed account
 * created or brought up to date from the directory's claims, and the session opened by `startSession` like any other
 * sign-in (the same cookie, CSRF token, `auth.login` audit event, session limit and attempt counters).
 */
import { randomBytes } from 'node:crypto';
import type { Config, OidcSettings } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';
import { appError } from '../errors.ts';
import { beginOidcSignIn, type DirectoryPerson, finishOidcSignIn, personFromClaims } from '../identity/oidc.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  claimOidcLogin,
  deleteStaleOidcLogins,
  findAccountByUsername,
  findLinkedAccount,
  insertOidcLogin,
  type LinkedAccount,
  linkExternalIdentity,
  retireLocalPassword,
  touchExternalIdentity,
} from '../repositories/external-identities.repository.ts';
import { findUnitByCode } from '../repositories/units.repository.ts';
import { findCredentials, insertUser, patchUser } from '../repositories/users.repository.ts';
import { hashPassword } from './passwords.ts';
import { type SignedIn, type SignInOrigin, secretHash, startSession } from './session-start.ts';
import { beginSecondFactor, hasTwoFactor } from './two-factor.commands.ts';

/** Minutes a person has at the provider (typing a password, a second factor there) before the sign-in expires. */
export const OIDC_LOGIN_MINUTES = 10;

/** The three administrators keep their local accounts: a directory entry of the same name never takes one over. */
const LOCAL_ONLY_ROLES: readonly Role[] = ['admin', 'security_admin', 'auditor'];

const PROVIDER = 'oidc';

/**
 * Starts a sign-in: the provider's address to send the browser to, and the state to bind to this browser (the caller
 * puts it in a short-lived cookie). Only the state's hash is stored, beside the nonce and the PKCE verifier.
 */
export async function startOidcSignIn(db: Db, settings: OidcSettings, now: Date): Promise<{ url: URL; state: string }> {
  const { url, pending } = await beginOidcSignIn(settings);
  await deleteStaleOidcLogins(db, now.toISOString());
  await insertOidcLogin(db, {
    idHash: secretHash(pending.state),
    nonce: pending.nonce,
    codeVerifier: pending.codeVerifier,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + OIDC_LOGIN_MINUTES * 60_000).toISOString(),
  });
  return { url, state: pending.state };
}

export type SecondFactorChallenge = Awaited<ReturnType<typeof beginSecondFactor>>;

export interface OidcCallback {
  /** The callback's query string as received (code, state, or the provider's error). */
  query: string;
  /** The state this browser started with (its cookie); null when it has none. */
  browserState: string | null;
}

/**
 * Finishes a sign-in. In order: the answer must belong to a sign-in this browser started (state = cookie), be spent
 * for the first time and in time, pass the code exchange's checks, name a person the role map grants something, whose
 * account is active and unlocked; then the account follows the directory and the session starts (or, for an account
 * with a second factor of its own, the same challenge a right password gets). Each refusal is a
 * catalogue key; the ones about the person are also in the audit trail as failed sign-ins.
 */
export async function completeOidcSignIn(
  db: Db,
  config: Config,
  settings: OidcSettings,
  callback: OidcCallback,
  origin: SignInOrigin,
  now: Date,
): Promise<SignedIn | SecondFactorChallenge> {
  const params = new URLSearchParams(callback.query);
  const state = params.get('state');
  if (!state || !callback.browserState || state !== callback.browserState) throw appError('oidc_state_mismatch');
  const claimed = await db.transaction().execute((trx) => claimOidcLogin(trx, secretHash(state), now.toISOString()));
  if (claimed.status !== 'claimed')
    throw appError(claimed.status === 'used' ? 'oidc_login_replayed' : 'oidc_login_expired');

  const claims = await finishOidcSignIn(settings, callback.query, {
    state,
    nonce: claimed.nonce,
    codeVerifier: claimed.codeVerifier,
  });
  const found = personFromClaims(settings, claims);
  if ('unmapped' in found) {
    await recordRefusal(db, origin, now, null, {
      subject: typeof claims.sub === 'string' ? claims.sub : null,
      reason: found.unmapped,
      claimValues: found.values,
    });
    throw appError('oidc_unmapped');
  }
  const accountId = await accountFor(db, settings, found.person, origin, now);
  const account = await findCredentials(db, accountId);
  if (!account) throw appError('oidc_account_refused');
  // An account with its own second factor is asked for it as after a password: the page takes the challenge on.
  if (await hasTwoFactor(db, account.id)) return beginSecondFactor(db, account.id, now);
  return startSession(db, config, origin, account, now);
}

/**
 * The account the person signs in to, created or brought in line with the directory (display name, role, unit) in one
 * transaction with its audit event. An account is found by its link to the directory's subject; failing that, a local
 * account of the same user name is adopted (the office's hand-kept accounts become directory-managed at their owner's
 * first single sign-on), except the administrators', which stay local.
 */
async function accountFor(
  db: Db,
  settings: OidcSettings,
  person: DirectoryPerson,
  origin: SignInOrigin,
  now: Date,
): Promise<number> {
  const identity = { provider: PROVIDER, issuer: settings.issuer, subject: person.subject };
  const unit = await findUnitByCode(db, person.grant.unitCode);
  if (!unit) {
    await recordRefusal(db, origin, now, null, {
      subject: person.subject,
      reason: 'unknown_unit',
      unitCode: person.grant.unitCode,
    });
    throw appError('oidc_unmapped');
  }
  const wanted = { displayName: person.displayName, role: person.grant.role, unitId: unit.id };
  const linked = await findLinkedAccount(db, identity);
  const sameName = linked ? undefined : await findAccountByUsername(db, person.username);
  if (sameName && (sameName.linked || LOCAL_ONLY_ROLES.includes(sameName.role))) {
    await recordRefusal(db, origin, now, sameName.id, {
      subject: person.subject,
      reason: sameName.linked ? 'username_linked_elsewhere' : 'local_administrator',
    });
    throw appError('oidc_account_local');
  }
  const existing = linked ?? sameName;
  if (existing && !mayStillSignIn(existing, now)) {
    await recordRefusal(db, origin, now, existing.id, { subject: person.subject, reason: 'inactive_or_locked' });
    throw appError('oidc_account_refused');
  }
  const unusableHash = linked ? '' : await hashPassword(randomBytes(32).toString('base64url'));

  return db.transaction().execute(async (trx) => {
    const audit = (action: string, entityId: number, before: unknown, after: unknown) =>
      recordAudit(
        trx,
        {
          actorId: entityId,
          action,
          entity: 'user',
          entityId,
          before,
          after,
          sourceAddress: origin.sourceAddress,
          userAgent: origin.userAgent,
          via: 'web',
        },
        now,
      );
    if (!existing) {
      // Nobody knows this password: the account signs in through the directory only.
      const id = await insertUser(
        trx,
        {
          username: person.username,
          passwordHash: unusableHash,
          teamId: null,
          mustChangePassword: false,
          passwordExpires: false,
          ...wanted,
        },
        now,
      );
      await linkExternalIdentity(trx, { userId: id, ...identity }, now);
      await audit('user.create', id, undefined, { username: person.username, ...wanted, directory: identity });
      return id;
    }
    if (!linked) {
      await linkExternalIdentity(trx, { userId: existing.id, ...identity }, now);
      await retireLocalPassword(trx, existing.id, unusableHash, now);
    } else await touchExternalIdentity(trx, identity, now);
    const changes = changedFields(existing, wanted);
    if (changes) await patchUser(trx, existing.id, existing.version, changes.after, now);
    if (changes || !linked)
      await audit('user.directory_sync', existing.id, changes?.before, {
        ...changes?.after,
        ...(linked ? {} : { directory: identity, localPassword: 'retired' }),
      });
    return existing.id;
  });
}

/** The administrator's deactivation and a hard lock hold whichever way the person signs in. */
const mayStillSignIn = (account: LinkedAccount, now: Date) =>
  account.active && (account.lockedUntil === null || account.lockedUntil <= now.toISOString());

type Wanted = { displayName: string; role: Role; unitId: number };

/** What the directory changes on the account, before and after; null when it already agrees. */
function changedFields(account: LinkedAccount, wanted: Wanted) {
  const keys = (['displayName', 'role', 'unitId'] as const).filter((k) => account[k] !== wanted[k]);
  if (keys.length === 0) return null;
  return {
    before: Object.fromEntries(keys.map((k) => [k, account[k]])),
    after: Object.fromEntries(keys.map((k) => [k, wanted[k]])) as Partial<Wanted>,
  };
}

/** A single sign-on refused for the person's sake (unmapped, unknown unit, an account it may not take), in the trail. */
async function recordRefusal(
  db: Db,
  origin: SignInOrigin,
  now: Date,
  accountId: number | null,
  details: Record<string, unknown>,
) {
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        actorId: null,
        action: 'auth.login_failed',
        entity: 'user',
        entityId: accountId,
        after: { via: PROVIDER, ...details },
        sourceAddress: origin.sourceAddress,
        userAgent: origin.userAgent,
        outcome: 'failure',
        via: 'web',
      },
      now,
    ),
  );
}
