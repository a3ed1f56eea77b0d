import { ORDER_LIMITS } from '../../../commands/supervision.commands.ts';
import { LOOKBACK_STATUSES, ORDER_STATUSES } from '../../../repositories/supervision.repository.ts';
import { id, isoDate, nullableText, text, version } from '../../schemas.ts';

const nullableString = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;

export const orderSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    batch: { type: 'string' },
    unitId: { type: 'integer' },
    unit: { type: 'string' },
    itemId: nullableInteger,
    itemTitle: nullableString,
    title: { type: 'string' },
    content: { type: 'string' },
    dueOn: { type: 'string' },
    status: { type: 'string', enum: [...ORDER_STATUSES] },
    issuedBy: { type: 'integer' },
    issuedByName: { type: 'string' },
    issuedOn: { type: 'string' },
    answer: nullableString,
    answeredBy: nullableInteger,
    answeredByName: nullableString,
    answeredOn: nullableString,
    returnReason: nullableString,
    closedOn: nullableString,
    overdue: { type: 'boolean' },
    version: { type: 'integer' },
  },
} as const;

export const createOrdersBody = {
  type: 'object',
  required: ['targets', 'title', 'content', 'dueOn'],
  additionalProperties: false,
  properties: {
    targets: {
      type: 'array',
      minItems: 1,
      maxItems: ORDER_LIMITS.targets,
      items: {
        type: 'object',
        required: ['unitId'],
        additionalProperties: false,
        properties: { unitId: id, itemId: { type: ['integer', 'null'], minimum: 1 } },
      },
    },
    title: text(ORDER_LIMITS.title),
    content: text(ORDER_LIMITS.content),
    dueOn: isoDate,
    flagItems: { type: 'boolean', default: false },
  },
} as const;

export const listOrdersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...ORDER_STATUSES] },
    overdue: { type: 'boolean' },
    unitId: id,
    itemId: id,
  },
} as const;

export const answerBody = {
  type: 'object',
  required: ['answer', 'version'],
  additionalProperties: false,
  properties: { answer: text(ORDER_LIMITS.answer), version },
} as const;

export const returnBody = {
  type: 'object',
  required: ['reason', 'version'],
  additionalProperties: false,
  properties: { reason: text(ORDER_LIMITS.reason), version },
} as const;

export const versionBody = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  properties: { version },
} as const;

export const lookbackSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    itemId: { type: 'integer' },
    itemTitle: { type: 'string' },
    itemNumber: nullableString,
    itemState: { type: 'string' },
    closedOn: nullableString,
    unitId: { type: 'integer' },
    unit: { type: 'string' },
    dueOn: { type: 'string' },
    status: { type: 'string', enum: [...LOOKBACK_STATUSES] },
    finding: nullableString,
    recordedBy: nullableInteger,
    recordedByName: nullableString,
    recordedOn: nullableString,
    overdue: { type: 'boolean' },
    version: { type: 'integer' },
  },
} as const;

export const scheduleLookbackBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dueOn: isoDate,
    afterDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'days after the close-out (default 90)' },
  },
} as const;

export const listLookbacksQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { status: { type: 'string', enum: [...LOOKBACK_STATUSES] }, dueBy: isoDate, itemId: id },
} as const;

export const lookbackResultBody = {
  type: 'object',
  required: ['outcome', 'version'],
  additionalProperties: false,
  properties: {
    outcome: { type: 'string', enum: ['held', 'rebound'] },
    finding: nullableText(ORDER_LIMITS.content),
    version,
  },
} as const;

const scoredEntrySchema = {
  type: 'object',
  required: ['key', 'label', 'points', 'deduction'],
  additionalProperties: false,
  properties: {
    key: text(40),
    label: text(100),
    points: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
    deduction: { type: 'number', minimum: 0, maximum: 100 },
    note: nullableText(1000),
  },
} as const;

export const evaluationSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    inspectionId: { type: 'integer' },
    roundId: { type: 'integer' },
    unitId: { type: 'integer' },
    unit: { type: 'string' },
    entries: { type: 'array', items: scoredEntrySchema },
    note: nullableString,
    score: { type: 'number' },
    grade: { type: 'string', enum: ['good', 'fairly_good', 'average', 'poor'] },
    evaluatedBy: { type: 'integer' },
    evaluatedByName: { type: 'string' },
    evaluatedOn: { type: 'string' },
    version: { type: 'integer' },
  },
} as const;

export const saveEvaluationBody = {
  type: 'object',
  required: ['inspectionId', 'entries'],
  additionalProperties: false,
  properties: {
    inspectionId: id,
    entries: { type: 'array', minItems: 1, maxItems: 50, items: scoredEntrySchema },
    note: nullableText(ORDER_LIMITS.content),
    version,
  },
} as const;

export const listEvaluationsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { roundId: id, inspectionId: id },
} as const;

export const checklistSchema = {
  type: 'object',
  properties: {
    total: { type: 'number' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          label: { type: 'string' },
          points: { type: 'number' },
          guide: { type: 'string' },
        },
      },
    },
    bands: {
      type: 'array',
      items: { type: 'object', properties: { grade: { type: 'string' }, min: { type: 'number' } } },
    },
  },
} as const;
