import { CompiledQuery, sql } from 'kysely';
import { CoherentCache } from '../db/cache-coherence.ts';
import { type Db, isPostgres } from '../db/database.ts';
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
  // Issue 13, channels.
  email: string | null;
  phone: string | null;
}

/** What sign-in needs, and nothing a response may carry. */
export interface Credentials {
  id: number;
  username: string;
  passwordHash: string;
  active: boolean;
  mustChangePassword: boolean;
  /** When the password was set; null on accounts whose published password never expires. */
  passwordExpiresFrom: string | null;
}

/** The columns a user and its actor are read from (with `users as u` joined to `units as un`). */
export const userColumns = [
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
  'u.email',
  'u.phone',
] as const;

type UserSelection = Pick<
  UserRow,
  | 'id'
  | 'username'
  | 'display_name'
  | 'role'
  | 'unit_id'
  | 'team_id'
  | 'active'
  | 'locked_until'
  | 'version'
  | 'email'
  | 'phone'
> & {
  unit_name: string;
  unit_path: string;
};

export const toUser = (r: UserSelection): User => ({
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
  email: r.email,
  phone: r.phone,
});

/** What policies decide from, out of the same row. */
export const toActor = (r: UserSelection): Actor => ({
  id: r.id,
  role: r.role as Role,
  unitId: r.unit_id,
  unitPath: r.unit_path,
  teamId: r.team_id,
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

/** By the name typed at sign-in, or by id once the password is proved (the second factor). */
export async function findCredentials(db: Db, who: string | number): Promise<Credentials | undefined> {
  const r = await db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'password_hash',
      'active',
      'must_change_password',
      'password_expires',
      'password_changed_at',
    ])
    .where((eb) => (typeof who === 'number' ? eb('id', '=', who) : eb('username', '=', who)))
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      username: r.username,
      passwordHash: r.password_hash,
      active: r.active === 1,
      mustChangePassword: r.must_change_password === 1,
      passwordExpiresFrom: r.password_expires === 1 ? r.password_changed_at : null,
    }
  );
}

export async function getPasswordHash(db: Db, userId: number): Promise<{ username: string; passwordHash: string }> {
  const r = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { username: r.username, passwordHash: r.password_hash };
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
    /** A password someone else chose: the owner changes it at first sign-in. */
    mustChangePassword?: boolean;
    /** False for the demo's and the built-in admin's published passwords. */
    passwordExpires?: boolean;
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
      must_change_password: input.mustChangePassword ? 1 : 0,
      password_expires: input.passwordExpires === false ? 0 : 1,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The first password counts among the last ones a change may not repeat.
  await trx
    .insertInto('password_history')
    .values({ user_id: id, password_hash: input.passwordHash, set_at: at })
    .execute();
  return id;
}

/** `mustChange` when someone else set it (an administrator's reset); the owner's own change clears the flag. */
export async function setPasswordHash(trx: Db, userId: number, passwordHash: string, now: Date, mustChange = false) {
  await trx
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      password_changed_at: now.toISOString(),
      must_change_password: mustChange ? 1 : 0,
    })
    .where('id', '=', userId)
    .execute();
}

