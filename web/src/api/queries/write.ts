import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A write, then every query it made stale is fetched again. The refetch is not awaited: a dialog closes as soon as the
 * server has said yes, and the page behind it updates when the fresh data arrives.
 */
export function useWrite<V, R>(call: (variables: V) => Promise<R>, stale: (variables: V) => readonly QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (_result, variables) => {
      for (const queryKey of stale(variables)) void queryClient.invalidateQueries({ queryKey });
    },
  });
}
