import { contactsResponse, errorResponses, id, lintFinding, publicPeriod, version } from '../../schemas.ts';

export { idParams } from '../../schemas.ts';

const counts = {
  type: 'object',
  properties: { new: { type: 'integer' }, answered: { type: 'integer' }, handled: { type: 'integer' } },
} as const;

export const publication = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    inspectionId: { type: 'integer' },
    unitId: { type: 'integer' },
    unitName: { type: 'string' },
    title: { type: 'string' },
    publicFrom: { type: 'string' },
    publicTo: { type: 'string' },
    contacts: contactsResponse,
    status: { type: 'string', enum: ['published', 'withdrawn'] },
    state: {
      type: 'string',
      enum: ['scheduled', 'public', 'archived', 'withdrawn'],
      description:
        'derived on the day: after the period a notice is archived or withdrawn as RECTIFY_PUBLIC_EXPIRY says',
    },
    publishedAt: { type: 'string' },
    publishedBy: { type: 'integer' },
    withdrawnAt: { type: ['string', 'null'] },
    withdrawnBy: { type: ['integer', 'null'] },
    version: { type: 'integer' },
    comments: counts,
  },
} as const;

export const listQuery = {
  type: 'object',
  properties: { inspectionId: id },
  additionalProperties: false,
} as const;

export const listResponses = {
  200: { type: 'object', properties: { publications: { type: 'array', items: publication } } },
  ...errorResponses,
} as const;

export const publicationResponses = { 200: publication, ...errorResponses } as const;
export const createdPublicationResponses = { 201: publication, ...errorResponses } as const;

export const publishBody = {
  type: 'object',
  required: ['publicFrom', 'publicTo'],
  properties: publicPeriod,
  additionalProperties: false,
} as const;

export const withdrawBody = {
  type: 'object',
  required: ['version'],
  properties: { version },
  additionalProperties: false,
} as const;

export const previewQuery = {
  type: 'object',
  properties: publicPeriod,
  additionalProperties: false,
} as const;

export const previewResponses = {
  200: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      text: { type: 'string' },
      findings: { type: 'array', items: lintFinding },
      publicFrom: { type: ['string', 'null'] },
      publicTo: { type: ['string', 'null'] },
    },
  },
  ...errorResponses,
} as const;

const comment = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    publicationId: { type: 'integer' },
    content: { type: 'string', description: 'plain text as sent; show it as text, never as markup' },
    name: { type: ['string', 'null'] },
    contact: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['new', 'answered', 'handled'] },
    answer: { type: ['string', 'null'] },
    answeredAt: { type: ['string', 'null'] },
    answeredBy: { type: ['integer', 'null'] },
    answeredByName: { type: ['string', 'null'] },
    handledAt: { type: ['string', 'null'] },
    handledBy: { type: ['integer', 'null'] },
    createdAt: { type: 'string' },
    version: { type: 'integer' },
  },
} as const;

export const commentsResponses = {
  200: { type: 'object', properties: { comments: { type: 'array', items: comment } } },
  ...errorResponses,
} as const;

export const answerBody = {
  type: 'object',
  required: ['version'],
  properties: {
    version,
    answer: { type: ['string', 'null'], maxLength: 2000, default: null },
    handled: { type: 'boolean', default: false, description: 'close it (已办结), with or without an answer' },
  },
  additionalProperties: false,
} as const;

export const commentResponses = { 200: comment, ...errorResponses } as const;

export const summaryResponses = {
  200: {
    type: 'object',
    properties: {
      published: { type: 'integer', description: 'notices in their public period today' },
      comments: {
        type: 'object',
        properties: { total: { type: 'integer' }, open: { type: 'integer' }, handled: { type: 'integer' } },
      },
    },
  },
  ...errorResponses,
} as const;
