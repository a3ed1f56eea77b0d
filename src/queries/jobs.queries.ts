import type { CommandContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { canSeeJob } from '../policies/policies.ts';
import { findJob, type Job } from '../repositories/jobs.repository.ts';

/** A job as its owner or the office sees it; 404 for anyone else, so job ids of other accounts reveal nothing. */
export async function getJob(ctx: CommandContext, id: number): Promise<Job> {
  const job = await findJob(ctx.db, id);
  if (!job || !canSeeJob(ctx.actor, job)) throw AppError.notFound('job', id);
  return job;
}
