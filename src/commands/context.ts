import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { type AuditInput, recordAudit } from '../repositories/audit.repository.ts';

export interface Unit {
  trx: Db;
  audit(input: Omit<AuditInput, 'actorId'>): Promise<void>;
}

/** Runs a change and its audit events in one transaction: either both are saved or neither. */
export function change<T>(ctx: CommandContext, work: (u: Unit) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute((trx) =>
    work({
      trx,
      audit: (input) => recordAudit(trx, { ...originOf(ctx), ...input, actorId: ctx.actor.id }, ctx.now()),
    }),
  );
}

/** The audit fields that say where a command came from. */
export function originOf(ctx: CommandContext): Pick<AuditInput, 'sourceAddress' | 'userAgent' | 'via'> {
  if (!ctx.origin) return {};
  return { sourceAddress: ctx.origin.address, userAgent: ctx.origin.userAgent, via: ctx.origin.via };
}
