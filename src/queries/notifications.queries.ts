import type { CommandContext } from '../context.ts';
import type { DeliveryStatus } from '../domain/reminders.ts';
import { AppError } from '../errors.ts';
import { canOperateReminders } from '../policies/policies.ts';
import { countDeliveries, type Delivery, listDeliveries } from '../repositories/notifications.repository.ts';

/** The outbox for operators: counts by status and the latest deliveries. */
export async function deliveriesOverview(
  ctx: CommandContext,
  query: { status?: DeliveryStatus; limit: number; before?: number },
): Promise<{ counts: Record<DeliveryStatus, number>; deliveries: Delivery[] }> {
  if (!canOperateReminders(ctx.actor)) throw AppError.forbidden();
  return { counts: await countDeliveries(ctx.db), deliveries: await listDeliveries(ctx.db, query) };
}
