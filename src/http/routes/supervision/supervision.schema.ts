import { Type } from 'typebox';
import { GRADES } from '../../../domain/evaluation.ts';
import { LOOKBACK_STATUSES, ORDER_LIMITS, ORDER_STATUSES } from '../../../domain/supervision.ts';
import {
  createdResponse,
  errorResponses,
  id,
  isoDate,
  nullable,
  nullableId,
  nullableText,
  stringEnum,
  text,
  version,
  withDefault,
} from '../../schemas.ts';
import { orderFileSchema } from './order-documents.schema.ts';

const nullableString = nullable(Type.String());
const nullableInteger = nullable(Type.Integer());
const ids = Type.Array(Type.Integer());

export const orderSchema = Type.Object({
  id: Type.Integer(),
  batch: Type.String(),
  unitId: Type.Integer(),
  unit: Type.String(),
  itemId: nullableInteger,
  itemTitle: nullableString,
  title: Type.String(),
  content: Type.String(),
  dueOn: Type.String(),
  status: stringEnum(ORDER_STATUSES),
  issuedBy: Type.Integer(),
  issuedByName: Type.String(),
  issuedOn: Type.String(),
  answer: nullableString,
  answeredBy: nullableInteger,
  answeredByName: nullableString,
  answeredOn: nullableString,
  returnReason: nullableString,
  closedOn: nullableString,
  /** Issue 15: the 文号 given at sending (null for orders sent before numbering), the recall, the answer's files. */
  docNumber: nullableString,
  recalledOn: nullableString,
  recallReason: nullableString,
  files: Type.Array(orderFileSchema),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});

export const orderResponses = { 200: orderSchema, ...errorResponses };

export const createOrdersBody = Type.Object(
  {
    targets: Type.Array(
      Type.Object({ unitId: id, itemId: Type.Optional(nullableId) }, { additionalProperties: false }),
      { minItems: 1, maxItems: ORDER_LIMITS.targets },
    ),
    title: text(ORDER_LIMITS.title),
    content: text(ORDER_LIMITS.content),
    dueOn: isoDate,
    flagItems: withDefault(Type.Boolean(), false),
  },
  { additionalProperties: false },
);

export const createdOrdersResponses = { 201: Type.Object({ batch: Type.String(), ids }), ...errorResponses };

export const listOrdersQuery = Type.Object(
  {
    status: Type.Optional(stringEnum(ORDER_STATUSES)),
    overdue: Type.Optional(Type.Boolean()),
    unitId: Type.Optional(id),
    itemId: Type.Optional(id),
  },
  { additionalProperties: false },
);

export const ordersResponses = { 200: Type.Object({ orders: Type.Array(orderSchema) }), ...errorResponses };

export const answerBody = Type.Object({ answer: text(ORDER_LIMITS.answer), version }, { additionalProperties: false });

export const returnBody = Type.Object({ reason: text(ORDER_LIMITS.reason), version }, { additionalProperties: false });

export const versionBody = Type.Object({ version }, { additionalProperties: false });

export const lookbackSchema = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  itemTitle: Type.String(),
  itemNumber: nullableString,
  itemState: Type.String(),
  closedOn: nullableString,
  unitId: Type.Integer(),
  unit: Type.String(),
  dueOn: Type.String(),
  status: stringEnum(LOOKBACK_STATUSES),
  finding: nullableString,
  recordedBy: nullableInteger,
  recordedByName: nullableString,
  recordedOn: nullableString,
  overdue: Type.Boolean(),
  version: Type.Integer(),
});

export const scheduleLookbackBody = Type.Object(
  {
    dueOn: Type.Optional(isoDate),
    afterDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3650, description: 'days after the close-out (default 90)' }),
    ),
  },
  { additionalProperties: false },
);

export const scheduledLookbackResponses = createdResponse;

export const listLookbacksQuery = Type.Object(
  {
    status: Type.Optional(stringEnum(LOOKBACK_STATUSES)),
    dueBy: Type.Optional(isoDate),
    itemId: Type.Optional(id),
  },
  { additionalProperties: false },
);

export const lookbacksResponses = { 200: Type.Object({ lookbacks: Type.Array(lookbackSchema) }), ...errorResponses };

export const lookbackResultBody = Type.Object(
  {
    outcome: stringEnum(['held', 'rebound']),
    finding: Type.Optional(nullableText(ORDER_LIMITS.content)),
    version,
  },
  { additionalProperties: false },
);

