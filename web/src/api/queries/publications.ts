import { skipToken, useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type QueryOf, type ResponseOf } from '../client.ts';
import { publicationKeys, statsKeys, todoKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type Publication = ElementOf<ResponseOf<'/api/publications'>['publications']>;
export type PublicationState = Publication['state'];
export type PublicComment = ElementOf<ResponseOf<'/api/publications/{id}/comments'>['comments']>;
export type PublicationPreview = ResponseOf<'/api/inspections/{id}/publications/preview'>;
export type PublicationPeriod = QueryOf<'/api/inspections/{id}/publications/preview'>;

/** The public writes comments from the portal, past every hook: the lists are fetched afresh whenever the page opens. */
const FRESH_ON_OPEN = 0;

/** The reader's published notices with their comment counts. */
export function usePublications() {
  return useQuery({
    queryKey: publicationKeys.list,
    queryFn: ({ signal }) => data(client.GET('/api/publications', { signal })),
    staleTime: FRESH_ON_OPEN,
  });
}

export function usePublicationComments(publicationId: number) {
  return useQuery({
    queryKey: publicationKeys.comments(publicationId),
    queryFn: ({ signal }) =>
      data(client.GET('/api/publications/{id}/comments', { params: { path: { id: publicationId } }, signal })),
    staleTime: FRESH_ON_OPEN,
  });
}

/**
 * The notice as it would be published over a period, with the linter's findings; null waits. It is generated from the
 * ledger and the unit's writing as they are now, so each check asks the server again; while it does, the last check of
 * the same inspection stays in view, never one of another inspection.
 */
export function usePublicationPreview(inspectionId: number | null, period: PublicationPeriod) {
  return useQuery({
    queryKey: publicationKeys.preview(inspectionId, period),
    queryFn:
      inspectionId === null
        ? skipToken
        : ({ signal }) =>
            data(
              client.GET('/api/inspections/{id}/publications/preview', {
                params: { path: { id: inspectionId }, query: period },
                signal,
              }),
            ),
    staleTime: 0,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === inspectionId ? previous : undefined),
  });
}

/** Publishing and withdrawing change what is public today, which the home page counts. */
const staleAfterPublication = () => [publicationKeys.all, statsKeys.publicationSummary];

// ---- issue 15: publishing as a workflow (draft → submitted → approved → published; corrections the same way)

export type PublicationVersion = ElementOf<ResponseOf<'/api/publication-versions/awaiting'>['versions']>;
export type VersionState = PublicationVersion['state'];
export type VersionEvent = PublicationVersion['events'][number];
export type Publishing = ResponseOf<'/api/inspections/{id}/publishing'>;

/** An inspection's publishing: the current notice, the version on its way, the history. null waits. */
export function usePublishing(inspectionId: number | null) {
  return useQuery({
    queryKey: publicationKeys.publishing(inspectionId),
    queryFn:
      inspectionId === null
        ? skipToken
        : ({ signal }) =>
            data(client.GET('/api/inspections/{id}/publishing', { params: { path: { id: inspectionId } }, signal })),
    staleTime: FRESH_ON_OPEN,
  });
}

/** A version's frozen text, fetched when opened. */
export function useVersionText(versionId: number | null) {
  return useQuery({
    queryKey: publicationKeys.versionText(versionId ?? 0),
    queryFn:
      versionId === null
        ? skipToken
        : ({ signal }) =>
            data(client.GET('/api/publication-versions/{id}', { params: { path: { id: versionId } }, signal })),
  });
}

/** The versions waiting for the reader's approval (the leader's and the office's home). */
export function useAwaitingVersions(enabled = true) {
  return useQuery({
    queryKey: publicationKeys.awaiting,
    queryFn: enabled ? ({ signal }) => data(client.GET('/api/publication-versions/awaiting', { signal })) : skipToken,
    staleTime: FRESH_ON_OPEN,
  });
}

export const usePrepareDraft = () =>
  useWrite(
    ({ inspectionId, body }: { inspectionId: number; body: BodyOf<'/api/inspections/{id}/publication-versions'> }) =>
      data(client.POST('/api/inspections/{id}/publication-versions', { params: { path: { id: inspectionId } }, body })),
    staleAfterPublication,
  );

/** Submit, approve or return a version: the lists, the home's tasks and the counts change with it. */
export const useVersionStep = () =>
  useWrite(
    ({
      id,
      action,
      version,
      reason,
    }: {
      id: number;
      action: 'submit' | 'approve' | 'return';
      version: number;
      reason?: string;
    }) =>
      action === 'return'
        ? data(
            client.POST('/api/publication-versions/{id}/return', {
              params: { path: { id } },
              body: { version, reason: reason ?? '' },
            }),
          )
        : data(
            client.POST(
              action === 'submit' ? '/api/publication-versions/{id}/submit' : '/api/publication-versions/{id}/approve',
              { params: { path: { id } }, body: { version } },
            ),
          ),
    () => [publicationKeys.all, statsKeys.publicationSummary, todoKeys.all],
  );

export const useWithdraw = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/publications/{id}/withdraw'> }) =>
      data(client.POST('/api/publications/{id}/withdraw', { params: { path: { id } }, body })),
    staleAfterPublication,
  );

/** An answer to a public comment, or marking it handled: the notice's counts and the summary change with it. */
export const useAnswerComment = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/comments/{id}/answer'> }) =>
      data(client.POST('/api/comments/{id}/answer', { params: { path: { id } }, body })),
    () => [publicationKeys.all, statsKeys.publicationSummary, todoKeys.all],
  );
