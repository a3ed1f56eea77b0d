import type { Readable } from 'node:stream';
import { type CommandContext, today } from '../context.ts';
import { isOverdue, warningLevel, wasLate } from '../domain/deadline.ts';
import type { MeasureKind } from '../domain/measure.ts';
import { assertResultFits, type ResultLabel, resultAfter } from '../domain/result.ts';
import { type CloseStage, transition, type WorkflowEvent, type WorkflowState } from '../domain/workflow.ts';
import { AppError } from '../errors.ts';
import {
  type Actor,
  canEditFeedback,
  canEditPlan,
  canRead,
  canReadInspection,
  canRecordProgress,
  canTransition,
  type ScopedResource,
} from '../policies/policies.ts';
import { getInspection, getProblem } from '../repositories/inspections.repository.ts';
import {
  getMeasure,
  insertCloseReview,
  insertEvidence,
  insertMeasure,
  insertOutcome,
  insertProgress,
  listCloseReviews,
  listEvidence,
  listMeasures,
  listOutcomes,
  listProgress,
  type MeasureInput,
  measureColumns,
  nextMeasureSortOrder,
  type OutcomeInput,
} from '../repositories/item-parts.repository.ts';
import {
  countEvidence,
  getItemRecord,
  insertItem,
  loadItemScope,
  nextItemSortOrder,
} from '../repositories/items.repository.ts';
import { getAspect } from '../repositories/rounds.repository.ts';
import { getUnit } from '../repositories/units.repository.ts';
import { updateVersioned } from '../repositories/versioned.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';
import { change, type Unit } from './context.ts';
import { assertDepartmentOfUnit, checkMeasureOwners } from './measure-owners.ts';

type Check = (actor: Actor, r: ScopedResource) => boolean;

/** Loads what the policy needs and refuses with 404 when the actor may not even see the item, 403 when they may not act. */
export async function authorizeItem(ctx: CommandContext, itemId: number, check: Check) {
  const scope = await loadItemScope(ctx.db, itemId);
  if (!canRead(ctx.actor, scope)) throw AppError.notFound('item', itemId);
  if (!check(ctx.actor, scope)) throw AppError.forbidden();
  return scope;
}

export async function getItemDetail(ctx: CommandContext, itemId: number) {
  await authorizeItem(ctx, itemId, () => true);
  const row = await getItemRecord(ctx.db, itemId);
  const [inspection, measures, progress, evidence, outcomes, reviews] = await Promise.all([
    getInspection(ctx.db, row.inspection_id),
    listMeasures(ctx.db, itemId),
    listProgress(ctx.db, itemId),
    listEvidence(ctx.db, itemId),
    listOutcomes(ctx.db, itemId),
    listCloseReviews(ctx.db, itemId),
  ]);
  const aspect = row.aspect_id === null ? null : await getAspect(ctx.db, row.aspect_id);
  const problem = row.problem_id === null ? null : await getProblem(ctx.db, row.problem_id);
  const leadDepartment = row.lead_department_id === null ? null : await getUnit(ctx.db, row.lead_department_id);
  const t = today(ctx);
  const state = row.state as WorkflowState;
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
    overdue: isOverdue(row.deadline, state, t),
    wasLate: wasLate(row.deadline, row.closed_on, t),
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
    evidence,
    outcomes,
    reviews,
  };
}

export interface ItemFields {
  number?: string | null;
  title?: string;
  description?: string | null;
  suggestion?: string | null;
  target?: string | null;
  kind?: MeasureKind;
  deadline?: string | null;
  leadDepartmentId?: number | null;
  responsibleLeader?: string | null;
  withheld?: boolean;
  withheldReason?: string | null;
  flagged?: boolean;
  aspectId?: number | null;
  problemId?: number | null;
  result?: ResultLabel;
}

/** A deadline cannot precede the feedback it answers. */
function assertDeadline(deadline: string | null | undefined, feedbackOn: string | null, field = 'deadline') {
  if (deadline && feedbackOn && deadline < feedbackOn) {
    throw AppError.badRequest(
      'deadline_before_feedback',
      `整改时限（${deadline}）早于反馈日期（${feedbackOn}） / the deadline is before the feedback date`,
      {
        fields: [{ field, message: `must be on or after ${feedbackOn}` }],
      },
    );
  }
}

function withheldFields(f: ItemFields) {
  if (f.withheld && !f.withheldReason?.trim()) {
    throw AppError.badRequest(
      'withheld_reason_required',
      '标记“不宜公开”须说明理由 / give a reason for withholding the item',
      {
        fields: [{ field: 'withheldReason', message: 'required when withheld' }],
      },
    );
  }
}

