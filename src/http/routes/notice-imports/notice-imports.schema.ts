import { RESULT_LABELS } from '../../../domain/result.ts';
import { WORKFLOW_STATES } from '../../../domain/workflow.ts';
import { errorResponses } from '../../schemas.ts';

const nullableString = { type: ['string', 'null'] } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

const countsSchema = {
  type: 'object',
  properties: {
    problems: { type: 'integer' },
    items: { type: 'integer' },
    measures: { type: 'integer' },
    completed: { type: 'integer' },
    partiallyCompleted: { type: 'integer' },
    notCompleted: { type: 'integer' },
    unlabelled: { type: 'integer' },
  },
} as const;

export const importPlanSchema = {
  type: 'object',
  properties: {
    inspection: {
      type: 'object',
      properties: {
        unitId: { type: 'integer' },
        roundId: { type: 'integer' },
        teamId: { type: ['integer', 'null'] },
        kind: { type: 'string' },
        from: nullableString,
        to: nullableString,
        feedbackOn: nullableString,
      },
    },
    source: {
      type: 'object',
      properties: { title: nullableString, issuer: nullableString, issuedOn: nullableString, team: nullableString },
    },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          title: nullableString,
          aspectId: { type: ['integer', 'null'] },
          aspectName: nullableString,
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                number: nullableString,
                title: { type: 'string' },
                state: { type: 'string', enum: WORKFLOW_STATES },
                result: { type: 'string', enum: RESULT_LABELS },
                closedOn: nullableString,
                measures: strings,
              },
            },
          },
        },
      },
    },
    counts: countsSchema,
    warnings: strings,
    errors: strings,
  },
} as const;

export const importResponses = {
  200: importPlanSchema,
  201: { type: 'object', properties: { inspectionId: { type: 'integer' }, counts: countsSchema } },
  ...errorResponses,
  413: errorResponses[400],
  415: errorResponses[400],
} as const;