export const lookbackResponses = { 200: lookbackSchema, ...errorResponses };

/** An entry as scored: the note may be left out and is then saved empty. */
const scoredEntryBody = Type.Object(
  {
    key: text(40),
    label: text(100),
    points: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    deduction: Type.Number({ minimum: 0, maximum: 100 }),
    note: withDefault(nullableText(1000), null),
  },
  { additionalProperties: false },
);

const grade = stringEnum(GRADES);

export const evaluationSchema = Type.Object({
  id: Type.Integer(),
  inspectionId: Type.Integer(),
  roundId: Type.Integer(),
  unitId: Type.Integer(),
  unit: Type.String(),
  entries: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      points: Type.Number(),
      deduction: Type.Number(),
      note: nullableString,
      /** Issue 15: the deduction the ledger suggested when the evaluation was saved, and its reasons in words. */
      suggested: Type.Optional(nullable(Type.Number())),
      reasons: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  note: nullableString,
  /** The final score: the checklist's, weighed with the satisfaction when there were answers. */
  score: Type.Number(),
  grade,
  evaluatedBy: Type.Integer(),
  evaluatedByName: Type.String(),
  evaluatedOn: Type.String(),
  checklistScore: Type.Number(),
  satisfactionScore: nullable(Type.Number()),
  satisfactionAnswers: Type.Integer(),
  /** The weight applied; 0 when there were no answers (the satisfaction did not count). */
  satisfactionWeight: Type.Number(),
  version: Type.Integer(),
});

export const evaluationResponses = { 200: evaluationSchema, ...errorResponses };

export const saveEvaluationBody = Type.Object(
  {
    inspectionId: id,
    entries: Type.Array(scoredEntryBody, { minItems: 1, maxItems: 50 }),
    note: Type.Optional(nullableText(ORDER_LIMITS.content)),
    version: Type.Optional(version),
  },
  { additionalProperties: false },
);

export const listEvaluationsQuery = Type.Object(
  { roundId: Type.Optional(id), inspectionId: Type.Optional(id) },
  { additionalProperties: false },
);

export const evaluationsResponses = {
  200: Type.Object({ evaluations: Type.Array(evaluationSchema) }),
  ...errorResponses,
};

export const checklistResponses = {
  200: Type.Object({
    total: Type.Number(),
    entries: Type.Immutable(
      Type.Array(
        Type.Object({ key: Type.String(), label: Type.String(), points: Type.Number(), guide: Type.String() }),
      ),
    ),
    bands: Type.Immutable(Type.Array(Type.Object({ grade, min: Type.Number() }))),
  }),
  ...errorResponses,
};

// ---- Issue 15, point 4: the evaluation as the office opens it (suggestions from the ledger, satisfaction, weight)

const levelCounts = Type.Object({ satisfied: Type.Integer(), basic: Type.Integer(), dissatisfied: Type.Integer() });

export const satisfactionSummarySchema = Type.Object({
  answers: Type.Integer(),
  counts: Type.Record(Type.String(), levelCounts),
  score: nullable(Type.Number()),
});

const reasonSchema = Type.Object({
  code: Type.String(),
  text: Type.String(),
  deduction: Type.Number(),
  refs: Type.Array(
    Type.Object({
      kind: stringEnum(['item', 'order']),
      id: Type.Integer(),
      number: nullableString,
      title: Type.String(),
      detail: Type.String(),
    }),
  ),
});

export const evaluationDraftQuery = Type.Object({ inspectionId: id }, { additionalProperties: false });

export const evaluationDraftResponses = {
  200: Type.Object({
    inspectionId: Type.Integer(),
    total: Type.Number(),
    entries: Type.Array(
      Type.Object({
        key: Type.String(),
        label: Type.String(),
        points: Type.Number(),
        guide: Type.String(),
        suggestion: Type.Object({
          key: Type.String(),
          deduction: Type.Number(),
          capped: Type.Boolean(),
          reasons: Type.Array(reasonSchema),
        }),
      }),
    ),
    satisfaction: Type.Object({
      ...satisfactionSummarySchema.properties,
      publications: Type.Array(
        Type.Object({
          id: Type.Integer(),
          title: Type.String(),
          answers: Type.Integer(),
          score: nullable(Type.Number()),
        }),
      ),
    }),
    satisfactionWeight: Type.Number({ description: 'RECTIFY_SATISFACTION_WEIGHT, 0 to 0.5' }),
  }),
  ...errorResponses,
};
