import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { embeddedPostgres, freePort } from './global-setup.ts';

export interface OwnPostgres {
  /** A database of its own on this server, created empty. */
  url: string;
  /** A fast shutdown (SIGINT): every connection gets 57P01 "terminating connection due to administrator command". */
  stop(): Promise<void>;
  /** Starts the same server again on the same port and data. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL server of the test's own, for tests that stop, restart or kill it: the shared one the global setup
 * started serves other test files at the same time and must never go down.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-own-pg-'));
  const port = await freePort();
  // Persistent: its data survives a stop, so start() brings the same server back.
  const server = await embeddedPostgres(dir, port, { persistent: true });
  await server.initialise();
  await server.start();
  const adminUrl = `postgres://rectify:rectify-test@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE faults');
  await admin.end();
  let running = true;
  return {
    url: `postgres://rectify:rectify-test@127.0.0.1:${port}/faults`,
    async stop() {
      await server.stop();
      running = false;
    },
    async start() {
      await server.start();
      running = true;
    },
    async destroy() {
      if (running) await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
