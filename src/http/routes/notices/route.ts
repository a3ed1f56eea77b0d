import type { FastifyPluginAsync } from 'fastify';
import { getNoticeDraft, saveNoticeDraft } from '../../../commands/notices.commands.ts';
import type { DocumentKind, NoticeWriting } from '../../../domain/notice-writing.ts';
import { lintNotice } from '../../../notices/lint.ts';
import { contextOf } from '../../auth.ts';
import {
  documentParams,
  draftResponses,
  lintBody,
  lintResponses,
  MAX_LINT_BYTES,
  saveDraftBody,
  savedResponses,
} from './schema.ts';

interface DocumentParams {
  id: number;
  kind: DocumentKind;
}

export const noticeRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: DocumentParams }>(
    '/inspections/:id/documents/:kind/draft',
    {
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

  app.put<{ Params: DocumentParams; Body: NoticeWriting & { version: number } }>(
    '/inspections/:id/documents/:kind/draft',
    {
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

  app.post<{ Body: { text: string } }>(
    '/notices/lint',
    {
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
