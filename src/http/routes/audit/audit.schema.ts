import { Type } from 'typebox';
import { errorResponses, fileDownload, id, nullable, stringEnum, withDefault } from '../../schemas.ts';

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
  seq: nullable(Type.Integer({ description: 'the event’s number in the chain: 1, 2, 3 … without gaps' })),
  at: Type.String(),
  actorId: nullable(Type.Integer()),
  actorName: nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: nullable(Type.Integer()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  sourceAddress: nullable(Type.String()),
  userAgent: nullable(Type.String()),
  outcome: nullable(Type.String({ description: 'success, failure or refused; null for a change that was made' })),
  via: nullable(Type.String({ description: 'web, cli or api_token' })),
  hash: Type.String(),
});

export const auditExportQuery = Type.Object(
  { format: withDefault(stringEnum(['jsonl', 'csv'] as const), 'jsonl') },
  { additionalProperties: false },
);

export const auditEvents = Type.Object({ events: Type.Array(auditEvent) });

export const chainCheck = Type.Object({
  intact: Type.Boolean(),
  checked: Type.Integer({ description: 'events verified before the break (all of them when intact)' }),
  lastSeq: Type.Integer(),
  brokenAtSeq: nullable(
    Type.Integer({ description: 'the number where the trail breaks: first missing, altered or unexpected event' }),
  ),
  brokenAt: nullable(Type.Integer({ description: 'the id of the first event that does not match, when there is one' })),
  problem: nullable(
    stringEnum([
      'empty',
      'gap',
      'hash',
      'downgrade',
      'head',
      'checkpoint',
      'truncated',
      'checkpoint_signature',
    ] as const),
  ),
  keyedFromSeq: nullable(Type.Integer({ description: 'the first event of the keyed (HMAC) chain' })),
  checkpoints: Type.Object({
    count: Type.Integer(),
    lastSeq: nullable(Type.Integer()),
    lastAt: nullable(Type.String()),
  }),
});

export const auditExportResponses = { 200: fileDownload, ...errorResponses };
