import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ERRORS, type ErrorKey, type Lang, preferredLang } from '../../../domain/error-codes.ts';
import { AppError, appError } from '../../../errors.ts';
import { jobFilePath } from '../../../jobs/runner.ts';
import { getJob } from '../../../queries/jobs.queries.ts';
import type { Job } from '../../../repositories/jobs.repository.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition } from '../../download.ts';
import { idParams } from '../../schemas.ts';
import { fileResponses } from '../ledger-exports/ledger-exports.schema.ts';
import { jobResponses } from './jobs.schema.ts';

/** What a finished job's stored error reads as: the same {code, message, details} as a refusal of the request would. */
function renderError(job: Job, lang: Lang) {
  if (!job.error) return null;
  const stored = job.error.params as { params?: unknown; details?: unknown } | null;
  const key: ErrorKey = job.error.key in ERRORS ? (job.error.key as ErrorKey) : 'job_failed';
  const error = new AppError(key, (stored?.params ?? undefined) as never, stored?.details ?? null);
  return { code: error.code, message: error.messageIn(lang), details: error.details ?? null };
}

/** A job that built a file says what the file is called; the download route sends it under that name. */
interface BuiltFile {
  fileName: string;
  extension: string;
  contentType: string;
}
const builtFileOf = (job: Job) => (job.result as { file?: BuiltFile } | null)?.file ?? null;

export const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/jobs/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['jobs'],
        summary:
          'A background job (ledger import, evidence binder): its status, progress, and then its result or error',
        description:
          'Poll until status is succeeded or failed. Only the account that started the job and the office see it; anyone else gets 404.',
        params: idParams,
        response: jobResponses,
      },
    },
    async (request) => {
      const job = await getJob(contextOf(app, request), request.params.id);
      const lang = preferredLang(request.headers['accept-language']);
      const file = job.status === 'succeeded' ? builtFileOf(job) : null;
      return {
        id: job.id,
        kind: job.kind,
        status: job.status,
        progress: job.progress,
        phase: job.phase,
        result: job.result,
        error: renderError(job, lang),
        download: file ? `/api/jobs/${job.id}/file` : null,
        createdAt: job.createdAt,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
      };
    },
  );

  app.get(
    '/jobs/:id/file',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['jobs'],
        summary:
          'The file a finished job built (the evidence binder), once: it is removed after the download, or after an hour',
        params: idParams,
        response: { ...fileResponses, 410: fileResponses[404] },
      },
    },
    async (request, reply) => {
      const job = await getJob(contextOf(app, request), request.params.id);
      const file = builtFileOf(job);
      if (job.status !== 'succeeded') throw appError('job_not_finished');
      if (!file) throw AppError.notFound('job file', job.id);
      const filePath = jobFilePath(app.services.jobs.tmpDir, job.id, file.extension);
      const size = await stat(filePath).then(
        (s) => s.size,
        () => null,
      );
      if (size === null) throw appError('job_file_gone');
      const body = createReadStream(filePath);
      // Removed once sent (the hourly sweep removes what nobody fetched): the binder holds evidence, it should not linger.
      reply.raw.on('finish', () => void rm(filePath, { force: true }));
      return reply
        .header('content-type', file.contentType)
        .header('content-length', size)
        .header(
          'content-disposition',
          contentDisposition('attachment', file.fileName, `job-${job.id}.${file.extension}`),
        )
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
