import { randomUUID } from 'node:crypto';
import { type CommandContext, today } from '../context.ts';
import { addDays, isIsoDate } from '../domain/dates.ts';
import { EvaluationError, evaluate, type ScoredEntry } from '../domain/evaluation.ts';
import { DEFAULT_LOOKBACK_DAYS, ORDER_LIMITS, type OrderStatus } from '../domain/supervision.ts';
import { AppError } from '../errors.ts';
import { authorizeInspection, authorizeItem, authorizeLookback, authorizeOrder } from '../policies/authorize.ts';
import { canSupervise, isWithinActorTree } from '../policies/policies.ts';
import { getItemRecord, patchItem } from '../repositories/items.repository.ts';
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

function bad(code: string, field: string, zh: string, en: string): never {
  throw AppError.badRequest(code, `${zh} / ${en}`, { fields: [{ field, message: en }] });
}

function requiredText(value: string | null | undefined, field: string, max: number, zh: string): string {
  const text = value?.trim() ?? '';
  if (!text) bad('required', field, `请填写${zh}`, `${field} is required`);
  if (text.length > max)
    bad('too_long', field, `${zh}不能超过 ${max} 个字`, `${field} is longer than ${max} characters`);
  return text;
}

function checkDueOn(dueOn: string, ctx: CommandContext, field = 'dueOn') {
  if (!isIsoDate(dueOn)) bad('bad_date', field, '日期格式应为 YYYY-MM-DD', `${field} must be a date (YYYY-MM-DD)`);
  if (dueOn < today(ctx)) bad('due_in_past', field, '办理期限不能早于今天', `${field} must not be before today`);
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
    bad('targets_required', 'targets', '请选择至少一个督办对象', 'choose at least one unit or item');
  }
  if (input.targets.length > ORDER_LIMITS.targets) {
    bad('too_many_targets', 'targets', `一次最多督办 ${ORDER_LIMITS.targets} 个对象`, 'too many targets at once');
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
    if (seen.has(key)) bad('duplicate_target', field, '督办对象重复', 'the same target is listed twice');
    seen.add(key);
    const unit = await findUnit(ctx.db, target.unitId);
    if (!unit || !isWithinActorTree(ctx.actor, unit.path)) throw AppError.notFound('unit', target.unitId);
    if (!canSupervise(ctx.actor, unit.path)) throw AppError.forbidden();
    if (unit.kind !== 'unit') {
      bad(
        'not_inspected_unit',
        `${field}.unitId`,
        `“${unit.name}”不是被巡察单位`,
        'the target is not an inspected unit',
      );
    }
    if (itemId !== null) {
      await authorizeItem(ctx, itemId, 'read');
      const item = await getItemRecord(ctx.db, itemId);
      if (item.unit_id !== unit.id) {
        bad('item_outside_unit', `${field}.itemId`, '所选事项不属于该单位', 'the item belongs to another unit');
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
      });
      ids.push(id);
      await audit({ action: 'supervision_order.create', entity: 'supervision_order', entityId: id, after: row });
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

function requireStatus(order: SupervisionOrder, allowed: OrderStatus[], zh: string, en: string) {
  if (!allowed.includes(order.status)) {
    throw AppError.conflict('invalid_status', `${zh}（当前状态：${order.status}） / ${en} (status: ${order.status})`);
  }
}

async function moveOrder(
  ctx: CommandContext,
  order: SupervisionOrder,
  version: number,
  action: string,
  changes: OrderFields,
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
  requireStatus(
    order,
    ['open', 'returned'],
    '只有待办理或被退回的督办可以答复',
    'only an open or returned order can be answered',
  );
  return moveOrder(ctx, order, input.version, 'answer', {
    status: 'answered',
    answer,
    answeredBy: ctx.actor.id,
    answeredOn: today(ctx),
  });
}

export async function closeSupervisionOrder(ctx: CommandContext, id: number, input: { version: number }) {
  const order = await authorizeOrder(ctx, id, 'supervise');
  requireStatus(order, ['answered'], '只有已答复的督办可以办结', 'only an answered order can be closed');
  return moveOrder(ctx, order, input.version, 'close', { status: 'closed', closedOn: today(ctx) });
}

export async function returnSupervisionOrder(
  ctx: CommandContext,
  id: number,
  input: { reason: string; version: number },
) {
  const order = await authorizeOrder(ctx, id, 'supervise');
  const reason = requiredText(input.reason, 'reason', ORDER_LIMITS.reason, '退回理由');
  requireStatus(order, ['answered'], '只有已答复的督办可以退回', 'only an answered order can be returned');
  return moveOrder(ctx, order, input.version, 'return', { status: 'returned', returnReason: reason });
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
    bad('one_of', 'dueOn', '请只填写回头看日期或间隔天数之一', 'give either dueOn or afterDays, not both');
  }
  const item = await getItemRecord(ctx.db, itemId);
  if (item.state !== 'closed' || !item.closed_on) {
    throw AppError.conflict(
      'item_not_closed',
      '只有已销号的事项可以安排回头看 / only a closed item can have a look-back',
    );
  }
  const dueOn = input.dueOn ?? addDays(item.closed_on, input.afterDays ?? DEFAULT_LOOKBACK_DAYS);
  if (!isIsoDate(dueOn)) bad('bad_date', 'dueOn', '日期格式应为 YYYY-MM-DD', 'dueOn must be a date (YYYY-MM-DD)');
  if (dueOn < item.closed_on) {
    bad(
      'due_before_close',
      'dueOn',
      `回头看日期不能早于销号日期（${item.closed_on}）`,
      'dueOn must not precede the close-out',
    );
  }
  if (await findPendingLookback(ctx.db, itemId)) {
    throw AppError.conflict('lookback_pending', '该事项已有待开展的回头看 / the item already has a look-back pending');
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
    bad('too_long', 'finding', `说明不能超过 ${ORDER_LIMITS.content} 个字`, 'finding is too long');
  }
  if (lookback.status !== 'scheduled') {
    throw AppError.conflict('lookback_recorded', '该回头看已记录结果 / this look-back already has its result');
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
    bad('too_long', 'note', `评估说明不能超过 ${ORDER_LIMITS.content} 个字`, 'note is too long');
  }
  let result: ReturnType<typeof evaluate>;
  try {
    result = evaluate(input.entries.map((e) => ({ ...e, note: e.note?.trim() || null })));
  } catch (error) {
    if (error instanceof EvaluationError) {
      throw AppError.badRequest(error.code, error.message, { fields: [{ field: error.field, message: error.code }] });
    }
    throw error;
  }
  const existing = await findEvaluationOf(ctx.db, input.inspectionId);
  if (existing && input.version === undefined) {
    throw AppError.conflict(
      'evaluation_exists',
      '该单位已评估，请在现有评估上修改 / this unit is already evaluated; edit that evaluation',
      { currentVersion: existing.version },
    );
  }
  const values = {
    entries: result.entries,
    note,
    score: result.score,
    grade: result.grade,
    evaluatedBy: ctx.actor.id,
    evaluatedOn: today(ctx),
  };
  await change(ctx, async ({ trx, audit }) => {
    if (existing) {
      await patchEvaluation(trx, existing.id, input.version as number, values, ctx.now());
      await audit({
        action: 'evaluation.update',
        entity: 'evaluation',
        entityId: existing.id,
        before: { score: existing.score, grade: existing.grade, entries: existing.entries, note: existing.note },
        after: { score: result.score, grade: result.grade, entries: result.entries, note },
      });
    } else {
      const id = await insertEvaluation(trx, input.inspectionId, values);
      await audit({
        action: 'evaluation.create',
        entity: 'evaluation',
        entityId: id,
        after: {
          inspectionId: input.inspectionId,
          score: result.score,
          grade: result.grade,
          entries: result.entries,
          note,
        },
      });
    }
  });
  return (await findEvaluationOf(ctx.db, input.inspectionId)) as Evaluation;
}
