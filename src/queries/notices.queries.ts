import { type CommandContext, today } from '../context.ts';
import type { WorkLogKind } from '../domain/inspection.ts';
import { type DocumentKind, EMPTY_WRITING, type NoticeWriting, ORGANISING_KINDS } from '../domain/notice-writing.ts';
import { buildDocument, type GeneratedDocument, renderDocument } from '../notices/generate/index.ts';
import { type LintFinding, lintNotice } from '../notices/lint.ts';
import { authorizeInspection } from '../policies/authorize.ts';
import { listWorkLog } from '../repositories/inspections.repository.ts';
import { loadLedgerSnapshot } from '../repositories/ledger-snapshot.repository.ts';
import { findNoticeDraft, type NoticeDraft } from '../repositories/notice-drafts.repository.ts';

// What the unit wrote for its notice and reports, and the documents generated from it and the ledger.

export interface DraftView extends NoticeWriting {
  kind: DocumentKind;
  /** 0 when nothing has been saved yet: the first save inserts. */
  version: number;
  updatedAt: string | null;
  /** Facts from the ledger the unit may cite in 一、 (its leading group, meetings held), oldest first. */
  suggestions: { facts: { kind: WorkLogKind; heldOn: string; title: string; note: string | null }[] };
}

function writingOf(draft: NoticeDraft | null): NoticeWriting {
  if (!draft) return EMPTY_WRITING;
  return {
    issuer: draft.issuer,
    issuedOn: draft.issuedOn,
    asOf: draft.asOf,
    organising: draft.organising,
    nextSteps: draft.nextSteps,
    publicFrom: draft.publicFrom,
    publicTo: draft.publicTo,
    contacts: draft.contacts,
    addressee: draft.addressee,
    signatory: draft.signatory,
  };
}

export async function getNoticeDraft(
  ctx: CommandContext,
  inspectionId: number,
  kind: DocumentKind,
): Promise<DraftView> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const [draft, workLog] = await Promise.all([
    findNoticeDraft(ctx.db, inspectionId, kind),
    listWorkLog(ctx.db, inspectionId),
  ]);
  const facts = workLog
    .filter((w) => ORGANISING_KINDS.includes(w.kind))
    .map((w) => ({ kind: w.kind, heldOn: w.heldOn, title: w.title, note: w.note }));
  const writing = writingOf(draft);
  return {
    kind,
    ...writing,
    version: draft?.version ?? 0,
    updatedAt: draft?.updatedAt ?? null,
    suggestions: { facts },
  };
}

/**
 * A notice or report generated from the ledger and the saved draft. The public notice is open to whoever may read the
 * inspection (departments and supervisors included); reports and the notice with its 不宜公开 items are internal.
 */
export async function generateDocument(
  ctx: CommandContext,
  inspectionId: number,
  kind: DocumentKind,
  options: { publicVersion: boolean },
): Promise<GeneratedDocument> {
  const publicVersion = kind === 'notice' && options.publicVersion;
  await authorizeInspection(ctx, inspectionId, publicVersion ? 'read' : 'readInternal');
  const [snapshot, draft] = await Promise.all([
    loadLedgerSnapshot(ctx.db, inspectionId, { publicOnly: publicVersion }),
    findNoticeDraft(ctx.db, inspectionId, kind),
  ]);
  return buildDocument(snapshot, writingOf(draft), { kind, publicVersion, today: today(ctx) });
}

/** Lints the public notice as it would be published, against the public items of the ledger it came from. */
export async function lintGeneratedNotice(ctx: CommandContext, inspectionId: number): Promise<LintFinding[]> {
  await authorizeInspection(ctx, inspectionId, 'read');
  const [snapshot, draft] = await Promise.all([
    loadLedgerSnapshot(ctx.db, inspectionId, { publicOnly: true }),
    findNoticeDraft(ctx.db, inspectionId, 'notice'),
  ]);
  const doc = buildDocument(snapshot, writingOf(draft), { kind: 'notice', publicVersion: true, today: today(ctx) });
  const text = (await renderDocument(doc, 'txt')).toString('utf8');
  return lintNotice(text, { itemTitles: snapshot.items.map((i) => i.title) });
}
