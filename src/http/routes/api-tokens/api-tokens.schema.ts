import { Type } from 'typebox';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS } from '../../../domain/two-factor.ts';
import { nullable, withDefault } from '../../schemas.ts';

export const apiToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters, to tell tokens apart' }),
  createdAt: Type.String(),
  lastUsedAt: nullable(Type.String()),
  expiresAt: Type.String(),
  revokedAt: nullable(Type.String()),
});

export const apiTokenList = Type.Object({ tokens: Type.Array(apiToken) });

export const createApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' }),
    expiresInDays: withDefault(Type.Integer({ minimum: 1, maximum: API_TOKEN_MAX_DAYS }), API_TOKEN_DEFAULT_DAYS),
  },
  { additionalProperties: false },
);

export const createdApiToken = Type.Object({
  token: Type.String({ description: 'shown once: send it as `Authorization: Bearer <token>`' }),
  apiToken,
});
