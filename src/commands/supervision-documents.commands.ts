import type { Readable } from 'node:stream';
import { type CommandContext, today } from '../context.ts';
import type { Db } from '../db/database.ts';
import { addDays, isIsoDate } from '../domain/dates.ts';
import { formatDocumentNumber, numberScope, roundLabel } from '../domain/document-number.ts';
import { type ErrorKey, type ErrorParams, errorMessage } from '../domain/error-codes.ts';
import { DEFAULT_LOOKBACK_DAYS, ORDER_LIMITS, orderEditable, orderFilesOpen } from '../domain/supervision.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeOrder, authorizeRound } from '../policies/authorize.ts';
import { canSupervise, isWithinActorTree } from '../policies/policies.ts';
import { getOrder, insertLookback, patchOrder, type SupervisionOrder } from '../repositories/supervision.repository.ts';
import {
  closedItemsWithoutLookback,
  countOrderFiles,
  deleteOrderFile,
  findOrderFile,
  insertOrderFile,
  lockClosedItems,
  lockOrder,
  nextDocumentNumber,
  type OrderFile,
  roundOfOrder,
  setOrderNumber,
} from '../repositories/supervision-documents.repository.ts';
import { findUnit } from '../repositories/units.repository.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';
import { change } from './context.ts';
import { sendWorkflowMessage } from './messages.ts';

// Issue 15 (督办 as documents): numbers given at sending, recall and edit while unanswered, files with the answer, and
// 回头看 for a whole unit or round at once.

function bad<K extends ErrorKey>(field: string, key: K, params: ErrorParams<K>): never {
  throw new AppError(key, params, { fields: [{ field, message: errorMessage(key, params, 'en') }] });
}

/**
 * Gives an order its 文号 inside its sending transaction: the next number of its scope (the year, or its round when
 * numbered per round) through the counter's row, which two sendings at once take in turn.
 */
export async function numberOrder(
  trx: Db,
  ctx: CommandContext,
  orderId: number,
  target: { unitId: number; itemId: number | null },
  issuedOn: string,
): Promise<{ scope: string; seq: number; docNumber: string }> {
  const numbering = ctx.config.orderNumbering;
  const year = Number(issuedOn.slice(0, 4));
  const round = numbering.per === 'round' ? await roundOfOrder(trx, target.unitId, target.itemId) : null;
  const scope = numberScope(numbering.per, year, round?.id ?? null);
  const seq = await nextDocumentNumber(trx, scope);
  const docNumber = formatDocumentNumber(numbering, {
    n: seq,
    year,
    round: round ? roundLabel(round.name, round.id) : null,
  });
  await setOrderNumber(trx, orderId, { scope, seq, docNumber });
  return { scope, seq, docNumber };
}

function requireEditable(order: SupervisionOrder) {
  if (!orderEditable(order.status)) throw appError('order_not_editable', { status: order.status });
}

export interface OrderEdit {
  version: number;
  title?: string;
  content?: string;
  dueOn?: string;
}

/** The office corrects an order the unit has not answered yet: its title, content or due date (at the version read). */
export async function editSupervisionOrder(ctx: CommandContext, id: number, input: OrderEdit) {
  const order = await authorizeOrder(ctx, id, 'supervise');
  const changes: { title?: string; content?: string; dueOn?: string } = {};
  if (input.title !== undefined) {
    const title = input.title.trim();
    if (!title) bad('title', 'required', { what: '督办事项标题', field: 'title' });
    if (title.length > ORDER_LIMITS.title)
      bad('title', 'too_long', { what: '督办事项标题', field: 'title', max: ORDER_LIMITS.title });
    if (title !== order.title) changes.title = title;
  }
  if (input.content !== undefined) {
    const content = input.content.trim();
    if (!content) bad('content', 'required', { what: '督办内容', field: 'content' });
    if (content.length > ORDER_LIMITS.content) {
      bad('content', 'too_long', { what: '督办内容', field: 'content', max: ORDER_LIMITS.content });
    }
    if (content !== order.content) changes.content = content;
  }
  if (input.dueOn !== undefined) {
    if (!isIsoDate(input.dueOn)) bad('dueOn', 'bad_date', { field: 'dueOn' });
    if (input.dueOn < today(ctx)) bad('dueOn', 'due_in_past', { field: 'dueOn' });
    if (input.dueOn !== order.dueOn) changes.dueOn = input.dueOn;
  }
  requireEditable(order);
  if (Object.keys(changes).length === 0) return order;
  await change(ctx, async ({ trx, audit }) => {
    const patch = await patchOrder(trx, id, input.version, changes, ctx.now());
    await audit({
      action: 'supervision_order.edit',
      entity: 'supervision_order',
      entityId: id,
      before: { title: order.title, content: order.content, due_on: order.dueOn },
      after: patch,
    });
  });
  return getOrder(ctx.db, id, today(ctx));
}

