import { type CommandContext, today } from '../context.ts';
import { isIsoDate } from '../domain/dates.ts';
import { EMPTY_WRITING } from '../domain/notice-writing.ts';
import {
  draftPlan,
  VERSION_STATE_ZH,
  type VersionEvent,
  type VersionRefusal,
  versionStep,
} from '../domain/publication-workflow.ts';
import { appError } from '../errors.ts';
import { authorizeInspection, authorizePublicationVersion } from '../policies/authorize.ts';
import { publicationCapacities } from '../policies/policies.ts';
import { previewPublication } from '../queries/publications.queries.ts';
import { findNoticeDraft, insertNoticeDraft, updateNoticeDraft } from '../repositories/notice-drafts.repository.ts';
import {
  applyCorrection,
  currentPublicationOf,
  findOpenVersion,
  getVersion,
  getVersionBody,
  insertVersion,
  lastPublisherOf,
  markNeedsCorrection,
  nextVersionNumber,
  type PublicationVersion,
  patchVersion,
  supersedePublished,
} from '../repositories/publication-versions.repository.ts';
import { findPublication, insertPublication } from '../repositories/publications.repository.ts';
import { lockRow } from '../repositories/row-locks.ts';
import { change, type Unit } from './context.ts';
import { sendWorkflowMessage } from './messages.ts';

export interface PublicPeriod {
  publicFrom: string;
  publicTo: string;
}

/** The one public period of a notice: both days valid, the end after the start and not already past. */
export function checkPeriod(ctx: CommandContext, period: PublicPeriod): void {
  const fields: { field: string; message: string }[] = [];
  for (const field of ['publicFrom', 'publicTo'] as const) {
    if (!isIsoDate(period[field])) fields.push({ field, message: 'must be a valid date YYYY-MM-DD' });
  }
  if (fields.length === 0 && period.publicTo <= period.publicFrom)
    fields.push({ field: 'publicTo', message: `must be after ${period.publicFrom}` });
  if (fields.length === 0 && period.publicTo < today(ctx))
    fields.push({ field: 'publicTo', message: `must not be in the past (today is ${today(ctx)})` });
  if (fields.length > 0) throw appError('bad_period', { fields });
}

/**
 * The publisher freezes the public notice as generated now, with its one public period, as a draft: the first text of
 * a new address, or a correction of the inspection's current publication (same address). An open draft (or a returned
 * version) is replaced; a version under review refuses (409 publication_in_review). Refused while the linter finds
 * errors in the text, as publishing was.
 */
export async function prepareDraft(
  ctx: CommandContext,
  inspectionId: number,
  period: PublicPeriod,
): Promise<PublicationVersion> {
  const inspection = await authorizeInspection(ctx, inspectionId, 'editNotice');
  checkPeriod(ctx, period);
  const preview = await previewPublication(ctx, inspectionId, period);
  const errors = preview.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw appError('lint_failed', { errors: errors.length }, { findings: preview.findings });
  const now = ctx.now();
  const text = {
    title: preview.title,
    body: preview.body,
    publicFrom: period.publicFrom,
    publicTo: period.publicTo,
    contacts: preview.writing.contacts,
  };
  const id = await change(ctx, async ({ trx, audit }) => {
    // Two drafts at once: the second waits here and then replaces the first's (one open version per inspection).
    await lockRow(trx, 'inspections', inspectionId);
    const open = await findOpenVersion(trx, inspectionId);
    const current = await currentPublicationOf(trx, inspectionId);
    const plan = draftPlan(open, current);
    if ('refused' in plan) throw appError('publication_in_review');
    let versionId: number;
    if (plan.action === 'replace' && open) {
      versionId = open.id;
      await patchVersion(
        trx,
        open.id,
        open.version,
        {
          state: 'draft',
          title: text.title,
          bodyHtml: text.body.html,
          bodyText: text.body.text,
          publicFrom: text.publicFrom,
          publicTo: text.publicTo,
          contactsJson: JSON.stringify(text.contacts),
          preparedBy: ctx.actor.id,
          preparedAt: now.toISOString(),
          // What it corrects is decided afresh: a notice withdrawn since the draft was begun is no longer corrected.
          ...(open.publicationId !== (current?.id ?? null)
            ? { publicationId: current?.id ?? null, number: await nextVersionNumber(trx, current?.id ?? null) }
            : {}),
        },
        now,
      );
    } else {
      versionId = await insertVersion(
        trx,
        {
          ...text,
          inspectionId,
          publicationId: current?.id ?? null,
          number: await nextVersionNumber(trx, current?.id ?? null),
          preparedBy: ctx.actor.id,
        },
        now,
      );
    }
    // The one period: the notice's own writing takes the period the draft states, so every document of the inspection
    // (the notice's .docx, the preview, the portal) says the same dates and nobody sets them anywhere else.
    const writing = await findNoticeDraft(trx, inspectionId, 'notice');
    if (writing && (writing.publicFrom !== period.publicFrom || writing.publicTo !== period.publicTo))
      await updateNoticeDraft(trx, writing.id, writing.version, { ...writing, ...period }, now);
    else if (!writing) await insertNoticeDraft(trx, inspectionId, 'notice', { ...EMPTY_WRITING, ...period }, now);
    await audit({
      action: 'publication.draft',
      entity: 'publication_version',
      entityId: versionId,
      after: { inspectionId, unit: inspection.unitName, kind: plan.kind, title: text.title, ...period },
    });
    return versionId;
  });
  return getVersion(ctx.db, id);
}

