import type { Readable } from 'node:stream';
import { type CommandContext, today } from '../context.ts';
import { closeRecord, moveDeadline, reopenRecord } from '../domain/extensions.ts';
import { acceptsNewMeasures, type MeasureKind } from '../domain/measure.ts';
import { assertResultFits, type ResultLabel, resultAfter } from '../domain/result.ts';
import {
  type CloseStage,
  evidenceEditable,
  transition,
  type WorkflowEvent,
  type WorkflowState,
} from '../domain/workflow.ts';
import { appError } from '../errors.ts';
import { authorizeInspection, authorizeItem } from '../policies/authorize.ts';
import { canRemoveEvidence } from '../policies/policies.ts';
import { insertDeadlineChange, listExtensions, planSubmission } from '../repositories/extensions.repository.ts';
import { getInspection, getProblem } from '../repositories/inspections.repository.ts';
import {
  completeOpenMeasures,
  countEvidenceOfContent,
  deleteEvidence,
  getEvidence,
  getMeasure,
  insertCloseReview,
  insertEvidence,
  insertMeasure,
  insertOutcome,
  insertProgress,
  type MeasureInput,
  nextMeasureSortOrder,
  type OutcomeInput,
  patchMeasure,
} from '../repositories/item-parts.repository.ts';
import {
  addItem,
  countEvidence,
  getItemRecord,
  type ItemChanges,
  nextItemSortOrder,
  patchItem,
} from '../repositories/items.repository.ts';
import { resolveItemReminders } from '../repositories/messages.repository.ts';
import { getAspect } from '../repositories/rounds.repository.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';
import { change, type Unit } from './context.ts';
import { deadlineRecordChanges, deadlineRecordOf, extensionRoute } from './extensions.commands.ts';
import { assertDepartmentOfUnit, checkMeasureOwners } from './measure-owners.ts';
import { sendWorkflowMessage, type WorkflowMessage } from './messages.ts';
import { flagPublishedNotices } from './publication-versions.commands.ts';

/** What an editor may set on an item; the workflow's fields move only through transitions. */
export type ItemFields = Pick<
  ItemChanges,
  | 'number'
  | 'title'
  | 'description'
  | 'suggestion'
  | 'target'
  | 'kind'
  | 'deadline'
  | 'leadDepartmentId'
  | 'responsibleLeader'
  | 'withheld'
  | 'withheldReason'
  | 'flagged'
  | 'aspectId'
  | 'problemId'
  | 'result'
>;

/** A deadline cannot precede the feedback it answers. */
function assertDeadline(deadline: string | null | undefined, feedbackOn: string | null, field = 'deadline') {
  if (deadline && feedbackOn && deadline < feedbackOn) {
    throw appError(
      'deadline_before_feedback',
      { deadline, feedbackOn },
      { fields: [{ field, message: `must be on or after ${feedbackOn}` }] },
    );
  }
}

function withheldFields(f: ItemFields) {
  if (f.withheld && !f.withheldReason?.trim()) {
    throw appError('withheld_reason_required', {
      fields: [{ field: 'withheldReason', message: 'required when withheld' }],
    });
  }
}

/** The problem an item names, when it is one of the item's own inspection (an unknown one is 404). */
async function problemOfInspection(ctx: CommandContext, problemId: number | null | undefined, inspectionId: number) {
  if (problemId === null || problemId === undefined) return null;
  const problem = await getProblem(ctx.db, problemId);
  if (problem.inspectionId !== inspectionId) {
    throw appError('problem_outside_inspection', { fields: [{ field: 'problemId' }] });
  }
  return problem;
}

async function assertAspectOfRound(ctx: CommandContext, aspectId: number | null | undefined, roundId: number) {
  if (aspectId === null || aspectId === undefined) return;
  const aspect = await getAspect(ctx.db, aspectId);
  if (aspect.roundId !== roundId) throw appError('aspect_outside_round', { fields: [{ field: 'aspectId' }] });
}

