import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addWorkLog,
  createInspection,
  createProblem,
  updateInspection,
  updateProblem,
} from '../../../commands/inspections.commands.ts';
import { archivedFilterOf } from '../../../domain/archive.ts';
import { authorizeInspection } from '../../../policies/authorize.ts';
import { readScope } from '../../../policies/policies.ts';
import { listInspections, listProblems, listWorkLog } from '../../../repositories/inspections.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { createdResponse, errorResponses, idParams, noContentResponse } from '../../schemas.ts';
import {
  createInspectionBody,
  createProblemBody,
  inspectionDetail,
  inspectionList,
  inspectionsQuery,
  patchInspectionBody,
  patchProblemBody,
  workLogBody,
} from './inspections.schema.ts';

export const inspectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/inspections',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['inspections'],
        summary: 'Inspections you can see',
        querystring: inspectionsQuery,
        response: { 200: inspectionList, ...errorResponses },
      },
    },
    async (request) => ({
      inspections: await listInspections(app.services.db, readScope(actorOf(request)), {
        ...request.query,
        archived: archivedFilterOf(request.query.archived, request.query),
      }),
      reportMonths: app.services.config.reportMonths,
    }),
  );

  app.get(
    '/inspections/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['inspections'],
        summary: 'One inspection with its feedback problems and work log',
        params: idParams,
        response: { 200: inspectionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const inspection = await authorizeInspection(contextOf(app, request), request.params.id, 'read');
      const [problems, workLog] = await Promise.all([
        listProblems(app.services.db, inspection.id),
        listWorkLog(app.services.db, inspection.id),
      ]);
      return { inspection, problems, workLog };
    },
  );

  app.post(
    '/inspections',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['inspections'],
        summary:
          'Record an inspection (team × unit × period); the report due date defaults to feedback + RECTIFY_REPORT_MONTHS',
        body: createInspectionBody,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await createInspection(contextOf(app, request), request.body) }),
  );

  app.patch(
    '/inspections/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['inspections'],
        summary: 'Edit an inspection’s dates, team or kind',
        params: idParams,
        body: patchInspectionBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...patch } = request.body;
      await updateInspection(contextOf(app, request), request.params.id, v, patch);
      return reply.status(204).send();
    },
  );

  app.post(
    '/inspections/:id/problems',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['feedback'],
        summary: 'Add a feedback problem (反馈问题)',
        params: idParams,
        body: createProblemBody,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await createProblem(contextOf(app, request), request.params.id, request.body) }),
  );

  app.post(
    '/inspections/:id/work-log',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['feedback'],
        summary: 'Log the unit’s rectification work (leading group, meetings, study sessions, check visits)',
        params: idParams,
        body: workLogBody,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await addWorkLog(contextOf(app, request), request.params.id, request.body) }),
  );

  app.patch(
    '/problems/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['feedback'],
        summary: 'Correct a feedback problem; its items follow a changed aspect',
        params: idParams,
        body: patchProblemBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...input } = request.body;
      await updateProblem(contextOf(app, request), request.params.id, v, input);
      return reply.status(204).send();
    },
  );
};
