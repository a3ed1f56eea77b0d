import { type CommandContext, today } from '../context.ts';
import type { LookbackStatus } from '../domain/supervision.ts';
import { canManageInspections, readScope } from '../policies/policies.ts';
import {
  listEvaluations,
  listLookbacks,
  listOrders,
  type OrderFilter,
  type SupervisionOrder,
} from '../repositories/supervision.repository.ts';

// Supervision as each actor may read it: orders, look-backs and evaluations narrowed to their read scope.

export function listSupervisionOrders(ctx: CommandContext, filter: OrderFilter): Promise<SupervisionOrder[]> {
  // Issue 15: a recalled order leaves the unit's list; the office keeps seeing it.
  return listOrders(
    ctx.db,
    readScope(ctx.actor),
    { ...filter, withRecalled: canManageInspections(ctx.actor) },
    today(ctx),
  );
}

export function listLookbacksFor(
  ctx: CommandContext,
  filter: { status?: LookbackStatus; dueBy?: string; itemId?: number },
) {
  return listLookbacks(ctx.db, readScope(ctx.actor), filter, today(ctx));
}

export function listEvaluationsFor(ctx: CommandContext, filter: { roundId?: number; inspectionId?: number }) {
  return listEvaluations(ctx.db, readScope(ctx.actor), filter);
}
