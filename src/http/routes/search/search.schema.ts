import { Type } from 'typebox';
import { SEARCH_KINDS, SEARCH_QUERY_MAX } from '../../../domain/search.ts';
import { errorResponses, nullable, stringEnum, withDefault } from '../../schemas.ts';

export const searchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: SEARCH_QUERY_MAX,
      pattern: '\\S',
      description: 'words to find (all of them); two characters or more read best',
    }),
    limit: withDefault(
      Type.Integer({ minimum: 1, maximum: 50, description: 'results, the most relevant of the newest matches first' }),
      20,
    ),
  },
  { additionalProperties: false },
);

const range = Type.Object({ start: Type.Integer(), end: Type.Integer() });

export const searchResponses = {
  200: Type.Object({
    results: Type.Array(
      Type.Object({
        kind: stringEnum(SEARCH_KINDS),
        id: Type.Integer({
          description: 'the measure, progress entry, outcome, comment or evidence (the item for kind item)',
        }),
        item: nullable(
          Type.Object(
            { id: Type.Integer(), number: nullable(Type.String()), title: Type.String() },
            { description: 'the item the text belongs to; null for a public comment linked to no item' },
          ),
        ),
        snippet: Type.Object({
          text: Type.String({ description: 'plain text, never HTML' }),
          cutStart: Type.Boolean(),
          cutEnd: Type.Boolean(),
          ranges: Type.Array(range, { description: 'the matches: UTF-16 offsets into text, end exclusive' }),
        }),
        note: nullable(Type.String({ description: 'what the index could not read of this evidence, and why' })),
      }),
    ),
  }),
  ...errorResponses,
};
