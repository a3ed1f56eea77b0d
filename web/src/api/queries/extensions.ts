import { type BodyOf, client, data, type ElementOf, type ResponseOf } from '../client.ts';
import { itemKeys, planKeys, statsKeys } from './keys.ts';
import { useWrite } from './write.ts';

type ItemDetail = ResponseOf<'/api/items/{id}'>;

/** A deadline that moves makes the item, the ledger lists and the figures stale. */
const staleAfterDeadlineChange = (itemId: number) => [itemKeys.item(itemId), itemKeys.lists, statsKeys.all];

/** Issue 13: deadline extensions (延期申请) and the history of an item's deadline, as the item page shows them. */
export type Extension = ElementOf<ItemDetail['extensions']>;
export type DeadlineChange = ElementOf<ItemDetail['deadlineHistory']>;

export const useRequestExtension = () =>
  useWrite(
    ({ itemId, body }: { itemId: number; body: BodyOf<'/api/items/{id}/extensions'> }) =>
      data(client.POST('/api/items/{id}/extensions', { params: { path: { id: itemId } }, body })),
    ({ itemId }) => staleAfterDeadlineChange(itemId),
  );

export const useDecideExtension = () =>
  useWrite(
    ({ extensionId, body }: { extensionId: number; itemId: number; body: BodyOf<'/api/extensions/{id}/decision'> }) =>
      data(client.POST('/api/extensions/{id}/decision', { params: { path: { id: extensionId } }, body })),
    ({ itemId }) => staleAfterDeadlineChange(itemId),
  );

/** 报送整改方案: from then on the plan's deadlines move only through requests. */
export const useSubmitPlan = () =>
  useWrite(
    ({ inspectionId }: { inspectionId: number }) =>
      data(client.POST('/api/inspections/{id}/plan-submission', { params: { path: { id: inspectionId } } })),
    ({ inspectionId }) => [planKeys.one(inspectionId), itemKeys.all],
  );
