import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Sign-in attempts are reserved before a password is checked, by one conditional UPDATE per account and one upsert per
 * source address: the database serialises them, so however many requests arrive at once, no more passwords are checked
 * than the budget allows (issue 11, hole 1). A success gives its reservation back.
 */
export interface AttemptPolicy {
  /** Attempts checked at once before each further one waits. */
  freeAttempts: number;
  /** The longest wait, in seconds. */
  maxDelaySeconds: number;
  /** Failures with none since this moment are forgotten. */
  forgetBefore: string;
  now: Date;
}

const plusSeconds = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

/** "No wait": before any moment, so an attempt within the free ones never makes a later one wait. */
const NO_WAIT = new Date(0).toISOString();

/** Seconds the attempt after the n-th reserved one waits: none for the free ones, then 1, 2, 4 … up to the cap. */
export function delayAfter(n: number, policy: Pick<AttemptPolicy, 'freeAttempts' | 'maxDelaySeconds'>): number {
  if (n < policy.freeAttempts) return 0;
  return Math.min(policy.maxDelaySeconds, 2 ** Math.min(30, n - policy.freeAttempts));
}

/**
 * The moment the next attempt may be checked, as SQL over the new count: a CASE with one branch per doubling, so the
 * count and the wait are written by the same statement.
 */
function delayUntilSql(count: RawBuilder<number>, policy: AttemptPolicy): RawBuilder<string> {
  const branches: RawBuilder<unknown>[] = [sql`when ${count} < ${policy.freeAttempts} then ${NO_WAIT}`];
  for (let n = policy.freeAttempts; delayAfter(n, policy) < policy.maxDelaySeconds; n++) {
    branches.push(sql`when ${count} = ${n} then ${plusSeconds(policy.now, delayAfter(n, policy))}`);
  }
  return sql<string>`(case ${sql.join(branches, sql` `)} else ${plusSeconds(policy.now, policy.maxDelaySeconds)} end)`;
}

/**
 * Reserves one attempt on the account: counts it as a failure until the password proves right. Undefined when the
 * account is hard-locked, waiting out its delay, or has used its last attempt before the lock.
 */
export async function reserveAccountAttempt(
  db: Db,
  userId: number,
  policy: AttemptPolicy & { maxAttempts: number },
): Promise<number | undefined> {
  const nowIso = policy.now.toISOString();
  const count = sql<number>`(case when last_failed_login_at is null or last_failed_login_at <= ${policy.forgetBefore} then 1 else failed_logins + 1 end)`;
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: count,
      login_delay_until: delayUntilSql(count, policy),
      last_failed_login_at: nowIso,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .where((eb) => eb.or([eb('login_delay_until', 'is', null), eb('login_delay_until', '<=', nowIso)]))
    .where(count, '<=', policy.maxAttempts)
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins;
}

/** The right password: the account's count starts again. */
export async function clearAccountAttempts(trx: Db, userId: number) {
  await trx
    .updateTable('users')
    .set({ failed_logins: 0, login_delay_until: null, last_failed_login_at: null, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/**
 * Gives one reserved attempt back without forgiving the failures before it: the password was never judged (the
 * directory that judges it could not be reached), so an outage neither slows nor locks the account.
 */
export async function releaseAccountAttempt(trx: Db, userId: number) {
  await trx
    .updateTable('users')
    .set({ failed_logins: sql<number>`failed_logins - 1` })
    .where('id', '=', userId)
    .where('failed_logins', '>', 0)
    .execute();
}

/** The last attempt was wrong too: locked until `lockedUntil`, the count starting again after it. */
export async function hardLockAccount(trx: Db, userId: number, lockedUntil: string) {
  await trx
    .updateTable('users')
    .set({ failed_logins: 0, login_delay_until: null, last_failed_login_at: null, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
}

export type AddressReservation = { reserved: true; count: number } | { reserved: false; retryAfterSeconds: number };

/** Reserves one attempt for the source address, or says how long it must wait. */
export async function reserveAddressAttempt(
  db: Db,
  address: string,
  policy: AttemptPolicy,
): Promise<AddressReservation> {
  const nowIso = policy.now.toISOString();
  const count = sql<number>`(case when login_throttle.last_failed_at <= ${policy.forgetBefore} then 1 else login_throttle.failures + 1 end)`;
  const row = await db
    .insertInto('login_throttle')
    .values({
      address,
      failures: 1,
      delay_until: delayAfter(1, policy) === 0 ? NO_WAIT : plusSeconds(policy.now, delayAfter(1, policy)),
      last_failed_at: nowIso,
    })
    .onConflict((oc) =>
      oc
        .column('address')
        .doUpdateSet({ failures: count, delay_until: delayUntilSql(count, policy), last_failed_at: nowIso })
        .where('login_throttle.delay_until', '<=', nowIso),
    )
    .returning('failures')
    .executeTakeFirst();
  if (row) return { reserved: true, count: row.failures };
  const waiting = await db
    .selectFrom('login_throttle')
    .select('delay_until')
    .where('address', '=', address)
    .executeTakeFirst();
  const ms = waiting ? Date.parse(waiting.delay_until) - policy.now.getTime() : 1000;
  return { reserved: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

/** A right password gives the address's reservation back (without forgiving the wrong ones before it). */
export async function releaseAddressAttempt(trx: Db, address: string, freeAttempts: number) {
  await trx
    .updateTable('login_throttle')
    .set({
      failures: sql<number>`failures - 1`,
      delay_until: sql<string>`(case when failures - 1 < ${freeAttempts} then ${NO_WAIT} else delay_until end)`,
    })
    .where('address', '=', address)
    .where('failures', '>', 0)
    .execute();
}

/** Accounts told when an account is hard-locked: every active security administrator. */
export async function securityAdministratorIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'security_admin')
    .where('active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

// ---- password history: argon2 hashes of the account's last passwords.

export async function recentPasswordHashes(db: Db, userId: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** Records a password just set, keeping only the last `keep`. */
export async function rememberPassword(trx: Db, userId: number, passwordHash: string, keep: number, now: Date) {
  await trx
    .insertInto('password_history')
    .values({ user_id: userId, password_hash: passwordHash, set_at: now.toISOString() })
    .execute();
  const kept = await trx
    .selectFrom('password_history')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(keep)
    .execute();
  await trx
    .deleteFrom('password_history')
    .where('user_id', '=', userId)
    .where(
      'id',
      'not in',
      kept.map((k) => k.id),
    )
    .execute();
}
