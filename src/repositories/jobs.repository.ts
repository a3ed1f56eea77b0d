import type { Db } from '../db/database.ts';
import type { JobKind, JobStatus } from '../domain/jobs.ts';

export interface Job {
  id: number;
  kind: JobKind;
  status: JobStatus;
  progress: { done: number; total: number | null };
  phase: string | null;
  result: unknown;
  error: { key: string; params: unknown } | null;
  ownerId: number;
  unitPath: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
}

export interface NewJob {
  kind: JobKind;
  ownerId: number;
  unitPath: string;
  phase?: string;
}

export async function insertJob(db: Db, job: NewJob, now: Date): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      status: 'queued',
      phase: job.phase ?? null,
      owner_id: job.ownerId,
      unit_path: job.unitPath,
      created_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findJob(db: Db, id: number): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    progress: { done: row.progress_done, total: row.progress_total },
    phase: row.phase,
    result: row.result === null ? null : JSON.parse(row.result),
    error: row.error_key === null ? null : { key: row.error_key, params: JSON.parse(row.error_params ?? 'null') },
    ownerId: row.owner_id,
    unitPath: row.unit_path,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
  };
}

/** queued → running; false when the job is no longer queued (the sweep failed it meanwhile). */
export async function startJob(db: Db, id: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'running', started_at: now.toISOString(), heartbeat_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Progress doubles as the heartbeat: a running job that reports nothing for long is taken for dead. */
export async function reportJobProgress(
  db: Db,
  id: number,
  progress: { done: number; total: number | null; phase: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      progress_done: progress.done,
      progress_total: progress.total,
      phase: progress.phase,
      heartbeat_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function finishJob(db: Db, id: number, result: unknown, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: 'succeeded',
      result: JSON.stringify(result),
      finished_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function failJob(db: Db, id: number, error: { key: string; params: unknown }, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      error_key: error.key,
      error_params: JSON.stringify(error.params ?? null),
      finished_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/**
 * Jobs whose runner stopped beating (its process died) become failures with job_abandoned: nobody will finish them, and
 * an import's all-or-nothing transaction means nothing of theirs was written. Returns how many.
 */
export async function failStaleJobs(db: Db, heartbeatBefore: Date, now: Date): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      error_key: 'job_abandoned',
      error_params: 'null',
      finished_at: now.toISOString(),
    })
    .where('status', 'in', ['queued', 'running'])
    .where('heartbeat_at', '<', heartbeatBefore.toISOString())
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Finished jobs older than the cut-off, for removing the files they left (a binder not downloaded within the hour). */
export async function finishedJobsBefore(db: Db, kind: JobKind, before: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '=', 'succeeded')
    .where('finished_at', '<', before.toISOString())
    .execute();
  return rows.map((r) => r.id);
}
