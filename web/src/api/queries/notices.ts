import { useMutation, useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, download, type ElementOf, href, type QueryOf, type ResponseOf } from '../client.ts';
import { documentKeys, publicationKeys } from './keys.ts';
import { useWrite } from './write.ts';

type DraftPath = '/api/inspections/{id}/documents/{kind}/draft';
export type NoticeDraft = ResponseOf<DraftPath>;
export type DocumentKind = NoticeDraft['kind'];
export type WorkLogFact = ElementOf<NoticeDraft['suggestions']['facts']>;
/** What the unit writes of a document, as a save sends it (the version is added at the save). */
export type Writing = Omit<BodyOf<DraftPath, 'put'>, 'version'>;
export type DocumentFormat = NonNullable<QueryOf<'/api/inspections/{id}/documents/{kind}'>['format']>;

/** Generated documents follow the ledger, which other pages change: each is fetched afresh whenever it is shown. */
const FRESH_ON_OPEN = 0;

const draftPath = (inspectionId: number, kind: DocumentKind) => ({ path: { id: inspectionId, kind } });

/** The draft as the server holds it now, outside the cache: what a save over a newer version is made against. */
export const fetchDraft = (inspectionId: number, kind: DocumentKind) =>
  data(client.GET('/api/inspections/{id}/documents/{kind}/draft', { params: draftPath(inspectionId, kind) }));

/**
 * The unit's writing of a document. Each editor starts from the version the server holds when it opens (nothing is
 * kept once it closes), and a background refresh never replaces what is being typed.
 */
export function useDraft(inspectionId: number, kind: DocumentKind) {
  return useQuery({
    queryKey: documentKeys.draft(inspectionId, kind),
    queryFn: ({ signal }) =>
      data(
        client.GET('/api/inspections/{id}/documents/{kind}/draft', { params: draftPath(inspectionId, kind), signal }),
      ),
    staleTime: FRESH_ON_OPEN,
    gcTime: 0,
  });
}

/** Saves the whole writing at the version read; the generated documents and the publication check change with it. */
export const useSaveDraft = () =>
  useWrite(
    ({ inspectionId, kind, body }: { inspectionId: number; kind: DocumentKind; body: BodyOf<DraftPath, 'put'> }) =>
      data(client.PUT('/api/inspections/{id}/documents/{kind}/draft', { params: draftPath(inspectionId, kind), body })),
    ({ inspectionId }) => [documentKeys.ofInspection(inspectionId), publicationKeys.previews],
  );

/** The address of a generated document, for a download under the server's file name. */
export const documentUrl = (inspectionId: number, kind: DocumentKind, format: DocumentFormat, publicVersion: boolean) =>
  href('/api/inspections/{id}/documents/{kind}', {
    path: { id: inspectionId, kind },
    query: { format, public: kind === 'notice' ? publicVersion : undefined },
  });

interface DocumentFile {
  inspectionId: number;
  kind: DocumentKind;
  format: DocumentFormat;
  publicVersion: boolean;
}

/** Saves a generated document under the server's Chinese file name. */
export const useDownloadDocument = () =>
  useMutation({
    mutationFn: ({ inspectionId, kind, format, publicVersion }: DocumentFile) =>
      download(documentUrl(inspectionId, kind, format, publicVersion), `${kind}-${inspectionId}.${format}`),
  });

/** Waits for a quiet moment before asking the server again, so several quick saves cost one generation. */
const REFRESH_DELAY_MS = 400;

const quietMoment = (signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, REFRESH_DELAY_MS);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * The server's HTML rendering of the saved document, as the downloads make it. A save makes it stale; a refresh asked
 * for while one waits replaces it, so only the last of several quick saves is generated.
 */
export function useDocumentHtml(inspectionId: number, kind: DocumentKind, publicVersion: boolean) {
  return useQuery({
    queryKey: documentKeys.html(inspectionId, kind, publicVersion),
    queryFn: async ({ signal }) => {
      await quietMoment(signal);
      return data(
        client.GET('/api/inspections/{id}/documents/{kind}', {
          params: {
            path: { id: inspectionId, kind },
            query: { format: 'html', public: kind === 'notice' ? publicVersion : undefined },
          },
          parseAs: 'text',
          signal,
        }),
      );
    },
    staleTime: FRESH_ON_OPEN,
  });
}

/** The linter's findings on the notice the ledger would produce now; fetched when asked for (`refetch`). */
export function useGeneratedNoticeLint(inspectionId: number) {
  return useQuery({
    queryKey: documentKeys.lint(inspectionId),
    queryFn: ({ signal }) =>
      data(
        client.GET('/api/inspections/{id}/documents/notice/lint', { params: { path: { id: inspectionId } }, signal }),
      ),
    enabled: false,
  });
}

/** Checks any notice text with the linter publishing uses; nothing is stored. */
export const useLintText = () =>
  useMutation({ mutationFn: (body: BodyOf<'/api/notices/lint'>) => data(client.POST('/api/notices/lint', { body })) });
