import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { completeOidcSignIn, OIDC_LOGIN_MINUTES, startOidcSignIn } from '../../../commands/oidc-sign-in.commands.ts';
import { AppError, appError } from '../../../errors.ts';
import { setSessionCookie, signInOrigin } from '../../auth.ts';
import { overTls } from '../../security.ts';
import { oidcCallbackQuery, redirectResponse, signInMethodsBody } from './oidc.schema.ts';

/** Binds a sign-in to the browser that started it; only the routes of the flow ever receive it. */
export const OIDC_STATE_COOKIE = 'rectify_oidc_state';
const COOKIE_PATH = '/api/auth/oidc';

/** Where every failure of the flow lands: the sign-in page, which shows the words of the code. */
export const SIGN_IN_ERROR_PARAM = 'signInError';
/** An account with its own second factor: the challenge goes to the sign-in page, which asks for the code. */
export const SECOND_FACTOR_PARAM = 'secondFactor';

/**
 * Single sign-on (OpenID Connect, src/identity/). Both flow routes are browser navigations, so they answer with
 * redirects, never a JSON error page: a refusal goes to the sign-in page as a catalogue code.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth/methods',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'How one may sign in besides the password: the single sign-on button’s label, or null without one',
        response: { 200: signInMethodsBody },
      },
    },
    async () => {
      const oidc = app.services.config.oidc;
      return { oidc: oidc ? { buttonLabel: oidc.buttonLabel } : null };
    },
  );

  app.get(
    '/auth/oidc/start',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Starts single sign-on: redirects to the identity provider (state, nonce and PKCE), or to the sign-in page with ?signInError=<code> (oidc_not_configured, oidc_provider_unavailable)',
        response: redirectResponse,
      },
    },
    async (request, reply) => {
      const { db, config, now } = app.services;
      try {
        if (!config.oidc) throw appError('oidc_not_configured');
        const { url, state } = await startOidcSignIn(db, config.oidc, now());
        reply.setCookie(OIDC_STATE_COOKIE, state, {
          httpOnly: true,
          secure: overTls(request, config),
          // The callback arrives as a top-level navigation from the provider's site: a strict cookie would not come.
          sameSite: 'lax',
          path: COOKIE_PATH,
          maxAge: OIDC_LOGIN_MINUTES * 60,
        });
        return reply.redirect(url.toString(), 302);
      } catch (error) {
        return toSignInPage(reply, error);
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'The identity provider’s answer: checks it, updates the directory-managed account, sets the session cookie and redirects into the app (or, for an account with two-factor sign-in, to the sign-in page with #secondFactor=<challenge> for POST /auth/login/second-factor); any refusal redirects to the sign-in page with ?signInError=<code>',
        querystring: oidcCallbackQuery,
        response: redirectResponse,
      },
    },
    async (request, reply) => {
      const { db, config, now } = app.services;
      const browserState = request.cookies[OIDC_STATE_COOKIE] ?? null;
      // One answer per sign-in started: whatever happens next, the binding is spent.
      reply.clearCookie(OIDC_STATE_COOKIE, { path: COOKIE_PATH });
      try {
        if (!config.oidc) throw appError('oidc_not_configured');
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
        const signedIn = await completeOidcSignIn(
          db,
          config,
          config.oidc,
          { query, browserState },
          signInOrigin(request),
          now(),
        );
        if ('secondFactorRequired' in signedIn) {
          // In the fragment, which the browser never sends on: not in any log, not in a Referer.
          return reply.redirect(`/#${SECOND_FACTOR_PARAM}=${encodeURIComponent(signedIn.challenge)}`, 302);
        }
        setSessionCookie(reply, signedIn.token, signedIn.expiresAt);
        return reply.redirect('/', 302);
      } catch (error) {
        return toSignInPage(reply, error);
      }
    },
  );
};

function toSignInPage(reply: FastifyReply, error: unknown) {
  let code = 'internal';
  if (error instanceof AppError) {
    code = error.code;
    reply.log.info({ code, cause: error.cause }, 'single sign-on refused');
  } else {
    reply.log.error({ err: error }, 'single sign-on failed');
  }
  return reply.redirect(`/?${SIGN_IN_ERROR_PARAM}=${encodeURIComponent(code)}`, 302);
}
