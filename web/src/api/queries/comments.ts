import { useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ResponseOf } from '../client.ts';
import { commentKeys, publicationKeys, statsKeys, todoKeys } from './keys.ts';
import { useWrite } from './write.ts';

/** Issue 15: one public comment as the unit, its department and the supervisors see it. */
export type CommentDetail = ResponseOf<'/api/comments/{id}'>;
export type ItemComment = ResponseOf<'/api/items/{id}/comments'>['comments'][number];

export function useCommentDetail(id: number) {
  return useQuery({
    queryKey: commentKeys.one(id),
    queryFn: ({ signal }) => data(client.GET('/api/comments/{id}', { params: { path: { id } }, signal })),
    staleTime: 0,
  });
}

export function useItemComments(itemId: number) {
  return useQuery({
    queryKey: commentKeys.ofItem(itemId),
    queryFn: ({ signal }) => data(client.GET('/api/items/{id}/comments', { params: { path: { id: itemId } }, signal })),
  });
}

/** Any change to a comment: its page, the inbox and its counts, the todos. */
const staleAfterComment = () => [commentKeys.all, publicationKeys.all, statsKeys.publicationSummary, todoKeys.all];

export const useCommentAnswer = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/comments/{id}/answer'> }) =>
      data(client.POST('/api/comments/{id}/answer', { params: { path: { id } }, body })),
    staleAfterComment,
  );

export const useTransferComment = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/comments/{id}/transfer'> }) =>
      data(client.POST('/api/comments/{id}/transfer', { params: { path: { id } }, body })),
    staleAfterComment,
  );

export const useLinkCommentItem = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/comments/{id}/item'> }) =>
      data(client.POST('/api/comments/{id}/item', { params: { path: { id } }, body })),
    staleAfterComment,
  );

export const useAddCommentRemark = () =>
  useWrite(
    ({ id, body }: { id: number; body: BodyOf<'/api/comments/{id}/remarks'> }) =>
      data(client.POST('/api/comments/{id}/remarks', { params: { path: { id } }, body })),
    staleAfterComment,
  );
