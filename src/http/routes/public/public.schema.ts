import { Type } from 'typebox';
import { COMMENT_LIMITS } from '../../../domain/publication.ts';
import { errorResponses, fileDownload, nullable, stringEnum } from '../../schemas.ts';

/** A comment is at most 2,000 characters (6 KB in UTF-8); 16 KB leaves room for the form's fields and escapes. */
export const MAX_COMMENT_BYTES = 16 * 1024;

/** The portal's own files (style sheet, script, icon), sent as they are. */
export const portalFileResponses = { 200: fileDownload };

const portalPage = Type.String({ description: 'the portal page, HTML rendered on the server' });
export const portalListResponses = { 200: portalPage };
/** An unknown or withdrawn notice is a 404 page, one whose period is over a 410 page. */
export const portalNoticeResponses = { 200: portalPage, 404: portalPage, 410: portalPage };

/**
 * The page takes any id and answers a malformed one with its own 404 page, and reads only sent=1 (after the form's
 * post), so neither part can fail validation and get a JSON refusal instead of a page.
 */
export const portalNoticeParams = Type.Object({ id: Type.String() });
/** Issue 15: an earlier text of a corrected notice, by its number; malformed parts get the portal's 404 page. */
export const portalVersionParams = Type.Object({ id: Type.String(), number: Type.String() });
export const portalNoticeQuery = Type.Object({
  sent: Type.Optional(Type.Unknown({ description: '1 after the portal form was sent' })),
  answered: Type.Optional(Type.Unknown({ description: '1 after the satisfaction questionnaire was sent' })),
});

// Lengths are checked again after trimming (domain/publication.ts); these bounds refuse the obviously oversized early.
export const commentBody = Type.Object(
  {
    content: Type.String({ maxLength: COMMENT_LIMITS.content + 200 }),
    name: Type.Optional(nullable(Type.String({ maxLength: COMMENT_LIMITS.name + 50 }))),
    contact: Type.Optional(nullable(Type.String({ maxLength: COMMENT_LIMITS.contact + 50 }))),
    website: Type.Optional(Type.String({ maxLength: 200, description: 'the form’s honeypot; leave it out' })),
    issued: Type.Optional(
      Type.String({ maxLength: 100, description: 'the form’s signed render time; leave it out from programs' }),
    ),
  },
  { additionalProperties: false },
);

export const commentCreated = {
  201: Type.Object({
    ok: Type.Boolean(),
    message: Type.String(),
    receipt: Type.String({ description: 'issue 15: the receipt (回执号), ABCD-EFGH-JKMN, to look the comment up' }),
    statusUrl: Type.String({ description: 'the portal page of the receipt: status and, once handled, the answer' }),
    sentBy: nullable(stringEnum(['email', 'sms'], { description: 'the receipt was also sent there; null: save it' })),
  }),
  303: Type.Unsafe<undefined>({
    type: 'null',
    description: 'sent by the portal form (urlencoded): to the receipt’s status page, which shows the receipt',
  }),
  413: errorResponses[400],
  410: errorResponses[400],
  429: errorResponses[400],
  ...errorResponses,
};
