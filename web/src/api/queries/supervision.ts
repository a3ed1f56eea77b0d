import { useQuery } from '@tanstack/react-query';
import {
  type BodyOf,
  client,
  data,
  type ElementOf,
  href,
  multipartBody,
  type QueryOf,
  type ResponseOf,
  uploadWithProgress,
} from '../client.ts';
import { itemKeys, statsKeys, supervisionKeys, todoKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type SupervisionOrder = ElementOf<ResponseOf<'/api/supervision/orders'>['orders']>;
export type OrderStatus = SupervisionOrder['status'];
export type OrderQuery = QueryOf<'/api/supervision/orders'>;
export type Lookback = ElementOf<ResponseOf<'/api/supervision/lookbacks'>['lookbacks']>;
export type LookbackStatus = Lookback['status'];
export type Checklist = ResponseOf<'/api/supervision/checklist'>;
export type Evaluation = ElementOf<ResponseOf<'/api/supervision/evaluations'>['evaluations']>;
export type ScoredEntry = ElementOf<Evaluation['entries']>;
export type Grade = Evaluation['grade'];

/**
 * Orders name their items and look-backs show their item's state, which the item page changes without naming these
 * lists: they are fetched afresh whenever a tab opens.
 */
const FRESH_ON_OPEN = 0;

export function useSupervisionOrders(query: OrderQuery) {
  return useQuery({
    queryKey: supervisionKeys.orderList(query),
    queryFn: ({ signal }) => data(client.GET('/api/supervision/orders', { params: { query }, signal })),
    staleTime: FRESH_ON_OPEN,
  });
}

/** Orders to several units or items at once, all or none; flagging the items (挂牌督办) moves them up the ledger. */
export const useSendOrders = () =>
  useWrite(
    (body: BodyOf<'/api/supervision/orders'>) => data(client.POST('/api/supervision/orders', { body })),
    (body) =>
      body.flagItems
        ? [supervisionKeys.orders, itemKeys.all, statsKeys.all, todoKeys.all]
        : [supervisionKeys.orders, todoKeys.all],
  );

export const useAnswerOrder = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/supervision/orders/{id}/answer'> }) =>
      data(client.POST('/api/supervision/orders/{id}/answer', { params: { path: { id } }, body })),
    () => [supervisionKeys.orders, todoKeys.all],
  );

export const useReturnOrder = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/supervision/orders/{id}/return'> }) =>
      data(client.POST('/api/supervision/orders/{id}/return', { params: { path: { id } }, body })),
    () => [supervisionKeys.orders, todoKeys.all],
  );

export const useCloseOrder = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/supervision/orders/{id}/close'> }) =>
      data(client.POST('/api/supervision/orders/{id}/close', { params: { path: { id } }, body })),
    () => [supervisionKeys.orders, todoKeys.all],
  );

// ---- issue 15: 督办 as documents

export type OrderFile = ElementOf<SupervisionOrder['files']>;

/** The 督办通知书 of an order, as .docx, as OFD (GB/T 33190) or (through LibreOffice on the server) as PDF. */
export const orderDocumentUrl = (id: number, ext: 'docx' | 'pdf' | 'ofd') =>
  ext === 'docx'
    ? href('/api/supervision/orders/{id}/document.docx', { path: { id } })
    : ext === 'ofd'
      ? href('/api/supervision/orders/{id}/document.ofd', { path: { id } })
      : href('/api/supervision/orders/{id}/document.pdf', { path: { id } });

export const orderFileUrl = (id: number) => href('/api/supervision/order-files/{id}', { path: { id } });

/** The office corrects an order the unit has not answered (title, content, due date) at the version read. */
export const useEditOrder = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/supervision/orders/{id}', 'patch'> }) =>
      data(client.PATCH('/api/supervision/orders/{id}', { params: { path: { id } }, body })),
    () => [supervisionKeys.orders, todoKeys.all],
  );