/**
 * The office recalls (撤回) an order the unit has not answered: it leaves the unit's list (the office still sees it,
 * marked 已撤回, its number kept so the year's numbers stay without gaps) and the unit is told.
 */
export async function recallSupervisionOrder(
  ctx: CommandContext,
  id: number,
  input: { version: number; reason?: string | null },
) {
  const order = await authorizeOrder(ctx, id, 'supervise');
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > ORDER_LIMITS.reason) {
    bad('reason', 'too_long', { what: '撤回说明', field: 'reason', max: ORDER_LIMITS.reason });
  }
  requireEditable(order);
  await change(ctx, async ({ trx, audit }) => {
    const patch = await patchOrder(
      trx,
      id,
      input.version,
      { status: 'recalled', recalledOn: today(ctx), recallReason: reason },
      ctx.now(),
    );
    await audit({
      action: 'supervision_order.recall',
      entity: 'supervision_order',
      entityId: id,
      before: { status: order.status },
      after: patch,
    });
    await sendWorkflowMessage(trx, ctx, ctx.actor.id, { kind: 'supervision_recalled', orderId: id, reason });
  });
  return getOrder(ctx.db, id, today(ctx));
}

/**
 * The unit attaches a file to its answer while it may still answer (open or returned): the evidence store's types and
 * upload limit, at most ORDER_LIMITS.files per order. Everything is checked before the file is stored.
 */
export async function addOrderFile(
  ctx: CommandContext,
  store: EvidenceStore,
  orderId: number,
  file: { fileName: string; stream: Readable },
): Promise<OrderFile> {
  let order: SupervisionOrder;
  try {
    order = await authorizeOrder(ctx, orderId, 'answer');
    if (!orderFilesOpen(order.status)) throw appError('order_files_closed', { status: order.status });
    if ((await countOrderFiles(ctx.db, orderId)) >= ORDER_LIMITS.files) {
      throw appError('too_many_order_files', { max: ORDER_LIMITS.files });
    }
  } catch (error) {
    file.stream.resume();
    throw error;
  }
  const stored = await store.save(file.fileName, file.stream, ctx.config.maxUploadBytes);
  return change(ctx, async ({ trx, audit }) => {
    // The answer (or a recall) may have landed while the file went up: checked again under the order's lock.
    await lockOrder(trx, orderId);
    const now = await getOrder(trx, orderId, today(ctx));
    if (!orderFilesOpen(now.status)) throw appError('order_files_closed', { status: now.status });
    if ((await countOrderFiles(trx, orderId)) >= ORDER_LIMITS.files) {
      throw appError('too_many_order_files', { max: ORDER_LIMITS.files });
    }
    const values = {
      orderId,
      fileName: file.fileName,
      contentType: stored.contentType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      uploadedBy: ctx.actor.id,
      uploadedAt: ctx.now().toISOString(),
    };
    const id = await insertOrderFile(trx, values);
    await audit({
      action: 'supervision_order.file_add',
      entity: 'supervision_order',
      entityId: orderId,
      after: { id, ...values },
    });
    return { id, ...values };
  });
}

