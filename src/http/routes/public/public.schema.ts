import { COMMENT_LIMITS } from '../../../domain/publication.ts';
import { errorResponses, id } from '../../schemas.ts';

/** A comment is at most 2,000 characters (6 KB in UTF-8); 16 KB leaves room for the form's fields and escapes. */
export const MAX_COMMENT_BYTES = 16 * 1024;

export const noticeParams = {
  type: 'object',
  required: ['id'],
  properties: { id },
  additionalProperties: false,
} as const;

// Lengths are checked again after trimming (domain/publication.ts); these bounds refuse the obviously oversized early.
export const commentBody = {
  type: 'object',
  required: ['content'],
  properties: {
    content: { type: 'string', maxLength: COMMENT_LIMITS.content + 200 },
    name: { type: ['string', 'null'], maxLength: COMMENT_LIMITS.name + 50 },
    contact: { type: ['string', 'null'], maxLength: COMMENT_LIMITS.contact + 50 },
    website: { type: 'string', maxLength: 200, description: 'the form’s honeypot; leave it out' },
    issued: {
      type: 'string',
      maxLength: 100,
      description: 'the form’s signed render time; leave it out from programs',
    },
  },
  additionalProperties: false,
} as const;

export const commentCreated = {
  201: { type: 'object', properties: { ok: { type: 'boolean' }, message: { type: 'string' } } },
  413: errorResponses[400],
  410: errorResponses[400],
  429: errorResponses[400],
  ...errorResponses,
} as const;
