import { Type } from 'typebox';

export const liveResponse = Type.Object({ status: Type.Literal('ok') });

const checkOutcome = Type.Union([
  Type.Object({ status: Type.Literal('ok') }),
  Type.Object({ status: Type.Literal('failed'), reason: Type.String() }),
]);

export const readyResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  /** Each check by name: the database, the disk, and whatever other parts add (the evidence store). */
  checks: Type.Record(Type.String(), checkOutcome),
  /** The names of the checks that failed; empty when ready. */
  failed: Type.Array(Type.String()),
});

/** The old address answers as readiness does. */
export const healthResponse = readyResponse;
