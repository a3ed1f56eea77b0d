import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, data, type ElementOf, type ResponseOf } from '../client.ts';
import { todoKeys } from './keys.ts';

export type Todos = ResponseOf<'/api/todos'>;
export type TodoGroup = ElementOf<Todos['groups']>;

const TODO_POLL_MS = 60_000;

/**
 * 待办 with `limit` entries per kind (0: the counts alone, for the header). Polled as the bell is, and stale after every
 * write that moves work from one person to the next (items, orders, comments), through todoKeys.all.
 */
export function useTodos(limit: number) {
  return useQuery({ ...todosQuery(limit), refetchInterval: TODO_POLL_MS, refetchOnWindowFocus: 'always' });
}

export const todosQuery = (limit: number) =>
  queryOptions({
    queryKey: todoKeys.list(limit),
    queryFn: ({ signal }) => data(client.GET('/api/todos', { params: { query: { limit } }, signal })),
  });