function refuse(r: VersionRefusal): never {
  switch (r.code) {
    case 'role':
      throw appError('publication_step_role');
    case 'own':
      throw appError('publication_own_submission');
    case 'reason':
      throw appError('publication_return_reason', { fields: [{ field: 'reason', message: 'required' }] });
    case 'state':
      throw appError('publication_version_state', { state: VERSION_STATE_ZH[r.state] });
  }
}

/** The step an approval or a return is, by where the version waits: the leader's while submitted, else the office's. */
const stepOf = (v: PublicationVersion, verdict: 'approve' | 'return'): VersionEvent =>
  v.state === 'approved' ? (`${verdict}_office` as const) : (`${verdict}_unit` as const);

/**
 * One step of the workflow on a version read at `version`: submit (the publisher), approve or return (the leader, then
 * the office where it approves too). The last approval publishes: a first version makes the publication (the portal's
 * address), a correction replaces the shown text at the same address and supersedes the old one, kept for the history.
 * A stale version (two approvals at once) gets 409 and nothing changes.
 */
export async function stepPublicationVersion(
  ctx: CommandContext,
  versionId: number,
  action: 'submit' | 'approve' | 'return',
  input: { version: number; reason?: string | null },
): Promise<PublicationVersion> {
  const v = await authorizePublicationVersion(ctx, versionId, 'act');
  const event: VersionEvent = action === 'submit' ? 'submit' : stepOf(v, action);
  const capacities = publicationCapacities(ctx.actor, { unitPath: v.unitPath, teamId: v.teamId, departmentPaths: [] });
  const outcome = versionStep(
    { state: v.state, needsOffice: v.needsOffice, submittedBy: v.submittedBy, leaderApprovedBy: v.leaderBy },
    event,
    { id: ctx.actor.id, capacities },
    input.reason,
  );
  if (!outcome.ok) refuse(outcome.refusal);
  const now = ctx.now();
  const at = now.toISOString();
  const reason = input.reason?.trim() || null;
  await change(ctx, async (unit) => {
    const { trx, audit } = unit;
    const stamp =
      event === 'submit'
        ? {
            submittedBy: ctx.actor.id,
            submittedAt: at,
            needsOffice: ctx.config.publicationOfficeApproval ? 1 : 0,
            returnedBy: null,
            returnedAt: null,
            leaderBy: null,
            leaderAt: null,
            officeBy: null,
            officeAt: null,
          }
        : event === 'approve_unit'
          ? { leaderBy: ctx.actor.id, leaderAt: at }
          : event === 'approve_office'
            ? { officeBy: ctx.actor.id, officeAt: at }
            : { returnedBy: ctx.actor.id, returnedAt: at, returnReason: reason };
    await audit({
      action: `publication.${event}`,
      entity: 'publication_version',
      entityId: versionId,
      before: { state: v.state },
      after: { state: outcome.state, ...(reason && event.startsWith('return') ? { reason } : {}) },
    });
    if (outcome.publishes) {
      await publishVersion(ctx, unit, v, input.version, stamp);
    } else {
      await patchVersion(trx, versionId, input.version, { state: outcome.state, ...stamp }, now);
    }
    const requesterId = v.submittedBy ?? v.preparedBy;
    if (event === 'submit')
      await sendWorkflowMessage(trx, ctx, ctx.actor.id, { kind: 'publication_submitted', versionId });
    else if (outcome.state === 'approved')
      await sendWorkflowMessage(trx, ctx, ctx.actor.id, { kind: 'publication_office', versionId });
    else if (outcome.state === 'returned')
      await sendWorkflowMessage(trx, ctx, ctx.actor.id, {
        kind: 'publication_returned',
        versionId,
        requesterId,
        reason: reason ?? '',
      });
    else if (outcome.publishes)
      await sendWorkflowMessage(trx, ctx, ctx.actor.id, {
        kind: 'publication_published',
        versionId,
        requesterId,
        publicFrom: v.publicFrom,
      });
  });
  return getVersion(ctx.db, versionId);
}

