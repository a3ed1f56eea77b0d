import { Type } from 'typebox';
import {
  contactsResponse,
  errorResponses,
  id,
  lintFinding,
  nullable,
  publicPeriod,
  stringEnum,
  version,
} from '../../schemas.ts';

export { idParams } from '../../schemas.ts';

export const publication = Type.Object({
  id: Type.Integer(),
  inspectionId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  title: Type.String(),
  publicFrom: Type.String(),
  publicTo: Type.String(),
  contacts: contactsResponse,
  status: stringEnum(['published', 'withdrawn']),
  state: stringEnum(['scheduled', 'public', 'archived', 'withdrawn'], {
    description: 'derived on the day: after the period a notice is archived or withdrawn as RECTIFY_PUBLIC_EXPIRY says',
  }),
  publishedAt: Type.String(),
  publishedBy: Type.Integer(),
  withdrawnAt: nullable(Type.String()),
  withdrawnBy: nullable(Type.Integer()),
  version: Type.Integer(),
  comments: Type.Object({ new: Type.Integer(), answered: Type.Integer(), handled: Type.Integer() }),
  needsCorrection: Type.Boolean({
    description: 'an item was withheld (不宜公开) after publishing: a correction is due',
  }),
  correctionReason: nullable(Type.String()),
  correctedAt: nullable(Type.String({ description: 'the day the shown text last replaced another (更正)' })),
  shownVersion: Type.Integer({ description: 'the number of the version the portal shows' }),
});

export const listQuery = Type.Object({ inspectionId: Type.Optional(id) }, { additionalProperties: false });

export const listResponses = {
  200: Type.Object({ publications: Type.Array(publication) }),
  ...errorResponses,
};

export const publicationResponses = { 200: publication, ...errorResponses };

export const withdrawBody = Type.Object({ version }, { additionalProperties: false });

export const previewQuery = Type.Partial(Type.Object(publicPeriod), { additionalProperties: false });

export const previewResponses = {
  200: Type.Object({
    title: Type.String(),
    text: Type.String(),
    findings: Type.Array(lintFinding),
    publicFrom: nullable(Type.String()),
    publicTo: nullable(Type.String()),
  }),
  ...errorResponses,
};

export const summaryResponses = {
  200: Type.Object({
    published: Type.Integer({ description: 'notices in their public period today' }),
    comments: Type.Object({ total: Type.Integer(), open: Type.Integer(), handled: Type.Integer() }),
  }),
  ...errorResponses,
};
