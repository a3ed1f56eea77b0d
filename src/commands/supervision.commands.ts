import { randomUUID } from 'node:crypto';
import { type CommandContext, today } from '../context.ts';
import { addDays, isIsoDate } from '../domain/dates.ts';
import { type ErrorKey, type ErrorParams, errorMessage } from '../domain/error-codes.ts';
import { EvaluationError, evaluate, type ScoredEntry } from '../domain/evaluation.ts';
import { finalScore } from '../domain/satisfaction.ts';
import { DEFAULT_LOOKBACK_DAYS, ORDER_LIMITS, type OrderStatus } from '../domain/supervision.ts';
import { AppError, appError, appErrorFrom } from '../errors.ts';
import { authorizeInspection, authorizeItem, authorizeLookback, authorizeOrder } from '../policies/authorize.ts';
import { canSupervise, isWithinActorTree } from '../policies/policies.ts';
import { satisfactionOfInspection, suggestionsFor } from '../queries/evaluation.queries.ts';
import { getItemRecord, patchItem } from '../repositories/items.repository.ts';
import { lockRow } from '../repositories/row-locks.ts';
import {
  addOrder,
  type Evaluation,
  findEvaluationOf,
  findPendingLookback,
  getLookback,
  getOrder,
  insertEvaluation,
  insertLookback,
  type OrderFields,
  patchEvaluation,
  patchLookback,
  patchOrder,
  type SupervisionOrder,
} from '../repositories/supervision.repository.ts';
import { findUnit } from '../repositories/units.repository.ts';
import { change } from './context.ts';
import { applyTransition } from './items.commands.ts';
import { sendWorkflowMessage, type WorkflowMessage } from './messages.ts';
import { numberOrder } from './supervision-documents.commands.ts';

export interface OrderTarget {
  unitId: number;
  itemId?: number | null;
}

export interface NewSupervisionOrders {
  targets: OrderTarget[];
  title: string;
  content: string;
  dueOn: string;
  /** Also mark each targeted item 挂牌督办. */
  flagItems?: boolean;
}

/** A refused field; its details repeat the English words beside the field, as the forms read them. */
function bad<K extends ErrorKey>(field: string, key: K, params: ErrorParams<K>): never {
  throw new AppError(key, params, { fields: [{ field, message: errorMessage(key, params, 'en') }] });
}

function requiredText(value: string | null | undefined, field: string, max: number, zh: string): string {
  const text = value?.trim() ?? '';
  if (!text) bad(field, 'required', { what: zh, field });
  if (text.length > max) bad(field, 'too_long', { what: zh, field, max });
  return text;
}

function checkDueOn(dueOn: string, ctx: CommandContext, field = 'dueOn') {
  if (!isIsoDate(dueOn)) bad(field, 'bad_date', { field });
  if (dueOn < today(ctx)) bad(field, 'due_in_past', { field });
}

/**
 * Sends one supervision order to one or many units (or items of them), all or nothing: every target is checked before
 * anything is written, and the orders, the optional 挂牌督办 flags and their audit events share one transaction.
 */
