import { MEASURE_KINDS } from '../../../domain/measure.ts';
import { RESULT_LABELS } from '../../../domain/result.ts';
import { WORKFLOW_STATES } from '../../../domain/workflow.ts';
import { id, nullableId, nullableIsoDate, nullableText, text } from '../../schemas.ts';
import { inspectionSchema } from '../inspections/route.ts';

const nullableString = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;

const planMeasureSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    itemId: { type: 'integer' },
    sortOrder: { type: 'integer' },
    content: { type: 'string' },
    kind: { type: 'string', enum: MEASURE_KINDS },
    responsibleLeader: nullableString,
    departmentId: nullableInteger,
    department: nullableString,
    responsiblePersonId: nullableInteger,
    responsiblePersonName: nullableString,
    deadline: nullableString,
    completedOn: nullableString,
    version: { type: 'integer' },
  },
} as const;

export const planResponse = {
  type: 'object',
  properties: {
    inspection: inspectionSchema,
    aspects: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          aspectId: nullableInteger,
          number: nullableString,
          title: { type: 'string' },
          description: nullableString,
          sortOrder: { type: 'integer' },
          version: { type: 'integer' },
        },
      },
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          aspectId: nullableInteger,
          problemId: nullableInteger,
          number: nullableString,
          title: { type: 'string' },
          description: nullableString,
          suggestion: nullableString,
          target: nullableString,
          kind: { type: 'string', enum: MEASURE_KINDS },
          deadline: nullableString,
          leadDepartmentId: nullableInteger,
          leadDepartment: nullableString,
          responsibleLeader: nullableString,
          state: { type: 'string', enum: WORKFLOW_STATES },
          result: { type: 'string', enum: RESULT_LABELS },
          sortOrder: { type: 'integer' },
          version: { type: 'integer' },
          measures: { type: 'array', items: planMeasureSchema },
        },
      },
    },
    departments: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    },
    people: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          username: { type: 'string' },
          displayName: { type: 'string' },
          unitId: { type: 'integer' },
          unitName: { type: 'string' },
        },
      },
    },
    rights: {
      type: 'object',
      properties: { editFeedback: { type: 'boolean' }, editPlan: { type: 'boolean' } },
    },
  },
} as const;

const ownerFields = {
  departmentId: nullableId,
  responsiblePersonId: nullableId,
  responsiblePersonName: nullableText(50),
  responsibleLeader: nullableText(50),
  deadline: nullableIsoDate,
  kind: { type: 'string', enum: MEASURE_KINDS },
} as const;

export const addMeasuresBody = {
  type: 'object',
  required: ['itemIds', 'measure'],
  properties: {
    itemIds: { type: 'array', items: id, minItems: 1, maxItems: 500 },
    measure: {
      type: 'object',
      required: ['content'],
      properties: { content: text(2000), ...ownerFields },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

export const bulkMeasuresBody = {
  type: 'object',
  required: ['measureIds', 'changes', 'versions'],
  properties: {
    measureIds: { type: 'array', items: id, minItems: 1, maxItems: 1000 },
    changes: {
      type: 'object',
      minProperties: 1,
      properties: ownerFields,
      additionalProperties: false,
    },
    versions: {
      type: 'object',
      description: 'the version you read of each measure, by id',
      patternProperties: { '^[0-9]+$': { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;
