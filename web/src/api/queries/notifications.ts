import {
  type InfiniteData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { client, data, type ElementOf, type QueryOf, type ResponseOf } from '../client.ts';
import { notificationKeys } from './keys.ts';
import { useWrite } from './write.ts';

export type NotificationPage = ResponseOf<'/api/notifications'>;
export type Notification = ElementOf<NotificationPage['notifications']>;
export type Delivery = ElementOf<ResponseOf<'/api/notifications/deliveries'>['deliveries']>;

const UNREAD_POLL_MS = 60_000;

/** The header bell's count: polled every minute and whenever the window regains focus. */
export function useUnreadCount() {
  return useQuery({ ...unreadCountQuery, refetchInterval: UNREAD_POLL_MS, refetchOnWindowFocus: 'always' });
}

export const unreadCountQuery = queryOptions({
  queryKey: notificationKeys.unreadCount,
  queryFn: ({ signal }) => data(client.GET('/api/notifications/unread-count', { signal })),
});

/** The reader's notifications, newest first, a page at a time (each page continues before the last one's id). */
export function useNotifications(query: Omit<QueryOf<'/api/notifications'>, 'before'>) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(query),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      data(client.GET('/api/notifications', { params: { query: { ...query, before: pageParam } }, signal })),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}

/**
 * Marks notifications read in the lists already shown, without fetching them again: a row read under the "unread"
 * filter stays in view, marked read, until the list is loaded anew.
 */
function useMarkReadInPlace() {
  const queryClient = useQueryClient();
  return (isRead: (n: Notification) => boolean) => {
    const now = new Date().toISOString();
    queryClient.setQueriesData<InfiniteData<NotificationPage>>(
      { queryKey: [...notificationKeys.all, 'list'] },
      (old) =>
        old
          ? {
              ...old,
              pages: old.pages.map((page) => {
                const marked = page.notifications.filter((n) => !n.readAt && isRead(n)).length;
                return {
                  ...page,
                  unread: Math.max(0, page.unread - marked),
                  notifications: page.notifications.map((n) => (!n.readAt && isRead(n) ? { ...n, readAt: now } : n)),
                };
              }),
            }
          : old,
    );
    void queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount });
  };
}

export function useMarkRead() {
  const markInPlace = useMarkReadInPlace();
  return useMutation({
    mutationFn: (id: number) => data(client.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: (_result, id) => markInPlace((n) => n.id === id),
  });
}

export function useMarkAllRead() {
  const markInPlace = useMarkReadInPlace();
  return useMutation({
    mutationFn: () => data(client.POST('/api/notifications/read-all')),
    onSuccess: () => markInPlace(() => true),
  });
}

/** The outbox of e-mail and webhook reminders (administrators), the latest first. */
export function useDeliveries(query: QueryOf<'/api/notifications/deliveries'>) {
  return useQuery({
    queryKey: notificationKeys.deliveries(query),
    queryFn: ({ signal }) => data(client.GET('/api/notifications/deliveries', { params: { query }, signal })),
  });
}

/** Runs the reminder sweep now; what it sent shows in the outbox, the lists and the bell. */
export const useSweep = () =>
  useWrite(
    () => data(client.POST('/api/notifications/sweep')),
    () => [notificationKeys.all],
  );
