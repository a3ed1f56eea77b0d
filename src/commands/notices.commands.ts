import type { CommandContext } from '../context.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { checkWritingDates, type DocumentKind, type NoticeWriting } from '../domain/notice-writing.ts';
import { appError } from '../errors.ts';
import { authorizeInspection } from '../policies/authorize.ts';
import { findNoticeDraft, insertNoticeDraft, updateNoticeDraft } from '../repositories/notice-drafts.repository.ts';
import { change } from './context.ts';

/** Saves what the unit wrote at the version it read (0: the first save); a stale version gets 409 and changes nothing. */
export async function saveNoticeDraft(
  ctx: CommandContext,
  inspectionId: number,
  kind: DocumentKind,
  version: number,
  writing: NoticeWriting,
): Promise<{ version: number }> {
  const inspection = await authorizeInspection(ctx, inspectionId, 'editNotice');
  const fields = checkWritingDates(writing, inspection.feedbackOn);
  if (fields.length > 0) {
    throw appError('notice_date_order', { fields });
  }
  const stale = (current: number) =>
    appError(
      'stale_draft',
      { currentVersion: current, yourVersion: version },
      { currentVersion: current, yourVersion: version },
    );
  try {
    return await change(ctx, async ({ trx, audit }) => {
      const before = await findNoticeDraft(trx, inspectionId, kind);
      if (before === null && version !== 0) throw stale(0);
      if (before !== null && version === 0) throw stale(before.version);
      if (before === null) {
        const id = await insertNoticeDraft(trx, inspectionId, kind, writing, ctx.now());
        await audit({
          action: 'notice_draft.create',
          entity: 'notice_draft',
          entityId: id,
          after: { kind, ...writing },
        });
        return { version: 1 };
      }
      await updateNoticeDraft(trx, before.id, version, writing, ctx.now());
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
