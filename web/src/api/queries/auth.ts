import { useMutation, useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type ResponseOf } from '../client.ts';
import { sessionKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type Session = ResponseOf<'/api/auth/session'>;
export type SessionUser = Session['user'];
export type Role = SessionUser['role'];
export type MySession = ElementOf<ResponseOf<'/api/auth/sessions'>['sessions']>;

/** Who is signed in, with the CSRF token for writes; 401 when nobody is. */
export const fetchSession = () => data(client.GET('/api/auth/session'));

export const signOut = () => data(client.POST('/api/auth/logout'));

/** A session, or (with two-factor sign-in on) a challenge to send back with the code. */
export type SignInAnswer = ResponseOf<'/api/auth/login', 'post'>;
export type SecondFactorChallenge = Extract<SignInAnswer, { secondFactorRequired: true }>;

export const useSignIn = () =>
  useMutation({ mutationFn: (body: BodyOf<'/api/auth/login'>) => data(client.POST('/api/auth/login', { body })) });

export const useSecondFactor = () =>
  useMutation({
    mutationFn: (body: BodyOf<'/api/auth/login/second-factor'>) =>
      data(client.POST('/api/auth/login/second-factor', { body })),
  });

export const useChangePassword = () =>
  useMutation({
    mutationFn: (body: BodyOf<'/api/auth/password'>) => data(client.POST('/api/auth/password', { body })),
  });

/** The signed-in person's live sessions, this one marked `current`. */
export const useMySessions = () =>
  useQuery({
    queryKey: sessionKeys.mine,
    queryFn: ({ signal }) => data(client.GET('/api/auth/sessions', { signal })),
  });

export const useEndSession = () =>
  useWrite(
    (id: string) => data(client.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } })),
    () => [sessionKeys.mine],
  );

export const useEndOtherSessions = () =>
  useWrite(
    () => data(client.POST('/api/auth/sessions/end-others')),
    () => [sessionKeys.mine],
  );

/** The single sign-on button's label, or null when the server has none configured. */
export const useSignInMethods = () =>
  useQuery({
    queryKey: sessionKeys.methods,
    queryFn: ({ signal }) => data(client.GET('/api/auth/methods', { signal })),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Where the single sign-on button goes: a navigation, not a call, since the provider's pages come next. */
export const OIDC_START_PATH = '/api/auth/oidc/start';

/** The query parameter the single sign-on callback uses to bring a refusal's code back to the sign-in page. */
export const SIGN_IN_ERROR_PARAM = 'signInError';
/** The fragment parameter bringing a second-factor challenge after single sign-on (an account with its own). */
export const SECOND_FACTOR_PARAM = 'secondFactor';
