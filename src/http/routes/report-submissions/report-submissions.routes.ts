import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordReportSubmission } from '../../../commands/report-submissions.commands.ts';
import { withoutControlCharacters } from '../../../domain/file-names.ts';
import { appError } from '../../../errors.ts';
import { getInspectionReportSubmissions, reportSubmissionForDownload } from '../../../queries/round-summary.queries.ts';
import type { ReportSubmission } from '../../../repositories/report-submissions.repository.ts';
import { contextOf } from '../../auth.ts';
import { multipartField, sendStoredFile } from '../../download.ts';
import { errorResponses, fileDownload, idParams } from '../../schemas.ts';
import { inspectionReportResponse, recordedResponse } from './report-submissions.schema.ts';

const shown = ({ sha256: _sha, ...s }: ReportSubmission) => s;

/** Issue 15 (报送): the unit records that its 整改情况报告 was submitted; a second record corrects the first. */
export const reportSubmissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/inspections/:id/report-submission',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['inspections'],
        summary: 'The inspection’s 报送: the current record (null before one) and the corrected ones',
        params: idParams,
        response: { 200: inspectionReportResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { current, history } = await getInspectionReportSubmissions(contextOf(app, request), request.params.id);
      return { current: current ? shown(current) : null, history: history.map(shown) };
    },
  );

  app.post(
    '/inspections/:id/report-submission',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['inspections'],
        summary:
          'Record (or correct) the report’s submission: multipart fields submittedOn (YYYY-MM-DD, not in the future, not before feedback), docNumber (文号), note?, then the file (.docx or .pdf). The unit’s administrator or leaders; the office may correct',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: recordedResponse, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw appError('multipart_required');
      const part = await request.file();
      if (!part) throw appError('file_required');
      const field = (name: string) => multipartField(part, name) ?? '';
      const note = field('note').trim();
      const result = await recordReportSubmission(
        contextOf(app, request),
        app.services.evidence,
        request.params.id,
        { submittedOn: field('submittedOn'), docNumber: field('docNumber'), note: note ? note.slice(0, 500) : null },
        { fileName: withoutControlCharacters(part.filename), stream: part.file },
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/report-submissions/:id/file',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['inspections'],
        summary: 'Download a submitted report’s file (whoever may read the inspection)',
        params: idParams,
        response: { 200: fileDownload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const submission = await reportSubmissionForDownload(contextOf(app, request), request.params.id);
      return sendStoredFile(
        app.services.evidence,
        request,
        reply,
        { ...submission, inline: submission.contentType === 'application/pdf' },
        { reportSubmissionId: submission.id },
      );
    },
  );
};
