import { useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type ResponseOf } from '../client.ts';
import { inspectionKeys, itemKeys, roundKeys, statsKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type Round = ElementOf<ResponseOf<'/api/rounds'>['rounds']>;
export type Aspect = ElementOf<Round['aspects']>;
export type Team = ElementOf<ResponseOf<'/api/teams'>['teams']>;

/** Rounds with their aspect lists. */
export function useRounds() {
  return useQuery({
    queryKey: roundKeys.all,
    queryFn: ({ signal }) => data(client.GET('/api/rounds', { signal })),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: roundKeys.teams,
    queryFn: ({ signal }) => data(client.GET('/api/teams', { signal })),
  });
}

/** Rounds, aspects and teams are named in the inspections and the ledger, so a change reaches them too. */
const staleAfterRoundChange = () => [roundKeys.all, roundKeys.teams, inspectionKeys.all, itemKeys.all];

export const useCreateRound = () =>
  useWrite((body: BodyOf<'/api/rounds'>) => data(client.POST('/api/rounds', { body })), staleAfterRoundChange);

export const usePatchRound = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/rounds/{id}', 'patch'> }) =>
      data(client.PATCH('/api/rounds/{id}', { params: { path: { id } }, body })),
    staleAfterRoundChange,
  );

export const useAddAspect = () =>
  useWrite(
    ({ roundId, body }: { roundId: number; body: BodyOf<'/api/rounds/{id}/aspects'> }) =>
      data(client.POST('/api/rounds/{id}/aspects', { params: { path: { id: roundId } }, body })),
    staleAfterRoundChange,
  );

export const useOrderAspects = () =>
  useWrite(
    ({ roundId, body }: { roundId: number; body: BodyOf<'/api/rounds/{id}/aspect-order', 'put'> }) =>
      data(client.PUT('/api/rounds/{id}/aspect-order', { params: { path: { id: roundId } }, body })),
    staleAfterRoundChange,
  );

export const useRenameAspect = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/aspects/{id}', 'patch'> }) =>
      data(client.PATCH('/api/aspects/{id}', { params: { path: { id } }, body })),
    staleAfterRoundChange,
  );

export const useCreateTeam = () =>
  useWrite((body: BodyOf<'/api/teams'>) => data(client.POST('/api/teams', { body })), staleAfterRoundChange);

export const usePatchTeam = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/teams/{id}', 'patch'> }) =>
      data(client.PATCH('/api/teams/{id}', { params: { path: { id } }, body })),
    staleAfterRoundChange,
  );

/** 归档 and 取消归档 (issue 12): the round leaves or rejoins the default lists, so every list is refetched. */
export const useArchiveRound = () =>
  useWrite(
    ({ id, archived }: { id: number; archived: boolean }) =>
      data(
        archived
          ? client.POST('/api/rounds/{id}/archive', { params: { path: { id } } })
          : client.DELETE('/api/rounds/{id}/archive', { params: { path: { id } } }),
      ),
    () => [...staleAfterRoundChange(), statsKeys.all],
  );
