import { skipToken, useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type QueryOf, type ResponseOf } from '../client.ts';
import { inspectionKeys, itemKeys, statsKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type Inspection = ElementOf<ResponseOf<'/api/inspections'>['inspections']>;

/** Inspections the reader can see, narrowed by round, unit or team. */
export function useInspections(query: QueryOf<'/api/inspections'> = {}) {
  return useQuery({
    queryKey: inspectionKeys.list(query),
    queryFn: ({ signal }) => data(client.GET('/api/inspections', { params: { query }, signal })),
  });
}

/** One inspection; null waits. */
export function useInspection(id: number | null) {
  return useQuery({
    queryKey: inspectionKeys.one(id),
    queryFn:
      id === null
        ? skipToken
        : ({ signal }) => data(client.GET('/api/inspections/{id}', { params: { path: { id } }, signal })),
  });
}

/** An inspection's dates decide its items' deadlines and warnings, so the ledger and its figures go stale with it. */
const staleAfterInspectionChange = () => [inspectionKeys.all, itemKeys.all, statsKeys.all];

export const useCreateInspection = () =>
  useWrite(
    (body: BodyOf<'/api/inspections'>) => data(client.POST('/api/inspections', { body })),
    staleAfterInspectionChange,
  );

export const usePatchInspection = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/inspections/{id}', 'patch'> }) =>
      data(client.PATCH('/api/inspections/{id}', { params: { path: { id } }, body })),
    staleAfterInspectionChange,
  );
