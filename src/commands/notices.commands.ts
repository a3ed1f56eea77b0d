import { type CommandContext, today } from '../context.ts';
import { isIsoDate } from '../domain/dates.ts';
import { type DocumentKind, EMPTY_WRITING, type NoticeWriting } from '../domain/notice-writing.ts';
import { AppError } from '../errors.ts';
import { buildDocument, type GeneratedDocument, renderDocument } from '../notices/generate/index.ts';
import { type LintFinding, lintNotice } from '../notices/lint.ts';
import {
  canEditNotice,
  canReadInspection,
  canReadInternalDocuments,
  type ScopedResource,
} from '../policies/policies.ts';
import {
  getInspection,
  type Inspection,
  listWorkLog,
  type WorkLogKind,
} from '../repositories/inspections.repository.ts';
import { loadLedgerSnapshot } from '../repositories/ledger-snapshot.repository.ts';
import {
  findNoticeDraft,
  insertNoticeDraft,
  type NoticeDraft,
  updateNoticeDraft,
} from '../repositories/notice-drafts.repository.ts';
import { change } from './context.ts';

export type DocumentAccess = 'read' | 'edit' | 'internal';

/**
 * 404 when the actor may not see the inspection at all; 403 when they may see it but not do this: edit what the unit
 * writes, or read an internal document (a report, or the notice with its 不宜公开 items).
 */
export async function authorizeDocument(
  ctx: CommandContext,
  inspectionId: number,
  access: DocumentAccess,
): Promise<Inspection> {
  const inspection = await getInspection(ctx.db, inspectionId);
  const scope: ScopedResource = { unitPath: inspection.unitPath, teamId: inspection.teamId, departmentPaths: [] };
  if (!canReadInspection(ctx.actor, scope)) throw AppError.notFound('inspection', inspectionId);
  if (access === 'edit' && !canEditNotice(ctx.actor, scope)) throw AppError.forbidden();
  if (access === 'internal' && !canReadInternalDocuments(ctx.actor, scope)) {
    throw AppError.forbidden(
      '内部文件仅限被巡察单位、巡察办和巡察组查看 / internal documents are for the unit, the office and the team only',
    );
  }
  return inspection;
}

/** The work log entries the unit's account of organising the work (一、) usually cites. */
const ORGANISING_KINDS: WorkLogKind[] = [
  'leading_group',
  'deployment_meeting',
  'progress_meeting',
  'democratic_life_meeting',
  'study_session',
  'check_visit',
];

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
  await authorizeDocument(ctx, inspectionId, 'read');
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

/** The order PRODUCT.md sets: feedback ≤ as-of ≤ notice date ≤ period start < period end. */
export function checkWritingDates(w: NoticeWriting, feedbackOn: string | null): { field: string; message: string }[] {
  const fields: { field: string; message: string }[] = [];
  for (const field of ['issuedOn', 'asOf', 'publicFrom', 'publicTo'] as const) {
    const value = w[field];
    if (value !== null && !isIsoDate(value)) fields.push({ field, message: 'must be a valid date YYYY-MM-DD' });
  }
  if (fields.length > 0) return fields;
  if (w.publicFrom && w.publicTo && w.publicTo <= w.publicFrom) {
    fields.push({ field: 'publicTo', message: `must be after ${w.publicFrom}` });
  }
  if (feedbackOn && w.issuedOn && w.issuedOn < feedbackOn) {
    fields.push({ field: 'issuedOn', message: `must be on or after the feedback date ${feedbackOn}` });
  }
  if (feedbackOn && w.asOf && w.asOf < feedbackOn) {
    fields.push({ field: 'asOf', message: `must be on or after the feedback date ${feedbackOn}` });
  }
  if (w.asOf && w.issuedOn && w.asOf > w.issuedOn) {
    fields.push({ field: 'asOf', message: `must be on or before the issue date ${w.issuedOn}` });
  }
  if (w.issuedOn && w.publicFrom && w.publicFrom < w.issuedOn) {
    fields.push({ field: 'publicFrom', message: `must be on or after the issue date ${w.issuedOn}` });
  }
  return fields;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Saves what the unit wrote at the version it read (0: the first save); a stale version gets 409 and changes nothing. */
export async function saveNoticeDraft(
  ctx: CommandContext,
  inspectionId: number,
  kind: DocumentKind,
  version: number,
  writing: NoticeWriting,
): Promise<{ version: number }> {
  const inspection = await authorizeDocument(ctx, inspectionId, 'edit');
  const fields = checkWritingDates(writing, inspection.feedbackOn);
  if (fields.length > 0) {
    throw AppError.badRequest(
      'date_order',
      '日期无效或先后不对：反馈 ≤ 截至日期 ≤ 成文日期 ≤ 公开开始 < 公开结束 / dates are invalid or out of order',
      { fields },
    );
  }
  const stale = (current: number) =>
    AppError.conflict(
      'stale_version',
      `草稿已被他人修改（当前版本 ${current}，您提交的是 ${version}），请刷新后重试 / the draft was changed by someone else; reload and try again`,
      { currentVersion: current, yourVersion: version },
    );
  try {
    return await change(ctx, async ({ trx, audit }) => {
      const before = await findNoticeDraft(trx, inspectionId, kind);
      if (before === null && version !== 0) throw stale(0);
      if (before !== null && version === 0) throw stale(before.version);
      if (before === null) {
        const id = await insertNoticeDraft(trx, inspectionId, kind, writing);
        await audit({
          action: 'notice_draft.create',
          entity: 'notice_draft',
          entityId: id,
          after: { kind, ...writing },
        });
        return { version: 1 };
      }
      await updateNoticeDraft(trx, before.id, version, writing);
      const { id: _id, inspectionId: _i, version: _v, updatedAt: _u, ...shown } = before;
      await audit({
        action: 'notice_draft.update',
        entity: 'notice_draft',
        entityId: before.id,
        before: shown,
        after: { kind, ...writing },
      });
      return { version: version + 1 };
    });
  } catch (error) {
    // Two first saves at once: the database's unique (inspection, kind) refuses the second.
    if (isUniqueViolation(error)) throw stale(1);
    throw error;
  }
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
  await authorizeDocument(ctx, inspectionId, publicVersion ? 'read' : 'internal');
  const [snapshot, draft] = await Promise.all([
    loadLedgerSnapshot(ctx.db, inspectionId, { publicOnly: publicVersion }),
    findNoticeDraft(ctx.db, inspectionId, kind),
  ]);
  return buildDocument(snapshot, writingOf(draft), { kind, publicVersion, today: today(ctx) });
}

/** Lints the public notice as it would be published, against the public items of the ledger it came from. */
export async function lintGeneratedNotice(ctx: CommandContext, inspectionId: number): Promise<LintFinding[]> {
  await authorizeDocument(ctx, inspectionId, 'read');
  const [snapshot, draft] = await Promise.all([
    loadLedgerSnapshot(ctx.db, inspectionId, { publicOnly: true }),
    findNoticeDraft(ctx.db, inspectionId, 'notice'),
  ]);
  const doc = buildDocument(snapshot, writingOf(draft), { kind: 'notice', publicVersion: true, today: today(ctx) });
  const text = (await renderDocument(doc, 'txt')).toString('utf8');
  return lintNotice(text, { itemTitles: snapshot.items.map((i) => i.title) });
}
