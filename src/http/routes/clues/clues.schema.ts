import { Type } from 'typebox';
import { CLUE_STATES, CLUE_STEPS, OUTCOME_MAX } from '../../../domain/clues.ts';
import { id, nullable, stringEnum, version } from '../../schemas.ts';

/** Issue 15 (问题线索): a clue as the office and the supervisors read it. Never part of any public output. */
export const clueSchema = Type.Object({
  id: Type.Integer(),
  roundId: Type.Integer(),
  roundName: Type.String(),
  inspectionId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  problemId: nullable(Type.Integer()),
  itemId: nullable(Type.Integer()),
  targetNumber: nullable(Type.String()),
  targetTitle: Type.String(),
  description: Type.String(),
  state: stringEnum(CLUE_STATES),
  markedBy: Type.Integer(),
  markedByName: nullable(Type.String()),
  markedOn: Type.String(),
  handedOverOn: nullable(Type.String()),
  receivingBody: nullable(Type.String()),
  handlingDeadline: nullable(Type.String()),
  acceptedOn: nullable(Type.String()),
  filedOn: nullable(Type.String()),
  closedOn: nullable(Type.String({ description: 'the date of 办结 or of 不予立案' })),
  filedCases: Type.Integer(),
  filedPeople: Type.Integer(),
  disciplinedPeople: Type.Integer({ description: '党纪政务处分 people' }),
  organisationalPeople: Type.Integer({ description: '组织处理 people' }),
  otherPeople: Type.Integer(),
  outcomeNote: nullable(Type.String()),
  version: Type.Integer(),
  updatedAt: Type.String(),
  archived: Type.Boolean(),
  overdue: Type.Boolean({ description: 'handed over, past its handling deadline and not ended' }),
  events: Type.Array(stringEnum(['unmark', 'hand_over', ...CLUE_STEPS] as const), {
    description: 'what this user may do to it now',
  }),
  mayEdit: Type.Boolean(),
});

export const listCluesQuery = Type.Object(
  {
    roundId: Type.Optional(id),
    unitId: Type.Optional(id),
    state: Type.Optional(stringEnum(CLUE_STATES)),
  },
  { additionalProperties: false },
);

export const clueListResponse = Type.Object({ clues: Type.Array(clueSchema) });

export const itemCluesResponse = Type.Object({
  problemId: nullable(Type.Integer()),
  clues: Type.Array(clueSchema),
  mayMark: Type.Boolean(),
});

export const receivingBodiesResponse = Type.Object({ bodies: Type.Array(Type.String()) });

const dateText = Type.String({ maxLength: 20, description: 'YYYY-MM-DD' });

export const markBody = Type.Object(
  { description: Type.String({ maxLength: 2000, description: 'a short description (at most 500 characters)' }) },
  { additionalProperties: false },
);

export const describeBody = Type.Object(
  { version, description: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);

export const versionBody = Type.Object({ version }, { additionalProperties: false });

export const handOverBody = Type.Object(
  {
    version,
    handedOverOn: dateText,
    receivingBody: Type.String({ maxLength: 300, description: 'e.g. 市纪委监委第三监督检查室' }),
    handlingDeadline: dateText,
  },
  { additionalProperties: false },
);

export const stepBody = Type.Object(
  { version, step: stringEnum(CLUE_STEPS), on: dateText },
  { additionalProperties: false },
);

const count = Type.Integer({ minimum: 0, maximum: OUTCOME_MAX });

export const outcomeBody = Type.Object(
  {
    version,
    filedCases: count,
    filedPeople: count,
    disciplinedPeople: count,
    organisationalPeople: count,
    otherPeople: count,
    note: nullable(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** The clues' figures in the internal totals (the dashboard); null for whoever does not follow clues. */
export const clueTotalsSchema = Type.Object(
  {
    marked: Type.Integer(),
    handedOver: Type.Integer(),
    filedCases: Type.Integer(),
    filedPeople: Type.Integer(),
    disciplinedPeople: Type.Integer(),
    organisationalPeople: Type.Integer(),
    overdue: Type.Integer(),
  },
  { description: '问题线索 (office and supervisors only): marked, handed over, 立案, 党纪政务处分, 组织处理, overdue' },
);
