import { Type } from 'typebox';
import { RESULT_LABELS } from '../../../domain/result.ts';
import { WORKFLOW_STATES } from '../../../domain/workflow.ts';
import { errorResponses, id, isoDate, nullable, stringEnum, text } from '../../schemas.ts';

const recurrenceItemProperties = {
  id: Type.Integer(),
  number: nullable(Type.String()),
  title: Type.String(),
  unitId: Type.Integer(),
  unit: Type.String(),
  inspectionId: Type.Integer(),
  roundId: Type.Integer(),
  round: Type.String(),
  aspectId: nullable(Type.Integer()),
  aspect: nullable(Type.String()),
  state: stringEnum(WORKFLOW_STATES),
  result: stringEnum(RESULT_LABELS),
  deadline: nullable(Type.String()),
  closedOn: nullable(Type.String()),
};

const recurrenceItem = Type.Object(recurrenceItemProperties);

/** Why an earlier item counts as a repeat (domain/recurrence.ts `RepeatReason`). */
const repeatReason = Type.Union([
  Type.Object({ kind: Type.Literal('same_aspect') }),
  Type.Object({ kind: Type.Literal('mapped'), earlierAspect: Type.String(), laterAspect: Type.String() }),
  Type.Object({ kind: Type.Literal('similar_aspect'), earlierAspect: Type.String(), laterAspect: Type.String() }),
  Type.Object({ kind: Type.Literal('title') }),
]);
const ids = Type.Array(Type.Integer());

export const carryOverResponses = {
  200: Type.Object({ added: Type.Integer(), itemIds: ids }),
  ...errorResponses,
};

export const carriedOverResponses = {
  200: Type.Object({
    items: Type.Array(Type.Object({ ...recurrenceItemProperties, overdue: Type.Boolean(), carriedAt: Type.String() })),
  }),
  ...errorResponses,
};

export const repeatsResponses = {
  200: Type.Object({
    repeats: Type.Array(
      Type.Object({
        item: recurrenceItem,
        earlier: Type.Array(Type.Object({ item: recurrenceItem, similarity: Type.Number(), reason: repeatReason })),
      }),
    ),
    itemIds: ids,
  }),
  ...errorResponses,
};

export const similarityQuery = Type.Object(
  {
    threshold: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1 })),
    minUnits: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

export const commonProblemsResponses = {
  200: Type.Object({
    groups: Type.Array(
      Type.Object({
        key: Type.String(),
        label: Type.String(),
        aspectId: nullable(Type.Integer()),
        aspect: nullable(Type.String()),
        unitCount: Type.Integer(),
        itemCount: Type.Integer(),
        units: Type.Array(
          Type.Object({
            unitId: Type.Integer(),
            unit: Type.String(),
            open: Type.Integer(),
            closed: Type.Integer(),
            overdue: Type.Integer(),
          }),
        ),
        members: Type.Array(Type.Object({ ...recurrenceItemProperties, overdue: Type.Boolean() })),
      }),
    ),
  }),
  ...errorResponses,
};

export const commonProblemOrderBody = Type.Object(
  {
    groupKey: Type.Optional(Type.String({ pattern: '^\\d+-\\d+$', maxLength: 40 })),
    itemIds: Type.Optional(Type.Array(id, { minItems: 1, maxItems: 5000 })),
    title: text(200),
    content: text(5000),
    dueOn: isoDate,
  },
  { additionalProperties: false },
);

export const commonProblemOrderResponses = {
  201: Type.Object({ batch: Type.String(), ids, unitIds: ids }),
  ...errorResponses,
};

// ---- Issue 15: the office's aspect mapping between two rounds

export const aspectMappingParams = Type.Object({ id, earlierRoundId: id }, { additionalProperties: false });

const namedAspect = Type.Object({ id: Type.Integer(), name: Type.String() });

export const aspectMappingView = Type.Object({
  earlierRound: Type.Object({ id: Type.Integer(), name: Type.String() }),
  laterRound: Type.Object({ id: Type.Integer(), name: Type.String() }),
  saved: Type.Boolean(),
  laterAspects: Type.Array(namedAspect),
  pairs: Type.Array(
    Type.Object({
      earlierAspect: namedAspect,
      suggestion: nullable(
        Type.Object({
          aspect: namedAspect,
          by: Type.Union([Type.Literal('same_name'), Type.Literal('similar')]),
          similarity: Type.Number(),
        }),
      ),
      savedLaterAspectIds: nullable(ids),
    }),
  ),
});

export const aspectMappingResponses = { 200: aspectMappingView, ...errorResponses };

export const aspectMappingBody = Type.Object(
  {
    pairs: Type.Array(
      Type.Object(
        { earlierAspectId: id, laterAspectIds: Type.Array(id, { maxItems: 200 }) },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
