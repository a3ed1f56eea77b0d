import { keepPreviousData, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';

/** A refusal (4xx) answers the same the second time; a dropped connection or a server error may not. */
const worthRetrying = (failures: number, error: unknown) =>
  failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: worthRetrying,
      // Writes invalidate what they change (queries/), so data younger than this comes from the cache when a page opens.
      staleTime: 30_000,
      // A page keeps showing what it had while the next filter, page or item loads, instead of flashing empty.
      placeholderData: keepPreviousData,
      // The pages refresh where the work asks for it (the notification bell on focus); a table does not reload under
      // the reader's eyes because the window was switched.
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});
