import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openPostgres, openSqlite } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Dialect } from '../db/migration-helpers.ts';

/** The databases every repository and API test runs on; PostgreSQL is left out only when RECTIFY_TEST_POSTGRES=0. */
export function testDialects(): Dialect[] {
  return inject('postgresAdminUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, empty PostgreSQL database on the server the test setup started: its URL. */
async function createPostgresDatabase(): Promise<string> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('PostgreSQL was not started by the test setup');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated, empty database of the given kind. */
export async function createTestDatabase(dialect: Dialect): Promise<DatabaseHandle> {
  const handle = dialect === 'sqlite' ? openSqlite(':memory:') : openPostgres(await createPostgresDatabase(), 5);
  await migrateToLatest(handle);
  return handle;
}

/**
 * A fresh, migrated, empty database that the CLI, which opens its own, will find: SQLite as rectify.sqlite in `dataDir`
 * (the test points RECTIFY_DATA_DIR there), PostgreSQL by the DATABASE_URL in `env` (empty for SQLite).
 */
export async function createCliTestDatabase(
  dialect: Dialect,
  dataDir: string,
): Promise<{ handle: DatabaseHandle; env: Record<string, string> }> {
  let handle: DatabaseHandle;
  let env: Record<string, string> = {};
  if (dialect === 'sqlite') {
    handle = openSqlite(path.join(dataDir, 'rectify.sqlite'));
  } else {
    const url = await createPostgresDatabase();
    handle = openPostgres(url, 2);
    env = { DATABASE_URL: url };
  }
  await migrateToLatest(handle);
  return { handle, env };
}
