import type { CommandContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { canOperateReminders } from '../policies/policies.ts';
import { findOwnNotification, markNotificationsRead } from '../repositories/notifications.repository.ts';
import { configuredChannels } from '../scheduler/channels.ts';
import { type SweepCounts, sweep } from '../scheduler/sweep.ts';

// Reading a notification is a person's own bookkeeping, not a change to the ledger, so it leaves no audit event.

/** Marks one of the actor's notifications read; someone else's is answered as not found, so ids reveal nothing. */
export async function readNotification(ctx: CommandContext, id: number): Promise<void> {
  const own = await findOwnNotification(ctx.db, ctx.actor.id, id);
  if (!own) throw AppError.notFound('notification', id);
  await markNotificationsRead(ctx.db, ctx.actor.id, ctx.now().toISOString(), id);
}

export async function readAllNotifications(ctx: CommandContext): Promise<number> {
  return markNotificationsRead(ctx.db, ctx.actor.id, ctx.now().toISOString());
}

function requireOperator(ctx: CommandContext) {
  if (!canOperateReminders(ctx.actor)) throw AppError.forbidden();
}

/** A sweep now, for operators (after changing deadlines in bulk, or to retry deliveries at once). */
export async function sweepNow(ctx: CommandContext): Promise<SweepCounts> {
  requireOperator(ctx);
  const channels = configuredChannels(ctx.config);
  try {
    return await sweep({ db: ctx.db, config: ctx.config, now: ctx.now, channels });
  } finally {
    channels.close();
  }
}