export async function createItem(
  ctx: CommandContext,
  inspectionId: number,
  fields: ItemFields & { title: string; kind: MeasureKind },
  measures: MeasureInput[],
) {
  const inspection = await authorizeInspection(ctx, inspectionId, 'editFeedback');
  assertDeadline(fields.deadline, inspection.feedbackOn);
  for (const [i, m] of measures.entries()) assertDeadline(m.deadline, inspection.feedbackOn, `measures[${i}].deadline`);
  withheldFields(fields);
  await assertDepartmentOfUnit(ctx, fields.leadDepartmentId, inspection.unitPath, 'leadDepartmentId');
  const target = [{ unitPath: inspection.unitPath, feedbackOn: inspection.feedbackOn }];
  const checkedMeasures = [];
  for (const m of measures) checkedMeasures.push(await checkMeasureOwners(ctx, target, m));
  measures = checkedMeasures;
  const problem = await problemOfInspection(ctx, fields.problemId, inspectionId);
  const aspectId = fields.aspectId ?? problem?.aspectId ?? null;
  await assertAspectOfRound(ctx, aspectId, inspection.roundId);
  return change(ctx, async ({ trx, audit }) => {
    const { id, row } = await addItem(
      trx,
      {
        inspectionId,
        unitId: inspection.unitId,
        roundId: inspection.roundId,
        aspectId,
        problemId: fields.problemId ?? null,
        number: fields.number ?? null,
        title: fields.title,
        description: fields.description ?? null,
        suggestion: fields.suggestion ?? null,
        target: fields.target ?? null,
        kind: fields.kind,
        deadline: fields.deadline ?? null,
        leadDepartmentId: fields.leadDepartmentId ?? null,
        responsibleLeader: fields.responsibleLeader ?? null,
        state: 'not_started',
        result: 'not_completed',
        withheld: !!fields.withheld,
        withheldReason: fields.withheld ? (fields.withheldReason ?? null) : null,
        flagged: !!fields.flagged,
        sortOrder: await nextItemSortOrder(trx, inspectionId),
      },
      ctx.now(),
    );
    await audit({ action: 'item.create', entity: 'item', entityId: id, after: row });
    for (const [i, m] of measures.entries()) {
      const measureId = await insertMeasure(trx, id, i + 1, m, ctx.now());
      await audit({ action: 'measure.create', entity: 'measure', entityId: measureId, after: { itemId: id, ...m } });
    }
    return id;
  });
}

const FEEDBACK_FIELDS = new Set<keyof ItemFields>([
  'number',
  'title',
  'description',
  'suggestion',
  'aspectId',
  'problemId',
]);

