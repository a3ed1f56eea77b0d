import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
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
}

export const today = (ctx: Pick<CommandContext, 'now'>) => todayInChina(ctx.now());
