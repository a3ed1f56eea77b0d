/**
 * The OpenID Connect side of single sign-on (the office's 统一身份认证 platform), through openid-client: the provider's
 * metadata, the authorization request (code flow with state, nonce and PKCE), the code exchange with its checks, and
 * the reading of who the person is and what the configuration grants them. What happens in our database is in
 * `commands/oidc-sign-in.commands.ts`; this file knows nothing of it, so the protocol and the mapping can be read (and tested) alone.
 */
import * as client from 'openid-client';
import type { DirectoryGrant, OidcSettings } from '../config.ts';
import { AppError, appError } from '../errors.ts';

/** How long the provider may take to answer one request before the person is told it cannot be reached. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/**
 * The provider's metadata and keys, fetched once per settings (per process) and fetched again after a failure, so a
 * provider that was down at the first sign-in is tried again at the next instead of being remembered as broken.
 */
const discovered = new WeakMap<OidcSettings, Promise<client.Configuration>>();

/** http:// is allowed only for an issuer on this machine's loopback address (the tests' provider); config.ts refuses others. */
const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

export function providerConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  let pending = discovered.get(settings);
  if (!pending) {
    const issuer = new URL(settings.issuer);
    pending = client
      .discovery(issuer, settings.clientId, undefined, client.ClientSecretPost(settings.clientSecret), {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered.delete(settings);
        throw providerFailure(error);
      });
    discovered.set(settings, pending);
  }
  return pending;
}

/** The secrets a sign-in is checked against at the callback; kept by the caller, never sent to the browser but the state. */
export interface PendingOidcSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Where to send the browser, and what its answer must match. */
export async function beginOidcSignIn(settings: OidcSettings): Promise<{ url: URL; pending: PendingOidcSignIn }> {
  const configuration = await providerConfiguration(settings);
  const pending = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUrl,
    scope: settings.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, pending };
}

export type Claims = Record<string, unknown>;

/**
 * Exchanges the code of the callback (its query string as received) for tokens, checking the state, the nonce, the
 * PKCE verifier, the ID token's signature, issuer, audience and times; then the person's claims: the ID token's, with
 * the UserInfo answer's added when the role claim is not in the ID token (many providers keep groups there).
 */
export async function finishOidcSignIn(
  settings: OidcSettings,
  callbackQuery: string,
  pending: PendingOidcSignIn,
): Promise<Claims> {
  const configuration = await providerConfiguration(settings);
  // The URL the provider sent the browser to is the registered one; the Host header (behind a proxy) is not trusted.
  const currentUrl = new URL(settings.redirectUrl);
  currentUrl.search = callbackQuery;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      pkceCodeVerifier: pending.codeVerifier,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw appError('oidc_rejected');
    const claims: Claims = { ...idClaims };
    if (claims[settings.roleClaim] === undefined && configuration.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      Object.assign(claims, info, { sub: idClaims.sub });
    }
    return claims;
  } catch (error) {
    throw providerFailure(error);
  }
}

/**
 * A failure talking to the provider, as a refusal the person can act on: unreachable or failing (network, time-out,
 * 5xx) is `oidc_provider_unavailable`; anything the provider or our checks refused (access denied, a bad signature, a
 * nonce or PKCE mismatch) is `oidc_rejected`. The original goes along as the cause, for the log.
 */
function providerFailure(error: unknown): Error {
  if (error instanceof AppError) return error;
  const unreachable =
    (error instanceof Error && ['TimeoutError', 'AbortError'].includes(error.name)) ||
    (error instanceof TypeError && /fetch failed/i.test(error.message)) ||
    (error instanceof client.ResponseBodyError && error.status >= 500) ||
    (error instanceof client.ClientError && error.cause instanceof TypeError) ||
    (error instanceof client.ClientError && /status code|content-type|JSON/i.test(error.message));
  const refusal = appError(unreachable ? 'oidc_provider_unavailable' : 'oidc_rejected');
  (refusal as Error).cause = error;
  return refusal;
}

/** Who the directory says the person is, and what the configuration grants them. */
export interface DirectoryPerson {
  subject: string;
  username: string;
  displayName: string;
  grant: DirectoryGrant;
}

/** The claim's values as strings: a single value, a list, or a space- or comma-separated string (some providers). */
function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return [value];
  return [];
}

/**
 * The person the claims describe, or the reason there is none: no usable user name, or no claim value the role map
 * knows. The map's order is the priority: someone in two mapped groups gets the first one listed.
 */
export function personFromClaims(
  settings: OidcSettings,
  claims: Claims,
): { person: DirectoryPerson } | { unmapped: 'no_username' | 'no_grant'; values: string[] } {
  const values = claimValues(claims[settings.roleClaim]);
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  const rawUsername = claims[settings.usernameClaim];
  const username = typeof rawUsername === 'string' ? rawUsername.trim() : '';
  // Usernames are at most 64 characters at sign-in (auth.schema.ts); a longer one could never use the password form.
  if (!subject || !username || username.length > 64) return { unmapped: 'no_username', values };
  const granted = settings.roleMap.find(([claimValue]) => values.includes(claimValue));
  if (!granted) return { unmapped: 'no_grant', values };
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : username;
  return { person: { subject, username, displayName: name.slice(0, 50), grant: granted[1] } };
}