export async function createSupervisionOrders(
  ctx: CommandContext,
  input: NewSupervisionOrders,
): Promise<{ batch: string; ids: number[] }> {
  if (!Array.isArray(input.targets) || input.targets.length === 0) {
    bad('targets', 'targets_required', undefined);
  }
  if (input.targets.length > ORDER_LIMITS.targets) {
    bad('targets', 'too_many_targets', { max: ORDER_LIMITS.targets });
  }
  const title = requiredText(input.title, 'title', ORDER_LIMITS.title, '督办事项标题');
  const content = requiredText(input.content, 'content', ORDER_LIMITS.content, '督办内容');
  checkDueOn(input.dueOn, ctx);

  const seen = new Set<string>();
  const checked: { unitId: number; itemId: number | null }[] = [];
  for (const [index, target] of input.targets.entries()) {
    const field = `targets[${index}]`;
    const itemId = target.itemId ?? null;
    const key = `${target.unitId}:${itemId}`;
    if (seen.has(key)) bad(field, 'duplicate_target', undefined);
    seen.add(key);
    const unit = await findUnit(ctx.db, target.unitId);
    if (!unit || !isWithinActorTree(ctx.actor, unit.path)) throw AppError.notFound('unit', target.unitId);
    if (!canSupervise(ctx.actor, unit.path)) throw AppError.forbidden();
    if (unit.kind !== 'unit') {
      bad(`${field}.unitId`, 'not_inspected_unit', { unitName: unit.name });
    }
    if (itemId !== null) {
      // 'supervise', not 'read': an order about an item of an archived round is a write under it (409 round_archived).
      await authorizeItem(ctx, itemId, 'supervise');
      const item = await getItemRecord(ctx.db, itemId);
      if (item.unit_id !== unit.id) {
        bad(`${field}.itemId`, 'item_outside_unit', undefined);
      }
    }
    checked.push({ unitId: unit.id, itemId });
  }

  const batch = randomUUID();
  const issuedOn = today(ctx);
  return change(ctx, async ({ trx, audit }) => {
    const ids: number[] = [];
    for (const target of checked) {
      const { id, row } = await addOrder(trx, {
        batch,
        unitId: target.unitId,
        itemId: target.itemId,
        title,
        content,
        dueOn: input.dueOn,
        status: 'open',
        issuedBy: ctx.actor.id,
        issuedOn,
        answer: null,
        answeredBy: null,
        answeredOn: null,
        returnReason: null,
        closedOn: null,
        recalledOn: null,
        recallReason: null,
      });
      ids.push(id);
      // Issue 15: the 文号, given at sending in the same transaction, so a sending that fails gives its number back.
      const number = await numberOrder(trx, ctx, id, target, issuedOn);
      await audit({
        action: 'supervision_order.create',
        entity: 'supervision_order',
        entityId: id,
        after: { ...row, doc_number: number.docNumber, number_scope: number.scope, number_seq: number.seq },
      });
      await sendWorkflowMessage(trx, ctx, ctx.actor.id, { kind: 'supervision_ordered', orderId: id });
      if (input.flagItems && target.itemId !== null) {
        const item = await getItemRecord(trx, target.itemId);
        if (item.flagged !== 1) {
          await patchItem(trx, item.id, item.version, { flagged: true }, ctx.now());
          await audit({
            action: 'item.flag',
            entity: 'item',
            entityId: item.id,
            before: { flagged: 0 },
            after: { flagged: 1, supervisionOrderId: id },
          });
        }
      }
    }
    return { batch, ids };
  });
}

type OrderMoveRefusal = 'cannot_answer_order' | 'cannot_close_order' | 'cannot_return_order';

function requireStatus(order: SupervisionOrder, allowed: OrderStatus[], refusal: OrderMoveRefusal) {
  if (!allowed.includes(order.status)) throw appError(refusal, { status: order.status });
}

async function moveOrder(
  ctx: CommandContext,
  order: SupervisionOrder,
  version: number,
  action: string,
  changes: OrderFields,
  message: WorkflowMessage | null,
) {
  await change(ctx, async ({ trx, audit }) => {
    const patch = await patchOrder(trx, order.id, version, changes, ctx.now());
    await audit({
      action: `supervision_order.${action}`,
      entity: 'supervision_order',
      entityId: order.id,
      before: { status: order.status, answer: order.answer, return_reason: order.returnReason },
      after: patch,
    });
    if (message) await sendWorkflowMessage(trx, ctx, ctx.actor.id, message);
  });
  return getOrder(ctx.db, order.id, today(ctx));
}

/** The unit's answer; an order returned for more is answered again. */
export async function answerSupervisionOrder(
  ctx: CommandContext,
  id: number,
  input: { answer: string; version: number },
) {
  const order = await authorizeOrder(ctx, id, 'answer');
  const answer = requiredText(input.answer, 'answer', ORDER_LIMITS.answer, '办理情况');
  requireStatus(order, ['open', 'returned'], 'cannot_answer_order');
  return moveOrder(
    ctx,
    order,
    input.version,
    'answer',
    { status: 'answered', answer, answeredBy: ctx.actor.id, answeredOn: today(ctx) },
    { kind: 'supervision_answered', orderId: id },
  );
}

