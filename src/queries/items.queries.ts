import { type CommandContext, today } from '../context.ts';
import { isOverdue, warningLevel } from '../domain/deadline.ts';
import { isLate, stepOf } from '../domain/extensions.ts';
import type { MeasureKind } from '../domain/measure.ts';
import type { ResultLabel } from '../domain/result.ts';
import { isReturned } from '../domain/todos.ts';
import { type CloseStage, evidenceEditable, type WorkflowState } from '../domain/workflow.ts';
import { authorizeItem } from '../policies/authorize.ts';
import { canRemoveEvidence, itemAbilities } from '../policies/policies.ts';
import { listDeadlineHistory, listExtensions, planSubmission } from '../repositories/extensions.repository.ts';
import { getInspection, getProblem } from '../repositories/inspections.repository.ts';
import {
  listCloseReviews,
  listEvidence,
  listMeasures,
  listOutcomes,
  listProgress,
} from '../repositories/item-parts.repository.ts';
import { deadlineColumns, getItemRecord } from '../repositories/items.repository.ts';
import { getAspect } from '../repositories/rounds.repository.ts';
import { getUnit } from '../repositories/units.repository.ts';

/** One item as its page shows it: the ledger's fields with today's warning, and its measures, progress, evidence and trail. */
export async function getItemDetail(ctx: CommandContext, itemId: number) {
  const scope = await authorizeItem(ctx, itemId, 'read');
  const row = await getItemRecord(ctx.db, itemId);
  const [inspection, measures, progress, evidence, outcomes, reviews, extensions, deadlineHistory, plan] =
    await Promise.all([
      getInspection(ctx.db, row.inspection_id),
      listMeasures(ctx.db, itemId),
      listProgress(ctx.db, itemId),
      listEvidence(ctx.db, itemId),
      listOutcomes(ctx.db, itemId),
      listCloseReviews(ctx.db, itemId),
      listExtensions(ctx.db, itemId),
      listDeadlineHistory(ctx.db, itemId),
      planSubmission(ctx.db, row.inspection_id),
    ]);
  const open = extensions.find((e) => stepOf(e.status) !== null);
  const openStep = open && stepOf(open.status);
  const aspect = row.aspect_id === null ? null : await getAspect(ctx.db, row.aspect_id);
  const problem = row.problem_id === null ? null : await getProblem(ctx.db, row.problem_id);
  const leadDepartment = row.lead_department_id === null ? null : await getUnit(ctx.db, row.lead_department_id);
  const t = today(ctx);
  const state = row.state as WorkflowState;
  const lastReview = reviews.at(-1);
  const thresholds = ctx.config.warnDays;
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    suggestion: row.suggestion,
    target: row.target,
    kind: row.kind as MeasureKind,
    deadline: row.deadline,
    state: row.state as WorkflowState,
    closeStage: row.close_stage as CloseStage | null,
    result: row.result as ResultLabel,
    closedOn: row.closed_on,
    ...deadlineColumns(row),
    overdue: isOverdue(row.deadline, state, t),
    wasLate: isLate({ deadline: row.deadline, missedDeadline: row.missed_deadline, closedOn: row.closed_on }, t),
    warning: warningLevel(row.deadline, state, t, thresholds),
    withheld: row.withheld === 1,
    withheldReason: row.withheld_reason,
    flagged: row.flagged === 1,
    reopenedCount: row.reopened_count,
    responsibleLeader: row.responsible_leader,
    leadDepartmentId: row.lead_department_id,
    leadDepartment: leadDepartment?.name ?? null,
    version: row.version,
    updatedAt: row.updated_at,
    inspection: {
      id: inspection.id,
      unitId: inspection.unitId,
      unit: inspection.unitName,
      team: inspection.teamName,
      round: inspection.roundName,
      feedbackOn: inspection.feedbackOn,
    },
    aspect: aspect && { id: aspect.id, name: aspect.name },
    problem: problem && { id: problem.id, title: problem.title, number: problem.number },
    // A completed measure needs no warning, whatever the item's state.
    measures: measures.map((m) => ({
      ...m,
      warning: warningLevel(m.deadline, m.completedOn ? 'closed' : state, t, thresholds),
    })),
    progress,
    evidence: evidence.map((e) => ({
      ...e,
      removable:
        evidenceEditable(state) &&
        !extensions.some((x) => x.evidenceIds.includes(e.id)) &&
        canRemoveEvidence(ctx.actor, scope, e.uploadedBy),
    })),
    outcomes,
    reviews,
    extensions,
    deadlineHistory,
    planSubmitted: plan.submittedAt !== null,
    returned:
      lastReview && isReturned(state, lastReview.event)
        ? { note: lastReview.note ?? '', by: lastReview.actor, at: lastReview.createdAt }
        : null,
    abilities: itemAbilities(
      ctx.actor,
      scope,
      {
        state,
        closeStage: row.close_stage as CloseStage | null,
        closeRequestedBy: row.close_requested_by,
        closeApprovedBy: row.close_approved_by,
      },
      {
        open:
          open && openStep
            ? { step: openStep, requestedBy: open.requestedBy, unitDecidedBy: open.unitDecidedBy }
            : null,
      },
    ),
  };
}

/** An item's 延期申请 and the history of its deadline, to whoever may read the item. */
export async function getItemExtensions(ctx: CommandContext, itemId: number) {
  await authorizeItem(ctx, itemId, 'read');
  const [extensions, history] = await Promise.all([
    listExtensions(ctx.db, itemId),
    listDeadlineHistory(ctx.db, itemId),
  ]);
  return { extensions, history };
}
