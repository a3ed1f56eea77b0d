import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext } from '../../../context.ts';
import { prepareBinder } from '../../../ledger-io/binder/binder.ts';
import { prepareFilteredExport, prepareInspectionExport } from '../../../ledger-io/export/export.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition } from '../../download.ts';
import { idParams } from '../../schemas.ts';
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
};
