import { RESULT_LABELS } from '../../../domain/result.ts';
import { WORKFLOW_STATES } from '../../../domain/workflow.ts';
import { errorResponses, id, isoDate, text } from '../../schemas.ts';

export const recurrenceItemProperties = {
  id: { type: 'integer' },
  number: { type: ['string', 'null'] },
  title: { type: 'string' },
  unitId: { type: 'integer' },
  unit: { type: 'string' },
  inspectionId: { type: 'integer' },
  roundId: { type: 'integer' },
  round: { type: 'string' },
  aspectId: { type: ['integer', 'null'] },
  aspect: { type: ['string', 'null'] },
  state: { type: 'string', enum: WORKFLOW_STATES },
  result: { type: 'string', enum: RESULT_LABELS },
  deadline: { type: ['string', 'null'] },
  closedOn: { type: ['string', 'null'] },
} as const;

const recurrenceItem = { type: 'object', properties: recurrenceItemProperties } as const;
const itemWithOverdue = {
  type: 'object',
  properties: { ...recurrenceItemProperties, overdue: { type: 'boolean' } },
} as const;

export const carryOverResponse = {
  200: {
    type: 'object',
    properties: { added: { type: 'integer' }, itemIds: { type: 'array', items: { type: 'integer' } } },
  },
  ...errorResponses,
} as const;

export const carriedOverResponse = {
  200: {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: { ...recurrenceItemProperties, overdue: { type: 'boolean' }, carriedAt: { type: 'string' } },
        },
      },
    },
  },
  ...errorResponses,
} as const;

export const repeatsResponse = {
  200: {
    type: 'object',
    properties: {
      repeats: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            item: recurrenceItem,
            earlier: {
              type: 'array',
              items: { type: 'object', properties: { item: recurrenceItem, similarity: { type: 'number' } } },
            },
          },
        },
      },
      itemIds: { type: 'array', items: { type: 'integer' } },
    },
  },
  ...errorResponses,
} as const;

export const similarityQuery = {
  type: 'object',
  properties: {
    threshold: { type: 'number', minimum: 0.1, maximum: 1 },
    minUnits: { type: 'integer', minimum: 1, maximum: 1000 },
  },
  additionalProperties: false,
} as const;

export const commonProblemsResponse = {
  200: {
    type: 'object',
    properties: {
      groups: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            key: { type: 'string' },
            label: { type: 'string' },
            aspectId: { type: ['integer', 'null'] },
            aspect: { type: ['string', 'null'] },
            unitCount: { type: 'integer' },
            itemCount: { type: 'integer' },
            units: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  unitId: { type: 'integer' },
                  unit: { type: 'string' },
                  open: { type: 'integer' },
                  closed: { type: 'integer' },
                  overdue: { type: 'integer' },
                },
              },
            },
            members: { type: 'array', items: itemWithOverdue },
          },
        },
      },
    },
  },
  ...errorResponses,
} as const;

export const commonProblemOrderBody = {
  type: 'object',
  required: ['title', 'content', 'dueOn'],
  properties: {
    groupKey: { type: 'string', pattern: '^\\d+-\\d+$', maxLength: 40 },
    itemIds: { type: 'array', items: id, minItems: 1, maxItems: 5000 },
    title: text(200),
    content: text(5000),
    dueOn: isoDate,
  },
  additionalProperties: false,
} as const;

export const commonProblemOrderResponse = {
  201: {
    type: 'object',
    properties: {
      batch: { type: 'string' },
      ids: { type: 'array', items: { type: 'integer' } },
      unitIds: { type: 'array', items: { type: 'integer' } },
    },
  },
  ...errorResponses,
} as const;
