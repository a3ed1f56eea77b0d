import { Type } from 'typebox';
import { MEASURE_KINDS } from '../../../domain/measure.ts';
import { RESULT_LABELS } from '../../../domain/result.ts';
import { WORKFLOW_STATES } from '../../../domain/workflow.ts';
import {
  errorResponses,
  id,
  nullable,
  nullableId,
  nullableIsoDate,
  nullableText,
  stringEnum,
  text,
} from '../../schemas.ts';
import { inspectionSchema } from '../inspections/inspections.schema.ts';

const nullableString = nullable(Type.String());
const nullableInteger = nullable(Type.Integer());
const measureKind = stringEnum(MEASURE_KINDS);
const named = Type.Object({ id: Type.Integer(), name: Type.String() });

const planMeasure = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  sortOrder: Type.Integer(),
  content: Type.String(),
  kind: measureKind,
  responsibleLeader: nullableString,
  departmentId: nullableInteger,
  department: nullableString,
  responsiblePersonId: nullableInteger,
  responsiblePersonName: nullableString,
  responsiblePerson: Type.Union([Type.String(), Type.Null()], {
    description: '责任人 as printed: the written name, else the account’s display name (src/domain/people.ts)',
  }),
  deadline: nullableString,
  completedOn: nullableString,
  version: Type.Integer(),
});

export const planResponses = {
  200: Type.Object({
    inspection: inspectionSchema,
    aspects: Type.Array(named),
    problems: Type.Array(
      Type.Object({
        id: Type.Integer(),
        aspectId: nullableInteger,
        number: nullableString,
        title: Type.String(),
        description: nullableString,
        sortOrder: Type.Integer(),
        version: Type.Integer(),
      }),
    ),
    items: Type.Array(
      Type.Object({
        id: Type.Integer(),
        aspectId: nullableInteger,
        problemId: nullableInteger,
        number: nullableString,
        title: Type.String(),
        description: nullableString,
        suggestion: nullableString,
        target: nullableString,
        kind: measureKind,
        deadline: nullableString,
        leadDepartmentId: nullableInteger,
        leadDepartment: nullableString,
        responsibleLeader: nullableString,
        state: stringEnum(WORKFLOW_STATES),
        result: stringEnum(RESULT_LABELS),
        sortOrder: Type.Integer(),
        version: Type.Integer(),
        measures: Type.Array(planMeasure),
      }),
    ),
    departments: Type.Array(named),
    people: Type.Array(
      Type.Object({
        id: Type.Integer(),
        username: Type.String(),
        displayName: Type.String(),
        unitId: Type.Integer(),
        unitName: Type.String(),
      }),
    ),
    rights: Type.Object({
      editFeedback: Type.Boolean(),
      editPlan: Type.Boolean(),
      importLedger: Type.Boolean({ description: 'may import an Excel ledger into this inspection' }),
      submitPlan: Type.Boolean({ description: 'issue 13: may submit the plan (报送整改方案), once' }),
    }),
    /** Issue 13: when the plan was submitted; from then on deadlines move only through extension requests. */
    planSubmittedAt: nullable(Type.String()),
  }),
  ...errorResponses,
};

const ownerFields = {
  departmentId: Type.Optional(nullableId),
  responsiblePersonId: Type.Optional(nullableId),
  responsiblePersonName: Type.Optional(nullableText(50)),
  responsibleLeader: Type.Optional(nullableText(50)),
  deadline: Type.Optional(nullableIsoDate),
  kind: Type.Optional(measureKind),
};

export const addMeasuresBody = Type.Object(
  {
    itemIds: Type.Array(id, { minItems: 1, maxItems: 500 }),
    measure: Type.Object({ content: text(2000), ...ownerFields }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const addedMeasuresResponses = { 201: Type.Object({ ids: Type.Array(Type.Integer()) }), ...errorResponses };

export const bulkMeasuresBody = Type.Object(
  {
    measureIds: Type.Array(id, { minItems: 1, maxItems: 1000 }),
    changes: Type.Object(ownerFields, { minProperties: 1, additionalProperties: false }),
    versions: Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.Integer({ minimum: 1 }), {
      description: 'the version you read of each measure, by id',
      additionalProperties: false,
    }),
  },
  { additionalProperties: false },
);

export const bulkUpdatedResponses = { 200: Type.Object({ updated: Type.Integer() }), ...errorResponses };