/** Edits an item at the version the editor read; feedback fields need feedback rights, the rest the plan's. */
export async function updateItem(ctx: CommandContext, itemId: number, version: number, fields: ItemFields) {
  const keys = Object.keys(fields) as (keyof ItemFields)[];
  const touchesFeedback = keys.some((k) => FEEDBACK_FIELDS.has(k));
  const touchesPlan = keys.some((k) => !FEEDBACK_FIELDS.has(k));
  const scope = await authorizeItem(ctx, itemId, touchesPlan ? 'editPlan' : touchesFeedback ? 'editFeedback' : 'read');
  const before = await getItemRecord(ctx.db, itemId);
  const inspection = await getInspection(ctx.db, before.inspection_id);
  assertDeadline(fields.deadline, inspection.feedbackOn);
  const merged = {
    withheld: fields.withheld ?? before.withheld === 1,
    withheldReason: fields.withheldReason ?? before.withheld_reason,
  };
  withheldFields(merged);
  if (fields.result) assertResultFits(before.state as WorkflowState, fields.result);
  if (fields.title !== undefined && !fields.title.trim()) {
    throw appError('title_required', { fields: [{ field: 'title', message: 'required' }] });
  }
  await assertDepartmentOfUnit(ctx, fields.leadDepartmentId, scope.unitPath, 'leadDepartmentId');
  // Issue 11: naming another unit's problem here used to succeed and then showed its title through this item.
  await problemOfInspection(ctx, fields.problemId, before.inspection_id);
  await assertAspectOfRound(ctx, fields.aspectId, inspection.roundId);
  let changes: ItemChanges = { ...fields, ...(fields.withheld === false ? { withheldReason: null } : {}) };
  // Issue 13: a deadline moved here erased lateness and left no trace. Once the plan is submitted it moves only through
  // an extension request; before, the edit is kept in the history and any lateness against the old date is written down.
  const movesDeadline = fields.deadline !== undefined && fields.deadline !== before.deadline;
  if (movesDeadline && (await planSubmission(ctx.db, before.inspection_id)).submittedAt !== null) {
    const route = extensionRoute(itemId);
    throw appError('deadline_needs_extension', { route }, { route, fields: [{ field: 'deadline' }] });
  }
  const moved = movesDeadline
    ? moveDeadline(deadlineRecordOf(before), fields.deadline ?? null, 'edit', today(ctx))
    : null;
  if (moved) changes = { ...changes, ...deadlineRecordChanges(moved.record) };
  await change(ctx, async ({ trx, audit }) => {
    const patch = await patchItem(trx, itemId, version, changes, ctx.now());
    if (moved) {
      const { from, to } = moved.change;
      const entry = { itemId, from, to, source: 'edit' as const, extensionId: null };
      await insertDeadlineChange(trx, { ...entry, changedBy: ctx.actor.id, changedOn: today(ctx) }, ctx.now());
    }
    const beforeSubset = Object.fromEntries(Object.keys(patch).map((c) => [c, (before as Record<string, unknown>)[c]]));
    await audit({ action: 'item.update', entity: 'item', entityId: itemId, before: beforeSubset, after: patch });
    // Issue 15: withholding an item (or showing it again) after its notice is public asks for a correction.
    if (fields.withheld !== undefined && fields.withheld !== (before.withheld === 1)) {
      const title = fields.title ?? before.title;
      const reason = fields.withheld ? `事项“${title}”已设为不宜公开` : `事项“${title}”已取消不宜公开`;
      await flagPublishedNotices(ctx, { trx, audit }, before.inspection_id, reason);
    }
  });
}

/** Moves an item through the close-out flow: policy for the role, domain for the rule, one transaction for the rest. */
export async function transitionItem(
  ctx: CommandContext,
  itemId: number,
  input: { event: WorkflowEvent; version: number; note?: string | null; result?: ResultLabel | null },
) {
  await authorizeItem(ctx, itemId, input.event);
  await change(ctx, (u) => applyTransition(ctx, u, itemId, input));
}

/** The move itself inside a caller's transaction, so another change (a look-back's rebound) can reopen an item with it. */
export async function applyTransition(
  ctx: CommandContext,
  { trx, audit }: Unit,
  itemId: number,
  input: { event: WorkflowEvent; version: number; note?: string | null; result?: ResultLabel | null },
) {
  const before = await getItemRecord(trx, itemId);
  const evidenceCount = await countEvidence(trx, itemId);
  const next = transition(
    {
      state: before.state as WorkflowState,
      closeStage: before.close_stage as CloseStage | null,
      closeRequestedBy: before.close_requested_by,
      closeApprovedBy: before.close_approved_by,
    },
    { event: input.event, actorId: ctx.actor.id, evidenceCount, note: input.note },
  );
  const result = resultAfter(input.event, before.result as ResultLabel, input.result);
  // Issue 13: a close after the deadline is written down, so neither a reopening nor a later deadline undoes it.
  const closedOn = next.state === 'closed' ? today(ctx) : null;
  const record = deadlineRecordOf(before);
  const lateness =
    closedOn !== null
      ? closeRecord(record, closedOn)
      : input.event === 'reopen'
        ? reopenRecord(record, today(ctx))
        : null;
  const patch = await patchItem(
    trx,
    itemId,
    input.version,
    {
      state: next.state,
      closeStage: next.closeStage,
      closeRequestedBy: next.closeRequestedBy,
      closeApprovedBy: next.closeApprovedBy,
      result,
      closedOn,
      reopenedCount: before.reopened_count + (input.event === 'reopen' ? 1 : 0),
      ...(lateness && lateness.missedDeadline !== before.missed_deadline
        ? { missedDeadline: lateness.missedDeadline }
        : {}),
    },
    ctx.now(),
  );
  await insertCloseReview(
    trx,
    { itemId, event: input.event, actorId: ctx.actor.id, note: input.note?.trim() || null },
    ctx.now(),
  );
  await audit({
    action: `item.${input.event}`,
    entity: 'item',
    entityId: itemId,
    before: { state: before.state, close_stage: before.close_stage, result: before.result },
    after: { ...patch, note: input.note ?? null },
  });
  // Issue 14: a closed item's measures are done; those without a 完成日期 take the close date, a written one stays.
  if (closedOn !== null) {
    const completed = await completeOpenMeasures(trx, itemId, closedOn, ctx.now());
    for (const measureId of completed) {
      await audit({
        action: 'measure.update',
        entity: 'measure',
        entityId: measureId,
        before: { itemId, completed_on: null },
        after: { itemId, completed_on: closedOn },
      });
    }
  }
  const message = transitionMessage(itemId, input.event, before.close_requested_by, input.note?.trim() || null);
  if (message) await sendWorkflowMessage(trx, ctx, ctx.actor.id, message);
  // A closed item is done with: its deadline reminders stop counting in the bell (the sweep already stops sending).
  if (next.state === 'closed') await resolveItemReminders(trx, itemId, ctx.now().toISOString());
}

