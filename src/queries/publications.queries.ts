import { type CommandContext, today } from '../context.ts';
import { EMPTY_WRITING, type NoticeWriting } from '../domain/notice-writing.ts';
import { type Publication, type PublicationView, publicationView, shownOnPortal } from '../domain/publication.ts';
import { buildDocument, renderDocument } from '../notices/generate/index.ts';
import { type LintFinding, lintNotice } from '../notices/lint.ts';
import { authorizeInspection, authorizePublication } from '../policies/authorize.ts';
import { readScope } from '../policies/policies.ts';
import { loadLedgerSnapshot } from '../repositories/ledger-snapshot.repository.ts';
import { findNoticeDraft } from '../repositories/notice-drafts.repository.ts';
import { findShownVersion, listShownVersions } from '../repositories/publication-versions.repository.ts';
import {
  findPublication,
  getPublicationBody,
  listPortalPublications,
  listPublications,
  type PublicationBody,
} from '../repositories/publications.repository.ts';

/** The portal has no actor: it reads with the database, the configuration and the clock alone. */
export type Clock = Pick<CommandContext, 'db' | 'config' | 'now'>;

export const withState = (ctx: Clock, p: Publication): PublicationView =>
  publicationView(p, today(ctx), ctx.config.publicExpiry);

/** The public notice exactly as it would go out now: its body (HTML fragment and text) and the linter's findings. */
export async function previewPublication(
  ctx: CommandContext,
  inspectionId: number,
  period?: { publicFrom: string; publicTo: string },
): Promise<{
  title: string;
  body: PublicationBody;
  findings: LintFinding[];
  writing: NoticeWriting;
}> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const [snapshot, draft] = await Promise.all([
    loadLedgerSnapshot(ctx.db, inspectionId, { publicOnly: true }),
    findNoticeDraft(ctx.db, inspectionId, 'notice'),
  ]);
  // The period chosen when publishing is the one the notice states, so the text and what the portal enforces agree.
  const writing: NoticeWriting = { ...(draft ?? EMPTY_WRITING), ...(period ?? {}) };
  const doc = buildDocument(snapshot, writing, { kind: 'notice', publicVersion: true, today: today(ctx) });
  const [html, text] = await Promise.all([renderDocument(doc, 'html'), renderDocument(doc, 'txt')]);
  const page = html.toString('utf8');
  // The portal wraps the generator's body in its own page (its own styles under a strict CSP), so only the body is kept.
  const fragment = page.slice(page.indexOf('<body>') + '<body>'.length, page.lastIndexOf('</body>')).trim();
  const textBody = text.toString('utf8');
  const findings = lintNotice(textBody, { itemTitles: snapshot.items.map((i) => i.title) });
  return {
    title: doc.title,
    body: { html: fragment, text: textBody },
    findings,
    writing,
  };
}

export async function listPublicationsFor(
  ctx: CommandContext,
  filter: { inspectionId?: number },
): Promise<PublicationView[]> {
  return (await listPublications(ctx.db, readScope(ctx.actor), filter)).map((p) => withState(ctx, p));
}

export async function getPublicationFor(ctx: CommandContext, id: number): Promise<PublicationView> {
  return withState(ctx, await authorizePublication(ctx, id, 'read', { counts: true }));
}

/** For the dashboards: publications currently public, and their comments. */
export async function publicationSummaryFor(
  ctx: CommandContext,
): Promise<{ published: number; comments: { total: number; open: number; handled: number } }> {
  const publications = await listPublicationsFor(ctx, {});
  let open = 0;
  let handled = 0;
  for (const p of publications) {
    open += p.comments.new + p.comments.answered;
    handled += p.comments.handled;
  }
  return {
    published: publications.filter((p) => p.state === 'public').length,
    comments: { total: open + handled, open, handled },
  };
}

// ---- the portal (no account: these take the database, the config and the clock, never an actor)

export interface PortalEntry extends PublicationView {}

/** The portal's list: notices in their public period, then archived ones. */
export async function portalList(ctx: Clock): Promise<{ current: PortalEntry[]; archived: PortalEntry[] }> {
  const all = (await listPortalPublications(ctx.db, today(ctx))).map((p) => withState(ctx, p));
  return { current: all.filter((p) => p.state === 'public'), archived: all.filter((p) => p.state === 'archived') };
}

/** A notice for the portal, or why it is not there: unknown (404) or no longer public (410). */
export async function portalNotice(
  ctx: Clock,
  id: number,
): Promise<
  | { found: PublicationView & { body: PublicationBody; history: PortalHistoryEntry[] } }
  | { missing: 'unknown' | 'gone' }
> {
  const p = await findPublication(ctx.db, id);
  if (!p) return { missing: 'unknown' };
  const view = withState(ctx, p);
  if (view.state === 'scheduled') return { missing: 'unknown' };
  if (!shownOnPortal(view.state)) return { missing: 'gone' };
  // Issue 15: the earlier texts of a corrected notice, newest first (the shown one is not repeated).
  const history =
    p.shownVersion > 1 ? (await listShownVersions(ctx.db, id)).filter((v) => v.number !== p.shownVersion) : [];
  return { found: { ...view, body: await getPublicationBody(ctx.db, id), history } };
}

/** An earlier text of a corrected notice, as published then: its number and the day it was published. */
export interface PortalHistoryEntry {
  number: number;
  title: string;
  publishedAt: string | null;
}

/**
 * Issue 15: one earlier text of a notice the portal shows, by its number; the same visibility as the notice itself
 * (a withdrawn or unknown notice has no history to show).
 */
export async function portalNoticeVersion(
  ctx: Clock,
  id: number,
  number: number,
): Promise<
  | { found: { notice: PublicationView; version: PortalHistoryEntry & { body: PublicationBody } } }
  | { missing: 'unknown' | 'gone' }
> {
  const result = await portalNotice(ctx, id);
  if ('missing' in result) return result;
  const version = await findShownVersion(ctx.db, id, number);
  if (!version || version.number === result.found.shownVersion) return { missing: 'unknown' };
  return { found: { notice: result.found, version } };
}
