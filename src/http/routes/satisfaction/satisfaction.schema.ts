import { Type } from 'typebox';
import { REMARK_MAX, SATISFACTION_LEVELS } from '../../../domain/satisfaction.ts';
import { errorResponses, nullable, stringEnum } from '../../schemas.ts';
import { satisfactionSummarySchema } from '../supervision/supervision.schema.ts';

/**
 * Issue 15, point 4: 群众满意度测评. The answers are checked again in the domain (checkAnswer) so the portal's form post
 * gets its refusal in words on the page; these bounds only keep the obviously oversized out.
 */
const level = Type.String({ maxLength: 20, description: SATISFACTION_LEVELS.join(' | ') });

export const satisfactionBody = Type.Object(
  {
    overall: Type.Optional(level),
    effect: Type.Optional(level),
    openness: Type.Optional(level),
    change: Type.Optional(level),
    remark: Type.Optional(nullable(Type.String({ maxLength: REMARK_MAX + 200 }))),
    website: Type.Optional(Type.String({ maxLength: 200, description: 'the form’s honeypot; leave it out' })),
    issued: Type.Optional(
      Type.String({ maxLength: 100, description: 'the form’s signed render time; leave it out from programs' }),
    ),
  },
  { additionalProperties: false },
);

export const satisfactionCreated = {
  201: Type.Object({ ok: Type.Boolean(), message: Type.String() }),
  303: Type.Unsafe<undefined>({
    type: 'null',
    description: 'sent by the portal form (urlencoded): back to the notice page, which says it was received',
  }),
  410: errorResponses[400],
  413: errorResponses[400],
  ...errorResponses,
};

export const publicationSatisfactionResponses = {
  200: Type.Object({
    publicationId: Type.Integer(),
    ...satisfactionSummarySchema.properties,
    remarks: Type.Array(
      Type.Object({ answeredOn: Type.String(), overall: stringEnum(SATISFACTION_LEVELS), remark: Type.String() }),
    ),
  }),
  ...errorResponses,
};
