import { type CommandContext, today } from '../context.ts';
import {
  checkNewExtension,
  type DeadlineRecord,
  decideExtension as decide,
  type ExtensionDecision,
  moveDeadline,
  stepOf,
} from '../domain/extensions.ts';
import type { WorkflowState } from '../domain/workflow.ts';
import { appError } from '../errors.ts';
import { authorizeInspection, authorizeItem } from '../policies/authorize.ts';
import {
  evidenceOutsideItem,
  getExtension,
  hasOpenExtension,
  insertDeadlineChange,
  insertExtension,
  markPlanSubmitted,
  recordExtensionDecision,
} from '../repositories/extensions.repository.ts';
import { getItemRecord, type ItemRecord, patchItem } from '../repositories/items.repository.ts';
import { change } from './context.ts';
import { sendWorkflowMessage } from './messages.ts';

/** The deadline record of an item row, as the domain's rules read it. */
export function deadlineRecordOf(row: ItemRecord): DeadlineRecord {
  return {
    deadline: row.deadline,
    originalDeadline: row.original_deadline,
    extensionCount: row.extension_count,
    missedDeadline: row.missed_deadline,
    closedOn: row.closed_on,
  };
}

/** The item columns a moved deadline record writes. */
export function deadlineRecordChanges(r: DeadlineRecord) {
  return {
    deadline: r.deadline,
    originalDeadline: r.originalDeadline,
    extensionCount: r.extensionCount,
    missedDeadline: r.missedDeadline,
  };
}

/** Where a deadline change goes once the plan is submitted; the refusal of a direct edit names it. */
export const extensionRoute = (itemId: number) => `POST /api/items/${itemId}/extensions`;

/**
 * 报送整改方案: the unit submits its plan once; from then on the deadlines of its items move only through extension
 * requests. A second submission is refused rather than moving the recorded moment.
 */
export async function submitPlan(ctx: CommandContext, inspectionId: number) {
  await authorizeInspection(ctx, inspectionId, 'submitPlan');
  await change(ctx, async ({ trx, audit }) => {
    if (!(await markPlanSubmitted(trx, inspectionId, ctx.actor.id, ctx.now())))
      throw appError('plan_already_submitted');
    await audit({
      action: 'plan.submit',
      entity: 'inspection',
      entityId: inspectionId,
      after: { plan_submitted_at: ctx.now().toISOString(), plan_submitted_by: ctx.actor.id },
    });
  });
}

export interface ExtensionRequestInput {
  deadline: string;
  reason: string;
  /** The item's own evidence offered in support (uploaded as usual, then named here). */
  evidenceIds?: number[];
}

/** 延期申请: a new date after the current deadline, a reason, optionally evidence; one open request per item. */
export async function requestExtension(ctx: CommandContext, itemId: number, input: ExtensionRequestInput) {
  await authorizeItem(ctx, itemId, 'requestExtension');
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  const outside = await evidenceOutsideItem(ctx.db, itemId, evidenceIds);
  if (outside.length > 0) {
    throw appError('extension_evidence_outside_item', { evidenceIds: outside, fields: [{ field: 'evidenceIds' }] });
  }
  return change(ctx, async ({ trx, audit }) => {
    // Read inside the transaction, so two requests sent at once cannot both find the item free of an open one.
    const item = await getItemRecord(trx, itemId);
    const { reason } = checkNewExtension({
      state: item.state as WorkflowState,
      deadline: item.deadline,
      hasOpenRequest: await hasOpenExtension(trx, itemId),
      newDeadline: input.deadline,
      reason: input.reason,
    });
    const values = {
      itemId,
      fromDeadline: item.deadline,
      toDeadline: input.deadline,
      reason,
      evidenceIds,
      needsOffice: item.flagged === 1,
      requestedBy: ctx.actor.id,
    };
    const id = await insertExtension(trx, values, ctx.now());
    await audit({ action: 'extension.request', entity: 'deadline_extension', entityId: id, after: values });
    await sendWorkflowMessage(trx, ctx, ctx.actor.id, {
      kind: 'extension_requested',
      itemId,
      stage: 'unit',
      newDeadline: input.deadline,
      reason,
    });
    return id;
  });
}

/**
 * The unit leader's or the office's decision on a request, at the version the decider read. The last approval moves
 * the item's deadline in the same transaction: lateness against the old deadline is written down first, the original
 * deadline kept, the extension counted and the change added to the history.
 */
export async function decideExtension(
  ctx: CommandContext,
  extensionId: number,
  input: { decision: ExtensionDecision; note?: string | null; version: number },
) {
  const seen = await getExtension(ctx.db, extensionId);
  // A decided request is refused by the domain (not pending) to whoever may decide its first step.
  const step = stepOf(seen.status) ?? 'unit';
  await authorizeItem(ctx, seen.itemId, step === 'unit' ? 'decideExtensionUnit' : 'decideExtensionOffice');
  return change(ctx, async ({ trx, audit }) => {
    const extension = await getExtension(trx, extensionId);
    const item = await getItemRecord(trx, extension.itemId);
    const decided = decide(extension, {
      decision: input.decision,
      actorId: ctx.actor.id,
      note: input.note,
      item: { state: item.state as WorkflowState, deadline: item.deadline },
    });
    const written = await recordExtensionDecision(
      trx,
      extensionId,
      input.version,
      { step, status: decided.status, actorId: ctx.actor.id, note: decided.note },
      ctx.now(),
    );
    await audit({
      action: `extension.${input.decision}`,
      entity: 'deadline_extension',
      entityId: extensionId,
      before: { status: extension.status },
      after: written,
    });
    if (decided.movesDeadline) {
      const moved = moveDeadline(deadlineRecordOf(item), extension.toDeadline, 'extension', today(ctx));
      const patch = await patchItem(trx, item.id, item.version, deadlineRecordChanges(moved.record), ctx.now());
      await insertDeadlineChange(
        trx,
        {
          itemId: item.id,
          from: moved.change.from,
          to: moved.change.to,
          source: 'extension',
          extensionId,
          changedBy: ctx.actor.id,
          changedOn: today(ctx),
        },
        ctx.now(),
      );
      await audit({
        action: 'item.extend_deadline',
        entity: 'item',
        entityId: item.id,
        before: {
          deadline: item.deadline,
          original_deadline: item.original_deadline,
          extension_count: item.extension_count,
          missed_deadline: item.missed_deadline,
        },
        after: { ...patch, extension_id: extensionId },
      });
    }
    // A 挂牌督办 item's request approved by the unit leader waits for the office: for the office it is a new request.
    await sendWorkflowMessage(
      trx,
      ctx,
      ctx.actor.id,
      decided.status === 'office_review'
        ? {
            kind: 'extension_requested',
            itemId: item.id,
            stage: 'office',
            newDeadline: extension.toDeadline,
            reason: extension.reason,
          }
        : {
            kind: 'extension_decided',
            itemId: item.id,
            requesterId: extension.requestedBy,
            approved: decided.status === 'approved',
            deadline: decided.movesDeadline ? extension.toDeadline : item.deadline,
            note: decided.note,
          },
    );
    return { status: decided.status };
  });
}
