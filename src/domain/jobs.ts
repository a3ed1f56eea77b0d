/** Long work run off the request path (issue 12): what kinds there are and the states a job passes through. */
export const JOB_KINDS = ['ledger_import', 'binder'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** queued → running → succeeded | failed; a job whose server died is failed by the sweep (job_abandoned). */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const isFinished = (status: JobStatus) => status === 'succeeded' || status === 'failed';
