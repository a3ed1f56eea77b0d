import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import {
  addMeasure,
  addOutcome,
  attachEvidence,
  createItem,
  recordProgress,
  removeEvidence,
  transitionItem,
  updateItem,
} from '../../../commands/items.commands.ts';
import { today } from '../../../context.ts';
import { archivedFilterOf } from '../../../domain/archive.ts';
import { isIsoDate } from '../../../domain/dates.ts';
import { withoutControlCharacters } from '../../../domain/file-names.ts';
import { appError } from '../../../errors.ts';
import { kickEvidenceText } from '../../../jobs/evidence-text.ts';
import { authorizeItem } from '../../../policies/authorize.ts';
import { readScope } from '../../../policies/policies.ts';
import { CLOSEOUT_FORMS_MAX, getCloseoutForms } from '../../../queries/closeout-form.queries.ts';
import { getItemDetail } from '../../../queries/items.queries.ts';
import { listAuditEvents } from '../../../repositories/audit.repository.ts';
import { getEvidence } from '../../../repositories/item-parts.repository.ts';
import { listItems } from '../../../repositories/items.repository.ts';
import { EVIDENCE_TYPES } from '../../../storage/evidence-store.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition, multipartField, sendStoredFile } from '../../download.ts';
import { createdResponse, errorResponses, fileDownload, idParams, noContentResponse } from '../../schemas.ts';
import {
  closeoutFormsQuery,
  createItemBody,
  evidenceLimits,
  itemDetail,
  itemHistory,
  ledgerPage,
  listQuerySchema,
  measureInputSchema,
  outcomeBody,
  patchItemBody,
  progressBody,
  transitionBody,
} from './items.schema.ts';

