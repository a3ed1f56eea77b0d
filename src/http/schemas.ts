/** Schema pieces shared by the routes; each route folder's schema.ts builds on these. */
export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' } as const;
export const nullableIsoDate = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' } as const;
export const id = { type: 'integer', minimum: 1 } as const;
export const nullableId = { type: ['integer', 'null'], minimum: 1 } as const;
export const text = (maxLength: number, minLength = 1) => ({ type: 'string', minLength, maxLength }) as const;
export const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
export const version = {
  type: 'integer',
  minimum: 1,
  description: 'the version you read; a stale one gets 409',
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id },
  additionalProperties: false,
} as const;

const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
} as const;

export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
} as const;

export const createdResponse = {
  201: { type: 'object', properties: { id: { type: 'integer' } } },
  ...errorResponses,
} as const;

export interface IdParams {
  id: number;
}
