import { Type } from 'typebox';
import { VERSION_EVENTS, VERSION_STATES } from '../../../domain/publication-workflow.ts';
import { contactsResponse, errorResponses, nullable, publicPeriod, stringEnum, version } from '../../schemas.ts';
import { publication } from '../publications/publications.schema.ts';

export { idParams } from '../../schemas.ts';

export const publicationVersion = Type.Object({
  id: Type.Integer(),
  inspectionId: Type.Integer(),
  publicationId: nullable(Type.Integer({ description: 'the portal address once a first version is published' })),
  unitId: Type.Integer(),
  unitName: Type.String(),
  number: Type.Integer({ description: '1 for the first text of the address, 2… for corrections (更正)' }),
  state: stringEnum(VERSION_STATES),
  title: Type.String(),
  publicFrom: Type.String(),
  publicTo: Type.String(),
  contacts: contactsResponse,
  needsOffice: Type.Boolean({ description: 'the office approves after the leader (fixed at submission)' }),
  preparedBy: Type.Integer(),
  preparedByName: Type.String(),
  preparedAt: Type.String(),
  submittedBy: nullable(Type.Integer()),
  submittedAt: nullable(Type.String()),
  leaderBy: nullable(Type.Integer()),
  leaderByName: nullable(Type.String()),
  leaderAt: nullable(Type.String()),
  officeBy: nullable(Type.Integer()),
  officeByName: nullable(Type.String()),
  officeAt: nullable(Type.String()),
  returnedBy: nullable(Type.Integer()),
  returnedByName: nullable(Type.String()),
  returnedAt: nullable(Type.String()),
  returnReason: nullable(Type.String()),
  publishedAt: nullable(Type.String()),
  version: Type.Integer(),
  events: Type.Array(stringEnum(VERSION_EVENTS), { description: 'the steps the reader may take on it now' }),
});

export const versionResponses = { 200: publicationVersion, ...errorResponses };
export const createdVersionResponses = { 201: publicationVersion, ...errorResponses };
export const versionWithTextResponses = {
  200: Type.Object({ ...publicationVersion.properties, text: Type.String({ description: 'the frozen text' }) }),
  ...errorResponses,
};

export const publishingResponses = {
  200: Type.Object({
    current: nullable(publication),
    open: nullable(publicationVersion),
    history: Type.Array(publicationVersion),
    mayPrepare: Type.Boolean(),
    prepares: stringEnum(['first', 'correction'] as const, {
      description: 'what a new draft is: a first notice, or a correction (更正) of the current one at the same address',
    }),
  }),
  ...errorResponses,
};

export const awaitingResponses = {
  200: Type.Object({ versions: Type.Array(publicationVersion) }),
  ...errorResponses,
};

export const draftBody = Type.Object(publicPeriod, { additionalProperties: false });
export const stepBody = Type.Object({ version }, { additionalProperties: false });
export const returnBody = Type.Object(
  { version, reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
