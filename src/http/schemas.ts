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

/** A notice's contact lines (举报电话, 邮箱, 通信地址, 邮编) as the server returns them. */
export const contactsResponse = {
  type: 'object',
  properties: {
    phone: { type: 'array', items: { type: 'string' } },
    email: { type: 'array', items: { type: 'string' } },
    postal: { type: ['string', 'null'] },
    postcode: { type: ['string', 'null'] },
  },
} as const;

/** One finding of the notice linter, on a pasted text or a notice about to be published. */
export const lintFinding = {
  type: 'object',
  properties: {
    severity: { type: 'string', enum: ['error', 'warning'] },
    code: { type: 'string' },
    message: { type: 'string' },
    line: { type: ['integer', 'null'] },
    excerpt: { type: ['string', 'null'] },
  },
} as const;

/** The public period of a notice, both days required. */
export const publicPeriod = { publicFrom: isoDate, publicTo: isoDate } as const;

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

export const noContentResponse = { 204: { type: 'null' }, ...errorResponses } as const;

/**
 * The body of an edit: the version that was read plus at least one field. Defaults are dropped, because in an edit
 * an absent field means "leave it as it is", not "reset it".
 */
export function patchBody(fields: Record<string, object>) {
  const properties: Record<string, object> = { version };
  for (const [name, schema] of Object.entries(fields)) {
    const { default: _default, ...rest } = schema as { default?: unknown };
    properties[name] = rest;
  }
  return { type: 'object', required: ['version'], minProperties: 2, properties, additionalProperties: false } as const;
}

export const createdResponse = {
  201: { type: 'object', properties: { id: { type: 'integer' } } },
  ...errorResponses,
} as const;

export interface IdParams {
  id: number;
}
