import { Type } from 'typebox';
import { INSPECTION_KINDS, WORK_LOG_KINDS } from '../../../domain/inspection.ts';
import {
  id,
  isoDate,
  nullable,
  nullableId,
  nullableIsoDate,
  nullableText,
  patchBody,
  stringEnum,
  text,
  withDefault,
} from '../../schemas.ts';
import { archivedQueryParam } from '../rounds/rounds.schema.ts';

const nullableString = nullable(Type.String());

export const inspectionSchema = Type.Object({
  id: Type.Integer(),
  roundId: Type.Integer(),
  roundName: Type.String(),
  teamId: Type.Integer(),
  teamName: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  kind: stringEnum(INSPECTION_KINDS),
  from: Type.String(),
  to: Type.String(),
  feedbackOn: nullableString,
  concentratedUntil: nullableString,
  reportDueOn: nullableString,
  version: Type.Integer(),
  /** Its round is archived: read-only. */
  archived: Type.Boolean(),
});

export const inspectionsQuery = Type.Object(
  {
    roundId: Type.Optional(id),
    unitId: Type.Optional(id),
    teamId: Type.Optional(id),
    archived: archivedQueryParam,
  },
  { additionalProperties: false },
);

export const inspectionList = Type.Object({
  inspections: Type.Array(inspectionSchema),
  reportMonths: Type.Integer({
    description: 'months after feedback the report falls due when no date is given (RECTIFY_REPORT_MONTHS)',
  }),
});

export const problemSchema = Type.Object({
  id: Type.Integer(),
  aspectId: nullable(Type.Integer()),
  number: nullableString,
  title: Type.String(),
  description: nullableString,
  version: Type.Integer(),
});

export const workLogEntry = Type.Object({
  id: Type.Integer(),
  kind: stringEnum(WORK_LOG_KINDS),
  heldOn: Type.String(),
  title: Type.String(),
  note: nullableString,
});

export const inspectionDetail = Type.Object({
  inspection: inspectionSchema,
  problems: Type.Array(problemSchema),
  workLog: Type.Array(workLogEntry),
});

const inspectionFields = {
  teamId: id,
  kind: stringEnum(INSPECTION_KINDS),
  from: isoDate,
  to: isoDate,
  feedbackOn: nullableIsoDate,
  concentratedUntil: nullableIsoDate,
  reportDueOn: nullableIsoDate,
};

export const createInspectionBody = Type.Object(
  {
    roundId: id,
    unitId: id,
    ...inspectionFields,
    feedbackOn: withDefault(nullableIsoDate, null),
    concentratedUntil: withDefault(nullableIsoDate, null),
    reportDueOn: Type.Optional(nullableIsoDate),
  },
  { additionalProperties: false },
);

export const patchInspectionBody = patchBody(inspectionFields);

export const createProblemBody = Type.Object(
  {
    aspectId: withDefault(nullableId, null),
    number: withDefault(nullableText(20), null),
    title: text(500),
    description: withDefault(nullableText(5000), null),
  },
  { additionalProperties: false },
);

export const workLogBody = Type.Object(
  {
    kind: stringEnum(WORK_LOG_KINDS),
    heldOn: isoDate,
    title: text(200),
    note: withDefault(nullableText(5000), null),
  },
  { additionalProperties: false },
);

export const patchProblemBody = patchBody({
  aspectId: nullableId,
  number: nullableText(20),
  title: text(500),
  description: nullableText(5000),
});
