import { useQuery } from '@tanstack/react-query';
import { ApiError, client, data, type ResponseOf } from '../client.ts';
import { jobKeys } from './keys.ts';

export type Job = ResponseOf<'/api/jobs/{id}'>;

const POLL_MS = 1000;

export const isJobFinished = (job: Job | undefined) => job?.status === 'succeeded' || job?.status === 'failed';

/** A background job, polled every second until it has succeeded or failed; null: none yet. */
export function useJob(jobId: number | null) {
  return useQuery({
    queryKey: jobKeys.one(jobId),
    queryFn: ({ signal }) => data(client.GET('/api/jobs/{id}', { params: { path: { id: jobId as number } }, signal })),
    enabled: jobId !== null,
    refetchInterval: (query) => (isJobFinished(query.state.data) ? false : POLL_MS),
  });
}

/** A failed job's error as the error of a refused request, so ErrorAlert and the refusal's details read it alike. */
export const jobError = (job: Job): ApiError | null =>
  job.error ? new ApiError(500, job.error.code, job.error.message, job.error.details) : null;

/** Percent done when the total is known; null while it is not (the file is still being read). */
export const jobPercent = (job: Job | undefined): number | null =>
  job?.progress.total ? Math.min(100, Math.round((job.progress.done / job.progress.total) * 100)) : null;
