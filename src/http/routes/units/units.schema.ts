import { Type } from 'typebox';
import { UNIT_KINDS } from '../../../domain/units.ts';
import { nullable, nullableId, patchBody, stringEnum, text } from '../../schemas.ts';

export const unitSchema = Type.Object({
  id: Type.Integer(),
  parentId: nullable(Type.Integer()),
  path: Type.String(),
  name: Type.String(),
  code: Type.String(),
  kind: stringEnum(UNIT_KINDS),
  sortOrder: Type.Integer(),
  version: Type.Integer(),
});

export const unitTree = Type.Object({ units: Type.Array(unitSchema) });

export const unitsQuery = Type.Object(
  { kind: Type.Optional(Type.Array(stringEnum(UNIT_KINDS))) },
  { additionalProperties: false },
);

export const createUnitBody = Type.Object(
  {
    parentId: nullableId,
    name: text(100),
    code: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }),
    kind: stringEnum(UNIT_KINDS),
    sortOrder: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

export const patchUnitBody = patchBody({ name: text(100), sortOrder: Type.Integer() });
