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

export const usePublish = () =>
  useWrite(
    ({ inspectionId, body }: { inspectionId: number; body: BodyOf<'/api/inspections/{id}/publications'> }) =>
      data(client.POST('/api/inspections/{id}/publications', { params: { path: { id: inspectionId } }, body })),
    staleAfterPublication,
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
