import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { saveNoticeDraft } from '../../../commands/notices.commands.ts';
import { CONTENT_TYPES, documentFileName, renderDocument } from '../../../notices/generate/index.ts';
import { lintNotice } from '../../../notices/lint.ts';
import { generateDocument, getNoticeDraft, lintGeneratedNotice } from '../../../queries/notices.queries.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition } from '../../download.ts';
import {
  documentParams,
  documentQuery,
  documentResponses,
  draftResponses,
  findingsResponses,
  idParams,
  lintBody,
  lintResponses,
  MAX_LINT_BYTES,
  saveDraftBody,
  savedResponses,
} from './notices.schema.ts';

export const noticeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registered before /documents/:kind so that "notice/lint" is never read as a kind.
  app.get(
    '/inspections/:id/documents/notice/lint',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notices'],
        summary: 'Lint the public notice as generated now, against the public items of the ledger',
        params: idParams,
        response: findingsResponses,
      },
    },
    async (request) => ({ findings: await lintGeneratedNotice(contextOf(app, request), request.params.id) }),
  );

  app.get(
    '/inspections/:id/documents/:kind',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notices'],
        summary:
          'The notice or a report generated from the ledger: .docx (GB/T 9704), OFD (GB/T 33190), Markdown, HTML or text; public=false (internal roles only) keeps the 不宜公开 items',
        params: documentParams,
        querystring: documentQuery,
        response: documentResponses,
      },
    },
    async (request, reply) => {
      const { id, kind } = request.params;
      const { format } = request.query;
      const doc = await generateDocument(contextOf(app, request), id, kind, { publicVersion: request.query.public });
      const body = await renderDocument(doc, format);
      const fallback = `${kind}-${id}${doc.publicVersion ? '' : '-internal'}.${format}`;
      reply
        .header('content-type', CONTENT_TYPES[format])
        .header(
          'content-disposition',
          contentDisposition(
            format === 'docx' || format === 'ofd' ? 'attachment' : 'inline',
            documentFileName(doc, format),
            fallback,
          ),
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store');
      // The HTML preview carries text the unit typed: no scripts, no outside resources.
      if (format === 'html') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return reply.send(body);
    },
  );

  app.get(
    '/inspections/:id/documents/:kind/draft',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notices'],
        summary:
          'What the unit wrote for a document (version 0 and empty when nothing is saved yet), with facts from the work log to cite in 一、',
        params: documentParams,
        response: draftResponses,
      },
    },
    async (request) => getNoticeDraft(contextOf(app, request), request.params.id, request.params.kind),
  );

  app.put(
    '/inspections/:id/documents/:kind/draft',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notices'],
        summary: 'Save what the unit wrote (replaces the draft whole) at the version read; 409 when stale',
        params: documentParams,
        body: saveDraftBody,
        response: savedResponses,
      },
    },
    async (request) => {
      const { version, ...writing } = request.body;
      return saveNoticeDraft(contextOf(app, request), request.params.id, request.params.kind, version, writing);
    },
  );

  app.post(
    '/notices/lint',
    {
      config: { access: 'signedIn' },
      // The JSON envelope adds a few bytes; anything beyond the text limit is refused with 413 before it is parsed.
      bodyLimit: MAX_LINT_BYTES + 4096,
      schema: {
        tags: ['notices'],
        summary: 'Check a pasted notice: totals, date order, public period, contacts, results, numbering',
        body: lintBody,
        response: lintResponses,
      },
    },
    async (request) => ({ findings: lintNotice(request.body.text) }),
  );
};
