import type { CommandContext } from '../context.ts';
import { authorizeInspection } from '../policies/authorize.ts';
import {
  canEditFeedback,
  canEditPlan,
  canImportLedger,
  canRead,
  canSubmitPlan,
  type ScopedResource,
} from '../policies/policies.ts';
import { planSubmission } from '../repositories/extensions.repository.ts';
import { listProblems } from '../repositories/inspections.repository.ts';
import { listPeopleOfUnit, listPlanItems } from '../repositories/plan.repository.ts';
import { getRound } from '../repositories/rounds.repository.ts';
import { listUnits } from '../repositories/units.repository.ts';

/**
 * Everything the feedback and plan editor shows for one inspection: the round's aspects, the problems, the items the
 * actor may read with their measures, the departments and people measures can go to, and what the actor may change.
 */
export async function getPlan(ctx: CommandContext, inspectionId: number) {
  const inspection = await authorizeInspection(ctx, inspectionId, 'read');
  const scope: ScopedResource = { unitPath: inspection.unitPath, teamId: inspection.teamId, departmentPaths: [] };
  const [round, problems, items, departments, people, submission] = await Promise.all([
    getRound(ctx.db, inspection.roundId),
    listProblems(ctx.db, inspectionId),
    listPlanItems(ctx.db, inspectionId),
    listUnits(ctx.db, inspection.unitPath, ['department']),
    listPeopleOfUnit(ctx.db, inspection.unitPath),
    planSubmission(ctx.db, inspectionId),
  ]);
  const readable = items.filter((item) =>
    canRead(ctx.actor, {
      ...scope,
      departmentPaths: [item.leadDepartmentPath, ...item.measures.map((m) => m.departmentPath)].filter(
        (p): p is string => p !== null,
      ),
    }),
  );
  const { unitPath: _unitPath, ...header } = inspection;
  return {
    inspection: header,
    aspects: round.aspects.map((a) => ({ id: a.id, name: a.name })),
    problems,
    items: readable.map(({ leadDepartmentPath: _lead, measures, ...item }) => ({
      ...item,
      measures: measures.map(({ departmentPath: _path, ...m }) => m),
    })),
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    people: people.map(({ unitPath: _path, ...p }) => p),
    rights: {
      editFeedback: canEditFeedback(ctx.actor, scope),
      editPlan: canEditPlan(ctx.actor, scope),
      importLedger: canImportLedger(ctx.actor, scope),
      submitPlan: submission.submittedAt === null && canSubmitPlan(ctx.actor, scope),
    },
    planSubmittedAt: submission.submittedAt,
  };
}
