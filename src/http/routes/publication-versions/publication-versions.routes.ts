import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { prepareDraft, stepPublicationVersion } from '../../../commands/publication-versions.commands.ts';
import {
  awaitingVersionsFor,
  inspectionPublishingFor,
  versionFor,
  versionView,
} from '../../../queries/publication-versions.queries.ts';
import { contextOf } from '../../auth.ts';
import {
  awaitingResponses,
  createdVersionResponses,
  draftBody,
  idParams,
  publishingResponses,
  returnBody,
  stepBody,
  versionResponses,
  versionWithTextResponses,
} from './publication-versions.schema.ts';

const tags = ['publications'];

/**
 * Issue 15 (point 1): publishing as a workflow. The publisher prepares a draft (the notice frozen with its one public
 * period) and submits it; the unit's leader approves or returns it; where RECTIFY_PUBLICATION_OFFICE_APPROVAL is on,
 * the office approves after the leader; the last approval publishes. A published notice is corrected the same way.
 */
export const publicationVersionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/inspections/:id/publishing',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'An inspection’s publishing: the current publication, the version on its way, and every version',
        params: idParams,
        response: publishingResponses,
      },
    },
    async (request) => inspectionPublishingFor(contextOf(app, request), request.params.id),
  );

  app.post(
    '/inspections/:id/publication-versions',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Prepare a draft: the public notice frozen as generated now with its public period (a correction when a notice is published); replaces an open draft, 409 while one is under review',
        params: idParams,
        body: draftBody,
        response: createdVersionResponses,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(app, request);
      return reply.status(201).send(versionView(ctx, await prepareDraft(ctx, request.params.id, request.body)));
    },
  );

  // Registered before /publication-versions/:id so that "awaiting" is never read as an id.
  app.get(
    '/publication-versions/awaiting',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Versions waiting for the caller’s approval (a unit leader’s, the office’s), oldest first',
        response: awaitingResponses,
      },
    },
    async (request) => ({ versions: await awaitingVersionsFor(contextOf(app, request)) }),
  );

  app.get(
    '/publication-versions/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'One version with its frozen text',
        params: idParams,
        response: versionWithTextResponses,
      },
    },
    async (request) => versionFor(contextOf(app, request), request.params.id),
  );

  for (const action of ['submit', 'approve'] as const) {
    app.post(
      `/publication-versions/:id/${action}`,
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary:
            action === 'submit'
              ? 'Submit a draft (or a returned version) for approval'
              : 'Approve a version: the unit leader’s step, then the office’s where configured; the last approval publishes',
          params: idParams,
          body: stepBody,
          response: versionResponses,
        },
      },
      async (request) => {
        const ctx = contextOf(app, request);
        return versionView(ctx, await stepPublicationVersion(ctx, request.params.id, action, request.body));
      },
    );
  }

  app.post(
    '/publication-versions/:id/return',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Return a version to the publisher with a reason',
        params: idParams,
        body: returnBody,
        response: versionResponses,
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      return versionView(ctx, await stepPublicationVersion(ctx, request.params.id, 'return', request.body));
    },
  );
};
