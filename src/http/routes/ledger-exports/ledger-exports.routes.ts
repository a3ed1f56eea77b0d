import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext } from '../../../context.ts';
import { archivedFilterOf } from '../../../domain/archive.ts';
import { jobFilePath } from '../../../jobs/runner.ts';
import { prepareBinder } from '../../../ledger-io/binder/binder.ts';
import { prepareFilteredExport, prepareInspectionExport } from '../../../ledger-io/export/export.ts';
import { authorizeInspection } from '../../../policies/authorize.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition } from '../../download.ts';
import { errorResponses, idParams } from '../../schemas.ts';
import { jobStarted } from '../jobs/jobs.schema.ts';
import { exportQuerySchema, fileResponses } from './ledger-exports.schema.ts';

/** What a download is sent as, with the ASCII name old clients save it under. */
interface FileType {
  contentType: string;
  fallback: string;
}
const LEDGER_XLSX: FileType = {
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  fallback: 'ledger.xlsx',
};
const BINDER_ZIP: FileType = { contentType: 'application/zip', fallback: 'binder.zip' };

/**
 * Starts the writer on a pass-through the reply streams from. Checks and loading ran before this, so refusals are
 * ordinary JSON errors; a failure once bytes have gone out can only cut the download short, and is logged.
 */
interface Prepared {
  fileName: string;
  write(output: PassThrough): Promise<unknown>;
}

function stream(request: FastifyRequest, reply: FastifyReply, prepared: Prepared, type: FileType) {
  const body = new PassThrough();
  prepared.write(body).catch((error: unknown) => {
    request.log.error({ err: error }, 'export failed while streaming');
    body.destroy(error as Error);
  });
  return reply
    .header('content-type', type.contentType)
    .header('content-disposition', contentDisposition('attachment', prepared.fileName, type.fallback))
    .header('cache-control', 'no-store')
    .send(body);
}

export const ledgerExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ledger/export.xlsx',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['ledger'],
        summary:
          'The ledger page’s current selection as .xlsx in the customary layout (整改台账), one sheet per inspection; same filters as GET /items, without sort and paging',
        querystring: exportQuerySchema,
        response: fileResponses,
      },
    },
    async (request, reply) => {
      const { q, state, result, ...filter } = request.query;
      const prepared = await prepareFilteredExport(contextOf(app, request), {
        ...filter,
        text: q,
        states: state,
        results: result,
        archived: archivedFilterOf(filter.archived, filter),
      });
      return stream(request, reply, prepared, LEDGER_XLSX);
    },
  );

  /** A file about one inspection: same parameters, same refusals, streamed the same way. */
  const inspectionFile = (
    url: string,
    summary: string,
    type: FileType,
    prepare: (ctx: CommandContext, inspectionId: number) => Promise<Prepared>,
  ) =>
    app.get(
      url,
      {
        config: { access: 'signedIn' },
        schema: { tags: ['ledger'], summary, params: idParams, response: fileResponses },
      },
      async (request, reply) => stream(request, reply, await prepare(contextOf(app, request), request.params.id), type),
    );

  inspectionFile(
    '/inspections/:id/ledger.xlsx',
    'One inspection’s ledger as .xlsx in the customary layout (the rows you may read)',
    LEDGER_XLSX,
    prepareInspectionExport,
  );
  inspectionFile(
    '/inspections/:id/binder.zip',
    'The evidence binder (整改资料册): a zip with a folder per aspect and item holding its evidence, and 索引.xlsx / 索引.docx',
    BINDER_ZIP,
    (ctx, inspectionId) => prepareBinder(ctx, app.services.evidence, inspectionId),
  );

  /**
   * The binder as a background job (issue 12): a binder of thousands of files takes minutes to stream, longer than a
   * proxy keeps a request open, so the web starts a job, polls GET /api/jobs/:id (files done of total) and fetches the
   * built zip from GET /api/jobs/:id/file. The zip is written to RECTIFY_DATA_DIR/tmp and removed after the download or
   * after an hour. The streamed GET …/binder.zip above stays for scripts and the same refusals apply to both.
   */
  app.post(
    '/inspections/:id/binder-jobs',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['ledger'],
        summary: 'Start building the evidence binder (整改资料册) in the background; answers 202 with the job to poll',
        params: idParams,
        response: { 202: jobStarted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(app, request);
      const inspection = await authorizeInspection(ctx, request.params.id, 'read');
      const { jobs, evidence } = app.services;
      const jobId = await jobs.start(
        { kind: 'binder', ownerId: ctx.actor.id, unitPath: inspection.unitPath, phase: 'files' },
        async (report, id) => {
          const prepared = await prepareBinder(ctx, evidence, request.params.id);
          await mkdir(jobs.tmpDir, { recursive: true });
          const filePath = jobFilePath(jobs.tmpDir, id, 'zip');
          const output = createWriteStream(filePath);
          let written: { files: number; bytes: number };
          try {
            written = await prepared.write(output, (done, total) => report({ phase: 'files', done, total }));
            await finished(output);
          } catch (error) {
            // A half-written binder is of no use to anyone; the job's error says what went wrong.
            output.destroy();
            await rm(filePath, { force: true });
            throw error;
          }
          return {
            ...written,
            file: { fileName: prepared.fileName, extension: 'zip', contentType: BINDER_ZIP.contentType },
          };
        },
      );
      return reply.status(202).send({ jobId });
    },
  );
};
