import type { CommandContext } from '../context.ts';
import { addMonths } from '../domain/dates.ts';
import type { WorkLogKind } from '../domain/inspection.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeInspection, authorizeRound } from '../policies/authorize.ts';
import { canManageInspections, isWithinActorTree } from '../policies/policies.ts';
import {
  getInspection,
  getProblem,
  type InspectionInput,
  insertInspection,
  insertProblem,
  insertWorkLog,
  nextProblemSortOrder,
  type ProblemChanges,
  patchInspection,
  patchProblem,
} from '../repositories/inspections.repository.ts';
import { setAspectOfProblemItems } from '../repositories/items.repository.ts';
import { getAspect, getTeam } from '../repositories/rounds.repository.ts';
import { getUnit } from '../repositories/units.repository.ts';
import { change } from './context.ts';
import { carryOverWithin } from './recurrence.commands.ts';

// Inspections with their feedback problems and work log, as the inspections routes serve them.

/** Date order of PRODUCT.md: from ≤ to < feedback; the report is due a configurable number of months after feedback. */
function checkInspectionDates(
  ctx: CommandContext,
  input: Omit<InspectionInput, 'reportDueOn'> & { reportDueOn?: string | null },
): InspectionInput {
  const fields: { field: string; message: string }[] = [];
  if (input.to < input.from) fields.push({ field: 'to', message: `must be on or after ${input.from}` });
  if (input.feedbackOn && input.feedbackOn <= input.to)
    fields.push({ field: 'feedbackOn', message: `must be after ${input.to}` });
  if (input.concentratedUntil && input.feedbackOn && input.concentratedUntil < input.feedbackOn) {
    fields.push({ field: 'concentratedUntil', message: `must be on or after ${input.feedbackOn}` });
  }
  if (fields.length) {
    throw appError('inspection_date_order', { fields });
  }
  const reportDueOn =
    input.reportDueOn ?? (input.feedbackOn ? addMonths(input.feedbackOn, ctx.config.reportMonths) : null);
  return { ...input, reportDueOn };
}

export async function createInspection(
  ctx: CommandContext,
  raw: Omit<InspectionInput, 'reportDueOn'> & { reportDueOn?: string | null },
) {
  if (!canManageInspections(ctx.actor)) throw AppError.forbidden();
  const input = checkInspectionDates(ctx, raw);
  await authorizeRound(ctx, input.roundId, 'manage');
  const [team, unit] = await Promise.all([getTeam(ctx.db, input.teamId), getUnit(ctx.db, input.unitId)]);
  if (team.roundId !== input.roundId) {
    throw appError('team_outside_round', { fields: [{ field: 'teamId' }] });
  }
  if (unit.kind !== 'unit') {
    throw appError('not_inspectable', { unitName: unit.name }, { fields: [{ field: 'unitId' }] });
  }
  if (!isWithinActorTree(ctx.actor, unit.path)) throw AppError.forbidden();
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertInspection(trx, input, ctx.now());
    await audit({ action: 'inspection.create', entity: 'inspection', entityId: id, after: input });
    await carryOverWithin({ trx, audit }, id, ctx.now());
    return id;
  });
}

export async function updateInspection(
  ctx: CommandContext,
  id: number,
  version: number,
  patch: Partial<Omit<InspectionInput, 'roundId' | 'unitId'>>,
) {
  const before = await authorizeInspection(ctx, id, 'manage');
  const merged = checkInspectionDates(ctx, {
    roundId: before.roundId,
    unitId: before.unitId,
    teamId: patch.teamId ?? before.teamId,
    kind: patch.kind ?? before.kind,
    from: patch.from ?? before.from,
    to: patch.to ?? before.to,
    feedbackOn: patch.feedbackOn !== undefined ? patch.feedbackOn : before.feedbackOn,
    concentratedUntil: patch.concentratedUntil !== undefined ? patch.concentratedUntil : before.concentratedUntil,
    reportDueOn:
      patch.reportDueOn !== undefined ? patch.reportDueOn : patch.feedbackOn !== undefined ? null : before.reportDueOn,
  });
  await change(ctx, async ({ trx, audit }) => {
    await patchInspection(trx, id, version, merged, ctx.now());
    await audit({ action: 'inspection.update', entity: 'inspection', entityId: id, before, after: merged });
  });
}

/** An aspect chosen for a problem must be one of the inspection's round. */
async function assertAspectOfRound(ctx: CommandContext, aspectId: number, inspectionId: number) {
  const [aspect, inspection] = await Promise.all([getAspect(ctx.db, aspectId), getInspection(ctx.db, inspectionId)]);
  if (aspect.roundId !== inspection.roundId) {
    throw appError('aspect_outside_round', { fields: [{ field: 'aspectId' }] });
  }
}

export async function createProblem(
  ctx: CommandContext,
  inspectionId: number,
  input: { aspectId: number | null; number: string | null; title: string; description: string | null },
) {
  await authorizeInspection(ctx, inspectionId, 'editFeedback');
  if (input.aspectId !== null) await assertAspectOfRound(ctx, input.aspectId, inspectionId);
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertProblem(
      trx,
      { inspectionId, ...input, sortOrder: await nextProblemSortOrder(trx, inspectionId) },
      ctx.now(),
    );
    await audit({ action: 'problem.create', entity: 'problem', entityId: id, after: { inspectionId, ...input } });
    return id;
  });
}

/** Corrects a feedback problem; its items follow a changed aspect so the ledger's aspect column stays true. */
export async function updateProblem(ctx: CommandContext, problemId: number, version: number, input: ProblemChanges) {
  const before = await getProblem(ctx.db, problemId);
  await authorizeInspection(ctx, before.inspectionId, 'editFeedback');
  if (input.aspectId) await assertAspectOfRound(ctx, input.aspectId, before.inspectionId);
  await change(ctx, async ({ trx, audit }) => {
    const patch = await patchProblem(trx, problemId, version, input, ctx.now());
    if (input.aspectId !== undefined) {
      await setAspectOfProblemItems(trx, problemId, input.aspectId);
    }
    await audit({ action: 'problem.update', entity: 'problem', entityId: problemId, before, after: patch });
  });
}

export async function addWorkLog(
  ctx: CommandContext,
  inspectionId: number,
  input: { kind: WorkLogKind; heldOn: string; title: string; note: string | null },
) {
  await authorizeInspection(ctx, inspectionId, 'editPlan');
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertWorkLog(trx, { inspectionId, ...input, createdBy: ctx.actor.id }, ctx.now());
    await audit({ action: 'work_log.create', entity: 'work_log', entityId: id, after: { inspectionId, ...input } });
    return id;
  });
}
