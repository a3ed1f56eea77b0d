import { queryOptions, useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type ResponseOf } from '../client.ts';
import { twoFactorKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type TwoFactorStatus = ResponseOf<'/api/two-factor'>;
export type Enrolment = ResponseOf<'/api/two-factor/enrolment', 'post'>;
export type ApiToken = ElementOf<ResponseOf<'/api/api-tokens'>['tokens']>;

/** Whether two-factor sign-in is on, and whether the role requires it before anything else. */
export function useTwoFactorStatus() {
  return useQuery(twoFactorStatusQuery);
}

export const twoFactorStatusQuery = queryOptions({
  queryKey: twoFactorKeys.status,
  queryFn: ({ signal }) => data(client.GET('/api/two-factor', { signal })),
});

/** Not a cached write: each call makes a new secret, which the page keeps only while it is shown. */
export const useBeginEnrolment = () =>
  useWrite(
    () => data(client.POST('/api/two-factor/enrolment')),
    () => [],
  );

/** The status is refreshed by the page once the recovery codes have been seen, not here: refreshing would leave them. */
export const useConfirmEnrolment = () =>
  useWrite(
    (body: BodyOf<'/api/two-factor/enrolment/confirm'>) =>
      data(client.POST('/api/two-factor/enrolment/confirm', { body })),
    () => [],
  );

export const useRegenerateRecoveryCodes = () =>
  useWrite(
    (body: BodyOf<'/api/two-factor/recovery-codes'>) => data(client.POST('/api/two-factor/recovery-codes', { body })),
    () => [twoFactorKeys.status],
  );

export const useDisableTwoFactor = () =>
  useWrite(
    (body: BodyOf<'/api/two-factor/disable'>) => data(client.POST('/api/two-factor/disable', { body })),
    () => [twoFactorKeys.status],
  );

export function useApiTokens() {
  return useQuery({
    queryKey: twoFactorKeys.tokens,
    queryFn: ({ signal }) => data(client.GET('/api/api-tokens', { signal })),
  });
}

export const useCreateApiToken = () =>
  useWrite(
    (body: BodyOf<'/api/api-tokens'>) => data(client.POST('/api/api-tokens', { body })),
    () => [twoFactorKeys.tokens],
  );

export const useRevokeApiToken = () =>
  useWrite(
    (id: number) => data(client.DELETE('/api/api-tokens/{id}', { params: { path: { id } } })),
    () => [twoFactorKeys.tokens],
  );
