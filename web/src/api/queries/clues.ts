import { skipToken, useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type QueryOf, type ResponseOf } from '../client.ts';
import { statsKeys } from './keys.ts';
import { useWrite } from './write.ts';

/** Issue 15 (问题线索): problem clues, the office's and the supervisors' only. */
export type Clue = ElementOf<ResponseOf<'/api/clues'>['clues']>;
export type ClueFilter = QueryOf<'/api/clues'>;
export type ItemClues = ResponseOf<'/api/items/{id}/clues'>;

export const clueKeys = {
  all: ['clues'] as const,
  list: (filter: ClueFilter) => ['clues', 'list', filter] as const,
  item: (itemId: number | null) => ['clues', 'item', itemId] as const,
  bodies: ['clues', 'receiving-bodies'] as const,
};

export function useClues(filter: ClueFilter) {
  return useQuery({
    queryKey: clueKeys.list(filter),
    queryFn: ({ signal }) => data(client.GET('/api/clues', { params: { query: filter }, signal })),
  });
}

export function useItemClues(itemId: number | null) {
  return useQuery({
    queryKey: clueKeys.item(itemId),
    queryFn:
      itemId === null
        ? skipToken
        : ({ signal }) => data(client.GET('/api/items/{id}/clues', { params: { path: { id: itemId } }, signal })),
  });
}

export function useReceivingBodies(enabled: boolean) {
  return useQuery({
    queryKey: clueKeys.bodies,
    queryFn: enabled ? ({ signal }) => data(client.GET('/api/clues/receiving-bodies', { signal })) : skipToken,
  });
}

/** Every clue write changes the lists, the item sections and the totals. */
const stale = () => [clueKeys.all, statsKeys.all];

export const useMarkClue = () =>
  useWrite(
    ({ target, description }: { target: { itemId: number } | { problemId: number }; description: string }) =>
      'itemId' in target
        ? data(client.POST('/api/items/{id}/clue', { params: { path: { id: target.itemId } }, body: { description } }))
        : data(
            client.POST('/api/problems/{id}/clue', {
              params: { path: { id: target.problemId } },
              body: { description },
            }),
          ),
    stale,
  );

export const useUnmarkClue = () =>
  useWrite(
    ({ id, version }: { id: number; version: number }) =>
      data(client.POST('/api/clues/{id}/unmark', { params: { path: { id } }, body: { version } })),
    stale,
  );

export const useHandOverClue = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/clues/{id}/hand-over'> }) =>
      data(client.POST('/api/clues/{id}/hand-over', { params: { path: { id } }, body })),
    stale,
  );

export const useClueStep = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/clues/{id}/steps'> }) =>
      data(client.POST('/api/clues/{id}/steps', { params: { path: { id } }, body })),
    stale,
  );

export const useClueOutcome = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/clues/{id}/outcome', 'put'> }) =>
      data(client.PUT('/api/clues/{id}/outcome', { params: { path: { id } }, body })),
    stale,
  );
