import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data, download, type ElementOf, href, type QueryOf, type ResponseOf } from '../client.ts';

export type AuditEvent = ElementOf<ResponseOf<'/api/audit-events'>['events']>;
export type ChainCheck = ResponseOf<'/api/audit-events/verify'>;

const auditKeys = {
  all: ['audit'] as const,
  list: (query: QueryOf<'/api/audit-events'>) => ['audit', 'events', query] as const,
  verify: ['audit', 'verify'] as const,
};

/** The raw trail, newest first: the security auditor's (the server decides who may read it). */
export function useAuditEvents(query: QueryOf<'/api/audit-events'>) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => data(client.GET('/api/audit-events', { params: { query }, signal })),
  });
}

/** Recomputes the chain on the server; run when asked, since it reads the whole trail. */
export function useVerifyAuditChain() {
  return useQuery({
    queryKey: auditKeys.verify,
    queryFn: ({ signal }) => data(client.GET('/api/audit-events/verify', { signal })),
    enabled: false,
    retry: false,
  });
}

/** The whole trail with hashes, numbers and a signed checkpoint, for keeping off-site; the export is itself audited. */
export function useExportAuditTrail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (format: 'jsonl' | 'csv') =>
      download(href('/api/audit-events/export', { query: { format } }), `audit-trail.${format}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
