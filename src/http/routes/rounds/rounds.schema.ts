import { Type } from 'typebox';
import { ARCHIVED_FILTERS } from '../../../domain/archive.ts';
import {
  id,
  nullable,
  nullableIsoDate,
  nullableText,
  patchBody,
  stringEnum,
  text,
  version,
  withDefault,
} from '../../schemas.ts';

export const aspectSchema = Type.Object({
  id: Type.Integer(),
  roundId: Type.Integer(),
  name: Type.String(),
  sortOrder: Type.Integer(),
  version: Type.Integer(),
});

export const roundSchema = Type.Object({
  id: Type.Integer(),
  committeeUnitId: Type.Integer(),
  name: Type.String(),
  startsOn: nullable(Type.String()),
  endsOn: nullable(Type.String()),
  version: Type.Integer(),
  /** When the round was archived (read-only, out of the default lists); null while it is live. */
  archivedAt: nullable(Type.String()),
  archivedBy: nullable(Type.Integer()),
  aspects: Type.Array(aspectSchema),
});

export const teamSchema = Type.Object({
  id: Type.Integer(),
  roundId: Type.Integer(),
  name: Type.String(),
  leaderName: nullable(Type.String()),
  version: Type.Integer(),
});

export const roundList = Type.Object({ rounds: Type.Array(roundSchema) });

export const teamList = Type.Object({ teams: Type.Array(teamSchema) });

export const createRoundBody = Type.Object(
  {
    committeeUnitId: id,
    name: text(100),
    startsOn: withDefault(nullableIsoDate, null),
    endsOn: withDefault(nullableIsoDate, null),
    aspects: withDefault(Type.Array(text(200), { maxItems: 30 }), []),
  },
  { additionalProperties: false },
);

export const aspectBody = Type.Object({ name: text(200) }, { additionalProperties: false });

export const patchRoundBody = patchBody({ name: text(100), startsOn: nullableIsoDate, endsOn: nullableIsoDate });

export const aspectOrderBody = Type.Object(
  { version, aspectIds: Type.Array(id, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);

export const renameAspectBody = Type.Object({ version, name: text(200) }, { additionalProperties: false });

export const teamsQuery = Type.Object({ roundId: Type.Optional(id) }, { additionalProperties: false });

export const createTeamBody = Type.Object(
  { roundId: id, name: text(100), leaderName: withDefault(nullableText(50), null) },
  { additionalProperties: false },
);

export const patchTeamBody = patchBody({ name: text(100), leaderName: nullableText(50) });

/** The lists' switch for archived rounds (issue 12), one wording for every list that takes it. */
export const archivedQueryParam = Type.Optional(
  stringEnum(ARCHIVED_FILTERS, {
    description:
      'archived rounds: left out by default (shown when the request names a round or an inspection); include, or only them',
  }),
);