export async function usernameExists(db: Db, username: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

// ---- sessions: the cookie carries a random token; the table stores only its hash.

export async function insertSession(
  trx: Db,
  s: {
    idHash: string;
    userId: number;
    csrfToken: string;
    createdAt: string;
    expiresAt: string;
    sourceAddress: string | null;
    userAgent: string | null;
    mustChangePassword: boolean;
  },
) {
  await trx
    .insertInto('sessions')
    .values({
      id: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_seen_at: s.createdAt,
      source_address: s.sourceAddress,
      user_agent: s.userAgent,
      must_change_password: s.mustChangePassword ? 1 : 0,
    })
    .execute();
}

/** Ends the account's oldest sessions so that, with the one about to start, it keeps at most `max`. */
export async function trimSessionsOfUser(trx: Db, userId: number, max: number) {
  const kept = await trx
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    // Sessions started in the same millisecond have no order of their own; the id makes the choice a fixed one.
    .orderBy('id')
    .limit(max - 1)
    .execute();
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (kept.length > 0)
    q = q.where(
      'id',
      'not in',
      kept.map((k) => k.id),
    );
  await q.execute();
}

export interface SessionWithActor {
  csrfToken: string;
  expiresAt: string;
  lastSeenAt: string;
  /** The password must be changed before anything else (set by someone else, or expired). */
  mustChangePassword: boolean;
  actor: Actor;
  user: User;
}

/** A session last used before this has been idle too long. */
const idleSinceOf = (now: Date, idleMinutes: number) => new Date(now.getTime() - idleMinutes * 60_000).toISOString();

/** A live session: before its absolute end and used within the idle timeout (the conditions rectify_live_session repeats on PostgreSQL, migration 20261220050000). */
function liveSession(db: Db, idHash: string, now: Date, idleMinutes: number) {
  const idleSince = idleSinceOf(now, idleMinutes);
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select([
      ...userColumns,
      's.csrf_token',
      's.expires_at',
      's.created_at',
      's.last_seen_at',
      's.must_change_password',
    ])
    .where('s.id', '=', idHash)
    .where('s.expires_at', '>', now.toISOString())
    .where((eb) => eb(eb.fn.coalesce('s.last_seen_at', 's.created_at'), '>', idleSince))
    .where('u.active', '=', 1);
}

type LiveSessionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof liveSession>['executeTakeFirst']>>>;

const toSessionWithActor = (r: LiveSessionRow): SessionWithActor => ({
  csrfToken: r.csrf_token,
  expiresAt: r.expires_at,
  lastSeenAt: r.last_seen_at ?? r.created_at,
  mustChangePassword: r.must_change_password === 1,
  user: toUser(r),
  actor: toActor(r),
});

export async function findSession(
  db: Db,
  idHash: string,
  now: Date,
  idleMinutes: number,
): Promise<SessionWithActor | undefined> {
  const r = await liveSession(db, idHash, now, idleMinutes).executeTakeFirst();
  return r && toSessionWithActor(r);
}

// Each request resolves its session and actor; they change when someone signs out, is moved, loses a role or a password,
// or is deactivated. A session ended on one server must be refused by every server on the very next request, with no
// window, and without each request paying for the whole read (bench/session-check.ts):
// - SQLite: the cache's stamp is the version rows the triggers move in the writing transaction, read afresh per lookup
//   (`current`, an in-process read of microseconds): a hit costs no session read at all.
// - PostgreSQL: the stamp is heard by LISTEN/NOTIFY, which arrives some time after the writer's commit — under load
//   after the writer's server has answered and the client has asked another server — so it cannot tell a revocation
//   from no change. Each use of a cached session is confirmed instead by one fixed statement (CONFIRM: nothing to
//   build, a function whose query PostgreSQL plans once per connection) that returns a digest of every column the
//   session and its actor were made from, or null once the session has ended; the cached session is used only while
//   the digest is the one it was read with.
// Why a digest of the rows rather than a revocation counter read per request: a counter must be moved by every path
// that revokes, where the rows say so whichever path wrote them — sign-out, a password changed or reset, a
// deactivation, a new role or unit, the session limit, a repair by hand — with nothing to keep in step; and reading
// it would be the same one round trip, which the confirmation keeps near the cost of the cheapest primary-key read.
const SESSION_CACHE_MS = 60_000;
const SESSION_CACHE_ENTRIES = 20_000;
const sessionCache = new CoherentCache<SessionWithActor>(
  ['accounts', 'units'],
  SESSION_CACHE_MS,
  SESSION_CACHE_ENTRIES,
  { current: true },
);

/** Confirms a cached session (PostgreSQL; migration 20261220050000_session_check): one fixed statement, planned once. */
const CONFIRM = 'select rectify_live_session($1, $2, $3) as fingerprint';

const confirmedCache = new WeakMap<Db, Map<string, { fingerprint: string; session: SessionWithActor }>>();

async function findSessionConfirmed(db: Db, idHash: string, now: Date, idleMinutes: number) {
  let map = confirmedCache.get(db);
  if (!map) {
    map = new Map();
    confirmedCache.set(db, map);
  }
  const idleSince = idleSinceOf(now, idleMinutes);
  const hit = map.get(idHash);
  if (hit) {
    const { rows } = await db.executeQuery<{ fingerprint: string | null }>(
      CompiledQuery.raw(CONFIRM, [idHash, now.toISOString(), idleSince]),
    );
    const fingerprint = rows[0]?.fingerprint ?? null;
    if (fingerprint === null) {
      map.delete(idHash);
      return undefined;
    }
    if (fingerprint === hit.fingerprint) return hit.session;
  }
  // Read with its fingerprint in the same statement (the function is STABLE: it reads this statement's snapshot), so
  // the two always describe one state of the rows.
  const r = await liveSession(db, idHash, now, idleMinutes)
    .select(sql<string | null>`rectify_live_session(s.id, ${now.toISOString()}, ${idleSince})`.as('fingerprint'))
    .executeTakeFirst();
  if (!r || r.fingerprint === null) {
    map.delete(idHash);
    return undefined;
  }
  const session = toSessionWithActor(r);
  // Inside a transaction its own uncommitted rows are not kept (each use is confirmed anyway).
  if (!db.isTransaction) {
    if (map.size >= SESSION_CACHE_ENTRIES && !map.has(idHash)) map.delete(map.keys().next().value as string);
    map.set(idHash, { fingerprint: r.fingerprint, session });
  }
  return session;
}

/**
 * `findSession` through the per-process cache (see above). A cached session is used only while it is live by its own
 * expiry and last use; its last use is as old as this process last read or touched it, so a session another process
 * kept in use is read again rather than refused.
 */
export async function findSessionCached(
  db: Db,
  idHash: string,
  now: Date,
  idleMinutes: number,
): Promise<SessionWithActor | undefined> {
  if (isPostgres(db)) return findSessionConfirmed(db, idHash, now, idleMinutes);
  const nowIso = now.toISOString();
  const idleSince = idleSinceOf(now, idleMinutes);
  return sessionCache.get(
    db,
    idHash,
    () => findSession(db, idHash, now, idleMinutes),
    (s) => s.expiresAt > nowIso && s.lastSeenAt > idleSince,
  );
}

/** Keeps an active session from idling out; written at most once a minute per session. */
export async function touchSession(db: Db, idHash: string, now: Date) {
  const aMinuteAgo = new Date(now.getTime() - 60_000).toISOString();
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', idHash)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<=', aMinuteAgo)]))
    .execute();
  sessionCache.update(db, idHash, (s) => ({ ...s, lastSeenAt: now.toISOString() }));
  const confirmed = confirmedCache.get(db)?.get(idHash);
  if (confirmed) confirmed.session = { ...confirmed.session, lastSeenAt: now.toISOString() };
}

