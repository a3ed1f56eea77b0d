import { Type } from 'typebox';
import { id, isoDate, nullable } from '../../schemas.ts';
import { archivedQueryParam } from '../rounds/rounds.schema.ts';

/** The ledger filters a statistic can be narrowed by; the reader's access scope always applies on top. */
export const statsQuerySchema = Type.Object(
  {
    unitId: Type.Optional(id),
    roundId: Type.Optional(id),
    inspectionId: Type.Optional(id),
    departmentId: Type.Optional(id),
    archived: archivedQueryParam,
  },
  { additionalProperties: false },
);

export const trendQuery = Type.Object(
  { roundId: id, unitId: Type.Optional(id), inspectionId: Type.Optional(id) },
  { additionalProperties: false },
);

const count = Type.Integer({ minimum: 0 });

export const warningsResponse = Type.Object({
  today: isoDate,
  thresholds: Type.Object({ green: count, yellow: count }),
  counts: Type.Object({
    open: count,
    red: count,
    yellow: count,
    green: count,
    later: count,
    noDeadline: count,
  }),
});

export const trendResponse = Type.Object({
  today: isoDate,
  from: nullable(Type.String()),
  points: Type.Array(Type.Object({ date: isoDate, overdue: count })),
});