/** Whose turn a close-out move makes it: the leader reviews a request, the office confirms, the requester redoes. */
function transitionMessage(
  itemId: number,
  event: WorkflowEvent,
  requesterId: number | null,
  note: string | null,
): WorkflowMessage | null {
  switch (event) {
    case 'request_close':
      return { kind: 'close_requested', itemId, note };
    case 'approve':
      return { kind: 'close_approved', itemId };
    case 'return':
      return { kind: 'close_returned', itemId, requesterId, reason: note ?? '' };
    default:
      return null;
  }
}

/** A progress entry; the first one starts a not-started item, so nobody has to press 启动 separately. */
export async function recordProgress(
  ctx: CommandContext,
  itemId: number,
  input: { measureId: number | null; entryOn: string; content: string },
) {
  await authorizeItem(ctx, itemId, 'recordProgress');
  if (input.measureId !== null) {
    const measure = await getMeasure(ctx.db, input.measureId);
    if (measure.itemId !== itemId) throw appError('measure_outside_item');
  }
  if (input.entryOn > today(ctx)) {
    throw appError('future_date', { fields: [{ field: 'entryOn', message: 'must not be after today' }] });
  }
  const item = await getItemRecord(ctx.db, itemId);
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertProgress(trx, { ...input, itemId, authorId: ctx.actor.id }, ctx.now());
    await audit({ action: 'progress.create', entity: 'progress_entry', entityId: id, after: { itemId, ...input } });
    if (item.state === 'not_started') {
      await patchItem(trx, itemId, item.version, { state: 'in_progress' }, ctx.now());
      await audit({
        action: 'item.start',
        entity: 'item',
        entityId: itemId,
        before: { state: 'not_started' },
        after: { state: 'in_progress' },
      });
    }
    return id;
  });
}

export async function attachEvidence(
  ctx: CommandContext,
  store: EvidenceStore,
  itemId: number,
  file: { fileName: string; stream: Readable },
  meta: { measureId: number | null; effectiveOn: string; note: string | null },
) {
  await authorizeItem(ctx, itemId, 'recordProgress');
  if (meta.measureId !== null) {
    const measure = await getMeasure(ctx.db, meta.measureId);
    if (measure.itemId !== itemId) throw appError('measure_outside_item');
  }
  const stored = await store.save(file.fileName, file.stream, ctx.config.maxUploadBytes);
  return change(ctx, async ({ trx, audit }) => {
    const values = {
      itemId,
      measureId: meta.measureId,
      fileName: file.fileName,
      contentType: stored.contentType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      effectiveOn: meta.effectiveOn,
      note: meta.note,
      uploadedBy: ctx.actor.id,
    };
    const id = await insertEvidence(trx, values, ctx.now());
    await audit({ action: 'evidence.create', entity: 'evidence', entityId: id, after: values });
    return id;
  });
}

/**
 * Issue 14: removes an evidence file before a close-out request rests on it: the uploader's own, or any of the unit's
 * for its administrator. The bytes leave the store after the commit, unless another row holds the same content.
 */
