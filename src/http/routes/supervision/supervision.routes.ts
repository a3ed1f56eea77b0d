import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  answerSupervisionOrder,
  closeSupervisionOrder,
  createSupervisionOrders,
  recordLookbackResult,
  returnSupervisionOrder,
  saveEvaluation,
  scheduleLookback,
} from '../../../commands/supervision.commands.ts';
import {
  CHECKLIST_TOTAL,
  DEFAULT_CHECKLIST,
  GRADE_BANDS,
  type Grade,
  type ScoredEntry,
} from '../../../domain/evaluation.ts';
import { getEvaluationDraft } from '../../../queries/evaluation.queries.ts';
import { withOrderFiles } from '../../../queries/order-documents.queries.ts';
import { listEvaluationsFor, listLookbacksFor, listSupervisionOrders } from '../../../queries/supervision.queries.ts';
import type { Evaluation } from '../../../repositories/supervision.repository.ts';
import { contextOf } from '../../auth.ts';
import { idParams } from '../../schemas.ts';
import { orderDocumentRoutes } from './order-documents.routes.ts';
import {
  answerBody,
  checklistResponses,
  createdOrdersResponses,
  createOrdersBody,
  evaluationDraftQuery,
  evaluationDraftResponses,
  evaluationResponses,
  evaluationsResponses,
  listEvaluationsQuery,
  listLookbacksQuery,
  listOrdersQuery,
  lookbackResponses,
  lookbackResultBody,
  lookbacksResponses,
  orderResponses,
  ordersResponses,
  returnBody,
  saveEvaluationBody,
  scheduledLookbackResponses,
  scheduleLookbackBody,
  versionBody,
} from './supervision.schema.ts';

const tags = ['supervision'];

/**
 * The repository reads an evaluation's entries back from JSON as unknown and its grade as text; both were written by
 * saveEvaluation from evaluate(), so they are the domain's scored entries and grade.
 */
const evaluationView = (e: Evaluation) => ({ ...e, entries: e.entries as ScoredEntry[], grade: e.grade as Grade });

/** 督办, 回头看 and 整改评估: the inspection office's pressure on units and its checks that fixed problems stay fixed. */
export const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Issue 15: 督办 as documents (numbers, the 通知书, recall and edit, the answer's files, 回头看 in bulk).
  await app.register(orderDocumentRoutes);

  app.post(
    '/supervision/orders',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Send one supervision order (督办) to one or many units or items, all or nothing; flagItems marks the items 挂牌督办',
        body: createOrdersBody,
        response: createdOrdersResponses,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSupervisionOrders(contextOf(app, request), request.body)),
  );

  app.get(
    '/supervision/orders',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Supervision orders in your part of the tree, by due date; overdue is derived',
        querystring: listOrdersQuery,
        response: ordersResponses,
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      return { orders: await withOrderFiles(ctx, await listSupervisionOrders(ctx, request.query)) };
    },
  );

  app.post(
    '/supervision/orders/:id/answer',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: "The unit's answer to an open or returned order",
        params: idParams,
        body: answerBody,
        response: orderResponses,
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      return (await withOrderFiles(ctx, [await answerSupervisionOrder(ctx, request.params.id, request.body)]))[0];
    },
  );

  app.post(
    '/supervision/orders/:id/close',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The office closes an answered order',
        params: idParams,
        body: versionBody,
        response: orderResponses,
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      return (await withOrderFiles(ctx, [await closeSupervisionOrder(ctx, request.params.id, request.body)]))[0];
    },
  );

  app.post(
    '/supervision/orders/:id/return',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The office returns an answer for more, with a reason',
        params: idParams,
        body: returnBody,
        response: orderResponses,
      },
    },
    async (request) => {
      const ctx = contextOf(app, request);
      return (await withOrderFiles(ctx, [await returnSupervisionOrder(ctx, request.params.id, request.body)]))[0];
    },
  );

  app.post(
    '/items/:id/lookbacks',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Schedule a look-back (回头看) on a closed item: on dueOn, or afterDays (default 90) after its close-out',
        params: idParams,
        body: scheduleLookbackBody,
        response: scheduledLookbackResponses,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: await scheduleLookback(contextOf(app, request), request.params.id, request.body ?? {}) }),
  );

  app.get(
    '/supervision/lookbacks',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Look-backs in your part of the tree, by due date',
        querystring: listLookbacksQuery,
        response: lookbacksResponses,
      },
    },
    async (request) => ({ lookbacks: await listLookbacksFor(contextOf(app, request), request.query) }),
  );

  app.post(
    '/lookbacks/:id/result',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          "Record a look-back's result: held, or rebound with a finding (the item reopens in the same transaction)",
        params: idParams,
        body: lookbackResultBody,
        response: lookbackResponses,
      },
    },
    async (request) => recordLookbackResult(contextOf(app, request), request.params.id, request.body),
  );

  app.get(
    '/supervision/checklist',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'The default evaluation checklist (100 points) and the grade bands',
        response: checklistResponses,
      },
    },
    async () => ({ total: CHECKLIST_TOTAL, entries: DEFAULT_CHECKLIST, bands: GRADE_BANDS }),
  );

  app.get(
    '/supervision/evaluations/draft',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          "Open a unit's evaluation: the checklist with the deduction the ledger suggests per entry and its reasons, the public's satisfaction over the inspection's notices, and its weight",
        querystring: evaluationDraftQuery,
        response: evaluationDraftResponses,
      },
    },
    async (request) => getEvaluationDraft(contextOf(app, request), request.query.inspectionId),
  );

  app.get(
    '/supervision/evaluations',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Rectification evaluations (整改评估) in your part of the tree',
        querystring: listEvaluationsQuery,
        response: evaluationsResponses,
      },
    },
    async (request) => ({
      evaluations: (await listEvaluationsFor(contextOf(app, request), request.query)).map(evaluationView),
    }),
  );

  app.post(
    '/supervision/evaluations',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: "Score an inspected unit's rectification; send the version to correct an existing evaluation",
        body: saveEvaluationBody,
        response: evaluationResponses,
      },
    },
    async (request) => evaluationView(await saveEvaluation(contextOf(app, request), request.body)),
  );
};
