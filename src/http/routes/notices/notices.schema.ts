import { DOCUMENT_KINDS } from '../../../domain/notice-writing.ts';
import { OUTPUT_FORMATS } from '../../../notices/generate/index.ts';
import { WORK_LOG_KINDS } from '../../../repositories/inspections.repository.ts';
import { contactsResponse, errorResponses, id, lintFinding, nullableIsoDate, nullableText } from '../../schemas.ts';

export { idParams } from '../../schemas.ts';

/** The linter reads a pasted notice whole; 2 MB is a hundred times a real one. */
export const MAX_LINT_BYTES = 2 * 1024 * 1024;

export const documentParams = {
  type: 'object',
  required: ['id', 'kind'],
  properties: { id, kind: { type: 'string', enum: DOCUMENT_KINDS } },
  additionalProperties: false,
} as const;

export const documentQuery = {
  type: 'object',
  properties: {
    format: { type: 'string', enum: OUTPUT_FORMATS, default: 'docx' },
    public: { type: 'boolean', default: true, description: 'notice only: false keeps the 不宜公开 items (internal)' },
  },
  additionalProperties: false,
} as const;

const phone = {
  type: 'string',
  pattern: '^[0-9+()（）\\- ]{5,24}$',
  description: '0731-6661234, (0731)6661234, 13800000000',
} as const;
const email = {
  type: 'string',
  maxLength: 100,
  pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
} as const;

const contacts = {
  type: 'object',
  properties: {
    phone: { type: 'array', maxItems: 5, items: phone, default: [] },
    email: { type: 'array', maxItems: 5, items: email, default: [] },
    postal: { ...nullableText(200), default: null },
    postcode: { type: ['string', 'null'], pattern: '^\\d{6}$', default: null },
  },
  additionalProperties: false,
} as const;

/** A draft is replaced whole: an absent field is saved empty. */
const writingProperties = {
  issuer: { ...nullableText(100), default: null },
  issuedOn: { ...nullableIsoDate, default: null },
  asOf: { ...nullableIsoDate, default: null },
  organising: { ...nullableText(20_000), default: null },
  nextSteps: { ...nullableText(20_000), default: null },
  publicFrom: { ...nullableIsoDate, default: null },
  publicTo: { ...nullableIsoDate, default: null },
  contacts: { ...contacts, default: { phone: [], email: [], postal: null, postcode: null } },
  addressee: { ...nullableText(100), default: null },
  signatory: { ...nullableText(50), default: null },
} as const;

export const saveDraftBody = {
  type: 'object',
  required: ['version'],
  properties: {
    version: {
      type: 'integer',
      minimum: 0,
      description: 'the version you read; 0 for the first save; a stale one gets 409',
    },
    ...writingProperties,
  },
  additionalProperties: false,
} as const;

const writingResponse = {
  issuer: { type: ['string', 'null'] },
  issuedOn: { type: ['string', 'null'] },
  asOf: { type: ['string', 'null'] },
  organising: { type: ['string', 'null'] },
  nextSteps: { type: ['string', 'null'] },
  publicFrom: { type: ['string', 'null'] },
  publicTo: { type: ['string', 'null'] },
  contacts: contactsResponse,
  addressee: { type: ['string', 'null'] },
  signatory: { type: ['string', 'null'] },
} as const;

export const draftResponses = {
  200: {
    type: 'object',
    properties: {
      kind: { type: 'string' },
      ...writingResponse,
      version: { type: 'integer' },
      updatedAt: { type: ['string', 'null'] },
      suggestions: {
        type: 'object',
        properties: {
          facts: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                kind: { type: 'string', enum: WORK_LOG_KINDS },
                heldOn: { type: 'string' },
                title: { type: 'string' },
                note: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
    },
  },
  ...errorResponses,
} as const;

export const savedResponses = {
  200: { type: 'object', properties: { version: { type: 'integer' } } },
  ...errorResponses,
} as const;

export const lintBody = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string', maxLength: MAX_LINT_BYTES } },
  additionalProperties: false,
} as const;

export const findingsResponses = {
  200: { type: 'object', properties: { findings: { type: 'array', items: lintFinding } } },
  ...errorResponses,
} as const;

export const lintResponses = { ...findingsResponses, 413: errorResponses[400] } as const;
