import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { AuditVia } from './domain/audit-chain.ts';
import { todayInChina } from './domain/dates.ts';
import type { Actor } from './policies/policies.ts';

/**
 * Everything an operation needs: the database, who acts, and the clock (injected so tests can move it). Commands,
 * queries, documents and HTTP all take it, so it lives beside none of them.
 */
export interface CommandContext {
  db: Db;
  actor: Actor;
  config: Config;
  now: () => Date;
  /** Where the command came from, for its audit events; absent in tests and internal jobs. */
  origin?: CommandOrigin;
}

export interface CommandOrigin {
  address: string | null;
  userAgent: string | null;
  via: AuditVia;
}

export const today = (ctx: Pick<CommandContext, 'now'>) => todayInChina(ctx.now());
