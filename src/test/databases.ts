import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openPostgres, openSqlite } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Dialect } from '../db/migration-helpers.ts';
import { configureAuditChain } from '../repositories/audit.repository.ts';
import { AUDIT_KEY_FILE } from '../storage/audit-files.ts';
import { TEST_AUDIT_KEY_HEX } from './factories.ts';

/** Every test database's events are chained under the tests' key (testConfig carries the same one). */
export function chainWithTestKey(): void {
  configureAuditChain({ algorithm: 'sha256', key: Buffer.from(TEST_AUDIT_KEY_HEX, 'hex') });
}

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
  chainWithTestKey();
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
  // The CLI reads the key file of its data folder; the same key lets the test's own writes verify through it.
  writeFileSync(path.join(dataDir, AUDIT_KEY_FILE), TEST_AUDIT_KEY_HEX, { mode: 0o600 });
  chainWithTestKey();
  return { handle, env };
}

/** Issue 15: a fresh database of the given kind with no migration applied, for tests of one migration's data. */
export async function createUnmigratedTestDatabase(dialect: Dialect): Promise<DatabaseHandle> {
  const handle = dialect === 'sqlite' ? openSqlite(':memory:') : openPostgres(await createPostgresDatabase(), 5);
  chainWithTestKey();
  return handle;
}
