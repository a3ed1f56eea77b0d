import { useQuery } from '@tanstack/react-query';
import { type BodyOf, client, data, type ElementOf, type QueryOf, type ResponseOf } from '../client.ts';
import { viewKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type SavedView = ElementOf<ResponseOf<'/api/views'>['views']>;
/** What a view keeps of its page: filters, sort, columns, page size. */
export type ViewState = BodyOf<'/api/views'>['state'];
type Page = QueryOf<'/api/views'>['page'];

/** The reader's saved views of a page (kept on the server, so they follow the reader to another computer). */
export function useViews(page: Page) {
  return useQuery({
    queryKey: viewKeys.list(page),
    queryFn: ({ signal }) => data(client.GET('/api/views', { params: { query: { page } }, signal })),
  });
}

export const useSaveView = () =>
  useWrite(
    (body: BodyOf<'/api/views'>) => data(client.POST('/api/views', { body })),
    () => [viewKeys.all],
  );

export const useDeleteView = () =>
  useWrite(
    (id: number) => data(client.DELETE('/api/views/{id}', { params: { path: { id } } })),
    () => [viewKeys.all],
  );
