import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ResultLabel } from '../../../domain/result.ts';
import type { WorkflowState } from '../../../domain/workflow.ts';
import { prepareBinder } from '../../../ledger-io/binder/binder.ts';
import { prepareFilteredExport, prepareInspectionExport } from '../../../ledger-io/export/export.ts';
import type { ItemFilter } from '../../../repositories/items.repository.ts';
import { contextOf } from '../../auth.ts';
import { errorResponses, type IdParams, idParams } from '../../schemas.ts';
import { listQuerySchema } from '../items/schema.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP = 'application/zip';

/** The ledger page's filters without its sorting and paging: an export is the whole selection, in ledger order. */
const {
  sort: _sort,
  order: _order,
  limit: _limit,
  offset: _offset,
  after: _after,
  ...filterProperties
} = listQuerySchema.properties;
const exportQuerySchema = { type: 'object', properties: filterProperties, additionalProperties: false } as const;

interface ExportQuery extends Omit<ItemFilter, 'text' | 'states' | 'results'> {
  q?: string;
  state?: WorkflowState[];
  result?: ResultLabel[];
}

/** `attachment` with an ASCII stand-in for old clients and the real (Chinese) name per RFC 5987 / RFC 6266. */
export function contentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const fileResponses = { 200: { description: 'the file, streamed' }, ...errorResponses, 413: errorResponses[400] };

/**
 * Starts the writer on a pass-through the reply streams from. Checks and loading ran before this, so refusals are
 * ordinary JSON errors; a failure once bytes have gone out can only cut the download short, and is logged.
 */
function stream(
  request: FastifyRequest,
  reply: FastifyReply,
  prepared: { fileName: string; write(output: PassThrough): Promise<unknown> },
  contentType: string,
  fallback: string,
) {
  const body = new PassThrough();
  prepared.write(body).catch((error: unknown) => {
    request.log.error({ err: error }, 'export failed while streaming');
    body.destroy(error as Error);
  });
  return reply
    .header('content-type', contentType)
    .header('content-disposition', contentDisposition(prepared.fileName, fallback))
    .header('cache-control', 'no-store')
    .send(body);
}

export const ledgerExportRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: ExportQuery }>(
    '/ledger/export.xlsx',
    {
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
      return stream(request, reply, prepared, XLSX, 'ledger.xlsx');
    },
  );

  app.get<{ Params: IdParams }>(
    '/inspections/:id/ledger.xlsx',
    {
      schema: {
        tags: ['ledger'],
        summary: 'One inspection’s ledger as .xlsx in the customary layout (the rows you may read)',
        params: idParams,
        response: fileResponses,
      },
    },
    async (request, reply) =>
      stream(
        request,
        reply,
        await prepareInspectionExport(contextOf(app, request), request.params.id),
        XLSX,
        'ledger.xlsx',
      ),
  );

  app.get<{ Params: IdParams }>(
    '/inspections/:id/binder.zip',
    {
      schema: {
        tags: ['ledger'],
        summary:
          'The evidence binder (整改资料册): a zip with a folder per aspect and item holding its evidence, and 索引.xlsx / 索引.docx',
        params: idParams,
        response: fileResponses,
      },
    },
    async (request, reply) =>
      stream(
        request,
        reply,
        await prepareBinder(contextOf(app, request), app.services.evidence, request.params.id),
        ZIP,
        'binder.zip',
      ),
  );
};
