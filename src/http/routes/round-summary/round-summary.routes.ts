import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { renderRoundSummaryXlsx } from '../../../ledger-io/round-summary.ts';
import { renderRoundSummaryDocx } from '../../../notices/round-summary.ts';
import { getRoundSummary, listRoundReportStatuses } from '../../../queries/round-summary.queries.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition } from '../../download.ts';
import { errorResponses, fileDownload, idParams } from '../../schemas.ts';
import { roundReportStatusList, roundSummaryResponse } from './round-summary.schema.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Issue 15 (points 6 and 7): the round's summary upward and its 报送 list, the office's and the supervisors'. */
export const roundSummaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds/:id/summary',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'The round summary upward (汇总表): a row per unit inspected, and the totals (office, supervisors)',
        params: idParams,
        response: { 200: roundSummaryResponse, ...errorResponses },
      },
    },
    async (request) => getRoundSummary(contextOf(app, request), request.params.id),
  );

  app.get(
    '/rounds/:id/summary.xlsx',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'The round summary as .xlsx: A4 landscape, one page wide, the header repeated on every printed page',
        params: idParams,
        response: { 200: fileDownload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const summary = await getRoundSummary(contextOf(app, request), request.params.id);
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          contentDisposition('attachment', `${summary.roundName}整改情况汇总表.xlsx`, 'round-summary.xlsx'),
        )
        .header('cache-control', 'no-store')
        .send(await renderRoundSummaryXlsx(summary));
    },
  );

  app.get(
    '/rounds/:id/summary.docx',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary: 'The round’s 汇总报告 as .docx: the totals as sentences and the summary table, from the same figures',
        params: idParams,
        response: { 200: fileDownload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const summary = await getRoundSummary(contextOf(app, request), request.params.id);
      return reply
        .header('content-type', DOCX)
        .header(
          'content-disposition',
          contentDisposition('attachment', `${summary.roundName}整改情况汇总报告.docx`, 'round-summary.docx'),
        )
        .header('cache-control', 'no-store')
        .send(await renderRoundSummaryDocx(summary));
    },
  );

  app.get(
    '/rounds/:id/report-submissions',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['rounds'],
        summary:
          'Who in the round has and has not submitted their 整改情况报告 (报送), with dates and 文号 (office, supervisors)',
        params: idParams,
        response: { 200: roundReportStatusList, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await listRoundReportStatuses(contextOf(app, request), request.params.id);
      return { reports: rows.map(({ unitPath: _path, ...r }) => r) };
    },
  );
};
