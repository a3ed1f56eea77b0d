/**
 * What the session hook (auth.ts) asks about two-factor sign-in and personal API tokens, kept here so the hook stays a
 * list of steps: a bearer token as a session, and the gate that holds a required-but-unenrolled user on the enrolment
 * page.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiTokenHash } from '../commands/api-tokens.commands.ts';
import { hasTwoFactor } from '../commands/two-factor.commands.ts';
import { appError } from '../errors.ts';
import { apiTokensRefused, twoFactorRequired } from '../policies/policies.ts';
import { findApiTokenUser, touchApiToken } from '../repositories/two-factor.repository.ts';
import type { SessionWithActor } from '../repositories/users.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Signed in by `Authorization: Bearer <personal API token>`, not by the cookie: no CSRF token is asked. */
    viaApiToken: boolean;
  }
}

/** Writing the last use on every call would turn each read into a write; once a minute is enough to see a token live. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The session a personal API token stands for, or null when the request carries none. A browser never sends this
 * header by itself, so the CSRF check (which protects the cookie) does not apply.
 */
export async function sessionFromBearer(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<SessionWithActor | null> {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const now = app.services.now();
  const found = match && (await findApiTokenUser(app.services.db, apiTokenHash(match[1]), now.toISOString()));
  if (!found) {
    if (request.routeOptions.config?.access === 'public') return null;
    throw appError('api_token_invalid');
  }
  // The rule is checked at each use too: RECTIFY_REQUIRE_2FA may have been turned on after the token was made.
  if (apiTokensRefused(found.actor.role, app.services.config.requireTwoFactor))
    throw appError('api_tokens_refused_for_role');
  if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) >= TOUCH_EVERY_MS) {
    await touchApiToken(app.services.db, found.tokenId, now.toISOString());
  }
  request.viaApiToken = true;
  // A token's holder chose no password of their own for it, and its use is noted on the token, not as a session's.
  return {
    csrfToken: '',
    expiresAt: found.expiresAt,
    user: found.user,
    actor: found.actor,
    lastSeenAt: now.toISOString(),
    mustChangePassword: false,
  };
}

/** Refuses a user whose role must enrol and has not (called for every route but the `accountSetup` ones). */
export async function enforceTwoFactorEnrolment(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const session = request.session;
  if (!session) return;
  if (!twoFactorRequired(session.actor.role, app.services.config.requireTwoFactor)) return;
  if (!(await hasTwoFactor(app.services.db, session.actor.id))) throw appError('two_factor_enrolment_required');
}

/** Changes to how one signs in are made from the browser session, never with a token (a stolen token cannot mint more). */
export function requireBrowserSession(request: FastifyRequest): void {
  if (request.viaApiToken) throw appError('browser_session_required');
}