async function publishVersion(
  ctx: CommandContext,
  { trx, audit }: Unit,
  v: PublicationVersion,
  version: number,
  stamp: Parameters<typeof patchVersion>[3],
): Promise<void> {
  const now = ctx.now();
  const at = now.toISOString();
  const body = await getVersionBody(trx, v.id);
  const text = { title: v.title, body, publicFrom: v.publicFrom, publicTo: v.publicTo, contacts: v.contacts };
  if (v.publicationId === null) {
    // The version row first: a second approval at the same moment fails here (409) before any publication is made.
    await patchVersion(trx, v.id, version, { state: 'published', publishedAt: at, ...stamp }, now);
    const publicationId = await insertPublication(trx, {
      inspectionId: v.inspectionId,
      ...text,
      publishedBy: v.submittedBy ?? v.preparedBy,
      publishedAt: at,
    });
    await patchVersion(trx, v.id, version + 1, { publicationId }, now);
    await audit({
      action: 'publication.publish',
      entity: 'publication',
      entityId: publicationId,
      after: { inspectionId: v.inspectionId, unit: v.unitName, title: v.title, version: v.number, ...periodOf(v) },
    });
    return;
  }
  // A correction of a notice withdrawn meanwhile would change a text nobody sees: it is returned and redrafted instead.
  if ((await findPublication(trx, v.publicationId))?.status === 'withdrawn') throw appError('already_withdrawn');
  await patchVersion(trx, v.id, version, { publishedAt: at, ...stamp }, now);
  await supersedePublished(trx, v.publicationId, now);
  await patchVersion(trx, v.id, version + 1, { state: 'published' }, now);
  await applyCorrection(trx, v.publicationId, { ...text, number: v.number, correctedOn: today(ctx) }, now);
  await audit({
    action: 'publication.correct',
    entity: 'publication',
    entityId: v.publicationId,
    after: { version: v.number, title: v.title, correctedOn: today(ctx), ...periodOf(v) },
  });
}

const periodOf = (v: PublicPeriod): PublicPeriod => ({ publicFrom: v.publicFrom, publicTo: v.publicTo });

/**
 * An item withheld (不宜公开) — or shown again — after its notice was published: the publications of its inspection are
 * marked as needing correction and their publisher is told, in the caller's transaction. The shown text stays as it is
 * until the correction is approved and published: the portal never changes silently.
 */
export async function flagPublishedNotices(
  ctx: CommandContext,
  { trx, audit }: Unit,
  inspectionId: number,
  reason: string,
): Promise<void> {
  const ids = await markNeedsCorrection(trx, inspectionId, reason, ctx.now());
  for (const publicationId of ids) {
    await audit({
      action: 'publication.needs_correction',
      entity: 'publication',
      entityId: publicationId,
      after: { reason },
    });
    await sendWorkflowMessage(trx, ctx, ctx.actor.id, {
      kind: 'publication_needs_correction',
      publicationId,
      requesterId: await lastPublisherOf(trx, publicationId),
      reason,
    });
  }
}
