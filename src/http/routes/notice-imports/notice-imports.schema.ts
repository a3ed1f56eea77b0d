import { Type } from 'typebox';
import { INSPECTION_KINDS } from '../../../domain/inspection.ts';
import { RESULT_LABELS } from '../../../domain/result.ts';
import { WORKFLOW_STATES } from '../../../domain/workflow.ts';
import { PASTED_KINDS } from '../../../notices/read-pasted.ts';
import { errorResponses, id, isoDate, nullable, stringEnum } from '../../schemas.ts';

const nullableString = nullable(Type.String());
const strings = Type.Array(Type.String());

const counts = Type.Object({
  problems: Type.Integer(),
  items: Type.Integer(),
  measures: Type.Integer(),
  completed: Type.Integer(),
  partiallyCompleted: Type.Integer(),
  notCompleted: Type.Integer(),
  unlabelled: Type.Integer(),
});

export const importPlanSchema = Type.Object({
  inspection: Type.Object({
    unitId: Type.Integer(),
    roundId: Type.Integer(),
    teamId: nullable(Type.Integer()),
    kind: stringEnum(INSPECTION_KINDS),
    from: nullableString,
    to: nullableString,
    feedbackOn: nullableString,
  }),
  source: Type.Object({
    title: nullableString,
    issuer: nullableString,
    issuedOn: nullableString,
    team: nullableString,
  }),
  problems: Type.Array(
    Type.Object({
      title: nullableString,
      aspectId: nullable(Type.Integer()),
      aspectName: nullableString,
      items: Type.Array(
        Type.Object({
          number: nullableString,
          title: Type.String(),
          state: stringEnum(WORKFLOW_STATES),
          result: stringEnum(RESULT_LABELS),
          closedOn: nullableString,
          measures: strings,
        }),
      ),
    }),
  ),
  counts,
  warnings: strings,
  errors: strings,
});

export const importResponses = {
  200: importPlanSchema,
  201: Type.Object({ inspectionId: Type.Integer(), counts }),
  ...errorResponses,
  413: errorResponses[400],
  415: errorResponses[400],
};

/** A notice pasted into the import page: what the clipboard carried, and the same fields as the upload's form. */
export const pastedImportBody = Type.Object(
  {
    text: Type.String({ description: "what was pasted: a page's HTML or plain text (at most 20 MB in UTF-8)" }),
    kind: stringEnum(PASTED_KINDS, {
      description:
        "html: the clipboard's text/html or a page's source; text: plain text (a page's source is still read as a page)",
    }),
    unitId: id,
    roundId: id,
    teamId: Type.Optional(id),
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    feedbackOn: Type.Optional(isoDate),
    confirm: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
