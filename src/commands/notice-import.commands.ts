import type { CommandContext } from '../context.ts';
import { addMonths } from '../domain/dates.ts';
import { type AppError, appError } from '../errors.ts';
import type { ParsedNotice } from '../notices/analyse.ts';
import { type ImportCounts, type ImportOverrides, type ImportPlan, planNoticeImport } from '../notices/import/plan.ts';
import { authorizeRound, authorizeUnit } from '../policies/authorize.ts';
import { insertInspection, insertProblem, listInspections } from '../repositories/inspections.repository.ts';
import { insertCloseReview, insertMeasure } from '../repositories/item-parts.repository.ts';
import { addItem } from '../repositories/items.repository.ts';
import { listTeams } from '../repositories/rounds.repository.ts';
import type { Unit } from '../repositories/units.repository.ts';
import { change } from './context.ts';

export interface ImportRequest extends ImportOverrides {
  unitId: number;
  roundId: number;
}

export interface ImportSource {
  fileName: string;
  sha256: string;
}

/** The same rule as creating an inspection by hand: the inspection office or the administrator, for a unit in their tree. */
async function authorizeImport(ctx: CommandContext, unitId: number): Promise<Unit> {
  const unit = await authorizeUnit(ctx, unitId, 'inspect');
  if (unit.kind !== 'unit') {
    throw appError('not_inspectable', { unitName: unit.name }, { fields: [{ field: 'unitId' }] });
  }
  return unit;
}

async function existingInspections(ctx: CommandContext, unit: Unit, roundId: number) {
  const rows = await listInspections(ctx.db, { kind: 'subtree', path: unit.path }, { roundId, unitId: unit.id });
  return rows.map((r) => ({ id: r.id, teamId: r.teamId, from: r.from }));
}

/** What importing the notice would write; reads only. */
export async function previewNoticeImport(
  ctx: CommandContext,
  notice: ParsedNotice,
  request: ImportRequest,
): Promise<ImportPlan> {
  const unit = await authorizeImport(ctx, request.unitId);
  // Even the preview: a notice cannot be read into an archived round, so say so before the plan.
  const round = await authorizeRound(ctx, request.roundId, 'manage');
  const [teams, existing] = await Promise.all([listTeams(ctx.db, round.id), existingInspections(ctx, unit, round.id)]);
  const { unitId: _u, roundId: _r, ...overrides } = request;
  return planNoticeImport(
    notice,
    {
      unit: { id: unit.id, name: unit.name },
      round: { id: round.id, name: round.name, aspects: round.aspects.map((a) => ({ id: a.id, name: a.name })) },
      teams: teams.map((t) => ({ id: t.id, name: t.name })),
      existing,
    },
    overrides,
  );
}

export function planRefusal(plan: ImportPlan): AppError {
  const [first = '导入计划缺少巡察组或巡察期间 / the plan lacks the team or the inspection period'] = plan.errors;
  return appError(
    'import_invalid',
    { first, more: Math.max(plan.errors.length - 1, 0) },
    { errors: plan.errors, warnings: plan.warnings, plan },
  );
}

const IMPORT_NOTE =
  '据已公开的整改进展通报导入，通报载明整改完成 / imported from a published notice that reports it completed';

/**
 * Writes a plan without errors: the inspection, its problems, items and measures, and a close-out record for each item
 * the notice reports completed, in one transaction with the audit trail, so a failure anywhere leaves nothing behind.
 */
export async function importNotice(
  ctx: CommandContext,
  plan: ImportPlan,
  source: ImportSource,
): Promise<{ inspectionId: number; counts: ImportCounts }> {
  const { inspection: target } = plan;
  const unit = await authorizeImport(ctx, target.unitId);
  await authorizeRound(ctx, target.roundId, 'manage');
  const { teamId, from, to } = target;
  if (plan.errors.length > 0 || teamId === null || from === null || to === null) throw planRefusal(plan);
  const inspection = {
    roundId: target.roundId,
    teamId,
    unitId: target.unitId,
    kind: target.kind,
    from,
    to,
    feedbackOn: target.feedbackOn,
    concentratedUntil: null,
    reportDueOn: target.feedbackOn ? addMonths(target.feedbackOn, ctx.config.reportMonths) : null,
  };
  return change(ctx, async ({ trx, audit }) => {
    // Checked again inside the transaction: two people confirming the same notice at once must not both succeed.
    const existing = await listInspections(
      trx,
      { kind: 'subtree', path: unit.path },
      { roundId: target.roundId, unitId: unit.id, teamId },
    );
    const dup = existing.find((e) => e.from === from);
    if (dup) {
      throw appError('already_imported', { inspectionId: dup.id }, { inspectionId: dup.id });
    }
    const now = ctx.now();
    const inspectionId = await insertInspection(trx, inspection, now);
    await audit({ action: 'inspection.create', entity: 'inspection', entityId: inspectionId, after: inspection });
    let sortOrder = 0;
    for (const [p, problem] of plan.problems.entries()) {
      const problemId =
        problem.title === null
          ? null
          : await insertProblem(
              trx,
              {
                inspectionId,
                aspectId: problem.aspectId,
                number: String(p + 1),
                title: problem.title,
                description: null,
                sortOrder: p + 1,
              },
              now,
            );
      for (const item of problem.items) {
        sortOrder++;
        const { id: itemId } = await addItem(
          trx,
          {
            inspectionId,
            unitId: target.unitId,
            roundId: target.roundId,
            aspectId: problem.aspectId,
            problemId,
            number: item.number,
            title: item.title,
            description: null,
            suggestion: null,
            target: null,
            kind: 'deadline',
            deadline: null,
            leadDepartmentId: null,
            responsibleLeader: null,
            state: item.state,
            closeStage: null,
            closeRequestedBy: null,
            closeApprovedBy: null,
            result: item.result,
            closedOn: item.closedOn,
            withheldReason: null,
            sortOrder,
          },
          now,
        );
        for (const [m, content] of item.measures.entries()) {
          await insertMeasure(
            trx,
            itemId,
            m + 1,
            {
              content,
              kind: 'deadline',
              responsibleLeader: null,
              departmentId: null,
              responsiblePersonId: null,
              responsiblePersonName: null,
              deadline: null,
              completedOn: item.closedOn,
            },
            now,
          );
        }
        if (item.state === 'closed') {
          await insertCloseReview(trx, { itemId, event: 'confirm', actorId: ctx.actor.id, note: IMPORT_NOTE }, now);
        }
      }
    }
    await audit({
      action: 'notice.import',
      entity: 'inspection',
      entityId: inspectionId,
      after: { source: { ...plan.source, fileName: source.fileName, sha256: source.sha256 }, counts: plan.counts },
    });
    return { inspectionId, counts: plan.counts };
  });
}
