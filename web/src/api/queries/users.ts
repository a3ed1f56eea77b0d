import { useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type ResponseOf } from '../client.ts';
import { userKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type User = ElementOf<ResponseOf<'/api/users'>['users']>;
/** What an edit of an account may change (the version is added by the caller that read it). */
export type UserChanges = Omit<BodyOf<'/api/users/{id}', 'patch'>, 'version'>;

/** Every account (system administrator); waits while `enabled` is false. */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: userKeys.all,
    queryFn: ({ signal }) => data(client.GET('/api/users', { signal })),
    enabled,
  });
}

const staleAfterUserChange = () => [userKeys.all];

export const useCreateUser = () =>
  useWrite((body: BodyOf<'/api/users'>) => data(client.POST('/api/users', { body })), staleAfterUserChange);

export const usePatchUser = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/users/{id}', 'patch'> }) =>
      data(client.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    staleAfterUserChange,
  );

/** Ends every session of an account (security administrator). */
export const useEndSessions = () =>
  useWrite(
    (id: number) => data(client.DELETE('/api/users/{id}/sessions', { params: { path: { id } } })),
    staleAfterUserChange,
  );

/** The security settings in force (lockout, sessions, 三员分立, two-factor), read from the server's configuration. */
export function useSecuritySettings() {
  return useQuery({
    queryKey: [...userKeys.all, 'security-settings'],
    queryFn: ({ signal }) => data(client.GET('/api/security-settings', { signal })),
  });
}
