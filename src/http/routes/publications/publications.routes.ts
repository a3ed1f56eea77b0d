import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withdrawPublication } from '../../../commands/publications.commands.ts';
import {
  getPublicationFor,
  listPublicationsFor,
  previewPublication,
  publicationSummaryFor,
} from '../../../queries/publications.queries.ts';
import { contextOf } from '../../auth.ts';
import {
  idParams,
  listQuery,
  listResponses,
  previewQuery,
  previewResponses,
  publicationResponses,
  summaryResponses,
  withdrawBody,
} from './publications.schema.ts';

const tags = ['publications'];

export const publicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/publications',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Published notices the caller may read, newest first',
        querystring: listQuery,
        response: listResponses,
      },
    },
    async (request) => ({ publications: await listPublicationsFor(contextOf(app, request), request.query) }),
  );

  // Registered before /publications/:id so that "summary" is never read as an id.
  app.get(
    '/publications/summary',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'For the dashboards: notices public today and their comments (total, open, handled)',
        response: summaryResponses,
      },
    },
    async (request) => publicationSummaryFor(contextOf(app, request)),
  );

  app.get(
    '/publications/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'One publication with its state today',
        params: idParams,
        response: publicationResponses,
      },
    },
    async (request) => getPublicationFor(contextOf(app, request), request.params.id),
  );

  app.get(
    '/inspections/:id/publications/preview',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The public notice as it would be published now (with the given period), and the linter’s findings',
        params: idParams,
        querystring: previewQuery,
        response: previewResponses,
      },
    },
    async (request) => {
      const { publicFrom, publicTo } = request.query;
      const period = publicFrom && publicTo ? { publicFrom, publicTo } : undefined;
      const p = await previewPublication(contextOf(app, request), request.params.id, period);
      return {
        title: p.title,
        text: p.body.text,
        findings: p.findings,
        publicFrom: p.writing.publicFrom,
        publicTo: p.writing.publicTo,
      };
    },
  );

  app.post(
    '/publications/:id/withdraw',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Withdraw a notice from the portal before its period ends',
        params: idParams,
        body: withdrawBody,
        response: publicationResponses,
      },
    },
    async (request) => withdrawPublication(contextOf(app, request), request.params.id, request.body.version),
  );
};
