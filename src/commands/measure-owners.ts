import type { CommandContext } from '../context.ts';
import type { MeasureKind } from '../domain/measure.ts';
import { responsibleToStore } from '../domain/people.ts';
import { appError } from '../errors.ts';
import { listPeopleOfUnit } from '../repositories/plan.repository.ts';
import { findUnit } from '../repositories/units.repository.ts';

/** Who owns a measure and by when: what the plan sets, one measure at a time or many at once. */
export interface MeasureChanges {
  departmentId?: number | null;
  responsiblePersonId?: number | null;
  responsiblePersonName?: string | null;
  responsibleLeader?: string | null;
  deadline?: string | null;
  kind?: MeasureKind;
}

/** A lead or responsible department must be a department (not the unit itself) inside the inspected unit. */
export async function assertDepartmentOfUnit(
  ctx: CommandContext,
  departmentId: number | null | undefined,
  unitPath: string,
  field = 'departmentId',
) {
  if (departmentId === null || departmentId === undefined) return;
  const dept = await findUnit(ctx.db, departmentId);
  if (!dept) {
    throw appError('unknown_department', { departmentId }, { fields: [{ field }] });
  }
  if (dept.kind !== 'department' || !dept.path.startsWith(unitPath)) {
    throw appError('department_outside_unit', { departmentName: dept.name }, { fields: [{ field }] });
  }
}

/**
 * Checks what is about to be set on measures of these inspected units: a deadline not before any feedback, a department
 * of each unit, a person with an account in each unit. Returns the changes as they are to be stored: an account chosen
 * alone stores no name (every reader prints the account's own), a name written alone unlinks the account.
 */
export async function checkMeasureOwners<T extends MeasureChanges>(
  ctx: CommandContext,
  targets: { unitPath: string; feedbackOn: string | null }[],
  input: T,
): Promise<T> {
  const changes = { ...input };
  const { deadline } = changes;
  if (deadline) {
    const feedbackOn = targets.find((r) => r.feedbackOn !== null && deadline < r.feedbackOn)?.feedbackOn;
    if (feedbackOn) {
      throw appError(
        'deadline_before_feedback',
        { deadline, feedbackOn },
        { fields: [{ field: 'deadline', message: `must be on or after ${feedbackOn}` }] },
      );
    }
  }
  const unitPaths = [...new Set(targets.map((r) => r.unitPath))];
  for (const unitPath of unitPaths) await assertDepartmentOfUnit(ctx, changes.departmentId, unitPath);
  // One rule for what a form's 责任人 stores (an account, a written name, or both), so what was sent is what reads back.
  const person = responsibleToStore({
    personId: changes.responsiblePersonId,
    personName: changes.responsiblePersonName,
  });
  if (person.personId !== undefined) changes.responsiblePersonId = person.personId;
  if (person.personName !== undefined) changes.responsiblePersonName = person.personName;
  if (changes.responsiblePersonId !== undefined && changes.responsiblePersonId !== null) {
    const personId = changes.responsiblePersonId;
    for (const unitPath of unitPaths) {
      const people = await listPeopleOfUnit(ctx.db, unitPath);
      if (!people.some((p) => p.id === personId)) {
        throw appError('person_outside_unit', { personId }, { fields: [{ field: 'responsiblePersonId' }] });
      }
    }
  }
  return changes;
}