export async function createItem(
  ctx: CommandContext,
  inspectionId: number,
  fields: ItemFields & { title: string; kind: MeasureKind },
  measures: MeasureInput[],
) {
  const inspection = await getInspection(ctx.db, inspectionId);
  const scope: ScopedResource = { unitPath: inspection.unitPath, teamId: inspection.teamId, departmentPaths: [] };
  if (!canReadInspection(ctx.actor, scope)) throw AppError.notFound('inspection', inspectionId);
  if (!canEditFeedback(ctx.actor, scope)) throw AppError.forbidden();
  assertDeadline(fields.deadline, inspection.feedbackOn);
  for (const [i, m] of measures.entries()) assertDeadline(m.deadline, inspection.feedbackOn, `measures[${i}].deadline`);
  withheldFields(fields);
  await assertDepartmentOfUnit(ctx, fields.leadDepartmentId, inspection.unitPath, 'leadDepartmentId');
  const target = [{ unitPath: inspection.unitPath, feedbackOn: inspection.feedbackOn }];
  const checkedMeasures = [];
  for (const m of measures) checkedMeasures.push(await checkMeasureOwners(ctx, target, m));
  measures = checkedMeasures;
  let aspectId = fields.aspectId ?? null;
  if (fields.problemId) {
    const problem = await getProblem(ctx.db, fields.problemId);
    if (problem.inspectionId !== inspectionId) {
      throw AppError.badRequest(
        'problem_outside_inspection',
        '所选问题不属于该次巡察 / the problem belongs to another inspection',
      );
    }
    aspectId = aspectId ?? problem.aspectId;
  }
  if (aspectId !== null) {
    const aspect = await getAspect(ctx.db, aspectId);
    if (aspect.roundId !== inspection.roundId) {
      throw AppError.badRequest('aspect_outside_round', '所选方面不属于本轮巡察 / the aspect belongs to another round');
    }
  }
  return change(ctx, async ({ trx, audit }) => {
    const now = ctx.now().toISOString();
    const values = {
      inspection_id: inspectionId,
      unit_id: inspection.unitId,
      round_id: inspection.roundId,
      aspect_id: aspectId,
      problem_id: fields.problemId ?? null,
      number: fields.number ?? null,
      title: fields.title,
      description: fields.description ?? null,
      suggestion: fields.suggestion ?? null,
      target: fields.target ?? null,
      kind: fields.kind,
      deadline: fields.deadline ?? null,
      lead_department_id: fields.leadDepartmentId ?? null,
      responsible_leader: fields.responsibleLeader ?? null,
      state: 'not_started',
      result: 'not_completed',
      withheld: fields.withheld ? 1 : 0,
      withheld_reason: fields.withheld ? (fields.withheldReason ?? null) : null,
      flagged: fields.flagged ? 1 : 0,
      sort_order: await nextItemSortOrder(trx, inspectionId),
      created_at: now,
      updated_at: now,
    };
    const id = await insertItem(trx, values);
    await audit({ action: 'item.create', entity: 'item', entityId: id, after: values });
    for (const [i, m] of measures.entries()) {
      const measureId = await insertMeasure(trx, id, i + 1, m);
      await audit({ action: 'measure.create', entity: 'measure', entityId: measureId, after: { itemId: id, ...m } });
    }
    return id;
  });
}

const itemColumnOf: Record<keyof ItemFields, string> = {
  number: 'number',
  title: 'title',
  description: 'description',
  suggestion: 'suggestion',
  target: 'target',
  kind: 'kind',
  deadline: 'deadline',
  leadDepartmentId: 'lead_department_id',
  responsibleLeader: 'responsible_leader',
  withheld: 'withheld',
  withheldReason: 'withheld_reason',
  flagged: 'flagged',
  aspectId: 'aspect_id',
  problemId: 'problem_id',
  result: 'result',
};

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
  const scope = await authorizeItem(
    ctx,
    itemId,
    (a, r) => (!touchesFeedback || canEditFeedback(a, r) || canEditPlan(a, r)) && (!touchesPlan || canEditPlan(a, r)),
  );
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
    throw AppError.badRequest('validation', '标题不能为空 / the title cannot be empty', {
      fields: [{ field: 'title', message: 'required' }],
    });
  }
  await assertDepartmentOfUnit(ctx, fields.leadDepartmentId, scope.unitPath, 'leadDepartmentId');
  const patch: Record<string, unknown> = {};
  for (const key of keys) {
    const value = fields[key];
    patch[itemColumnOf[key]] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  if (fields.withheld === false) patch.withheld_reason = null;
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'items', itemId, version, patch);
    const beforeSubset = Object.fromEntries(Object.keys(patch).map((c) => [c, (before as Record<string, unknown>)[c]]));
    await audit({ action: 'item.update', entity: 'item', entityId: itemId, before: beforeSubset, after: patch });
  });
}

