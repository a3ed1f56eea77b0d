import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { todayInChina } from '../domain/dates.ts';
import type { Actor } from '../policies/policies.ts';
import { type AuditInput, recordAudit } from '../repositories/audit.repository.ts';

/** Everything a command needs: the database, who acts, and the clock (injected so tests can move it). */
export interface CommandContext {
  db: Db;
  actor: Actor;
  config: Config;
  now: () => Date;
}

export const today = (ctx: Pick<CommandContext, 'now'>) => todayInChina(ctx.now());

export interface Unit {
  trx: Db;
  audit(input: Omit<AuditInput, 'actorId'>): Promise<void>;
}

/** Runs a change and its audit events in one transaction: either both are saved or neither. */
export function change<T>(ctx: CommandContext, work: (u: Unit) => Promise<T>): Promise<T> {
  return ctx.db
    .transaction()
    .execute((trx) =>
      work({ trx, audit: (input) => recordAudit(trx, { ...input, actorId: ctx.actor.id }, ctx.now()) }),
    );
}
