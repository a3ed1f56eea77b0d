import { Type } from 'typebox';
import { TODO_KINDS } from '../../../domain/todos.ts';
import { errorResponses, nullable, stringEnum, withDefault } from '../../schemas.ts';

export const todosQuery = Type.Object(
  {
    limit: withDefault(
      Type.Integer({ minimum: 0, maximum: 50, description: 'entries per kind, oldest first; 0 for the counts alone' }),
      5,
    ),
  },
  { additionalProperties: false },
);

const todoEntry = Type.Object({
  id: Type.Integer({ description: 'the item, order or comment' }),
  title: Type.String(),
  unit: Type.String(),
  link: Type.String({ description: 'the page that acts on it, e.g. /items/12' }),
  since: Type.String({ description: 'when it last moved (a comment: when it arrived)' }),
  dueOn: Type.Optional(nullable(Type.String({ description: 'issue 15: a 转办’s due date' }))),
  overdue: Type.Optional(Type.Boolean({ description: 'issue 15: a 转办 past its due date (shown red)' })),
});

export const todosResponses = {
  200: Type.Object({
    total: Type.Integer(),
    groups: Type.Array(
      Type.Object({ kind: stringEnum(TODO_KINDS), count: Type.Integer(), entries: Type.Array(todoEntry) }),
    ),
  }),
  ...errorResponses,
};
