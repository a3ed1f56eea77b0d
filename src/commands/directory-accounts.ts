import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';
import { appError } from '../errors.ts';
import { authenticateWithLdap, DirectoryUnavailableError } from '../identity/ldap.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import {
  type AuthSource,
  authSourceOf,
  type DirectoryAccount,
  findDirectoryAccount,
  insertDirectoryAccount,
  updateDirectoryAccount,
} from '../repositories/directory-accounts.repository.ts';
import { findUnitByCode } from '../repositories/units.repository.ts';
import { getPasswordHash } from '../repositories/users.repository.ts';
import type { SignInOrigin } from './session-start.ts';

/** A person an outside directory has just vouched for, and what its groups make them here. */
export interface DirectoryIdentity {
  source: Exclude<AuthSource, 'local'>;
  username: string;
  displayName: string;
  email: string | null;
  /** The directory's own name for the person (an LDAP DN). */
  directoryDn: string;
  role: Role;
  unitCode: string;
}

/**
 * Creates the account at the person's first sign-in, or brings its name, role and unit in line with the directory at a
 * later one, in one transaction with its audit event. A local account of the same name is never taken over: an entry
 * in the directory must not become the embedded administrator. Returns the account's id.
 */
export async function provisionDirectoryAccount(
  db: Db,
  identity: DirectoryIdentity,
  origin: SignInOrigin,
  now: Date,
): Promise<number> {
  const unit = await findUnitByCode(db, identity.unitCode);
  if (!unit) throw appError('directory_unit_unknown', { unitCode: identity.unitCode });
  const { source, username, displayName, email, directoryDn, role } = identity;
  const audited = { sourceAddress: origin.sourceAddress, userAgent: origin.userAgent, via: 'web' as const };
  return db.transaction().execute(async (trx) => {
    let account = await findDirectoryAccount(trx, username);
    if (!account) {
      const fields = { username, displayName, role, unitId: unit.id, email, directoryDn };
      const id = await insertDirectoryAccount(trx, source, fields, now);
      if (id !== undefined) {
        await recordAudit(
          trx,
          {
            actorId: null,
            action: 'user.directory_create',
            entity: 'user',
            entityId: id,
            after: { ...fields, source },
            ...audited,
          },
          now,
        );
        return id;
      }
      // A parallel first sign-in of the same person created it a moment ago.
      account = await findDirectoryAccount(trx, username);
    }
    if (!account || account.authSource !== source) throw appError('directory_username_taken', { username });
    const changes = directoryChanges(account, { displayName, role, unitId: unit.id, email, directoryDn });
    if (Object.keys(changes).length > 0) {
      await updateDirectoryAccount(trx, account.id, changes, now);
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, account[k as keyof DirectoryAccount]]));
      await recordAudit(
        trx,
        {
          actorId: null,
          action: 'user.directory_sync',
          entity: 'user',
          entityId: account.id,
          before,
          after: { ...changes, source },
          ...audited,
        },
        now,
      );
    }
    return account.id;
  });
}

/**
 * What differs from the directory. The e-mail address is only filled in where none is kept: the owner or the
 * administrator may have set the one reminders should go to.
 */
function directoryChanges(
  account: DirectoryAccount,
  wanted: Pick<DirectoryAccount, 'displayName' | 'role' | 'unitId' | 'email' | 'directoryDn'>,
) {
  const changes: Partial<
    Pick<DirectoryAccount, 'displayName' | 'role' | 'unitId' | 'teamId' | 'email' | 'directoryDn'>
  > = {};
  if (account.displayName !== wanted.displayName) changes.displayName = wanted.displayName;
  if (account.role !== wanted.role) changes.role = wanted.role;
  if (account.unitId !== wanted.unitId) changes.unitId = wanted.unitId;
  // No directory role is a team's, so a team set by hand does not outlive the role that needed it.
  if (account.teamId !== null) changes.teamId = null;
  if (account.email === null && wanted.email !== null) changes.email = wanted.email;
  if (account.directoryDn !== wanted.directoryDn) changes.directoryDn = wanted.directoryDn;
  return changes;
}

/**
 * Confirms the signed-in owner's password where an operation asks for it again (turning two-factor off): the
 * directory's for an account it manages, checked there. Undefined for a local account, whose hash the caller checks.
 */
export async function directoryPasswordMatches(
  db: Db,
  config: Config,
  userId: number,
  password: string,
): Promise<boolean | undefined> {
  if ((await authSourceOf(db, userId)) === 'local') return undefined;
  // With the directory switched off since, nothing can confirm the password.
  if (!config.ldap) return false;
  const { username } = await getPasswordHash(db, userId);
  try {
    return (await authenticateWithLdap(config.ldap, username, password)).kind === 'signed_in';
  } catch (error) {
    if (error instanceof DirectoryUnavailableError)
      throw Object.assign(appError('directory_unavailable'), { cause: error });
    throw error;
  }
}

/**
 * The unit codes RECTIFY_LDAP_GROUP_MAP names that the unit tree lacks: their people are refused at sign-in
 * (directory_unit_unknown), so the server says so once when it starts.
 */
export async function ldapUnitCodesMissing(db: Db, config: Config): Promise<string[]> {
  const codes = [...new Set(config.ldap?.groupMap.map((m) => m.unitCode) ?? [])];
  const found = await Promise.all(codes.map((code) => findUnitByCode(db, code)));
  return codes.filter((_, i) => found[i] === undefined);
}
