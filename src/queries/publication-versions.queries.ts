import type { CommandContext } from '../context.ts';
import type { PublicationView } from '../domain/publication.ts';
import { type VersionEvent, type VersionState, versionEventsOpen } from '../domain/publication-workflow.ts';
import { authorizeInspection, authorizePublicationVersion } from '../policies/authorize.ts';
import {
  canEditNotice,
  publicationCapacities,
  readScope,
  type ScopedResource,
  versionStatesAwaiting,
} from '../policies/policies.ts';
import {
  currentPublicationOf,
  getVersionBody,
  listInspectionVersions,
  listOpenVersions,
  type PublicationVersion,
} from '../repositories/publication-versions.repository.ts';
import { getPublication } from '../repositories/publications.repository.ts';
import { withState } from './publications.queries.ts';

/** A version with the steps the reader may take on it now (the page's buttons, decided by the server's own rules). */
export interface PublicationVersionView extends PublicationVersion {
  events: VersionEvent[];
}

const scopeOf = (r: { unitPath: string; teamId: number }): ScopedResource => ({
  unitPath: r.unitPath,
  teamId: r.teamId,
  departmentPaths: [],
});

export function versionView(ctx: CommandContext, v: PublicationVersion): PublicationVersionView {
  const capacities = publicationCapacities(ctx.actor, scopeOf(v));
  const events = versionEventsOpen(
    { state: v.state, needsOffice: v.needsOffice, submittedBy: v.submittedBy, leaderApprovedBy: v.leaderBy },
    { id: ctx.actor.id, capacities },
  );
  return { ...v, events };
}

/**
 * An inspection's publishing at a glance: its current publication (what the portal shows, and whether it needs a
 * correction), the version on its way, every version (the history), and whether the reader may prepare a draft —
 * a correction when a publication is current.
 */
export async function inspectionPublishingFor(
  ctx: CommandContext,
  inspectionId: number,
): Promise<{
  current: PublicationView | null;
  open: PublicationVersionView | null;
  history: PublicationVersionView[];
  mayPrepare: boolean;
  prepares: 'first' | 'correction';
}> {
  const inspection = await authorizeInspection(ctx, inspectionId, 'read');
  const [versions, current] = await Promise.all([
    listInspectionVersions(ctx.db, inspectionId),
    currentPublicationOf(ctx.db, inspectionId),
  ]);
  const views = versions.map((v) => versionView(ctx, v));
  const openStates: VersionState[] = ['draft', 'submitted', 'approved', 'returned'];
  return {
    current: current ? withState(ctx, await getPublication(ctx.db, current.id)) : null,
    open: views.find((v) => openStates.includes(v.state)) ?? null,
    history: views,
    mayPrepare: canEditNotice(ctx.actor, scopeOf(inspection)) && !inspection.archived,
    prepares: current ? 'correction' : 'first',
  };
}

export async function versionFor(ctx: CommandContext, id: number): Promise<PublicationVersionView & { text: string }> {
  const v = await authorizePublicationVersion(ctx, id, 'read');
  return { ...versionView(ctx, v), text: (await getVersionBody(ctx.db, id)).text };
}

/**
 * The versions waiting for the reader's decision: a unit leader's those submitted in their unit, the office's those
 * the leader approved and the office must approve too. Oldest first (the home page's 待审批的公告).
 */
export async function awaitingVersionsFor(ctx: CommandContext): Promise<PublicationVersionView[]> {
  const states = versionStatesAwaiting(ctx.actor);
  if (states.length === 0) return [];
  const rows = await listOpenVersions(ctx.db, readScope(ctx.actor), states);
  return rows.map((v) => versionView(ctx, v)).filter((v) => v.events.some((e) => e.startsWith('approve')));
}
