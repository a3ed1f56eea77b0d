import { Type } from 'typebox';
import { errorResponses, nullable, stringEnum, version, withDefault } from '../../schemas.ts';

export { idParams } from '../../schemas.ts';

const comment = Type.Object({
  id: Type.Integer(),
  publicationId: Type.Integer(),
  content: Type.String({ description: 'plain text as sent; show it as text, never as markup' }),
  name: nullable(Type.String()),
  contact: nullable(Type.String()),
  status: stringEnum(['new', 'answered', 'handled']),
  answer: nullable(Type.String()),
  answeredAt: nullable(Type.String()),
  answeredBy: nullable(Type.Integer()),
  answeredByName: nullable(Type.String()),
  handledAt: nullable(Type.String()),
  handledBy: nullable(Type.Integer()),
  createdAt: Type.String(),
  version: Type.Integer(),
});

export const commentsResponses = { 200: Type.Object({ comments: Type.Array(comment) }), ...errorResponses };

export const answerBody = Type.Object(
  {
    version,
    answer: withDefault(nullable(Type.String({ maxLength: 2000 })), null),
    handled: withDefault(Type.Boolean({ description: 'close it (已办结), with or without an answer' }), false),
  },
  { additionalProperties: false },
);

export const commentResponses = { 200: comment, ...errorResponses };
