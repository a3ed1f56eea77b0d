import type { CommandContext } from '../context.ts';
import { MAX_VIEWS_PER_PAGE, type ViewPage } from '../domain/views.ts';
import { AppError, appError } from '../errors.ts';
import {
  countViews,
  deleteView,
  findOwnView,
  findViewByName,
  insertView,
  replaceViewState,
  type SavedView,
} from '../repositories/views.repository.ts';
import { change } from './context.ts';

/**
 * Saves the actor's view under a name; saving again under the same name replaces what it shows, which is how a
 * person updates a view. Views are private: every read and write is narrowed to the actor's own.
 */
export function saveView(
  ctx: CommandContext,
  input: { page: ViewPage; name: string; state: Record<string, unknown> },
): Promise<{ view: SavedView; created: boolean }> {
  const name = input.name.trim();
  if (!name) throw appError('view_name_required', { fields: ['name'] });
  return change(ctx, async ({ trx, audit }) => {
    const existing = await findViewByName(trx, ctx.actor.id, input.page, name);
    if (existing) {
      const view = await replaceViewState(trx, existing.id, input.state, ctx.now());
      await audit({ action: 'view.update', entity: 'saved_view', entityId: view.id, before: existing, after: view });
      return { view, created: false };
    }
    if ((await countViews(trx, ctx.actor.id, input.page)) >= MAX_VIEWS_PER_PAGE)
      throw appError('too_many_views', { limit: MAX_VIEWS_PER_PAGE }, { limit: MAX_VIEWS_PER_PAGE });
    const view = await insertView(trx, ctx.actor.id, { ...input, name }, ctx.now());
    await audit({ action: 'view.create', entity: 'saved_view', entityId: view.id, after: view });
    return { view, created: true };
  });
}

export function removeView(ctx: CommandContext, id: number): Promise<void> {
  return change(ctx, async ({ trx, audit }) => {
    const view = await findOwnView(trx, ctx.actor.id, id);
    if (!view) throw AppError.notFound('saved_view', id);
    await deleteView(trx, id);
    await audit({ action: 'view.delete', entity: 'saved_view', entityId: id, before: view });
  });
}
