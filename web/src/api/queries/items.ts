import { hashKey, type QueryClient, queryOptions, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
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
import { itemKeys, statsKeys, todoKeys } from './keys.ts';
import { useWrite } from './write.ts';

/** GET /api/items: the ledger's filters, sort and paging. */
export type LedgerQuery = QueryOf<'/api/items'>;
export type LedgerPage = ResponseOf<'/api/items'>;
export type LedgerRow = ElementOf<LedgerPage['items']>;
export type ItemDetail = ResponseOf<'/api/items/{id}'>;
export type Measure = ElementOf<ItemDetail['measures']>;
export type ProgressEntry = ElementOf<ItemDetail['progress']>;
export type Evidence = ElementOf<ItemDetail['evidence']>;
export type Outcome = ElementOf<ItemDetail['outcomes']>;
export type CloseReview = ElementOf<ItemDetail['reviews']>;
export type ItemHistory = ResponseOf<'/api/items/{id}/history'>;
export type AuditEvent = ElementOf<ItemHistory['events']>;
export type EvidenceLimits = ResponseOf<'/api/evidence/limits'>;

/** What a change to one item makes stale: the item with its history, the ledger lists and the figures it feeds. */
export const staleAfterItemChange = (id: number) => [itemKeys.item(id), ...staleAfterLedgerChange];
/** What adding, moving or removing items makes stale. */
export const staleAfterLedgerChange = [itemKeys.lists, statsKeys.all, todoKeys.all];

/** Lists fetched as the app starts, before their page is shown (the home's, see prefetchLedger). */
const fetchedAhead = new Set<string>();

export const ledgerQuery = (query: LedgerQuery) =>
  queryOptions({
    queryKey: itemKeys.list(query),
    queryFn: ({ signal }) => data(client.GET('/api/items', { params: { query }, signal })),
    // The ledger is shared and changes under everyone's hands: going back to a filter shows the rows it had at once,
    // and asks the server again while the table says it is loading. A list fetched ahead at start-up is a second old
    // when its page first shows it: that first answer is not asked for again at once (the page would show it greyed
    // under a spinner until the same rows came back).
    staleTime: (q) => (fetchedAhead.has(q.queryHash) && q.state.dataUpdateCount === 1 ? 10_000 : 0),
  });

/** Fetches a list before its page is shown, for the page's first showing (the home's tasks, from main.tsx). */
export function prefetchLedger(queryClient: QueryClient, query: LedgerQuery) {
  const options = ledgerQuery(query);
  fetchedAhead.add(hashKey(options.queryKey));
  return queryClient.prefetchQuery(options);
}

/** A page of the ledger; null waits (the query is not known yet). */
export function useLedger(query: LedgerQuery | null) {
  return useQuery(query ? ledgerQuery(query) : { queryKey: itemKeys.list(null), queryFn: skipToken });
}

export const itemQuery = (id: number) =>
  queryOptions({
    queryKey: itemKeys.detail(id),
    queryFn: ({ signal }) => data(client.GET('/api/items/{id}', { params: { path: { id } }, signal })),
  });

/** One item with its measures, progress, evidence, outcomes and reviews; null waits. */
export function useItem(id: number | null) {
  return useQuery(id === null ? { queryKey: itemKeys.detail(null), queryFn: skipToken } : itemQuery(id));
}

/**
 * The item as the server holds it now, past the cache: after a stale-version refusal the form shows these values
 * beside what was typed, and the page behind it shows them too.
 */
export function useFetchLatestItem() {
  const queryClient = useQueryClient();
  return (id: number) => queryClient.fetchQuery({ ...itemQuery(id), staleTime: 0 });
}

/** The item's audit trail; waits until `enabled`. */
export function useItemHistory(id: number, enabled = true) {
  return useQuery({
    queryKey: itemKeys.history(id),
    queryFn: ({ signal }) => data(client.GET('/api/items/{id}/history', { params: { path: { id } }, signal })),
    enabled,
  });
}

/** What an evidence upload may be; `enabled` is false for readers who cannot upload. */
export function useEvidenceLimits(enabled: boolean) {
  return useQuery({
    queryKey: itemKeys.evidenceLimits,
    queryFn: ({ signal }) => data(client.GET('/api/evidence/limits', { signal })),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const evidenceFileUrl = (id: number) => href('/api/evidence/{id}/file', { path: { id } });
/** Issue 16: an OFD as HTML pages, an Office file as PDF (through LibreOffice on the server). */
export const evidencePreviewUrl = (id: number) => href('/api/evidence/{id}/preview', { path: { id } });

/** The customary Excel ledger of the rows a filter selects (it takes no sort or paging). */
export const ledgerExportUrl = (query: QueryOf<'/api/ledger/export.xlsx'>) =>
  href('/api/ledger/export.xlsx', { query });

/** Issue 14: the 销号审批表 of one item, and of several in one document (one page each). */
export const closeoutFormUrl = (id: number) => href('/api/items/{id}/closeout-form.docx', { path: { id } });
export const closeoutFormsUrl = (ids: number[]) => href('/api/closeout-forms.docx', { query: { items: ids } });

interface ItemWrite<B> {
  itemId: number;
  body: B;
}

export const usePatchItem = () =>
  useWrite(
    ({ itemId, body }: ItemWrite<BodyOf<'/api/items/{id}', 'patch'>>) =>
      data(client.PATCH('/api/items/{id}', { params: { path: { id: itemId } }, body })),
    ({ itemId }) => staleAfterItemChange(itemId),
  );

export const useTransition = () =>
  useWrite(
    ({ itemId, body }: ItemWrite<BodyOf<'/api/items/{id}/transitions'>>) =>
      data(client.POST('/api/items/{id}/transitions', { params: { path: { id: itemId } }, body })),
    ({ itemId }) => staleAfterItemChange(itemId),
  );

export const useAddProgress = () =>
  useWrite(
    ({ itemId, body }: ItemWrite<BodyOf<'/api/items/{id}/progress'>>) =>
      data(client.POST('/api/items/{id}/progress', { params: { path: { id: itemId } }, body })),
    ({ itemId }) => staleAfterItemChange(itemId),
  );

export const useAddOutcome = () =>
  useWrite(
    ({ itemId, body }: ItemWrite<BodyOf<'/api/items/{id}/outcomes'>>) =>
      data(client.POST('/api/items/{id}/outcomes', { params: { path: { id: itemId } }, body })),
    ({ itemId }) => staleAfterItemChange(itemId),
  );

/** A measure of the item `itemId`. */
export const usePatchMeasure = () =>
  useWrite(
    ({ measureId, body }: ItemWrite<BodyOf<'/api/measures/{id}', 'patch'>> & { measureId: number }) =>
      data(client.PATCH('/api/measures/{id}', { params: { path: { id: measureId } }, body })),
    ({ itemId }) => staleAfterItemChange(itemId),
  );

/** Issue 14: removes an evidence file of the item `itemId` (one's own, before a close-out request rests on it). */
export const useRemoveEvidence = () =>
  useWrite(
    ({ evidenceId }: { itemId: number; evidenceId: number }) =>
      data(client.DELETE('/api/evidence/{id}', { params: { path: { id: evidenceId } } })),
    ({ itemId }) => staleAfterItemChange(itemId),
  );

/** The fields an evidence file is uploaded with (multipart, so not in the OpenAPI document). */
export interface EvidenceFields {
  effectiveOn: string;
  note: string | null;
  measureId: number | null;
}

/** Uploads one evidence file with its fields and a progress bar; resolves to the new evidence's id. */
export const useUploadEvidence = () =>
  useWrite(
    ({
      itemId,
      file,
      fields,
      onProgress,
    }: {
      itemId: number;
      file: File;
      fields: EvidenceFields;
      onProgress: (percent: number) => void;
    }) => {
      const form = multipartBody(
        { effectiveOn: fields.effectiveOn, note: fields.note, measureId: fields.measureId },
        file,
      );
      return uploadWithProgress('/api/items/{id}/evidence', { path: { id: itemId } }, form, onProgress);
    },
    ({ itemId }) => staleAfterItemChange(itemId),
  );
