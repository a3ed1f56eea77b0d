import type { FastifyPluginAsync } from 'fastify';
import {
  addWorkLog,
  createInspection,
  createProblem,
  inspectionScope,
  updateInspection,
  updateProblem,
} from '../../../commands/org.commands.ts';
import { readScope } from '../../../policies/policies.ts';
import {
  getInspection,
  INSPECTION_KINDS,
  type InspectionKind,
  listInspections,
  listProblems,
  listWorkLog,
  WORK_LOG_KINDS,
  type WorkLogKind,
} from '../../../repositories/inspections.repository.ts';
import { actorOf, contextOf } from '../../auth.ts';
import {
  createdResponse,
  errorResponses,
  type IdParams,
  id,
  idParams,
  isoDate,
  noContentResponse,
  nullableId,
  nullableIsoDate,
  nullableText,
  patchBody,
  text,
} from '../../schemas.ts';

export const inspectionSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    roundId: { type: 'integer' },
    roundName: { type: 'string' },
    teamId: { type: 'integer' },
    teamName: { type: 'string' },
    unitId: { type: 'integer' },
    unitName: { type: 'string' },
    kind: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    feedbackOn: { type: ['string', 'null'] },
    concentratedUntil: { type: ['string', 'null'] },
    reportDueOn: { type: ['string', 'null'] },
    version: { type: 'integer' },
  },
} as const;

const inspectionFields = {
  teamId: id,
  kind: { type: 'string', enum: INSPECTION_KINDS },
  from: isoDate,
  to: isoDate,
  feedbackOn: nullableIsoDate,
  concentratedUntil: nullableIsoDate,
  reportDueOn: nullableIsoDate,
} as const;

interface InspectionBody {
  roundId: number;
  teamId: number;
  unitId: number;
  kind: InspectionKind;
  from: string;
  to: string;
  feedbackOn: string | null;
  concentratedUntil: string | null;
  reportDueOn?: string | null;
}

export const inspectionRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { roundId?: number; unitId?: number; teamId?: number } }>(
    '/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Inspections you can see',
        querystring: {
          type: 'object',
          properties: { roundId: id, unitId: id, teamId: id },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              inspections: { type: 'array', items: inspectionSchema },
              reportMonths: {
                type: 'integer',
                description: 'months after feedback the report falls due when no date is given (RECTIFY_REPORT_MONTHS)',
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      inspections: await listInspections(app.services.db, readScope(actorOf(request)), request.query),
      reportMonths: app.services.config.reportMonths,
    }),
  );

  app.get<{ Params: IdParams }>(
    '/inspections/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'One inspection with its feedback problems and work log',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: {
              inspection: inspectionSchema,
              problems: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    aspectId: { type: ['integer', 'null'] },
                    number: { type: ['string', 'null'] },
                    title: { type: 'string' },
                    description: { type: ['string', 'null'] },
                    version: { type: 'integer' },
                  },
                },
              },
              workLog: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    kind: { type: 'string' },
                    heldOn: { type: 'string' },
                    title: { type: 'string' },
                    note: { type: ['string', 'null'] },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await inspectionScope(contextOf(app, request), request.params.id);
      const inspection = await getInspection(app.services.db, request.params.id);
      const [problems, workLog] = await Promise.all([
        listProblems(app.services.db, inspection.id),
        listWorkLog(app.services.db, inspection.id),
      ]);
      return { inspection, problems, workLog };
    },
  );

  app.post<{ Body: InspectionBody }>(
    '/inspections',
    {
      schema: {
        tags: ['inspections'],
        summary:
          'Record an inspection (team × unit × period); the report due date defaults to feedback + RECTIFY_REPORT_MONTHS',
        body: {
          type: 'object',
          required: ['roundId', 'teamId', 'unitId', 'kind', 'from', 'to'],
          properties: {
            roundId: id,
            unitId: id,
            ...inspectionFields,
            feedbackOn: { ...nullableIsoDate, default: null },
            concentratedUntil: { ...nullableIsoDate, default: null },
          },
          additionalProperties: false,
        },
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await createInspection(contextOf(app, request), request.body) }),
  );

  app.patch<{ Params: IdParams; Body: Partial<InspectionBody> & { version: number } }>(
    '/inspections/:id',
    {
      schema: {
        tags: ['inspections'],
        summary: 'Edit an inspection’s dates, team or kind',
        params: idParams,
        body: patchBody(inspectionFields),
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version: v, ...patch } = request.body;
      await updateInspection(contextOf(app, request), request.params.id, v, patch);
      return reply.status(204).send();
    },
  );

  app.post<{
    Params: IdParams;
    Body: { aspectId: number | null; number: string | null; title: string; description: string | null };
  }>(
    '/inspections/:id/problems',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Add a feedback problem (反馈问题)',
        params: idParams,
        body: {
          type: 'object',
          required: ['title'],
          properties: {
            aspectId: { ...nullableId, default: null },
            number: { ...nullableText(20), default: null },
            title: text(500),
            description: { ...nullableText(5000), default: null },
          },
          additionalProperties: false,
        },
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await createProblem(contextOf(app, request), request.params.id, request.body) }),
  );

  app.post<{ Params: IdParams; Body: { kind: WorkLogKind; heldOn: string; title: string; note: string | null } }>(
    '/inspections/:id/work-log',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Log the unit’s rectification work (leading group, meetings, study sessions, check visits)',
        params: idParams,
        body: {
          type: 'object',
          required: ['kind', 'heldOn', 'title'],
          properties: {
            kind: { type: 'string', enum: WORK_LOG_KINDS },
            heldOn: isoDate,
            title: text(200),
            note: { ...nullableText(5000), default: null },
          },
          additionalProperties: false,
        },
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await addWorkLog(contextOf(app, request), request.params.id, request.body) }),
  );

  app.patch<{
    Params: IdParams;
    Body: {
      version: number;
      aspectId?: number | null;
      number?: string | null;
      title?: string;
      description?: string | null;
    };
  }>(
    '/problems/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Correct a feedback problem; its items follow a changed aspect',
        params: idParams,
        body: patchBody({
          aspectId: nullableId,
          number: nullableText(20),
          title: text(500),
          description: nullableText(5000),
        }),
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
