import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';

/**
 * Accounts an outside directory manages (issue 13): created at their first sign-in, their name, role and unit brought
 * in line with the directory at every later one. Their password lives in the directory; the stored hash is a value
 * no password verifies, so the local check can never let them in.
 */

export type AuthSource = 'local' | 'ldap';

/** Not an argon2 hash: verifyPassword answers false for it whatever is typed. */
export const DIRECTORY_PASSWORD_HASH = '!directory-managed';

export interface DirectoryAccount {
  id: number;
  authSource: AuthSource;
  displayName: string;
  role: Role;
  unitId: number;
  teamId: number | null;
  email: string | null;
  directoryDn: string | null;
}

export interface DirectoryAccountFields {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  email: string | null;
  directoryDn: string;
}

export async function findDirectoryAccount(db: Db, username: string): Promise<DirectoryAccount | undefined> {
  const r = await db
    .selectFrom('users')
    .select(['id', 'auth_source', 'display_name', 'role', 'unit_id', 'team_id', 'email', 'directory_dn'])
    .where('username', '=', username)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      authSource: r.auth_source as AuthSource,
      displayName: r.display_name,
      role: r.role as Role,
      unitId: r.unit_id,
      teamId: r.team_id,
      email: r.email,
      directoryDn: r.directory_dn,
    }
  );
}

/** Where the account's password is checked, by id (the sign-in has the id in hand). */
export async function authSourceOf(db: Db, userId: number): Promise<AuthSource> {
  const r = await db.selectFrom('users').select('auth_source').where('id', '=', userId).executeTakeFirst();
  return (r?.auth_source ?? 'local') as AuthSource;
}

/**
 * Inserts the account unless the name is already taken, which two first sign-ins of one person at once race for: the
 * unique username decides, and the loser gets undefined and reads the winner's row.
 */
export async function insertDirectoryAccount(
  trx: Db,
  source: Exclude<AuthSource, 'local'>,
  fields: DirectoryAccountFields,
  now: Date,
): Promise<number | undefined> {
  const at = now.toISOString();
  const row = await trx
    .insertInto('users')
    .values({
      username: fields.username,
      display_name: fields.displayName,
      password_hash: DIRECTORY_PASSWORD_HASH,
      role: fields.role,
      unit_id: fields.unitId,
      team_id: null,
      email: fields.email,
      auth_source: source,
      directory_dn: fields.directoryDn,
      // The directory owns the password: nothing here may ask for it to be changed or let it expire.
      must_change_password: 0,
      password_expires: 0,
      password_changed_at: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** What the directory changed; the version moves, so an administrator's edit read before it gets 409. */
export async function updateDirectoryAccount(
  trx: Db,
  id: number,
  changes: Partial<Pick<DirectoryAccount, 'displayName' | 'role' | 'unitId' | 'teamId' | 'email' | 'directoryDn'>>,
  now: Date,
) {
  await trx
    .updateTable('users')
    .set({
      ...(changes.displayName !== undefined && { display_name: changes.displayName }),
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.unitId !== undefined && { unit_id: changes.unitId }),
      ...(changes.teamId !== undefined && { team_id: changes.teamId }),
      ...(changes.email !== undefined && { email: changes.email }),
      ...(changes.directoryDn !== undefined && { directory_dn: changes.directoryDn }),
      version: sql<number>`version + 1`,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}
