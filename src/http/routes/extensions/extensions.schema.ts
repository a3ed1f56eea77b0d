import { Type } from 'typebox';
import { DEADLINE_CHANGE_SOURCES, EXTENSION_DECISIONS, EXTENSION_STATUSES } from '../../../domain/extensions.ts';
import { id, isoDate, nullable, stringEnum, version } from '../../schemas.ts';

const nullableString = nullable(Type.String());
const nullableInteger = nullable(Type.Integer());

/**
 * A 延期申请. The reason is optional in the schema so that a missing one is refused with its own words
 * (extension_reason_required) rather than a generic validation error.
 */
export const extensionRequestBody = Type.Object(
  {
    deadline: isoDate,
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    evidenceIds: Type.Optional(
      Type.Array(id, { maxItems: 20, description: 'ids of the item’s own evidence offered in support' }),
    ),
  },
  { additionalProperties: false },
);

export const extensionDecisionBody = Type.Object(
  {
    decision: stringEnum(EXTENSION_DECISIONS),
    note: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    version,
  },
  { additionalProperties: false },
);

export const extensionDecided = Type.Object({ status: stringEnum(EXTENSION_STATUSES) });

export const extensionSchema = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  status: stringEnum(EXTENSION_STATUSES),
  fromDeadline: nullableString,
  toDeadline: Type.String(),
  reason: Type.String(),
  evidenceIds: Type.Array(Type.Integer()),
  needsOffice: Type.Boolean({ description: '挂牌督办: the office decides after the unit leader' }),
  requestedBy: Type.Integer(),
  requestedByName: nullableString,
  requestedAt: Type.String(),
  unitDecidedBy: nullableInteger,
  unitDecidedByName: nullableString,
  unitDecidedAt: nullableString,
  officeDecidedBy: nullableInteger,
  officeDecidedByName: nullableString,
  officeDecidedAt: nullableString,
  decisionNote: nullableString,
  version: Type.Integer(),
});

export const deadlineHistoryEntry = Type.Object({
  id: Type.Integer(),
  fromDeadline: nullableString,
  toDeadline: nullableString,
  source: stringEnum(DEADLINE_CHANGE_SOURCES),
  extensionId: nullableInteger,
  changedBy: nullableInteger,
  changedByName: nullableString,
  changedOn: Type.String(),
});

export const itemExtensions = Type.Object({
  extensions: Type.Array(extensionSchema),
  history: Type.Array(deadlineHistoryEntry),
});
