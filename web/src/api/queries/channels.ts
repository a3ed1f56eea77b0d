import { useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ResponseOf } from '../client.ts';
import { channelKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type OwnContact = ResponseOf<'/api/account/contact'>;
export type UnitChannels = ResponseOf<'/api/units/{id}/channels'>;
export type UnitChannelsBody = BodyOf<'/api/units/{id}/channels', 'patch'>;

export function useOwnContact() {
  return useQuery({
    queryKey: channelKeys.contact,
    queryFn: ({ signal }) => data(client.GET('/api/account/contact', { signal })),
  });
}

export const usePatchOwnContact = () =>
  useWrite(
    (body: BodyOf<'/api/account/contact', 'patch'>) => data(client.PATCH('/api/account/contact', { body })),
    () => [channelKeys.contact],
  );

export function useUnitChannels(unitId: number | null) {
  return useQuery({
    queryKey: channelKeys.unit(unitId),
    queryFn: ({ signal }) =>
      data(client.GET('/api/units/{id}/channels', { params: { path: { id: unitId as number } }, signal })),
    enabled: unitId !== null,
  });
}

/** A unit's robots reach its people: their "available" channels change too. */
export const usePatchUnitChannels = () =>
  useWrite(
    ({ unitId, body }: { unitId: number; body: UnitChannelsBody }) =>
      data(client.PATCH('/api/units/{id}/channels', { params: { path: { id: unitId } }, body })),
    ({ unitId }) => [channelKeys.unit(unitId), channelKeys.contact],
  );
