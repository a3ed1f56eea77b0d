import { buffer } from 'node:stream/consumers';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { appError } from '../../../errors.ts';
import { ofdPreviewHtml, readOfd } from '../../../notices/generate/ofd-reader.ts';
import { extensionOf, OFFICE_PREVIEW_TYPES, officePreviewPdf } from '../../../notices/office-preview.ts';
import { authorizeItem } from '../../../policies/authorize.ts';
import { getEvidence } from '../../../repositories/item-parts.repository.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition } from '../../download.ts';
import { errorResponses, fileDownload, idParams } from '../../schemas.ts';

/**
 * Issue 16: evidence seen in the browser without an OFD reader or Office: an OFD as HTML of SVG pages drawn from its
 * text and paths (Rectify's reader: text, rules; images and embedded fonts are not drawn), Office files as PDF through
 * LibreOffice where it is installed, converted once and kept under the file's sha256 (src/notices/office-preview.ts).
 * Whoever may read the item may preview.
 */
export const evidencePreviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/evidence/:id/preview',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['progress'],
        summary:
          'Preview an evidence file: OFD as HTML pages, Word/Excel/PowerPoint/WPS as PDF through LibreOffice (503 where missing); others 415',
        params: idParams,
        response: {
          200: fileDownload,
          ...errorResponses,
          415: errorResponses[400],
          422: errorResponses[400],
          502: errorResponses[400],
          503: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(app, request);
      const evidence = await getEvidence(app.services.db, request.params.id);
      await authorizeItem(ctx, evidence.itemId, 'read');
      const ext = extensionOf(evidence.fileName);
      const isOfd = evidence.contentType === 'application/ofd';
      if (!isOfd && !OFFICE_PREVIEW_TYPES.has(ext)) throw appError('preview_unavailable');
      const open = async () => buffer(await app.services.evidence.open(evidence.sha256));
      reply.header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store');
      if (isOfd) {
        const bytes = await open();
        let html: string;
        try {
          html = ofdPreviewHtml(readOfd(bytes));
        } catch {
          throw appError('ofd_unreadable');
        }
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
          .send(html);
      }
      const pdf = await officePreviewPdf(evidence, open, ctx.config);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('inline', `${evidence.fileName}.pdf`))
        .send(pdf);
    },
  );
};
