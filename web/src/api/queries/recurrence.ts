import { useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type ResponseOf } from '../client.ts';
import { itemKeys, recurrenceKeys, statsKeys, supervisionKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type Repeat = ElementOf<ResponseOf<'/api/inspections/{id}/repeats'>['repeats']>;
export type CarriedItem = ElementOf<ResponseOf<'/api/inspections/{id}/carried-over'>['items']>;
export type CommonProblem = ElementOf<ResponseOf<'/api/rounds/{id}/common-problems'>['groups']>;
export type CommonProblemItem = ElementOf<CommonProblem['members']>;
export type UnitStanding = ElementOf<CommonProblem['units']>;
export type AspectMapping = ResponseOf<'/api/rounds/{id}/aspect-mappings/{earlierRoundId}'>;
export type RepeatReason = ElementOf<Repeat['earlier']>['reason'];

/**
 * Each list compares the items of whole rounds, which every page that writes to an item changes without naming these
 * lists: they are fetched afresh whenever a tab opens.
 */
const FRESH_ON_OPEN = 0;

/** The inspection's items that repeat a problem of the unit's earlier rounds (屡查屡犯). */
export function useRepeats(inspectionId: number) {
  return useQuery({
    queryKey: recurrenceKeys.repeats(inspectionId),
    queryFn: ({ signal }) =>
      data(client.GET('/api/inspections/{id}/repeats', { params: { path: { id: inspectionId } }, signal })),
    staleTime: FRESH_ON_OPEN,
  });
}

/** The open items of the unit's earlier inspections carried into this one. */
export function useCarriedOver(inspectionId: number) {
  return useQuery({
    queryKey: recurrenceKeys.carriedOver(inspectionId),
    queryFn: ({ signal }) =>
      data(client.GET('/api/inspections/{id}/carried-over', { params: { path: { id: inspectionId } }, signal })),
    staleTime: FRESH_ON_OPEN,
  });
}

/** Carries the unit's open items into the inspection: they join its ledger. */
export const useCarryOver = () =>
  useWrite(
    (inspectionId: number) =>
      data(client.POST('/api/inspections/{id}/carry-over', { params: { path: { id: inspectionId } } })),
    () => [recurrenceKeys.all, itemKeys.all, statsKeys.all],
  );

/** The round's problems shared by several units (举一反三). */
export function useCommonProblems(roundId: number) {
  return useQuery({
    queryKey: recurrenceKeys.commonProblems(roundId),
    queryFn: ({ signal }) =>
      data(client.GET('/api/rounds/{id}/common-problems', { params: { path: { id: roundId } }, signal })),
    staleTime: FRESH_ON_OPEN,
  });
}

/** One supervision order to every unit sharing a common problem. */
export const useOrderCommonProblem = () =>
  useWrite(
    ({ roundId, body }: { roundId: number; body: BodyOf<'/api/rounds/{id}/common-problems/orders'> }) =>
      data(client.POST('/api/rounds/{id}/common-problems/orders', { params: { path: { id: roundId } }, body })),
    () => [supervisionKeys.orders],
  );

const aspectMappingKey = (roundId: number, earlierRoundId: number) =>
  [...recurrenceKeys.all, 'aspect-mapping', roundId, earlierRoundId] as const;

/** The office's mapping from an earlier round's aspects to this round's, with the suggestion (issue 15). */
export function useAspectMapping(roundId: number, earlierRoundId: number | null) {
  return useQuery({
    queryKey: aspectMappingKey(roundId, earlierRoundId ?? 0),
    enabled: earlierRoundId !== null,
    queryFn: ({ signal }) =>
      data(
        client.GET('/api/rounds/{id}/aspect-mappings/{earlierRoundId}', {
          params: { path: { id: roundId, earlierRoundId: earlierRoundId ?? 0 } },
          signal,
        }),
      ),
  });
}

/** Saves the mapping; the repeats follow it. */
export const useSaveAspectMapping = () =>
  useWrite(
    ({
      roundId,
      earlierRoundId,
      body,
    }: {
      roundId: number;
      earlierRoundId: number;
      body: BodyOf<'/api/rounds/{id}/aspect-mappings/{earlierRoundId}', 'put'>;
    }) =>
      data(
        client.PUT('/api/rounds/{id}/aspect-mappings/{earlierRoundId}', {
          params: { path: { id: roundId, earlierRoundId } },
          body,
        }),
      ),
    () => [recurrenceKeys.all],
  );