/** The office recalls (撤回) an order the unit has not answered; it leaves the unit's list. */
export const useRecallOrder = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/supervision/orders/{id}/recall'> }) =>
      data(client.POST('/api/supervision/orders/{id}/recall', { params: { path: { id } }, body })),
    () => [supervisionKeys.orders, todoKeys.all],
  );

/** One file of the unit's answer, with a progress bar (the evidence types and size limit). */
export const uploadOrderFile = (orderId: number, file: File, onProgress: (percent: number) => void) =>
  uploadWithProgress(
    '/api/supervision/orders/{id}/files',
    { path: { id: orderId } },
    multipartBody({}, file),
    onProgress,
  );

export const useRemoveOrderFile = () =>
  useWrite(
    (fileId: number) => data(client.DELETE('/api/supervision/order-files/{id}', { params: { path: { id: fileId } } })),
    () => [supervisionKeys.orders],
  );

/** 回头看 for every closed item of a unit or a round at once; answers how many were scheduled. */
export const useBulkLookbacks = () =>
  useWrite(
    (body: BodyOf<'/api/supervision/lookbacks/bulk'>) => data(client.POST('/api/supervision/lookbacks/bulk', { body })),
    () => [supervisionKeys.lookbacks],
  );

export function useLookbacks(query: QueryOf<'/api/supervision/lookbacks'>) {
  return useQuery({
    queryKey: supervisionKeys.lookbackList(query),
    queryFn: ({ signal }) => data(client.GET('/api/supervision/lookbacks', { params: { query }, signal })),
    staleTime: FRESH_ON_OPEN,
  });
}

/** A look-back of a closed item (回头看), by default some days after it was closed. */
export const useScheduleLookback = () =>
  useWrite(
    ({ itemId, body }: { itemId: number; body: BodyOf<'/api/items/{id}/lookbacks'> }) =>
      data(client.POST('/api/items/{id}/lookbacks', { params: { path: { id: itemId } }, body })),
    () => [supervisionKeys.lookbacks],
  );

/** A rebound reopens the item through the workflow, so the ledger and its figures change with it. */
export const useRecordLookback = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/lookbacks/{id}/result'> }) =>
      data(client.POST('/api/lookbacks/{id}/result', { params: { path: { id } }, body })),
    (variables) =>
      variables.body.outcome === 'rebound'
        ? [supervisionKeys.lookbacks, itemKeys.all, statsKeys.all]
        : [supervisionKeys.lookbacks],
  );

/** The evaluation checklist and its grade bands: configuration, read once. */
export function useChecklist() {
  return useQuery({
    queryKey: supervisionKeys.checklist,
    queryFn: ({ signal }) => data(client.GET('/api/supervision/checklist', { signal })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useEvaluations(query: QueryOf<'/api/supervision/evaluations'>) {
  return useQuery({
    queryKey: supervisionKeys.evaluationList(query),
    queryFn: ({ signal }) => data(client.GET('/api/supervision/evaluations', { params: { query }, signal })),
  });
}

/** Scores an inspection (or rescores it at the version read); the round overview shows each unit's grade. */
export const useSaveEvaluation = () =>
  useWrite(
    (body: BodyOf<'/api/supervision/evaluations'>) => data(client.POST('/api/supervision/evaluations', { body })),
    () => [supervisionKeys.evaluations, statsKeys.all],
  );

// Issue 15, point 4: the evaluation as the office opens it (suggestions from the ledger, satisfaction, weight).
export type EvaluationDraft = ResponseOf<'/api/supervision/evaluations/draft'>;
export type DraftEntry = ElementOf<EvaluationDraft['entries']>;

/** Computed from the ledger on each opening, so it is fetched afresh; under the evaluations key, a save refreshes it. */
export function useEvaluationDraft(inspectionId: number | null) {
  return useQuery({
    queryKey: [...supervisionKeys.evaluations, 'draft', inspectionId] as const,
    queryFn: ({ signal }) =>
      data(
        client.GET('/api/supervision/evaluations/draft', {
          params: { query: { inspectionId: inspectionId as number } },
          signal,
        }),
      ),
    enabled: inspectionId !== null,
    staleTime: FRESH_ON_OPEN,
  });
}