export async function closeSupervisionOrder(ctx: CommandContext, id: number, input: { version: number }) {
  const order = await authorizeOrder(ctx, id, 'supervise');
  requireStatus(order, ['answered'], 'cannot_close_order');
  return moveOrder(ctx, order, input.version, 'close', { status: 'closed', closedOn: today(ctx) }, null);
}

export async function returnSupervisionOrder(
  ctx: CommandContext,
  id: number,
  input: { reason: string; version: number },
) {
  const order = await authorizeOrder(ctx, id, 'supervise');
  const reason = requiredText(input.reason, 'reason', ORDER_LIMITS.reason, '退回理由');
  requireStatus(order, ['answered'], 'cannot_return_order');
  return moveOrder(
    ctx,
    order,
    input.version,
    'return',
    { status: 'returned', returnReason: reason },
    { kind: 'supervision_returned', orderId: id, reason },
  );
}

// ---- look-backs (回头看)

/** Schedules a look-back on a closed item: on a given date, or a number of days after it was closed. */
export async function scheduleLookback(
  ctx: CommandContext,
  itemId: number,
  input: { dueOn?: string; afterDays?: number },
): Promise<number> {
  await authorizeItem(ctx, itemId, 'supervise');
  if (input.dueOn !== undefined && input.afterDays !== undefined) {
    bad('dueOn', 'one_of', undefined);
  }
  const item = await getItemRecord(ctx.db, itemId);
  if (item.state !== 'closed' || !item.closed_on) {
    throw appError('item_not_closed');
  }
  const dueOn = input.dueOn ?? addDays(item.closed_on, input.afterDays ?? DEFAULT_LOOKBACK_DAYS);
  if (!isIsoDate(dueOn)) bad('dueOn', 'bad_date', { field: 'dueOn' });
  if (dueOn < item.closed_on) {
    bad('dueOn', 'due_before_close', { closedOn: item.closed_on });
  }
  if (await findPendingLookback(ctx.db, itemId)) {
    throw appError('lookback_pending');
  }
  return change(ctx, async ({ trx, audit }) => {
    const id = await insertLookback(trx, { itemId, dueOn, scheduledBy: ctx.actor.id });
    await audit({ action: 'lookback.schedule', entity: 'lookback', entityId: id, after: { itemId, dueOn } });
    return id;
  });
}

/**
 * Records what the look-back found. 'held': the fix stands. 'rebound': the problem came back, and the item reopens
 * through the workflow's reopen move in the same transaction, the finding as its note.
 */
export async function recordLookbackResult(
  ctx: CommandContext,
  id: number,
  input: { outcome: 'held' | 'rebound'; finding?: string | null; version: number },
) {
  const lookback = await authorizeLookback(ctx, id, input.outcome === 'rebound' ? 'reopen' : 'supervise');
  const finding =
    input.outcome === 'rebound'
      ? requiredText(input.finding, 'finding', ORDER_LIMITS.content, '回头看发现的问题')
      : input.finding?.trim() || null;
  if (finding && finding.length > ORDER_LIMITS.content) {
    bad('finding', 'finding_too_long', { max: ORDER_LIMITS.content });
  }
  if (lookback.status !== 'scheduled') {
    throw appError('lookback_recorded');
  }
  const result = { status: input.outcome, finding, recordedBy: ctx.actor.id, recordedOn: today(ctx) };
  await change(ctx, async (u) => {
    const patch = await patchLookback(u.trx, id, input.version, result, ctx.now());
    await u.audit({
      action: `lookback.${input.outcome}`,
      entity: 'lookback',
      entityId: id,
      before: { status: lookback.status },
      after: patch,
    });
    if (input.outcome === 'rebound') {
      const item = await getItemRecord(u.trx, lookback.itemId);
      await applyTransition(ctx, u, item.id, { event: 'reopen', version: item.version, note: finding });
    }
  });
  return getLookback(ctx.db, id, today(ctx));
}

