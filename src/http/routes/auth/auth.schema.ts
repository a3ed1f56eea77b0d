import { Type } from 'typebox';
import { text } from '../../schemas.ts';
import { account } from '../users/users.schema.ts';

/** The signed-in user, the CSRF token every write sends back, and when the session ends. */
export const sessionBody = Type.Object({
  csrfToken: Type.String(),
  expiresAt: Type.String(),
  user: Type.Omit(account, ['active', 'lockedUntil', 'version']),
});

export const loginBody = Type.Object({ username: text(64), password: text(256) }, { additionalProperties: false });

export const passwordBody = Type.Object(
  { currentPassword: text(256), newPassword: text(256) },
  { additionalProperties: false },
);
