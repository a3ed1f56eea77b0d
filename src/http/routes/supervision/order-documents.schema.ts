import { Type } from 'typebox';
import { ORDER_LIMITS } from '../../../domain/supervision.ts';
import { errorResponses, id, isoDate, nullableText, patchBody, text, version } from '../../schemas.ts';

// Issue 15 (督办 as documents): the shapes of the order's edit and recall, its answer's files and 回头看 for a whole
// unit or round.

export const orderFileSchema = Type.Object({
  id: Type.Integer(),
  orderId: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Type.Integer(),
  uploadedAt: Type.String(),
});

export const orderFileResponses = {
  201: orderFileSchema,
  ...errorResponses,
  413: errorResponses[400],
  415: errorResponses[400],
};

export const editOrderBody = patchBody({
  title: text(ORDER_LIMITS.title),
  content: text(ORDER_LIMITS.content),
  dueOn: isoDate,
});

export const recallOrderBody = Type.Object(
  { version, reason: Type.Optional(nullableText(ORDER_LIMITS.reason)) },
  { additionalProperties: false },
);

export const bulkLookbackBody = Type.Object(
  {
    unitId: Type.Optional(id),
    roundId: Type.Optional(id),
    dueOn: Type.Optional(isoDate),
    afterDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3650, description: 'days after each close-out (default 90)' }),
    ),
  },
  { additionalProperties: false },
);

export const bulkLookbackResponses = {
  201: Type.Object({ count: Type.Integer(), ids: Type.Array(Type.Integer()) }),
  ...errorResponses,
};
