import type { CommandContext } from '../context.ts';
import { acceptsNewMeasures } from '../domain/measure.ts';
import { AppError, appError } from '../errors.ts';
import { authorizeLoadedItems } from '../policies/authorize.ts';
import { insertMeasure, nextMeasureSortOrder, patchMeasure } from '../repositories/item-parts.repository.ts';
import { departmentPathsOfItems, loadItemScopes, loadMeasureScopes } from '../repositories/plan.repository.ts';
import { change } from './context.ts';
import { checkMeasureOwners, type MeasureChanges } from './measure-owners.ts';

export type { MeasureChanges };

/**
 * The same owner, deadline or kind for many measures at once: every measure is checked (rights, versions, dates,
 * department and person inside its inspected unit) before anything is written, then all are saved in one transaction
 * with one audit event each, so the plan never ends up half-assigned.
 */
export async function bulkUpdateMeasures(
  ctx: CommandContext,
  input: { measureIds: number[]; changes: MeasureChanges; versions: Record<string, number> },
) {
  const ids = [...new Set(input.measureIds)];
  const missingVersion = ids.filter((id) => input.versions[String(id)] === undefined);
  if (missingVersion.length > 0) {
    throw appError('version_required', { measureIds: missingVersion }, { measureIds: missingVersion });
  }
  const rows = await loadMeasureScopes(ctx.db, ids);
  const found = new Set(rows.map((r) => r.id));
  const unknown = ids.find((id) => !found.has(id));
  if (unknown !== undefined) throw AppError.notFound('measure', unknown);

  const pathsOfItem = await departmentPathsOfItems(ctx.db, [...new Set(rows.map((r) => r.item_id))]);
  authorizeLoadedItems(
    ctx,
    'measure',
    rows.map((r) => ({
      id: r.id,
      scope: { unitPath: r.unit_path, teamId: r.team_id, departmentPaths: pathsOfItem.get(r.item_id) ?? [] },
      archived: r.round_archived_at !== null,
    })),
    'editPlan',
  );

  const changes = await checkMeasureOwners(
    ctx,
    rows.map((r) => ({ unitPath: r.unit_path, feedbackOn: r.feedback_on })),
    input.changes,
  );

  const stale = rows.filter((r) => r.version !== input.versions[String(r.id)]).map((r) => r.id);
  if (stale.length > 0) {
    throw appError('stale_measures', { count: stale.length }, { measureIds: stale });
  }

  await change(ctx, async ({ trx, audit }) => {
    for (const r of rows) {
      const patch = await patchMeasure(trx, r.id, r.version, changes, ctx.now());
      const before = Object.fromEntries(Object.keys(patch).map((c) => [c, (r as Record<string, unknown>)[c]]));
      await audit({ action: 'measure.bulk_update', entity: 'measure', entityId: r.id, before, after: patch });
    }
  });
  return { updated: rows.length };
}

export interface NewMeasure extends MeasureChanges {
  content: string;
}

/**
 * One measure written once and added to several items (a common 举一反三 clause): all items are checked before any
 * measure is inserted, in one transaction with one audit event per measure.
 */
export async function addMeasureToItems(ctx: CommandContext, input: { itemIds: number[]; measure: NewMeasure }) {
  const ids = [...new Set(input.itemIds)];
  const rows = await loadItemScopes(ctx.db, ids);
  const found = new Set(rows.map((r) => r.id));
  const unknown = ids.find((id) => !found.has(id));
  if (unknown !== undefined) throw AppError.notFound('item', unknown);
  const pathsOfItem = await departmentPathsOfItems(ctx.db, ids);
  authorizeLoadedItems(
    ctx,
    'item',
    rows.map((r) => ({
      id: r.id,
      scope: { unitPath: r.unit_path, teamId: r.team_id, departmentPaths: pathsOfItem.get(r.id) ?? [] },
      archived: r.round_archived_at !== null,
    })),
    'editPlan',
  );
  const closed = rows.find((r) => !acceptsNewMeasures(r.state));
  if (closed) throw appError('measure_on_closed_item', { itemId: closed.id }, { itemIds: [closed.id] });
  const { content, ...owners } = input.measure;
  const checked = await checkMeasureOwners(
    ctx,
    rows.map((r) => ({ unitPath: r.unit_path, feedbackOn: r.feedback_on })),
    owners,
  );
  const measure = {
    content: content.trim(),
    kind: checked.kind ?? 'deadline',
    responsibleLeader: checked.responsibleLeader ?? null,
    departmentId: checked.departmentId ?? null,
    responsiblePersonId: checked.responsiblePersonId ?? null,
    responsiblePersonName: checked.responsiblePersonName ?? null,
    deadline: checked.deadline ?? null,
  };
  if (!measure.content) {
    throw appError('measure_content_required', { fields: [{ field: 'measure.content', message: 'required' }] });
  }
  return change(ctx, async ({ trx, audit }) => {
    const created: number[] = [];
    for (const itemId of ids) {
      const id = await insertMeasure(trx, itemId, await nextMeasureSortOrder(trx, itemId), measure, ctx.now());
      await audit({ action: 'measure.create', entity: 'measure', entityId: id, after: { itemId, ...measure } });
      created.push(id);
    }
    return { ids: created };
  });
}
