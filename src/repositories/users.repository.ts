import type { Db } from '../db/database.ts';
import type { UserRow } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/policies.ts';
import { columnsOf, updateVersioned, type VersionedPatch } from './versioned.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitName: string;
  teamId: number | null;
  active: boolean;
  lockedUntil: string | null;
  version: number;
}

/** What sign-in needs, and nothing a response may carry. */
export interface Credentials {
  id: number;
  passwordHash: string;
  active: boolean;
  failedLogins: number;
  lockedUntil: string | null;
}

const userColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.unit_id',
  'un.name as unit_name',
  'un.path as unit_path',
  'u.team_id',
  'u.active',
  'u.locked_until',
  'u.version',
] as const;

type UserSelection = Pick<
  UserRow,
  'id' | 'username' | 'display_name' | 'role' | 'unit_id' | 'team_id' | 'active' | 'locked_until' | 'version'
> & {
  unit_name: string;
  unit_path: string;
};

const toUser = (r: UserSelection): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  unitId: r.unit_id,
  unitName: r.unit_name,
  teamId: r.team_id,
  active: r.active === 1,
  lockedUntil: r.locked_until,
  version: r.version,
});

function selectUsers(db: Db) {
  return db.selectFrom('users as u').innerJoin('units as un', 'un.id', 'u.unit_id').select(userColumns);
}

export async function listUsers(db: Db, unitPathPrefix: string): Promise<User[]> {
  const rows = await selectUsers(db)
    .where('un.path', 'like', `${unitPathPrefix}%`)
    .orderBy('un.path')
    .orderBy('u.id')
    .execute();
  return rows.map(toUser);
}

export async function getUser(db: Db, id: number): Promise<User> {
  const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('user', id);
  return toUser(row);
}

export async function findCredentials(db: Db, username: string): Promise<Credentials | undefined> {
  const r = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active', 'failed_logins', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      passwordHash: r.password_hash,
      active: r.active === 1,
      failedLogins: r.failed_logins,
      lockedUntil: r.locked_until,
    }
  );
}

export async function getPasswordHash(db: Db, userId: number): Promise<string> {
  const r = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  return r.password_hash;
}

export async function recordLoginFailure(trx: Db, userId: number, failedLogins: number, lockedUntil: string | null) {
  await trx
    .updateTable('users')
    .set({ failed_logins: failedLogins, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
}

export async function recordLoginSuccess(trx: Db, userId: number) {
  await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function insertUser(
  trx: Db,
  input: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    unitId: number;
    teamId: number | null;
  },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      role: input.role,
      unit_id: input.unitId,
      team_id: input.teamId,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setPasswordHash(trx: Db, userId: number, passwordHash: string, now: Date) {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now.toISOString() })
    .where('id', '=', userId)
    .execute();
}

export async function usernameExists(db: Db, username: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

// ---- sessions: the cookie carries a random token; the table stores only its hash.

export async function insertSession(
  trx: Db,
  s: { idHash: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string },
) {
  await trx
    .insertInto('sessions')
    .values({
      id: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
    })
    .execute();
}

export interface SessionWithActor {
  csrfToken: string;
  expiresAt: string;
  actor: Actor;
  user: User;
}

export async function findSession(db: Db, idHash: string, nowIso: string): Promise<SessionWithActor | undefined> {
  const r = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select([...userColumns, 's.csrf_token', 's.expires_at'])
    .where('s.id', '=', idHash)
    .where('s.expires_at', '>', nowIso)
    .where('u.active', '=', 1)
    .executeTakeFirst();
  if (!r) return undefined;
  const user = toUser(r);
  return {
    csrfToken: r.csrf_token,
    expiresAt: r.expires_at,
    user,
    actor: { id: r.id, role: user.role, unitId: r.unit_id, unitPath: r.unit_path, teamId: r.team_id },
  };
}

export async function deleteSession(trx: Db, idHash: string) {
  await trx.deleteFrom('sessions').where('id', '=', idHash).execute();
}

export async function deleteSessionsOfUser(trx: Db, userId: number, exceptIdHash?: string) {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id', '!=', exceptIdHash);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, nowIso: string) {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
}

/** The actor an active account acts as, for the command line (`--as USERNAME`). */
export async function findActorByUsername(db: Db, username: string): Promise<Actor | undefined> {
  const r = await db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(userColumns)
    .where('u.username', '=', username)
    .where('u.active', '=', 1)
    .executeTakeFirst();
  return r && { id: r.id, role: r.role as Role, unitId: r.unit_id, unitPath: r.unit_path, teamId: r.team_id };
}

/** What the administrator changes on an account; `unlock` clears the failed sign-ins and the lock. */
export interface AccountChanges {
  displayName?: string;
  role?: Role;
  unitId?: number;
  teamId?: number | null;
  active?: boolean;
  unlock?: boolean;
}

export async function patchUser(trx: Db, id: number, version: number, changes: AccountChanges, now: Date) {
  const { unlock, ...fields } = changes;
  const columns = columnsOf<VersionedPatch<'users'>, typeof fields>(fields, {
    displayName: 'display_name',
    role: 'role',
    unitId: 'unit_id',
    teamId: 'team_id',
    active: 'active',
  });
  await updateVersioned(
    trx,
    'users',
    id,
    version,
    unlock ? { ...columns, failed_logins: 0, locked_until: null } : columns,
    now,
  );
}

/** Active accounts holding a role: 三员分立 keeps at least one of each administrator role. */
export async function countActiveWithRole(db: Db, role: Role): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('role', '=', role)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Clears the failed sign-ins and the lock of an account (the security administrator's unlock). */
export async function clearLock(trx: Db, userId: number) {
  await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}
