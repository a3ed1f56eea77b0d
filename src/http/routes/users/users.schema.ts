import { Type } from 'typebox';
import { ROLES } from '../../../domain/roles.ts';
import { id, nullable, nullableId, patchBody, stringEnum, text, withDefault } from '../../schemas.ts';

/** An account as the administrator sees it; never its password hash or failed sign-ins. */
export const account = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: stringEnum(ROLES),
  unitId: Type.Integer(),
  unitName: Type.String(),
  teamId: nullable(Type.Integer()),
  active: Type.Boolean(),
  lockedUntil: nullable(Type.String()),
  version: Type.Integer(),
  email: nullable(Type.String()),
  phone: nullable(Type.String()),
});

export const accounts = Type.Object({ users: Type.Array(account) });

export const createUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9_.-]{3,40}$' }),
    displayName: text(50),
    password: text(256),
    role: stringEnum(ROLES),
    unitId: id,
    teamId: withDefault(nullableId, null),
  },
  { additionalProperties: false },
);

export const patchUserBody = patchBody({
  displayName: text(50),
  role: stringEnum(ROLES),
  unitId: id,
  teamId: nullableId,
  active: Type.Boolean(),
  unlock: Type.Literal(true),
  password: text(256),
  // Issue 13: where messages reach the account; an empty string clears it.
  email: nullable(Type.String({ maxLength: 274 })),
  phone: nullable(Type.String({ maxLength: 20 })),
});

/** The security settings in force, as the configuration has them (src/config.ts); read-only on the page. */
export const securitySettings = Type.Object({
  loginDelayAfter: Type.Integer(),
  loginDelayMaxSeconds: Type.Integer(),
  loginAddressAttempts: Type.Integer(),
  lockoutAttempts: Type.Integer(),
  lockoutMinutes: Type.Integer(),
  passwordMaxAgeDays: Type.Integer(),
  sessionHours: Type.Integer(),
  sessionIdleMinutes: Type.Integer(),
  maxSessions: Type.Integer(),
  rateLimitPerSession: Type.Integer(),
  rateLimitPerAddress: Type.Integer(),
  separationOfDuties: Type.Boolean(),
  requireTwoFactor: Type.Boolean(),
});
