import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-helpers.ts';

/**
 * PostgreSQL only: `rectify_live_session(id, now, idle_since)`, a digest of every column a live session and its actor
 * are made of (a digest: the row holds the password hash, which no cache should), or null once the session has ended (signed out, ended by someone, expired, idle, its account
 * deactivated). A server confirms the session it keeps in memory with it on every request
 * (users.repository.ts, findSessionCached), since a notification of the change may not have reached it yet.
 *
 * A function rather than the same statement sent each time: PL/pgSQL plans its query once per connection, where the
 * three-table statement was planned anew on every request (bench/session-check.ts: about 1 ms against 0.3 ms a request
 * on a busy machine). STABLE, so that called within a statement it reads that statement's snapshot: a session read
 * with its fingerprint describes one state of the rows. `u.*` and `un.*` take in any column added later; the
 * sign-in bookkeeping among them changes only at a sign-in, and then costs one full read. The last use is left out:
 * it moves every minute and is checked, not compared.
 *
 * SQLite needs nothing: there the cache's version rows are read in-process, current at every lookup.
 */
export async function up(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`
    CREATE FUNCTION rectify_live_session(p_id text, p_now text, p_idle_since text) RETURNS text
    LANGUAGE plpgsql STABLE AS $$
    BEGIN
      RETURN (
        SELECT encode(sha256(convert_to(
          row(s.user_id, s.csrf_token, s.expires_at, s.created_at, s.must_change_password, u.*, un.*)::text, 'UTF8')), 'hex')
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        JOIN units un ON un.id = u.unit_id
        WHERE s.id = p_id AND s.expires_at > p_now AND coalesce(s.last_seen_at, s.created_at) > p_idle_since
          AND u.active = 1
      );
    END $$`.execute(db);
}

export async function down(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  if (dialect === 'postgres') await sql`DROP FUNCTION IF EXISTS rectify_live_session(text, text, text)`.execute(db);
}
