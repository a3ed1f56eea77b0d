import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openPostgres, openSqlite } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Dialect } from '../db/migration-helpers.ts';

/** The databases every repository and API test runs on; PostgreSQL is left out only when RECTIFY_TEST_POSTGRES=0. */
export function testDialects(): Dialect[] {
  return inject('postgresAdminUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, migrated, empty database of the given kind. */
export async function createTestDatabase(dialect: Dialect): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (dialect === 'sqlite') {
    handle = openSqlite(':memory:');
  } else {
    const adminUrl = inject('postgresAdminUrl');
    if (!adminUrl) throw new Error('PostgreSQL was not started by the test setup');
    const name = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = openPostgres(url.toString(), 5);
  }
  await migrateToLatest(handle);
  return handle;
}
