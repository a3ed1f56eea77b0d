import { randomBytes } from 'node:crypto';
import type { CommandContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { canManageAccounts } from '../policies/policies.ts';
import { type DemoRemoval, deleteDemoWorld } from '../repositories/demo.repository.ts';
import { change } from './context.ts';
import { hashPassword } from './passwords.ts';

/**
 * `rectify demo --remove`: deletes the demo world (its units, accounts, round, inspections, items and all that hangs
 * off them) in one transaction with its audit event; what was entered beside it stays. The committee at the root and
 * the built-in admin stay too: every installation needs them (rename the committee in 组织机构). Demo accounts the audit
 * trail names are retired at the acting administrator's unit rather than deleted, since the trail is never rewritten.
 */
export async function removeDemo(ctx: CommandContext): Promise<DemoRemoval> {
  if (!canManageAccounts(ctx.actor)) throw AppError.forbidden();
  // A password nobody knows, for the retired accounts (they are deactivated as well).
  const unusableHash = await hashPassword(randomBytes(32).toString('base64url'));
  return change(ctx, async ({ trx, audit }) => {
    const removed = await deleteDemoWorld(trx, ctx.actor.unitId, unusableHash);
    await audit({ action: 'demo.remove', entity: 'system', entityId: null, after: removed });
    return removed;
  });
}