export const itemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/items',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['ledger'],
        summary: 'The ledger (整改台账): filtered, sorted, paged; pass nextCursor as `after` for deep pages',
        querystring: listQuerySchema,
        response: { 200: ledgerPage, ...errorResponses },
      },
    },
    async (request) => {
      const { sort, order, limit, offset, after, count, q, state, result, ...filter } = request.query;
      const ctx = contextOf(app, request);
      return listItems(app.services.db, {
        scope: readScope(ctx.actor),
        filter: {
          ...filter,
          text: q,
          states: state,
          results: result,
          archived: archivedFilterOf(filter.archived, filter),
        },
        sort,
        order,
        limit,
        offset,
        after,
        count,
        today: today(ctx),
        thresholds: app.services.config.warnDays,
      });
    },
  );

  app.get(
    '/items/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['ledger'],
        summary: 'One item with measures, progress, evidence, outcomes and reviews',
        params: idParams,
        response: { 200: itemDetail, ...errorResponses },
      },
    },
    async (request) => getItemDetail(contextOf(app, request), request.params.id),
  );

  app.post(
    '/items',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['feedback'],
        summary: 'Add a ledger item (细化问题) with its measures',
        body: createItemBody,
        response: createdResponse,
      },
    },
    async (request, reply) => {
      const { inspectionId, measures, ...fields } = request.body;
      return reply.status(201).send({ id: await createItem(contextOf(app, request), inspectionId, fields, measures) });
    },
  );

  app.patch(
    '/items/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['ledger'],
        summary: 'Edit an item at the version you read (409 when stale)',
        params: idParams,
        body: patchItemBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      const { version, ...fields } = request.body;
      await updateItem(contextOf(app, request), request.params.id, version, fields);
      return reply.status(204).send();
    },
  );

  app.post(
    '/items/:id/transitions',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['close-out'],
        summary: 'Move the close-out flow: start, request_close, approve, confirm, return, reopen',
        params: idParams,
        body: transitionBody,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await transitionItem(contextOf(app, request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/items/:id/progress',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['progress'],
        summary: 'Record a progress entry',
        params: idParams,
        body: progressBody,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await recordProgress(contextOf(app, request), request.params.id, request.body) }),
  );

  app.post(
    '/items/:id/measures',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['plan'],
        summary: 'Add a measure to an item',
        params: idParams,
        body: measureInputSchema,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await addMeasure(contextOf(app, request), request.params.id, request.body) }),
  );

  app.post(
    '/items/:id/outcomes',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['progress'],
        summary: 'Record an outcome: rules made or revised, accountability, funds or losses recovered',
        params: idParams,
        body: outcomeBody,
        response: createdResponse,
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await addOutcome(contextOf(app, request), request.params.id, request.body) }),
  );

  app.post(
    '/items/:id/evidence',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['progress'],
        summary: 'Upload one evidence file (multipart: fields effectiveOn, measureId?, note?, then the file)',
        params: idParams,
        consumes: ['multipart/form-data'],
        // A file over the size limit is refused with 413, a request that is not multipart with 415.
        response: { ...createdResponse, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw appError('multipart_required');
      const ctx = contextOf(app, request);
      await authorizeItem(ctx, request.params.id, 'read');
      const part = await request.file();
      if (!part) throw appError('file_required');
      const field = (name: string) => multipartField(part, name);
      const effectiveOn = field('effectiveOn') ?? today(ctx);
      if (!isIsoDate(effectiveOn)) {
        part.file.resume();
        throw appError('effective_on_format', { fields: [{ field: 'effectiveOn' }] });
      }
      const measureRaw = field('measureId');
      const measureId = measureRaw ? Number(measureRaw) : null;
      if (measureId !== null && !Number.isInteger(measureId)) {
        part.file.resume();
        throw appError('measure_id_integer', { fields: [{ field: 'measureId' }] });
      }
      const id = await attachEvidence(
        ctx,
        app.services.evidence,
        request.params.id,
        // Stored as it will be handed out: no control or bidirectional characters (PostgreSQL refuses a NUL, too).
        { fileName: withoutControlCharacters(part.filename), stream: part.file },
        { measureId, effectiveOn, note: field('note')?.slice(0, 500) ?? null },
      );
      // Issue 16: the file's text joins the search index in the background, after the answer.
      void kickEvidenceText(app.services.db, app.services.evidence, (err) =>
        app.log.error({ err }, 'evidence text for the search index failed'),
      );
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/evidence/limits',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['progress'],
        summary: 'What an evidence upload may be: the size limit and the accepted file extensions',
        response: { 200: evidenceLimits, ...errorResponses },
      },
    },
    // Lets the page refuse a wrong type or an oversized file before sending megabytes the server would reject.
    async (request) => {
      contextOf(app, request);
      return { maxBytes: app.services.config.maxUploadBytes, types: Object.keys(EVIDENCE_TYPES) };
    },
  );

  app.get(
    '/evidence/:id/file',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['progress'],
        summary: 'Download an evidence file',
        params: idParams,
        response: { 200: fileDownload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const evidence = await getEvidence(app.services.db, request.params.id);
      await authorizeItem(contextOf(app, request), evidence.itemId, 'read');
      return sendStoredFile(
        app.services.evidence,
        request,
        reply,
        {
          ...evidence,
          inline: evidence.contentType === 'application/pdf' || evidence.contentType.startsWith('image/'),
        },
        { evidenceId: evidence.id },
      );
    },
  );

  app.delete(
    '/evidence/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['progress'],
        summary:
          'Remove an evidence file you uploaded (a unit administrator: any of the unit’s) while no close-out request rests on it; 409 after',
        params: idParams,
        response: noContentResponse,
      },
    },
    async (request, reply) => {
      await removeEvidence(contextOf(app, request), app.services.evidence, request.params.id);
      return reply.status(204).send();
    },
  );

  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const sendForms = (reply: FastifyReply, body: Buffer, fileName: string, fallback: string) =>
    reply
      .header('content-type', DOCX)
      .header('content-disposition', contentDisposition('attachment', fileName, fallback))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(body);

  app.get(
    '/items/:id/closeout-form.docx',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['close-out'],
        summary: 'The item’s 销号审批表: one A4 page for the paper file (.docx)',
        params: idParams,
        response: { 200: fileDownload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = await getCloseoutForms(contextOf(app, request), [id]);
      return sendForms(reply, body, `销号审批表-${id}.docx`, `closeout-form-${id}.docx`);
    },
  );

  app.get(
    '/closeout-forms.docx',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['close-out'],
        summary: `销号审批表 of several items in one document, one page each in the order given (at most ${CLOSEOUT_FORMS_MAX}); 404 if any is not yours to read`,
        querystring: closeoutFormsQuery,
        response: { 200: fileDownload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ids = [...new Set(request.query.items)];
      const body = await getCloseoutForms(contextOf(app, request), ids);
      return sendForms(reply, body, `销号审批表-${ids.length}项.docx`, `closeout-forms-${ids.length}.docx`);
    },
  );

  app.get(
    '/items/:id/history',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['ledger'],
        summary: 'The item’s change history from the audit trail, with its measures, progress, evidence and outcomes',
        params: idParams,
        response: { 200: itemHistory, ...errorResponses },
      },
    },
    async (request) => {
      await authorizeItem(contextOf(app, request), request.params.id, 'read');
      return {
        events: await listAuditEvents(app.services.db, { itemId: request.params.id, limit: 500 }),
      };
    },
  );
};
