import { Type } from 'typebox';
import { id, nullable, withDefault } from '../../schemas.ts';

export const auditQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ maxLength: 40 })),
    entityId: Type.Optional(id),
    beforeId: Type.Optional(id),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 500 }), 100),
  },
  { additionalProperties: false },
);

/** One entry of the hash-chained audit trail, with the record before and after the change as it was written. */
export const auditEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: nullable(Type.Integer()),
  actorName: nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: nullable(Type.Integer()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});

export const auditEvents = Type.Object({ events: Type.Array(auditEvent) });

export const chainCheck = Type.Object({
  checked: Type.Integer(),
  brokenAt: nullable(Type.Integer({ description: 'the first event whose hash does not match; null when intact' })),
});
