import type { Config } from '../config.ts';
import type { CommandContext } from '../context.ts';
import type { DatabaseLog } from '../db/availability.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { actorUnder } from '../policies/policies.ts';
import { configureAuditChain } from '../repositories/audit.repository.ts';
import { findActorByUsername } from '../repositories/users.repository.ts';
import { resolveAuditKey } from '../storage/audit-files.ts';
import { anchorUnkeyedEvents } from './audit-anchor.ts';

/** What every command-line handler gets: where to print. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Where a FILE of `-` is read from (process.stdin unless a test gives its own). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

/** Thrown by a handler for a usage or input problem: main prints the message and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export async function openMigrated(config: Config, log?: DatabaseLog): Promise<DatabaseHandle> {
  configureAuditChain({ algorithm: config.auditHash, key: resolveAuditKey(config) });
  const handle = openDatabase(config, log);
  await migrateToLatest(handle);
  await anchorUnkeyedEvents(handle.db, config, new Date());
  return handle;
}

/**
 * The command context of a command-line run: it acts as a real account (`--as`, the built-in `admin` by default), so
 * the same policies apply and every change is audited under a name, as in the web app.
 */
export async function cliContext(handle: DatabaseHandle, config: Config, username = 'admin'): Promise<CommandContext> {
  const actor = await findActorByUsername(handle.db, username);
  if (!actor) throw new CliError(`没有名为“${username}”的有效账号 / no active account named "${username}"`);
  return {
    db: handle.db,
    config,
    actor: actorUnder(config, actor),
    now: () => new Date(),
    origin: { address: null, userAgent: null, via: 'cli' },
  };
}
