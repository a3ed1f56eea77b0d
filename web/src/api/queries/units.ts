import { useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type QueryOf, type ResponseOf } from '../client.ts';
import { inspectionKeys, itemKeys, statsKeys, unitKeys, userKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type Unit = ElementOf<ResponseOf<'/api/units'>['units']>;
export type UnitKind = Unit['kind'];

/** The unit tree from the reader's own unit down, optionally only some kinds; waits while `enabled` is false. */
export function useUnits(query: QueryOf<'/api/units'> = {}, enabled = true) {
  return useQuery({
    queryKey: unitKeys.list(query),
    queryFn: ({ signal }) => data(client.GET('/api/units', { params: { query }, signal })),
    enabled,
  });
}

/** Units are named in the accounts, the inspections, the ledger and its figures. */
const staleAfterUnitChange = () => [unitKeys.all, userKeys.all, inspectionKeys.all, itemKeys.all, statsKeys.all];

export const useCreateUnit = () =>
  useWrite((body: BodyOf<'/api/units'>) => data(client.POST('/api/units', { body })), staleAfterUnitChange);

export const usePatchUnit = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/units/{id}', 'patch'> }) =>
      data(client.PATCH('/api/units/{id}', { params: { path: { id } }, body })),
    staleAfterUnitChange,
  );
