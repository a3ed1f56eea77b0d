import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addOrderFile,
  editSupervisionOrder,
  orderFileForDownload,
  recallSupervisionOrder,
  removeOrderFile,
  scheduleLookbacksFor,
} from '../../../commands/supervision-documents.commands.ts';
import { withoutControlCharacters } from '../../../domain/file-names.ts';
import { appError } from '../../../errors.ts';
import { OFD_CONTENT_TYPE, renderOrderNoticeOfd } from '../../../notices/generate/ofd.ts';
import { docxToPdf } from '../../../notices/generate/pdf.ts';
import { orderNoticeFileName, renderOrderNoticeDocx } from '../../../notices/generate/supervision-notice.ts';
import { orderNoticeOf, withOrderFiles } from '../../../queries/order-documents.queries.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition, sendStoredFile } from '../../download.ts';
import { errorResponses, fileDownload, idParams, noContentResponse } from '../../schemas.ts';
import {
  bulkLookbackBody,
  bulkLookbackResponses,
  editOrderBody,
  orderFileResponses,
  recallOrderBody,
} from './order-documents.schema.ts';
import { orderResponses } from './supervision.schema.ts';

const tags = ['supervision'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Issue 15: 督办 as documents — the 通知书, edit and recall while unanswered, the answer's files, 回头看 in bulk. */
export const orderDocumentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const shownOrder = async (ctx: ReturnType<typeof contextOf>, order: Parameters<typeof withOrderFiles>[1][number]) =>
    (await withOrderFiles(ctx, [order]))[0];

  app.patch(
    '/supervision/orders/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The office edits an unanswered order (title, content, due date) at the version read; answered: 409',
        params: idParams,
        body: editOrderBody,
        response: orderResponses,
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      return shownOrder(ctx, await editSupervisionOrder(ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/supervision/orders/:id/recall',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'The office recalls (撤回) an unanswered order: it leaves the unit’s list and the unit is told; answered: 409',
        params: idParams,
        body: recallOrderBody,
        response: orderResponses,
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      return shownOrder(ctx, await recallSupervisionOrder(ctx, request.params.id, request.body));
    },
  );

  for (const ext of ['docx', 'pdf'] as const) {
    app.get(
      `/supervision/orders/:id/document.${ext}`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary:
            ext === 'docx'
              ? 'The order’s 督办通知书 as .docx (GB/T 9704 layout, 文号 under the red header)'
              : 'The 督办通知书 as PDF through LibreOffice; 503 soffice_missing where it is not installed',
          params: idParams,
          response: { 200: fileDownload, ...errorResponses, 502: errorResponses[400], 503: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(app, request);
        const notice = await orderNoticeOf(ctx, request.params.id);
        const docx = await renderOrderNoticeDocx(notice);
        const bytes = ext === 'docx' ? docx : await docxToPdf(docx, ctx.config.sofficePath);
        return reply
          .header('content-type', ext === 'docx' ? DOCX : 'application/pdf')
          .header(
            'content-disposition',
            contentDisposition(
              'attachment',
              orderNoticeFileName(notice, ext),
              `supervision-order-${request.params.id}.${ext}`,
            ),
          )
          .header('x-content-type-options', 'nosniff')
          .send(bytes);
      },
    );
  }

  // Issue 16: the same 通知书 as OFD (GB/T 33190), laid out on the .docx's page and fonts.
  app.get(
    '/supervision/orders/:id/document.ofd',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The 督办通知书 as OFD (GB/T 33190: A4, the .docx’s margins and fonts, the red rule under the 文号)',
        params: idParams,
        response: { 200: fileDownload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const notice = await orderNoticeOf(contextOf(app, request), request.params.id);
      return reply
        .header('content-type', OFD_CONTENT_TYPE)
        .header(
          'content-disposition',
          contentDisposition(
            'attachment',
            orderNoticeFileName(notice, 'ofd'),
            `supervision-order-${request.params.id}.ofd`,
          ),
        )
        .header('x-content-type-options', 'nosniff')
        .send(renderOrderNoticeOfd(notice));
    },
  );

  app.post(
    '/supervision/orders/:id/files',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'The unit attaches one file to its answer (multipart, the evidence types and upload limit) while the order is open or returned',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: orderFileResponses,
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw appError('multipart_required');
      const part = await request.file();
      if (!part) throw appError('file_required');
      const { sha256: _sha, ...file } = await addOrderFile(
        contextOf(app, request),
        app.services.evidence,
        request.params.id,
        { fileName: withoutControlCharacters(part.filename), stream: part.file },
      );
      return reply.status(201).send(file);
    },
  );

  app.get(
    '/supervision/order-files/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Download a file of an answer (whoever sees the order; another unit: 404)',
        params: idParams,
        response: { 200: fileDownload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await orderFileForDownload(contextOf(app, request), request.params.id);
      return sendStoredFile(
        app.services.evidence,
        request,
        reply,
        { ...file, inline: false },
        { supervisionOrderFileId: file.id },
      );
    },
  );

  app.delete(
    '/supervision/order-files/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The unit removes a file from an answer it has not sent',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await removeOrderFile(contextOf(app, request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/supervision/lookbacks/bulk',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Schedule 回头看 for every closed item of a unit or a round that has none pending, in one transaction; returns the count',
        body: bulkLookbackBody,
        response: bulkLookbackResponses,
      },
    },
    async (request, reply) => reply.status(201).send(await scheduleLookbacksFor(contextOf(app, request), request.body)),
  );
};