export async function clearSessionMustChange(trx: Db, idHash: string) {
  await trx.updateTable('sessions').set({ must_change_password: 0 }).where('id', '=', idHash).execute();
}

export interface SessionSummary {
  idHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  sourceAddress: string | null;
  userAgent: string | null;
}

/** The account's live sessions, newest first. */
export async function listSessionsOfUser(
  db: Db,
  userId: number,
  now: Date,
  idleMinutes: number,
): Promise<SessionSummary[]> {
  const idleSince = idleSinceOf(now, idleMinutes);
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'source_address', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .where((eb) => eb(eb.fn.coalesce('last_seen_at', 'created_at'), '>', idleSince))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    idHash: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at ?? r.created_at,
    expiresAt: r.expires_at,
    sourceAddress: r.source_address,
    userAgent: r.user_agent,
  }));
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
  // Issue 13, channels: the administrator sets the addresses reminders and messages go to.
  email?: string | null;
  phone?: string | null;
}

export async function patchUser(trx: Db, id: number, version: number, changes: AccountChanges, now: Date) {
  const { unlock, ...fields } = changes;
  const columns = columnsOf<VersionedPatch<'users'>, typeof fields>(fields, {
    displayName: 'display_name',
    role: 'role',
    unitId: 'unit_id',
    teamId: 'team_id',
    active: 'active',
    email: 'email',
    phone: 'phone',
  });
  await updateVersioned(
    trx,
    'users',
    id,
    version,
    unlock
      ? { ...columns, failed_logins: 0, locked_until: null, login_delay_until: null, last_failed_login_at: null }
      : columns,
    now,
  );
}

/** Issue 13: the owner's own e-mail, mobile and channel choices (the columns from contactColumns). */
export async function patchUserContact(
  trx: Db,
  id: number,
  version: number,
  columns: VersionedPatch<'users'>,
  now: Date,
): Promise<void> {
  await updateVersioned(trx, 'users', id, version, columns, now);
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