/** Moves an item through the close-out flow: policy for the role, domain for the rule, one transaction for the rest. */
export async function transitionItem(
  ctx: CommandContext,
  itemId: number,
  input: { event: WorkflowEvent; version: number; note?: string | null; result?: ResultLabel | null },
) {
  await authorizeItem(ctx, itemId, (a, r) => canTransition(a, input.event, r));
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
  const patch = {
    state: next.state,
    close_stage: next.closeStage,
    close_requested_by: next.closeRequestedBy,
    close_approved_by: next.closeApprovedBy,
    result,
    closed_on: next.state === 'closed' ? today(ctx) : null,
    reopened_count: before.reopened_count + (input.event === 'reopen' ? 1 : 0),
  };
  await updateVersioned(trx, 'items', itemId, input.version, patch);
  await insertCloseReview(trx, {
    itemId,
    event: input.event,
    actorId: ctx.actor.id,
    note: input.note?.trim() || null,
  });
  await audit({
    action: `item.${input.event}`,
    entity: 'item',
    entityId: itemId,
    before: { state: before.state, close_stage: before.close_stage, result: before.result },
    after: { ...patch, note: input.note ?? null },
  });
}

/** A progress entry; the first one starts a not-started item, so nobody has to press 启动 separately. */
export async function recordProgress(
  ctx: CommandContext,
  itemId: number,
  input: { measureId: number | null; entryOn: string; content: string },
) {
  await authorizeItem(ctx, itemId, canRecordProgress);
  if (input.measureId !== null) {
    const measure = await getMeasure(ctx.db, input.measureId);
    if (measure.itemId !== itemId)
      throw AppError.badRequest('measure_outside_item', '所选措施不属于该事项 / the measure belongs to another item');
  }
  if (input.entryOn > today(ctx)) {
    throw AppError.badRequest('future_date', '进展日期不能晚于今天 / a progress entry cannot be dated in the future', {
      fields: [{ field: 'entryOn', message: 'must not be after today' }],
    });
  }
  const item = await getItemRecord(ctx.db, itemId);
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertProgress(trx, { ...input, itemId, authorId: ctx.actor.id });
    await audit({ action: 'progress.create', entity: 'progress_entry', entityId: id, after: { itemId, ...input } });
    if (item.state === 'not_started') {
      await updateVersioned(trx, 'items', itemId, item.version, { state: 'in_progress' });
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
  await authorizeItem(ctx, itemId, canRecordProgress);
  if (meta.measureId !== null) {
    const measure = await getMeasure(ctx.db, meta.measureId);
    if (measure.itemId !== itemId)
      throw AppError.badRequest('measure_outside_item', '所选措施不属于该事项 / the measure belongs to another item');
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
    const id = await insertEvidence(trx, values);
    await audit({ action: 'evidence.create', entity: 'evidence', entityId: id, after: values });
    return id;
  });
}

export async function addMeasure(ctx: CommandContext, itemId: number, input: MeasureInput) {
  const scope = await authorizeItem(ctx, itemId, canEditPlan);
  const item = await getItemRecord(ctx.db, itemId);
  const inspection = await getInspection(ctx.db, item.inspection_id);
  const measure = await checkMeasureOwners(
    ctx,
    [{ unitPath: scope.unitPath, feedbackOn: inspection.feedbackOn }],
    input,
  );
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertMeasure(trx, itemId, await nextMeasureSortOrder(trx, itemId), measure);
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
  const scope = await authorizeItem(ctx, before.itemId, canEditPlan);
  const item = await getItemRecord(ctx.db, before.itemId);
  const inspection = await getInspection(ctx.db, item.inspection_id);
  const checked = await checkMeasureOwners(
    ctx,
    [{ unitPath: scope.unitPath, feedbackOn: inspection.feedbackOn }],
    input,
  );
  const full = measureColumns({ ...before, ...checked });
  const patch = Object.fromEntries(
    Object.entries(full).filter(([k]) => Object.keys(checked).some((f) => measureColumnName(f) === k)),
  );
  await change(ctx, async ({ trx, audit }) => {
    await updateVersioned(trx, 'measures', measureId, version, patch);
    await audit({ action: 'measure.update', entity: 'measure', entityId: measureId, before, after: patch });
  });
}

function measureColumnName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export async function addOutcome(ctx: CommandContext, itemId: number, input: OutcomeInput) {
  await authorizeItem(ctx, itemId, (a, r) => canRecordProgress(a, r) || canEditPlan(a, r));
  if (input.kind === 'accountability' && (!input.accountabilityKind || !input.peopleCount)) {
    throw AppError.badRequest(
      'validation',
      '问责须填写方式和人数 / accountability needs its kind and the number of people',
      {
        fields: [{ field: 'accountabilityKind' }, { field: 'peopleCount' }],
      },
    );
  }
  if (
    (input.kind === 'funds_recovered' || input.kind === 'loss_recovered') &&
    !(input.amountYuan && input.amountYuan > 0)
  ) {
    throw AppError.badRequest('validation', '请填写金额（元） / give the amount in yuan', {
      fields: [{ field: 'amountYuan' }],
    });
  }
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertOutcome(trx, itemId, input, ctx.actor.id);
    await audit({ action: 'outcome.create', entity: 'outcome', entityId: id, after: { itemId, ...input } });
    return id;
  });
}
