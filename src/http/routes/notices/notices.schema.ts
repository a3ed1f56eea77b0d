import { Type } from 'typebox';
import { WORK_LOG_KINDS } from '../../../domain/inspection.ts';
import { CONTACT_PATTERNS, DOCUMENT_KINDS } from '../../../domain/notice-writing.ts';
import { OUTPUT_FORMATS } from '../../../notices/generate/index.ts';
import {
  contactsResponse,
  errorResponses,
  fileDownload,
  id,
  lintFinding,
  nullable,
  nullableIsoDate,
  nullableText,
  stringEnum,
  withDefault,
} from '../../schemas.ts';

export { idParams } from '../../schemas.ts';

/** The linter reads a pasted notice whole; 2 MB is a hundred times a real one. */
export const MAX_LINT_BYTES = 2 * 1024 * 1024;

export const documentParams = Type.Object({ id, kind: stringEnum(DOCUMENT_KINDS) }, { additionalProperties: false });

export const documentQuery = Type.Object(
  {
    format: withDefault(stringEnum(OUTPUT_FORMATS), 'docx'),
    public: withDefault(Type.Boolean({ description: 'notice only: false keeps the 不宜公开 items (internal)' }), true),
  },
  { additionalProperties: false },
);

export const documentResponses = { 200: fileDownload, ...errorResponses };

const phone = Type.String({
  pattern: CONTACT_PATTERNS.phone,
  description: '0731-6661234, (0731)6661234, 13800000000',
});
const email = Type.String({ maxLength: 100, pattern: CONTACT_PATTERNS.email });

const contacts = Type.Object(
  {
    phone: withDefault(Type.Array(phone, { maxItems: 5 }), []),
    email: withDefault(Type.Array(email, { maxItems: 5 }), []),
    postal: withDefault(nullableText(200), null),
    postcode: withDefault(nullable(Type.String({ pattern: '^\\d{6}$' })), null),
  },
  { additionalProperties: false },
);

/** A draft is replaced whole: an absent field is saved empty. */
export const saveDraftBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 0,
      description: 'the version you read; 0 for the first save; a stale one gets 409',
    }),
    issuer: withDefault(nullableText(100), null),
    issuedOn: withDefault(nullableIsoDate, null),
    asOf: withDefault(nullableIsoDate, null),
    organising: withDefault(nullableText(20_000), null),
    nextSteps: withDefault(nullableText(20_000), null),
    publicFrom: withDefault(nullableIsoDate, null),
    publicTo: withDefault(nullableIsoDate, null),
    contacts: withDefault(contacts, { phone: [], email: [], postal: null, postcode: null }),
    addressee: withDefault(nullableText(100), null),
    signatory: withDefault(nullableText(50), null),
  },
  { additionalProperties: false },
);

const nullableString = nullable(Type.String());

export const draftResponses = {
  200: Type.Object({
    kind: stringEnum(DOCUMENT_KINDS),
    issuer: nullableString,
    issuedOn: nullableString,
    asOf: nullableString,
    organising: nullableString,
    nextSteps: nullableString,
    publicFrom: nullableString,
    publicTo: nullableString,
    contacts: contactsResponse,
    addressee: nullableString,
    signatory: nullableString,
    version: Type.Integer(),
    updatedAt: nullableString,
    suggestions: Type.Object({
      facts: Type.Array(
        Type.Object({
          kind: stringEnum(WORK_LOG_KINDS),
          heldOn: Type.String(),
          title: Type.String(),
          note: nullableString,
        }),
      ),
    }),
  }),
  ...errorResponses,
};

export const savedResponses = { 200: Type.Object({ version: Type.Integer() }), ...errorResponses };

export const lintBody = Type.Object(
  { text: Type.String({ maxLength: MAX_LINT_BYTES }) },
  { additionalProperties: false },
);

export const findingsResponses = { 200: Type.Object({ findings: Type.Array(lintFinding) }), ...errorResponses };

export const lintResponses = { ...findingsResponses, 413: errorResponses[400] };
