import { Type } from 'typebox';
import { GRADES } from '../../../domain/evaluation.ts';
import { id, nullable, stringEnum } from '../../schemas.ts';
import { clueTotalsSchema } from '../clues/clues.schema.ts';
import { archivedQueryParam } from '../rounds/rounds.schema.ts';

export const totalsQuery = Type.Object(
  {
    unitId: Type.Optional(id),
    roundId: Type.Optional(id),
    inspectionId: Type.Optional(id),
    archived: archivedQueryParam,
  },
  { additionalProperties: false },
);

/** How many items of a set are in each state and result, overdue, closed late, withheld and flagged. */
export const itemCounts = Type.Object({
  items: Type.Integer(),
  notStarted: Type.Integer(),
  inProgress: Type.Integer(),
  closeRequested: Type.Integer(),
  closed: Type.Integer(),
  completed: Type.Integer(),
  partiallyCompleted: Type.Integer(),
  notCompleted: Type.Integer(),
  overdue: Type.Integer(),
  closedLate: Type.Integer(),
  withheld: Type.Integer(),
  flagged: Type.Integer(),
});

export const totalsResponse = Type.Object({
  counts: itemCounts,
  byAspect: Type.Array(
    Type.Object({ aspectId: nullable(Type.Integer()), aspect: nullable(Type.String()), counts: itemCounts }),
  ),
  byDepartment: Type.Array(
    Type.Object({ departmentId: nullable(Type.Integer()), department: nullable(Type.String()), counts: itemCounts }),
  ),
  outcomes: Type.Object({
    rules: Type.Integer(),
    accountabilityActions: Type.Integer(),
    accountabilityPeople: Type.Integer(),
    fundsRecoveredYuan: Type.Number(),
    lossesRecoveredYuan: Type.Number(),
  }),
  /** Issue 15 (问题线索): the office's and the supervisors' only; null for every other role. */
  clues: nullable(clueTotalsSchema),
});

export const overviewResponse = Type.Object({
  units: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      unit: Type.String(),
      counts: itemCounts,
      grade: nullable(stringEnum(GRADES, { description: 'the office’s latest rectification evaluation of the unit' })),
      risk: Type.Number({ description: 'overdue weighs most, then open items, then items closed late; per item' }),
    }),
  ),
});