export async function removeEvidence(ctx: CommandContext, store: EvidenceStore, evidenceId: number) {
  const evidence = await getEvidence(ctx.db, evidenceId);
  const scope = await authorizeItem(ctx, evidence.itemId, 'removeEvidence');
  if (!canRemoveEvidence(ctx.actor, scope, evidence.uploadedBy)) throw appError('evidence_not_yours');
  const orphaned = await change(ctx, async ({ trx, audit }) => {
    const item = await getItemRecord(trx, evidence.itemId);
    if (!evidenceEditable(item.state as WorkflowState)) throw appError('evidence_locked');
    // A 延期申请 cites its files; the decision taken on them stays readable with them.
    const cited = await listExtensions(trx, evidence.itemId);
    if (cited.some((e) => e.evidenceIds.includes(evidenceId))) throw appError('evidence_cited');
    await deleteEvidence(trx, evidenceId);
    const { uploader: _, ...before } = evidence;
    // Recorded against the item: the row is gone, and the item's history finds evidence events through their rows.
    await audit({ action: 'evidence.delete', entity: 'item', entityId: evidence.itemId, before });
    return (await countEvidenceOfContent(trx, evidence.sha256)) === 0;
  });
  // After the commit, so a failure leaves at worst an unreferenced file, never a row without its bytes; the removal
  // itself is done and audited, so the user is not told it failed.
  if (orphaned) await store.backend.remove(evidence.sha256).catch(() => undefined);
}

export async function addMeasure(ctx: CommandContext, itemId: number, input: MeasureInput) {
  const scope = await authorizeItem(ctx, itemId, 'editPlan');
  const item = await getItemRecord(ctx.db, itemId);
  if (!acceptsNewMeasures(item.state)) throw appError('measure_on_closed_item', { itemId });
  const inspection = await getInspection(ctx.db, item.inspection_id);
  const measure = await checkMeasureOwners(
    ctx,
    [{ unitPath: scope.unitPath, feedbackOn: inspection.feedbackOn }],
    input,
  );
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertMeasure(trx, itemId, await nextMeasureSortOrder(trx, itemId), measure, ctx.now());
    await audit({ action: 'measure.create', entity: 'measure', entityId: id, after: { itemId, ...measure } });
    return id;
  });
}

export async function updateMeasure(
  ctx: CommandContext,
  measureId: number,
  version: number,
  input: Partial<MeasureInput>,
) {
  const before = await getMeasure(ctx.db, measureId);
  const scope = await authorizeItem(ctx, before.itemId, 'editPlan');
  const item = await getItemRecord(ctx.db, before.itemId);
  const inspection = await getInspection(ctx.db, item.inspection_id);
  const checked = await checkMeasureOwners(
    ctx,
    [{ unitPath: scope.unitPath, feedbackOn: inspection.feedbackOn }],
    input,
  );
  await change(ctx, async ({ trx, audit }) => {
    const patch = await patchMeasure(trx, measureId, version, checked, ctx.now());
    await audit({ action: 'measure.update', entity: 'measure', entityId: measureId, before, after: patch });
  });
}

export async function addOutcome(ctx: CommandContext, itemId: number, input: OutcomeInput) {
  await authorizeItem(ctx, itemId, 'addOutcome');
  if (input.kind === 'accountability' && (!input.accountabilityKind || !input.peopleCount)) {
    throw appError('accountability_required', { fields: [{ field: 'accountabilityKind' }, { field: 'peopleCount' }] });
  }
  if (
    (input.kind === 'funds_recovered' || input.kind === 'loss_recovered') &&
    !(input.amountYuan && input.amountYuan > 0)
  ) {
    throw appError('amount_required', { fields: [{ field: 'amountYuan' }] });
  }
  // Stored as whole fen: a third decimal would be rounded away without a word.
  if (input.amountYuan != null && Math.abs(Math.round(input.amountYuan * 100) - input.amountYuan * 100) > 1e-6) {
    throw appError('amount_precision', { fields: [{ field: 'amountYuan' }] });
  }
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertOutcome(trx, itemId, input, ctx.actor.id, ctx.now());
    await audit({ action: 'outcome.create', entity: 'outcome', entityId: id, after: { itemId, ...input } });
    return id;
  });
}