/** The unit removes a file from an answer it has not sent yet. */
export async function removeOrderFile(ctx: CommandContext, fileId: number): Promise<void> {
  const file = await findOrderFile(ctx.db, fileId);
  if (!file) throw AppError.notFound('supervision_order_file', fileId);
  const order = await authorizeOrder(ctx, file.orderId, 'answer');
  if (!orderFilesOpen(order.status)) throw appError('order_files_closed', { status: order.status });
  await change(ctx, async ({ trx, audit }) => {
    await lockOrder(trx, file.orderId);
    const now = await getOrder(trx, file.orderId, today(ctx));
    if (!orderFilesOpen(now.status)) throw appError('order_files_closed', { status: now.status });
    await deleteOrderFile(trx, fileId);
    await audit({
      action: 'supervision_order.file_remove',
      entity: 'supervision_order',
      entityId: file.orderId,
      before: { id: file.id, fileName: file.fileName, sha256: file.sha256 },
    });
  });
}

/** A file of an answer, for download by whoever sees the order (another unit's user: 404). */
export async function orderFileForDownload(ctx: CommandContext, fileId: number): Promise<OrderFile> {
  const file = await findOrderFile(ctx.db, fileId);
  if (!file) throw AppError.notFound('supervision_order_file', fileId);
  try {
    await authorizeOrder(ctx, file.orderId, 'read');
  } catch (error) {
    // The order's 404 speaks of the file asked for, so the order's id is not told either.
    if (error instanceof AppError && error.statusCode === 404)
      throw AppError.notFound('supervision_order_file', fileId);
    throw error;
  }
  return file;
}

export interface BulkLookbackInput {
  unitId?: number;
  roundId?: number;
  dueOn?: string;
  afterDays?: number;
}

/**
 * 回头看 for a whole unit or round at once: a look-back for each closed item of the scope that has none pending, in one
 * transaction (each with its audit event); refused when the scope is archived (409 round_archived) or has no such item.
 */
export async function scheduleLookbacksFor(
  ctx: CommandContext,
  input: BulkLookbackInput,
): Promise<{ count: number; ids: number[] }> {
  if ((input.unitId === undefined) === (input.roundId === undefined))
    bad('unitId', 'lookback_scope_required', undefined);
  if (input.dueOn !== undefined && input.afterDays !== undefined) bad('dueOn', 'one_of', undefined);
  if (input.dueOn !== undefined) {
    if (!isIsoDate(input.dueOn)) bad('dueOn', 'bad_date', { field: 'dueOn' });
    if (input.dueOn < today(ctx)) bad('dueOn', 'due_in_past', { field: 'dueOn' });
  }
  let scope: { unitId: number } | { roundId: number };
  if (input.unitId !== undefined) {
    const unit = await findUnit(ctx.db, input.unitId);
    if (!unit || !isWithinActorTree(ctx.actor, unit.path)) throw AppError.notFound('unit', input.unitId);
    if (!canSupervise(ctx.actor, unit.path)) throw AppError.forbidden();
    scope = { unitId: unit.id };
  } else {
    // The office's, refused with round_archived while the round is archived.
    await authorizeRound(ctx, input.roundId as number, 'manage');
    scope = { roundId: input.roundId as number };
  }
  const scheduledBy = ctx.actor.id;
  return change(ctx, async ({ trx, audit }) => {
    // Read inside the transaction under the items' locks, so an item given a look-back meanwhile is not given a second.
    await lockClosedItems(trx, scope);
    const items = await closedItemsWithoutLookback(trx, scope, ctx.actor.unitPath);
    if (items.length === 0) throw appError('lookback_scope_empty');
    const ids: number[] = [];
    for (const item of items) {
      let dueOn = input.dueOn ?? addDays(item.closedOn, input.afterDays ?? DEFAULT_LOOKBACK_DAYS);
      // An item closed long ago would get a date already past: it is due today instead.
      if (dueOn < today(ctx)) dueOn = today(ctx);
      const id = await insertLookback(trx, { itemId: item.id, dueOn, scheduledBy });
      ids.push(id);
      await audit({
        action: 'lookback.schedule',
        entity: 'lookback',
        entityId: id,
        after: { itemId: item.id, dueOn, ...scope },
      });
    }
    return { count: ids.length, ids };
  });
}
