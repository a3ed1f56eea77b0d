import { type CommandContext, today } from '../context.ts';
import { isIsoDate } from '../domain/dates.ts';
import { type PublicationView, publicationState } from '../domain/publication.ts';
import { appError } from '../errors.ts';
import { authorizeInspection, authorizePublication } from '../policies/authorize.ts';
import { previewPublication, withState } from '../queries/publications.queries.ts';
import {
  getPublication,
  insertPublication,
  listPublications,
  markWithdrawn,
} from '../repositories/publications.repository.ts';
import { change } from './context.ts';

/**
 * Publishes the public notice as generated now with the given public period, frozen. Refused while the linter finds errors
 * in that text, or while another publication of the inspection is current.
 */
export async function publishNotice(
  ctx: CommandContext,
  inspectionId: number,
  period: { publicFrom: string; publicTo: string },
): Promise<PublicationView> {
  const inspection = await authorizeInspection(ctx, inspectionId, 'editNotice');
  const fields: { field: string; message: string }[] = [];
  for (const field of ['publicFrom', 'publicTo'] as const) {
    if (!isIsoDate(period[field])) fields.push({ field, message: 'must be a valid date YYYY-MM-DD' });
  }
  if (fields.length === 0 && period.publicTo <= period.publicFrom)
    fields.push({ field: 'publicTo', message: `must be after ${period.publicFrom}` });
  if (fields.length === 0 && period.publicTo < today(ctx))
    fields.push({ field: 'publicTo', message: `must not be in the past (today is ${today(ctx)})` });
  if (fields.length > 0) throw appError('bad_period', { fields });
  const preview = await previewPublication(ctx, inspectionId, period);
  const errors = preview.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw appError('lint_failed', { errors: errors.length }, { findings: preview.findings });
  }
  const contacts = preview.writing.contacts;
  const at = ctx.now().toISOString();
  const id = await change(ctx, async ({ trx, audit }) => {
    const current = (await listPublications(trx, { kind: 'subtree', path: '/' }, { inspectionId })).find((p) => {
      const state = publicationState(p, today(ctx), ctx.config.publicExpiry);
      return state === 'public' || state === 'scheduled';
    });
    if (current) {
      throw appError('already_published', { publicationId: current.id });
    }
    const newId = await insertPublication(trx, {
      inspectionId,
      title: preview.title,
      body: preview.body,
      publicFrom: period.publicFrom,
      publicTo: period.publicTo,
      contacts,
      publishedBy: ctx.actor.id,
      publishedAt: at,
    });
    await audit({
      action: 'publication.publish',
      entity: 'publication',
      entityId: newId,
      after: { inspectionId, unit: inspection.unitName, title: preview.title, ...period },
    });
    return newId;
  });
  return withState(ctx, await getPublication(ctx.db, id));
}

export async function withdrawPublication(ctx: CommandContext, id: number, version: number): Promise<PublicationView> {
  const p = await authorizePublication(ctx, id, 'editNotice');
  if (p.status === 'withdrawn') throw appError('already_withdrawn');
  await change(ctx, async ({ trx, audit }) => {
    await markWithdrawn(trx, id, version, ctx.actor.id, ctx.now());
    await audit({
      action: 'publication.withdraw',
      entity: 'publication',
      entityId: id,
      before: { status: p.status, state: withState(ctx, p).state },
      after: { status: 'withdrawn' },
    });
  });
  return withState(ctx, await getPublication(ctx.db, id));
}