// ---- evaluations (整改评估)

export interface EvaluationInput {
  inspectionId: number;
  entries: ScoredEntry[];
  note?: string | null;
  /** The version read, when correcting an existing evaluation. */
  version?: number;
}

/** Scores an inspected unit's rectification (one evaluation per inspection, corrected in place with its version). */
export async function saveEvaluation(ctx: CommandContext, input: EvaluationInput): Promise<Evaluation> {
  await authorizeInspection(ctx, input.inspectionId, 'supervise');
  const note = input.note?.trim() || null;
  if (note && note.length > ORDER_LIMITS.content) {
    bad('note', 'note_too_long', { max: ORDER_LIMITS.content });
  }
  let result: ReturnType<typeof evaluate>;
  try {
    result = evaluate(input.entries.map((e) => ({ ...e, note: e.note?.trim() || null })));
  } catch (error) {
    if (error instanceof EvaluationError) {
      throw appErrorFrom(error, { fields: [{ field: error.field, message: error.code }] });
    }
    throw error;
  }
  const existing = await findEvaluationOf(ctx.db, input.inspectionId);
  if (existing && input.version === undefined) {
    throw appError('evaluation_exists', { currentVersion: existing.version });
  }
  // Issue 15, point 4: each entry records the deduction the ledger suggested (computed again now, never taken from the
  // client) beside the one given, and the final score weighs in the public's satisfaction when there are answers.
  const suggestions = new Map((await suggestionsFor(ctx, input.inspectionId)).map((x) => [x.key, x]));
  const entries = result.entries.map((e) => {
    const suggestion = suggestions.get(e.key);
    return {
      ...e,
      suggested: suggestion?.deduction ?? null,
      reasons: suggestion?.reasons.map((r) => r.text) ?? [],
    };
  });
  const satisfaction = await satisfactionOfInspection(ctx, input.inspectionId);
  const final = finalScore(result.score, satisfaction.score, ctx.config.satisfactionWeight);
  const values = {
    entries,
    note,
    score: final.score,
    grade: final.grade,
    evaluatedBy: ctx.actor.id,
    evaluatedOn: today(ctx),
    checklistScore: result.score,
    satisfactionScore: satisfaction.score,
    satisfactionAnswers: satisfaction.answers,
    satisfactionWeight: final.applied,
  };
  const parts = {
    checklistScore: result.score,
    satisfactionScore: satisfaction.score,
    satisfactionAnswers: satisfaction.answers,
    satisfactionWeight: final.applied,
  };
  await change(ctx, async ({ trx, audit }) => {
    // Two first saves at once: the second waits on the inspection's row and then finds the first's evaluation, so it
    // answers 409 evaluation_exists instead of failing on the one-evaluation-per-inspection index.
    await lockRow(trx, 'inspections', input.inspectionId);
    const raced = existing ? undefined : await findEvaluationOf(trx, input.inspectionId);
    if (raced) throw appError('evaluation_exists', { currentVersion: raced.version });
    if (existing) {
      await patchEvaluation(trx, existing.id, input.version as number, values, ctx.now());
      await audit({
        action: 'evaluation.update',
        entity: 'evaluation',
        entityId: existing.id,
        before: {
          score: existing.score,
          grade: existing.grade,
          entries: existing.entries,
          note: existing.note,
          checklistScore: existing.checklistScore,
          satisfactionScore: existing.satisfactionScore,
          satisfactionAnswers: existing.satisfactionAnswers,
          satisfactionWeight: existing.satisfactionWeight,
        },
        after: { score: final.score, grade: final.grade, entries, note, ...parts },
      });
    } else {
      const id = await insertEvaluation(trx, input.inspectionId, values);
      await audit({
        action: 'evaluation.create',
        entity: 'evaluation',
        entityId: id,
        after: {
          inspectionId: input.inspectionId,
          score: final.score,
          grade: final.grade,
          entries,
          note,
          ...parts,
        },
      });
    }
  });
  return (await findEvaluationOf(ctx.db, input.inspectionId)) as Evaluation;
}
