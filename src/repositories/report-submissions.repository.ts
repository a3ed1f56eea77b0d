import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ReportSubmissionTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** Issue 15 (报送): an inspection's 整改情况报告 recorded as submitted; superseded rows are its corrections' history. */
export interface ReportSubmission {
  id: number;
  inspectionId: number;
  submittedOn: string;
  docNumber: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  note: string | null;
  recordedBy: number;
  recordedByName: string | null;
  recordedAt: string;
  supersededAt: string | null;
  supersededBy: number | null;
}

type Row = Selectable<ReportSubmissionTable> & { recorded_by_name: string | null };

const toSubmission = (r: Row): ReportSubmission => ({
  id: r.id,
  inspectionId: r.inspection_id,
  submittedOn: r.submitted_on,
  docNumber: r.doc_number,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  note: r.note,
  recordedBy: r.recorded_by,
  recordedByName: r.recorded_by_name,
  recordedAt: r.recorded_at,
  supersededAt: r.superseded_at,
  supersededBy: r.superseded_by,
});

const selectSubmissions = (db: Db) =>
  db
    .selectFrom('report_submissions as s')
    .leftJoin('users as u', 'u.id', 's.recorded_by')
    .selectAll('s')
    .select('u.display_name as recorded_by_name');

/** Every submission of the inspection, the current one first, then the corrected ones newest first. */
export async function listReportSubmissions(db: Db, inspectionId: number): Promise<ReportSubmission[]> {
  const rows = await selectSubmissions(db)
    .where('s.inspection_id', '=', inspectionId)
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map(toSubmission);
}

export async function getReportSubmission(db: Db, id: number): Promise<ReportSubmission> {
  const row = await selectSubmissions(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('report_submission', id);
  return toSubmission(row);
}

export async function currentReportSubmission(db: Db, inspectionId: number): Promise<ReportSubmission | null> {
  const row = await selectSubmissions(db)
    .where('s.inspection_id', '=', inspectionId)
    .where('s.superseded_at', 'is', null)
    .executeTakeFirst();
  return row ? toSubmission(row) : null;
}

export interface ReportSubmissionInput {
  inspectionId: number;
  submittedOn: string;
  docNumber: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  note: string | null;
  recordedBy: number;
}

/** Records a submission; the one it corrects (if any) is marked superseded by it in the same transaction. */
export async function insertReportSubmission(
  trx: Db,
  input: ReportSubmissionInput,
  replaces: number | null,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  if (replaces !== null) {
    // Marked first: the unique index allows one current row per inspection.
    await trx.updateTable('report_submissions').set({ superseded_at: at }).where('id', '=', replaces).execute();
  }
  const { id } = await trx
    .insertInto('report_submissions')
    .values({
      inspection_id: input.inspectionId,
      submitted_on: input.submittedOn,
      doc_number: input.docNumber,
      file_name: input.fileName,
      content_type: input.contentType,
      size_bytes: input.sizeBytes,
      sha256: input.sha256,
      note: input.note,
      recorded_by: input.recordedBy,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (replaces !== null) {
    await trx.updateTable('report_submissions').set({ superseded_by: id }).where('id', '=', replaces).execute();
  }
  return id;
}

/** The round's inspections with their current submission (or none): who has and has not submitted. */
export interface RoundReportStatus {
  inspectionId: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  feedbackOn: string | null;
  reportDueOn: string | null;
  submission: { id: number; submittedOn: string; docNumber: string; fileName: string; recordedAt: string } | null;
}

export async function roundReportStatuses(db: Db, roundId: number): Promise<RoundReportStatus[]> {
  const rows = await db
    .selectFrom('inspections as n')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('report_submissions as s', (j) =>
      j.onRef('s.inspection_id', '=', 'n.id').on('s.superseded_at', 'is', null),
    )
    .select([
      'n.id as inspection_id',
      'n.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'n.feedback_on',
      'n.report_due_on',
      's.id as submission_id',
      's.submitted_on',
      's.doc_number',
      's.file_name',
      's.recorded_at',
    ])
    .where('n.round_id', '=', roundId)
    .orderBy('u.path')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({
    inspectionId: r.inspection_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    feedbackOn: r.feedback_on,
    reportDueOn: r.report_due_on,
    submission:
      r.submission_id === null
        ? null
        : {
            id: r.submission_id,
            submittedOn: r.submitted_on as string,
            docNumber: r.doc_number as string,
            fileName: r.file_name as string,
            recordedAt: r.recorded_at as string,
          },
  }));
}
