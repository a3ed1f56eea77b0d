import { randomBytes } from 'node:crypto';
import type { CommandContext } from '../context.ts';
import { API_TOKEN_DISPLAY_LENGTH, API_TOKEN_PREFIX } from '../domain/two-factor.ts';
import { AppError, appError } from '../errors.ts';
import { apiTokensRefused } from '../policies/policies.ts';
import {
  apiTokenExists,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
} from '../repositories/two-factor.repository.ts';
import { change } from './context.ts';
import { secretHash } from './session-start.ts';

/** Tokens are 256 random bits, so a plain SHA-256 is enough to keep them unusable if the table leaks. */
export const apiTokenHash = secretHash;

/** A personal API token, shown this once; only its hash and its first characters are kept. */
export async function createApiToken(ctx: CommandContext, name: string, expiresInDays: number) {
  if (apiTokensRefused(ctx.actor.role, ctx.config.requireTwoFactor)) throw appError('api_tokens_refused_for_role');
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + expiresInDays * 86_400_000).toISOString();
  const prefix = token.slice(0, API_TOKEN_DISPLAY_LENGTH);
  const id = await change(ctx, async (u) => {
    const tokenId = await insertApiToken(
      u.trx,
      { userId: ctx.actor.id, name: name.trim(), tokenHash: apiTokenHash(token), prefix, expiresAt },
      now,
    );
    await u.audit({
      action: 'auth.api_token_created',
      entity: 'user',
      entityId: ctx.actor.id,
      after: { tokenId, name, prefix, expiresAt },
    });
    return tokenId;
  });
  const apiToken = (await listApiTokens(ctx.db, ctx.actor.id)).find((t) => t.id === id);
  if (!apiToken) throw AppError.notFound('api_token', id);
  return { token, apiToken };
}

export const myApiTokens = (ctx: CommandContext) => listApiTokens(ctx.db, ctx.actor.id);

/** Revokes one of your own tokens; another user's id is not found, so ids reveal nothing. */
export async function revokeMyApiToken(ctx: CommandContext, id: number) {
  await change(ctx, async (u) => {
    if (!(await revokeApiToken(u.trx, ctx.actor.id, id, ctx.now()))) {
      // Already revoked: nothing to do. Another user's, or none: not found.
      if (await apiTokenExists(u.trx, ctx.actor.id, id)) return;
      throw AppError.notFound('api_token', id);
    }
    await u.audit({ action: 'auth.api_token_revoked', entity: 'user', entityId: ctx.actor.id, after: { tokenId: id } });
  });
}
