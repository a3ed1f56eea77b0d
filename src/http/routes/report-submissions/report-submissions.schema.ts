import { Type } from 'typebox';
import { nullable } from '../../schemas.ts';

export const reportSubmissionSchema = Type.Object({
  id: Type.Integer(),
  inspectionId: Type.Integer(),
  submittedOn: Type.String(),
  docNumber: Type.String({ description: '文号 as written, e.g. 〔2026〕12号' }),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  note: nullable(Type.String()),
  recordedBy: Type.Integer(),
  recordedByName: nullable(Type.String()),
  recordedAt: Type.String(),
  supersededAt: nullable(Type.String()),
});

export const inspectionReportResponse = Type.Object({
  current: nullable(reportSubmissionSchema),
  history: Type.Array(reportSubmissionSchema, { description: 'the corrected records, newest first' }),
});

export const recordedResponse = Type.Object({ id: Type.Integer(), replaced: nullable(Type.Integer()) });
