import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  beginEnrolment,
  completeSecondFactor,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  twoFactorStatus,
} from '../../../commands/two-factor.commands.ts';
import { contextOf, setSessionCookie, signInOrigin } from '../../auth.ts';
import { errorResponses, noContentResponse } from '../../schemas.ts';
import { requireBrowserSession } from '../../two-factor.ts';
import { sessionBody } from '../auth/auth.schema.ts';
import { sessionAnswer } from '../auth/session-answer.ts';
import {
  codeBody,
  disableBody,
  enrolmentBody,
  recoveryCodesBody,
  secondFactorBody,
  twoFactorStatusBody,
} from './two-factor.schema.ts';

const tags = ['auth'];

export const twoFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login/second-factor',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Second step of signing in: the challenge from /auth/login and a TOTP or recovery code; sets the session cookie',
        body: secondFactorBody,
        response: { 200: sessionBody, ...errorResponses, 423: errorResponses[401] },
      },
    },
    async (request, reply) => {
      const { db, config, now } = app.services;
      const result = await completeSecondFactor(db, config, { ...request.body, origin: signInOrigin(request) }, now());
      setSessionCookie(reply, result.token, result.expiresAt);
      return sessionAnswer(app, result);
    },
  );

  app.get(
    '/two-factor',
    {
      config: { access: 'accountSetup' },
      schema: {
        tags,
        summary: 'Whether your two-factor sign-in is on, required for your role, and how many recovery codes are left',
        response: { 200: twoFactorStatusBody, ...errorResponses },
      },
    },
    async (request) => twoFactorStatus(contextOf(app, request)),
  );

  app.post(
    '/two-factor/enrolment',
    {
      config: { access: 'accountSetup' },
      schema: {
        tags,
        summary:
          'Start setting up an authenticator app: a new secret, its otpauth:// URI and QR code (shown this once)',
        response: { 200: enrolmentBody, ...errorResponses },
      },
    },
    async (request) => {
      requireBrowserSession(request);
      return beginEnrolment(contextOf(app, request));
    },
  );

  app.post(
    '/two-factor/enrolment/confirm',
    {
      config: { access: 'accountSetup' },
      schema: {
        tags,
        summary: 'Confirm with the first code; two-factor sign-in is then on, and the 10 recovery codes are shown once',
        body: codeBody,
        response: { 200: recoveryCodesBody, ...errorResponses },
      },
    },
    async (request) => {
      requireBrowserSession(request);
      return confirmEnrolment(contextOf(app, request), request.body.code);
    },
  );

  app.post(
    '/two-factor/recovery-codes',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Replace your recovery codes (a current code is asked); the old ones stop working',
        body: codeBody,
        response: { 200: recoveryCodesBody, ...errorResponses },
      },
    },
    async (request) => {
      requireBrowserSession(request);
      return regenerateRecoveryCodes(contextOf(app, request), request.body.code);
    },
  );

  app.post(
    '/two-factor/disable',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (your password and a current code); refused where your role requires it',
        body: disableBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      requireBrowserSession(request);
      await disableTwoFactor(contextOf(app, request), request.body.password, request.body.code);
      return reply.status(204).send();
    },
  );
};
