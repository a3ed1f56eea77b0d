import type { Readable } from 'node:stream';
import { type CommandContext, today } from '../context.ts';
import {
  isReportFileName,
  isSubmittedOn,
  normalizeDocNumber,
  submittedOnProblem,
} from '../domain/report-submission.ts';
import { appError } from '../errors.ts';
import { authorizeInspection } from '../policies/authorize.ts';
import { currentReportSubmission, insertReportSubmission } from '../repositories/report-submissions.repository.ts';
import { lockRow } from '../repositories/row-locks.ts';
import type { EvidenceStore } from '../storage/evidence-store.ts';
import { change } from './context.ts';

export interface ReportSubmissionFields {
  submittedOn: string;
  docNumber: string;
  note: string | null;
}

/**
 * Issue 15 (报送): records that the inspection's 整改情况报告 was submitted (the date, the 文号, the file), or corrects the
 * record: the new row replaces the current one, which stays as history, and the audit event holds both. Everything is
 * checked before the file is stored; the report's reminders stop at the next sweep (reminders.repository.ts).
 */
export async function recordReportSubmission(
  ctx: CommandContext,
  store: EvidenceStore,
  inspectionId: number,
  fields: ReportSubmissionFields,
  file: { fileName: string; stream: Readable },
): Promise<{ id: number; replaced: number | null }> {
  const refuse = (error: Error) => {
    file.stream.resume();
    return error;
  };
  let inspection: Awaited<ReturnType<typeof authorizeInspection>>;
  try {
    inspection = await authorizeInspection(ctx, inspectionId, 'recordReport');
  } catch (error) {
    throw refuse(error as Error);
  }
  if (!isSubmittedOn(fields.submittedOn))
    throw refuse(appError('report_submitted_on_format', { fields: [{ field: 'submittedOn' }] }));
  const problem = submittedOnProblem(fields.submittedOn, today(ctx), inspection.feedbackOn);
  if (problem?.key === 'report_submitted_on_future')
    throw refuse(appError(problem.key, { today: problem.today }, { fields: [{ field: 'submittedOn' }] }));
  if (problem?.key === 'report_submitted_before_feedback')
    throw refuse(appError(problem.key, { feedbackOn: problem.feedbackOn }, { fields: [{ field: 'submittedOn' }] }));
  const docNumber = normalizeDocNumber(fields.docNumber);
  if (docNumber === null) throw refuse(appError('report_doc_number_invalid', { fields: [{ field: 'docNumber' }] }));
  if (!isReportFileName(file.fileName)) throw refuse(appError('report_file_type', { fields: [{ field: 'file' }] }));
  const stored = await store.save(file.fileName, file.stream, ctx.config.maxUploadBytes);
  return change(ctx, async ({ trx, audit }) => {
    // Two records sent at once: the second waits here and then supersedes the first, as a correction would.
    await lockRow(trx, 'inspections', inspectionId);
    const current = await currentReportSubmission(trx, inspectionId);
    const values = {
      inspectionId,
      submittedOn: fields.submittedOn,
      docNumber,
      fileName: file.fileName,
      contentType: stored.contentType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      note: fields.note,
      recordedBy: ctx.actor.id,
    };
    const id = await insertReportSubmission(trx, values, current?.id ?? null, ctx.now());
    await audit({
      action: current ? 'report_submission.correct' : 'report_submission.create',
      entity: 'inspection',
      entityId: inspectionId,
      before: current
        ? {
            id: current.id,
            submittedOn: current.submittedOn,
            docNumber: current.docNumber,
            fileName: current.fileName,
            sha256: current.sha256,
          }
        : undefined,
      after: { id, ...values },
    });
    return { id, replaced: current?.id ?? null };
  });
}
