import { useMutation } from '@tanstack/react-query';
import { type BodyOf, client, data, type ResponseOf } from '../client.ts';

export type Session = ResponseOf<'/api/auth/session'>;
export type SessionUser = Session['user'];
export type Role = SessionUser['role'];

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
