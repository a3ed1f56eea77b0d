import { skipToken, useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type ResponseOf } from '../client.ts';
import { itemKeys, planKeys, statsKeys } from './keys.ts';
import { useWrite } from './write.ts';

/** One inspection's feedback tree and plan, with the departments and people its measures can go to. */
export type Plan = ResponseOf<'/api/plan/inspections/{id}'>;
export type PlanItem = ElementOf<Plan['items']>;
export type PlanMeasure = ElementOf<PlanItem['measures']>;
export type PlanProblem = ElementOf<Plan['problems']>;
export type NewMeasure = BodyOf<'/api/items/{id}/measures'>;
/** The owner fields a measure carries, as an edit or a bulk change sends them. */
export type MeasureOwners = BodyOf<'/api/plan/measures/bulk'>['changes'];

/**
 * Read whenever the page opens: the item page and the ledger import change the same items and measures without naming
 * this key.
 */
export function usePlan(inspectionId: number | null) {
  return useQuery({
    queryKey: planKeys.one(inspectionId),
    queryFn:
      inspectionId === null
        ? skipToken
        : ({ signal }) =>
            data(client.GET('/api/plan/inspections/{id}', { params: { path: { id: inspectionId } }, signal })),
    staleTime: 0,
  });
}

/** Every write to the plan changes items or measures, which the ledger lists and the figures show too. */
const staleAfterPlanChange = (inspectionId: number) => () => [planKeys.one(inspectionId), itemKeys.all, statsKeys.all];

export const useAddProblem = (inspectionId: number) =>
  useWrite(
    (body: BodyOf<'/api/inspections/{id}/problems'>) =>
      data(client.POST('/api/inspections/{id}/problems', { params: { path: { id: inspectionId } }, body })),
    staleAfterPlanChange(inspectionId),
  );

export const usePatchProblem = (inspectionId: number) =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/problems/{id}', 'patch'> }) =>
      data(client.PATCH('/api/problems/{id}', { params: { path: { id } }, body })),
    staleAfterPlanChange(inspectionId),
  );

/** A new item of the inspection (feedback writes it without measures). */
export const useAddItem = (inspectionId: number) =>
  useWrite(
    (body: Omit<BodyOf<'/api/items'>, 'inspectionId'>) =>
      data(client.POST('/api/items', { body: { ...body, inspectionId } })),
    staleAfterPlanChange(inspectionId),
  );

export const usePatchPlanItem = (inspectionId: number) =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/items/{id}', 'patch'> }) =>
      data(client.PATCH('/api/items/{id}', { params: { path: { id } }, body })),
    staleAfterPlanChange(inspectionId),
  );

export const useAddMeasure = (inspectionId: number) =>
  useWrite(
    ({ itemId, body }: { itemId: number; body: NewMeasure }) =>
      data(client.POST('/api/items/{id}/measures', { params: { path: { id: itemId } }, body })),
    staleAfterPlanChange(inspectionId),
  );

export const usePatchPlanMeasure = (inspectionId: number) =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/measures/{id}', 'patch'> }) =>
      data(client.PATCH('/api/measures/{id}', { params: { path: { id } }, body })),
    staleAfterPlanChange(inspectionId),
  );

/** One measure written once for several items (举一反三), all or nothing. */
export const useAddMeasureToItems = (inspectionId: number) =>
  useWrite(
    (body: BodyOf<'/api/plan/measures'>) => data(client.POST('/api/plan/measures', { body })),
    staleAfterPlanChange(inspectionId),
  );

/** The same owners on many measures at once, each at the version read: all or nothing, 409 when any is stale. */
export const useChangeMeasures = (inspectionId: number) =>
  useWrite(
    (body: BodyOf<'/api/plan/measures/bulk'>) => data(client.POST('/api/plan/measures/bulk', { body })),
    staleAfterPlanChange(inspectionId),
  );
