import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import {
  failJob,
  failStaleJobs,
  finishJob,
  insertJob,
  type NewJob,
  reportJobProgress,
  startJob,
} from '../repositories/jobs.repository.ts';
import { folderNow } from '../storage/folder-clock.ts';

/** A running job beats this often (besides its progress reports); one silent for STALE_AFTER_MS is taken for dead. */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 60_000;
/** A built file not downloaded within this is removed. */
export const JOB_FILE_TTL_MS = 60 * 60 * 1000;
/** Progress is written at most this often, so a fast loop does not turn into a stream of UPDATEs. */
const PROGRESS_EVERY_MS = 500;

export interface JobProgress {
  done: number;
  total: number | null;
  phase: string;
}

export interface JobRunnerOptions {
  db: Db;
  now: () => Date;
  /** RECTIFY_DATA_DIR/tmp: where jobs leave the files they build. */
  tmpDir: string;
  log?: { error(obj: unknown, msg: string): void };
}

/** The name a job's built file has in the temporary folder; the prefix is what the hourly clean-up looks for. */
export const jobFilePath = (tmpDir: string, jobId: number, extension: string) =>
  path.join(tmpDir, `job-${jobId}.${extension}`);

/**
 * Runs jobs in this process, off the request that started them: the request inserts the row and answers 202 with its id;
 * the work starts on the next turn of the event loop; its progress, result or error land in the row, which any server
 * reads. A heartbeat timer keeps the running jobs' rows fresh; the same timer fails other processes' jobs that went
 * silent and removes built files nobody fetched.
 */
export class JobRunner {
  private readonly running = new Map<number, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: JobRunnerOptions) {}

  get tmpDir(): string {
    return this.options.tmpDir;
  }

  /** Inserts the job (queued) and starts it; returns its id at once. */
  async start<T>(job: NewJob, work: (report: (p: JobProgress) => void, jobId: number) => Promise<T>): Promise<number> {
    const { db, now } = this.options;
    const id = await insertJob(db, job, now());
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.execute(id, work))
      // Only the job row's own writes can fail here (the database gone): the row is left to the stale-job sweep.
      .catch((error: unknown) => this.options.log?.error({ err: error, jobId: id }, 'job bookkeeping failed'))
      .finally(() => {
        this.running.delete(id);
      });
    this.running.set(id, done);
    this.ensureTimer();
    return id;
  }

  /** Resolves when the job (started by this process) has finished; immediately for any other. */
  async settled(id: number): Promise<void> {
    await this.running.get(id);
  }

  private async execute<T>(
    id: number,
    work: (report: (p: JobProgress) => void, jobId: number) => Promise<T>,
  ): Promise<void> {
    const { db, now } = this.options;
    if (!(await startJob(db, id, now()))) return;
    // Progress writes are chained, never awaited by the work: on SQLite a write issued while the import's transaction
    // holds the connection waits for the commit, and the work must not wait on it.
    let writes: Promise<unknown> = Promise.resolve();
    let lastWrite = 0;
    let latest: JobProgress | null = null;
    const flush = () => {
      const p = latest;
      if (!p) return;
      latest = null;
      lastWrite = Date.now();
      writes = writes.then(() => reportJobProgress(db, id, p, now())).catch(() => undefined);
    };
    const report = (p: JobProgress) => {
      latest = p;
      if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) flush();
    };
    try {
      const result = await work(report, id);
      flush();
      await writes;
      await finishJob(db, id, result, now());
    } catch (error) {
      await writes;
      const failure =
        error instanceof AppError
          ? { key: error.key, params: { params: error.params ?? null, details: error.details ?? null } }
          : { key: 'job_failed', params: null };
      if (!(error instanceof AppError)) this.options.log?.error({ err: error, jobId: id }, 'job failed');
      await failJob(db, id, failure, now());
    }
  }

  private ensureTimer() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Starts the periodic sweep even with no job of this process running (a server that only answers polls). */
  startSweeping(): void {
    this.ensureTimer();
    void this.tick();
  }

  /** One beat: this process's running jobs are alive; others' silent ones are dead; old built files go. */
  async tick(): Promise<void> {
    const { db, now, log } = this.options;
    try {
      const at = now();
      if (this.running.size > 0) {
        await db
          .updateTable('jobs')
          .set({ heartbeat_at: at.toISOString() })
          .where('id', 'in', [...this.running.keys()])
          .where('status', 'in', ['queued', 'running'])
          .execute();
      }
      await failStaleJobs(db, new Date(at.getTime() - STALE_AFTER_MS), at);
      // Files age by their folder's clock (folderNow), not the injected one nor this process's.
      await this.removeOldFiles();
    } catch (error) {
      log?.error({ err: error }, 'job sweep failed');
    }
  }

  private async removeOldFiles() {
    const names = (await readdir(this.options.tmpDir).catch(() => [] as string[])).filter((n) => n.startsWith('job-'));
    if (names.length === 0) return;
    const now = await folderNow(this.options.tmpDir);
    for (const name of names) {
      const file = path.join(this.options.tmpDir, name);
      const info = await stat(file).catch(() => null);
      if (info && now - info.mtimeMs > JOB_FILE_TTL_MS) await rm(file, { force: true });
    }
  }

  /** Stops the timer and waits for this process's jobs to finish (a graceful shutdown lets them complete). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running.values()]);
  }
}
