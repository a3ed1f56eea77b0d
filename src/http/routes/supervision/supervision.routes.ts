import type { FastifyPluginAsync } from 'fastify';
import {
  answerSupervisionOrder,
  closeSupervisionOrder,
  createSupervisionOrders,
  type EvaluationInput,
  listEvaluationsFor,
  listLookbacksFor,
  listSupervisionOrders,
  type NewSupervisionOrders,
  recordLookbackResult,
  returnSupervisionOrder,
  saveEvaluation,
  scheduleLookback,
} from '../../../commands/supervision.commands.ts';
import { CHECKLIST_TOTAL, DEFAULT_CHECKLIST, GRADE_BANDS } from '../../../domain/evaluation.ts';
import type { LookbackStatus, OrderFilter } from '../../../repositories/supervision.repository.ts';
import { contextOf } from '../../auth.ts';
import { createdResponse, errorResponses, type IdParams, idParams } from '../../schemas.ts';
import {
  answerBody,
  checklistSchema,
  createOrdersBody,
  evaluationSchema,
  listEvaluationsQuery,
  listLookbacksQuery,
  listOrdersQuery,
  lookbackResultBody,
  lookbackSchema,
  orderSchema,
  returnBody,
  saveEvaluationBody,
  scheduleLookbackBody,
  versionBody,
} from './supervision.schema.ts';

const tags = ['supervision'];
const orderResponse = { 200: orderSchema, ...errorResponses } as const;

/** 督办, 回头看 and 整改评估: the inspection office's pressure on units and its checks that fixed problems stay fixed. */
export const supervisionRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: NewSupervisionOrders }>(
    '/supervision/orders',
    {
      schema: {
        tags,
        summary:
          'Send one supervision order (督办) to one or many units or items, all or nothing; flagItems marks the items 挂牌督办',
        body: createOrdersBody,
        response: {
          201: {
            type: 'object',
            properties: { batch: { type: 'string' }, ids: { type: 'array', items: { type: 'integer' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSupervisionOrders(contextOf(app, request), request.body)),
  );

  app.get<{ Querystring: OrderFilter }>(
    '/supervision/orders',
    {
      schema: {
        tags,
        summary: 'Supervision orders in your part of the tree, by due date; overdue is derived',
        querystring: listOrdersQuery,
        response: {
          200: { type: 'object', properties: { orders: { type: 'array', items: orderSchema } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ orders: await listSupervisionOrders(contextOf(app, request), request.query) }),
  );

  app.post<{ Params: IdParams; Body: { answer: string; version: number } }>(
    '/supervision/orders/:id/answer',
    {
      schema: {
        tags,
        summary: "The unit's answer to an open or returned order",
        params: idParams,
        body: answerBody,
        response: orderResponse,
      },
    },
    async (request) => answerSupervisionOrder(contextOf(app, request), request.params.id, request.body),
  );

  app.post<{ Params: IdParams; Body: { version: number } }>(
    '/supervision/orders/:id/close',
    {
      schema: {
        tags,
        summary: 'The office closes an answered order',
        params: idParams,
        body: versionBody,
        response: orderResponse,
      },
    },
    async (request) => closeSupervisionOrder(contextOf(app, request), request.params.id, request.body),
  );

  app.post<{ Params: IdParams; Body: { reason: string; version: number } }>(
    '/supervision/orders/:id/return',
    {
      schema: {
        tags,
        summary: 'The office returns an answer for more, with a reason',
        params: idParams,
        body: returnBody,
        response: orderResponse,
      },
    },
    async (request) => returnSupervisionOrder(contextOf(app, request), request.params.id, request.body),
  );

  app.post<{ Params: IdParams; Body: { dueOn?: string; afterDays?: number } }>(
    '/items/:id/lookbacks',
    {
      schema: {
        tags,
        summary:
          'Schedule a look-back (回头看) on a closed item: on dueOn, or afterDays (default 90) after its close-out',
        params: idParams,
        body: scheduleLookbackBody,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: await scheduleLookback(contextOf(app, request), request.params.id, request.body ?? {}) }),
  );

  app.get<{ Querystring: { status?: LookbackStatus; dueBy?: string; itemId?: number } }>(
    '/supervision/lookbacks',
    {
      schema: {
        tags,
        summary: 'Look-backs in your part of the tree, by due date',
        querystring: listLookbacksQuery,
        response: {
          200: { type: 'object', properties: { lookbacks: { type: 'array', items: lookbackSchema } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ lookbacks: await listLookbacksFor(contextOf(app, request), request.query) }),
  );

  app.post<{ Params: IdParams; Body: { outcome: 'held' | 'rebound'; finding?: string | null; version: number } }>(
    '/lookbacks/:id/result',
    {
      schema: {
        tags,
        summary:
          "Record a look-back's result: held, or rebound with a finding (the item reopens in the same transaction)",
        params: idParams,
        body: lookbackResultBody,
        response: { 200: lookbackSchema, ...errorResponses },
      },
    },
    async (request) => recordLookbackResult(contextOf(app, request), request.params.id, request.body),
  );

  app.get(
    '/supervision/checklist',
    {
      schema: {
        tags,
        summary: 'The default evaluation checklist (100 points) and the grade bands',
        response: { 200: checklistSchema, ...errorResponses },
      },
    },
    async () => ({ total: CHECKLIST_TOTAL, entries: DEFAULT_CHECKLIST, bands: GRADE_BANDS }),
  );

  app.get<{ Querystring: { roundId?: number; inspectionId?: number } }>(
    '/supervision/evaluations',
    {
      schema: {
        tags,
        summary: 'Rectification evaluations (整改评估) in your part of the tree',
        querystring: listEvaluationsQuery,
        response: {
          200: { type: 'object', properties: { evaluations: { type: 'array', items: evaluationSchema } } },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ evaluations: await listEvaluationsFor(contextOf(app, request), request.query) }),
  );

  app.post<{ Body: EvaluationInput }>(
    '/supervision/evaluations',
    {
      schema: {
        tags,
        summary: "Score an inspected unit's rectification; send the version to correct an existing evaluation",
        body: saveEvaluationBody,
        response: { 200: evaluationSchema, ...errorResponses },
      },
    },
    async (request) => saveEvaluation(contextOf(app, request), request.body),
  );
};
